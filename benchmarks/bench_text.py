"""Benchmark of theme matching on real UPR Info recommendations.

Holds out 20 % of the distinct recommendation texts of the UPR Info export
(sessions 1-17), fits a ThemeMatcher on the rows of the other 80 %, predicts
the themes of each held-out text and reports top-1 / top-3 accuracy (a
predicted theme is correct when it is among the text's UPR Info labels).
The split is by text, so that the rows of a joint recommendation (same text,
several recommending States) never sit on both sides. Also times fit and a
query, and reports the taxonomy-only matcher (no training data).

Run from the repository root::

    python benchmarks/bench_text.py [--data ../shared/data] [--sample N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from _data import shared_data_dir

import upr_targets
from upr_targets import ThemeMatcher


def accuracy(
    scores: np.ndarray, names: list[str], labels: list[list[str]]
) -> tuple[float, float]:
    order = np.argsort(-scores, axis=1, kind="stable")[:, :3]
    top1 = np.mean([names[o[0]] in lab for o, lab in zip(order, labels, strict=True)])
    top3 = np.mean(
        [any(names[j] in lab for j in o) for o, lab in zip(order, labels, strict=True)]
    )
    return float(top1), float(top3)


def main() -> None:
    default = str(shared_data_dir())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=default, help="folder with upr-info/sessions-*.csv"
    )
    parser.add_argument(
        "--sample", type=int, default=None, help="evaluate on N held-out texts only"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    files = sorted(Path(args.data, "upr-info").glob("sessions-*.csv"))
    if not files:
        raise SystemExit(f"no UPR Info exports in {args.data}/upr-info")
    df = upr_targets.load_recommendations(files)
    df = df[df["themes"].map(len) > 0].reset_index(drop=True)
    texts = df["text"].unique()
    rng = np.random.default_rng(args.seed)
    held = set(rng.choice(texts, size=int(0.2 * len(texts)), replace=False))
    is_test = df["text"].isin(held).to_numpy()
    train = df[~is_test]
    test = df[is_test].drop_duplicates("text")
    if args.sample:
        test = test.sample(min(args.sample, len(test)), random_state=args.seed)
    labels = test["themes"].tolist()
    print(
        f"UPR Info sessions 1-17: {len(df)} labelled rows; train {len(train)} rows, test {len(test)} distinct texts"
    )

    for name, data in (("taxonomy only", None), ("fitted on 80 %", train)):
        matcher = ThemeMatcher()
        t0 = time.perf_counter()
        matcher.fit(data)
        fit_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        scores = matcher.transform(test["text"].tolist()).to_numpy()
        batch_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        matcher.match("Journalists are prosecuted for criminal defamation")
        query_s = time.perf_counter() - t0
        top1, top3 = accuracy(scores, matcher.themes_, labels)
        print(
            f"{name:15s} top-1 {top1:.3f}  top-3 {top3:.3f}  | fit {fit_s:.1f} s, "
            f"{len(test)} texts {batch_s:.1f} s ({1000 * batch_s / len(test):.1f} ms/text), "
            f"one match() {1000 * query_s:.0f} ms"
        )
        if data is not None:
            t0 = time.perf_counter()
            matcher.similar("abolish the death penalty", top=10)
            print(
                f"{'':15s} one similar() over {len(train)} rows: {1000 * (time.perf_counter() - t0):.0f} ms"
            )


if __name__ == "__main__":
    main()
