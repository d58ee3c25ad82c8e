"""Does weighting by closeness to the issue text find the States that will
make a recommendation close to the NGO's words?

Run ``python benchmarks/eval_closeness.py --sessions 9,10,11,12`` (validation)
or ``--sessions 13,14,15,16,17`` (test). On the shared UPR Info exports, it
draws ``--n`` recommendations of those sessions and uses each text as an
NGO's issue text; the relevant States are those whose recommendations at
that review have a TF-IDF cosine of at least ``--threshold`` to it. Each
ranking uses only the evidence before the review's session. Prints NDCG@10
for each ``closeness`` and the gain over ``closeness=0`` with a 95 %
interval (paired, normal approximation).
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from _data import load_upr_info

import upr_targets
from upr_targets._matching import matcher_for
from upr_targets._similar import text_similarity


def ndcg10(ranked, relevant) -> float:
    gains = [1.0 if s in relevant else 0.0 for s in ranked[:10]]
    dcg = sum(g / np.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / np.log2(i + 2) for i in range(min(10, len(relevant))))
    return dcg / ideal if ideal else np.nan


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="9,10,11,12")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--closeness", default="0,0.5,1")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore", upr_targets.UPRDataWarning)
    df = load_upr_info()
    df = df[df["session"].notna() & df["recommending_state"].notna()]
    df = df.reset_index(drop=True)
    sessions = [int(s) for s in args.sessions.split(",")]
    queries = df[df["session"].isin(sessions)].sample(args.n, random_state=0)
    values = [float(c) for c in args.closeness.split(",")]
    rankers = {c: upr_targets.TargetRanker(closeness=c).fit(df) for c in values}
    matcher = matcher_for(df)
    scores = {c: [] for c in values}
    for row in queries.itertuples():
        sims = text_similarity(matcher, row.text)
        review = (df["sur"] == row.sur) & (df["session"] == row.session)
        relevant = set(df["recommending_state"][review & (sims >= args.threshold)])
        for c, ranker in rankers.items():
            ranked = ranker.rank(
                row.sur, issue_text=row.text, before_session=int(row.session), top=10
            )["state"].tolist()
            scores[c].append(ndcg10(ranked, relevant))
    base = np.array(scores[values[0]])
    print(f"sessions {args.sessions}, {args.n} issue texts")
    for c in values:
        v = np.array(scores[c])
        d = v - base
        half = 1.96 * np.nanstd(d) / np.sqrt(np.isfinite(d).sum())
        print(
            f"closeness {c:>4}: NDCG@10 {np.nanmean(v):.3f}  "
            f"gain {np.nanmean(d):+.3f} (+-{half:.3f})"
        )


if __name__ == "__main__":
    main()
