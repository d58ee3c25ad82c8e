"""How good is the ranking when the data are 1-3 sessions old, as in real use?

Run ``python benchmarks/eval_stale.py`` (about a minute). An NGO plans a
review months ahead, from the data published by then: for the review of
session s, its data may stop at session s - 1, s - 2 or s - 3. This script
backtests the ranker on folds of that shape (``backtest(data_until=...)``):
the data up to session 13 predicting sessions 14-16, the data up to 14
predicting 15-17 (the validation protocol of issue #10, fitted on <= 13 and
<= 14, predicting the next 1-3 sessions). It prints, for each fold and both
pooled, NDCG@10 (binary and graded) of the ranker and the baselines, the
ranker's lead over the best baseline with its 95 % interval, the same with
the list of speakers known, and NDCG@10 by data age.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
import pandas as pd
from _data import load_upr_info

import upr_targets
from upr_targets import UPRDataWarning

FOLDS = ((13, (14, 15, 16)), (14, (15, 16, 17)))
METRICS = ["ndcg@10", "graded_ndcg@10", "map"]


def _interval(d: np.ndarray, rng) -> tuple[float, float]:
    means = d[rng.integers(0, len(d), size=(1000, len(d)))].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def run(df: pd.DataFrame, speakers: bool) -> pd.DataFrame:
    parts = []
    for until, sessions in FOLDS:
        res = upr_targets.backtest(
            df, test_sessions=sessions, data_until=until, speakers=speakers, n_boot=10
        )
        per = res.per_query
        parts.append(per.assign(fold=f"<= {until}", age=per["session"] - until))
    return pd.concat(parts, ignore_index=True)


def report(per: pd.DataFrame, title: str, rng) -> None:
    print(f"\n{title}")
    table = per.pivot_table(index="method", columns="fold", values="ndcg@10")
    table["pooled"] = per.groupby("method")["ndcg@10"].mean()
    table["graded, pooled"] = per.groupby("method")["graded_ndcg@10"].mean()
    print(table.sort_values("pooled", ascending=False).round(3).to_string())
    wide = per.pivot_table(
        index=["fold", "sur", "session", "theme"], columns="method", values="ndcg@10"
    )
    rivals = [m for m in wide.columns if m not in ("ranker", "random")]
    best = max(rivals, key=lambda m: wide[m].mean())
    d = (wide["ranker"] - wide[best]).to_numpy()
    lo, hi = _interval(d, rng)
    print(f"ranker - {best}: {d.mean():+.3f} [{lo:+.3f}, {hi:+.3f}] ({len(d)} queries)")
    by_age = per[per["method"].isin(["ranker", best])].pivot_table(
        index="age", columns="method", values="ndcg@10"
    )
    print("NDCG@10 by data age (sessions):")
    print(by_age.round(3).to_string())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        df = load_upr_info()
        rng = np.random.default_rng(0)
        report(run(df, speakers=False), "Without the list of speakers", rng)
        report(run(df, speakers=True), "With the list of speakers", rng)


if __name__ == "__main__":
    main()
