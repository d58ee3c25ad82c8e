"""Does reading which treaty an issue asks to ratify find the States that ask for it?

Run ``python benchmarks/eval_treaties.py --sessions 9,10,11,12`` (validation)
or ``--sessions 13,14,15,16,17`` (test). For seven treaties and each review
of those sessions where two States or more asked the SuR to ratify (accede
to, sign) that treaty, the issue text is an NGO's ask to ratify it; the
relevant States are those that asked. Each ranking uses only the evidence
before the review's session. Prints NDCG@10 of the ranker, and of the same
ranker without the rule that an ask to join another instrument is not close
to the issue (``upr_targets.reference.instruments_in``), with the paired
gain and a bootstrap 95 % interval.
"""

from __future__ import annotations

import argparse
import contextlib
import warnings
from unittest import mock

import numpy as np
import pandas as pd
from _data import load_upr_info

import upr_targets
from upr_targets.reference._instruments import instruments_of

QUERIES = {
    "OPCAT": "Ratify the Optional Protocol to the Convention against Torture",
    "ROME": "Accede to the Rome Statute of the International Criminal Court",
    "ICPPED": "Ratify the International Convention for the Protection of All "
    "Persons from Enforced Disappearance",
    "OP-ICESCR": "Ratify the Optional Protocol to the International Covenant on "
    "Economic, Social and Cultural Rights",
    "ICCPR-OP2": "Ratify the Second Optional Protocol to the ICCPR aiming at the "
    "abolition of the death penalty",
    "ICMW": "Ratify the International Convention on the Protection of the Rights "
    "of All Migrant Workers",
    "CRPD": "Ratify the Convention on the Rights of Persons with Disabilities",
}


def ndcg10(ranked, relevant) -> float:
    gains = [1.0 if s in relevant else 0.0 for s in ranked[:10]]
    dcg = sum(g / np.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / np.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal


def _no_instruments(texts, joining=False):
    return [frozenset() for _ in texts]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="9,10,11,12")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore", upr_targets.UPRDataWarning)
    df = load_upr_info()
    sessions = [int(s) for s in args.sessions.split(",")]
    asks = pd.Series(instruments_of(df["text"], joining=True), index=df.index)
    ranker = upr_targets.TargetRanker().fit(df)
    rule_off = mock.patch("upr_targets._ranker_views.instruments_of", _no_instruments)
    scores = {"ranker": [], "without the treaty rule": []}
    for treaty, text in QUERIES.items():
        asked = df[asks.map(lambda s, t=treaty: t in s) & df["session"].isin(sessions)]
        for (sur, session), review in asked.groupby(["sur", "session"]):
            relevant = set(review["recommending_state"].dropna())
            if len(relevant) < 2:
                continue
            for name in scores:
                with rule_off if name != "ranker" else contextlib.nullcontext():
                    r = ranker.rank(
                        sur, issue_text=text, before_session=int(session), top=10
                    )
                scores[name].append(ndcg10(r["state"].tolist(), relevant))
    on, off = (np.array(v) for v in scores.values())
    d = on - off
    rng = np.random.default_rng(0)
    boot = [rng.choice(d, len(d)).mean() for _ in range(2000)]
    lo, hi = np.percentile(boot, [2.5, 97.5])
    print(f"sessions {args.sessions}: {len(d)} (review, treaty) queries")
    for name, v in scores.items():
        print(f"{name:24s} NDCG@10 {np.mean(v):.3f}")
    print(
        f"gain {d.mean():+.3f} [{lo:+.3f}, {hi:+.3f}]; better on {(d > 0).mean():.0%}, "
        f"worse on {(d < 0).mean():.0%}"
    )


if __name__ == "__main__":
    main()
