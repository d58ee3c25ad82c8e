"""The whole UPR record's scale (about 160,000 rows): load, fit, rank, issue text, report.

Run ``python benchmarks/bench_scale.py [--rows 160000]``. A synthetic table of
that size (``make_demo``) is written as a UPR Info-style CSV, then timed in
one run, each figure beside the plain pandas step it replaces:

- load: ``load_recommendations`` (cold, then warm from the cache) against
  ``pandas.read_csv`` of the same file;
- fit, the first ``rank(issue_text=...)`` (fits the text matcher), a
  ``rank(themes=...)`` and ``build_report``, against a pandas group-by count
  of the same theme.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import upr_targets
from upr_targets import UPRDataWarning


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    out = pd.DataFrame(
        {
            "To": df["sur"],
            "To-Rgrp": "",
            "To-Org": "",
            "Text": df["text"],
            "From": df["recommending_state"],
            "From-Rgrp": "",
            "From-Org": "",
            "Response": df["response"].map(
                {"supported": "Supported", "noted": "Noted"}
            ),
            "Action": df["action_category"],
            "Issue": df["themes"].map(", ".join),
            "Session": df["session"],
        }
    )
    out.to_csv(path, index=False)


def _time(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=160_000)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", UPRDataWarning)
    folder = Path(tempfile.mkdtemp())
    path = folder / "record.csv"
    _write_csv(upr_targets.make_demo(args.rows), path)
    cache = folder / "cache"

    plain_read, raw = _time(lambda: pd.read_csv(path, dtype=str))
    cold, df = _time(
        lambda: upr_targets.load_recommendations(path, cache=True, cache_dir=cache)
    )
    warm, _ = _time(
        lambda: upr_targets.load_recommendations(path, cache=True, cache_dir=cache)
    )
    plain_count, _ = _time(
        lambda: (
            raw[raw["Issue"].str.contains("Death penalty", na=False)]
            .groupby("From")
            .size()
            .sort_values()
        )
    )
    fit, ranker = _time(lambda: upr_targets.TargetRanker().fit(df))
    first_text, _ = _time(
        lambda: ranker.rank("Kenya", issue_text="abolish the death penalty")
    )
    rank, _ = _time(lambda: ranker.rank("Kenya", themes=["Death penalty"]))
    report, _ = _time(
        lambda: upr_targets.build_report(
            df, "Kenya", ["death penalty"], ranker=ranker, acceptance_model=False
        )
    )
    rows = [
        ("load, cold", cold, plain_read),
        ("load, warm (cache)", warm, plain_read),
        ("fit", fit, plain_count),
        ("first rank(issue_text=...)", first_text, plain_count),
        ("rank(themes=...)", rank, plain_count),
        ("build_report", report, plain_count),
    ]
    print(
        f"{len(df):,} rows; pandas read_csv {plain_read:.2f} s, count {plain_count:.3f} s"
    )
    print(
        pd.DataFrame(
            [(n, round(s, 3), round(s / base, 1)) for n, s, base in rows],
            columns=["step", "seconds", "x pandas"],
        ).to_string(index=False)
    )


if __name__ == "__main__":
    main()
