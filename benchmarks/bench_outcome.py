"""Benchmark of ``match_outcome`` on a labelled set, next to plain TF-IDF.

``benchmarks/outcome_labels/`` holds NGO-style recommendations written for two
reviews of the shared data (Albania 2019, Working Group report A/HRC/42/4;
Egypt 2014, the OHCHR matrix) and, for each, every recommendation of the
review that carries it, graded by reading the whole review: 3 carries our
recommendation, 2 carries part of it or a broader ask that covers it, 1 same
issue with another ask (see the folder's README). The strength thresholds
were set on Albania; Egypt was not looked at while building the matcher
beyond the three signals' equal weights.

For each review it prints hit@10, recall@10 and MRR (grade >= 2 counts) and
graded NDCG@10 for:

- ``tfidf``: plain TF-IDF cosine (scikit-learn's defaults) of each NGO text
  to each recommendation of the review, the baseline;
- ``match_outcome``: the library's matcher, taxonomy only;
- ``match_outcome+corpus``: the same with the theme matcher fitted on the
  UPR Info exports (every recommendation loaded);

then how many pairs each strength holds and the share that carry our
recommendation (grade >= 2) or are on its issue (grade >= 1), and, of the NGO
recommendations that no State carried, how many are said to be taken up.

Run from the repository root::

    python benchmarks/bench_outcome.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import pandas as pd
from _data import shared_data_dir

import upr_targets

LABELS = Path(__file__).with_name("outcome_labels")
CASES = {
    "albania-2019": "reports/A_HRC_42_4-EN.pdf",
    "egypt-2014": "matrix/egypt-session20-2014.docx",
}


def tfidf_baseline(advocacy: pd.DataFrame, outcome: pd.DataFrame) -> pd.DataFrame:
    """Plain TF-IDF cosine ranking of every paragraph (the baseline)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    paras = outcome.drop_duplicates("recommendation_id")
    texts = paras["text"].tolist()
    queries = advocacy["advocacy_text"].tolist()
    X = TfidfVectorizer().fit_transform(texts + queries)
    S = (X[len(texts) :] @ X[: len(texts)].T).toarray()
    rows = []
    for i, qid in enumerate(advocacy["advocacy_id"]):
        order = (-S[i]).argsort(kind="stable")
        rows.append(
            pd.DataFrame(
                {
                    "advocacy_id": qid,
                    "rank": range(1, len(order) + 1),
                    "paragraph": paras["paragraph"].to_numpy()[order],
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    args = parser.parse_args()
    warnings.simplefilter("ignore", upr_targets.UPRDataWarning)
    corpus = upr_targets.load_recommendations(
        sorted((args.data / "upr-info").glob("*.csv"))
    )
    print(f"{'review':14s} {'method':22s} hit@10 recall@10   MRR  NDCG@10  seconds")
    strengths = []
    for name, file in CASES.items():
        outcome = upr_targets.load_recommendations(args.data / file)
        advocacy = upr_targets.load_advocacy(LABELS / f"advocacy-{name}.csv")
        labels = pd.read_csv(LABELS / f"labels-{name}.csv", dtype={"paragraph": str})
        every = {"top": None, "min_score": float("-inf")}
        methods = {
            "tfidf": (tfidf_baseline, (advocacy, outcome), {}),
            "match_outcome": (upr_targets.match_outcome, (advocacy, outcome), every),
            "match_outcome+corpus": (
                upr_targets.match_outcome,
                (advocacy, outcome),
                {**every, "corpus": corpus},
            ),
        }
        for method, (run, args_, kwargs) in methods.items():
            start = time.perf_counter()
            matches = run(*args_, **kwargs)
            seconds = time.perf_counter() - start
            mean = upr_targets.evaluate_matches(matches, labels).attrs["mean"]
            print(
                f"{name:14s} {method:22s} {mean['hit@10']:6.2f} {mean['recall@10']:9.2f} "
                f"{mean['rr']:5.2f} {mean['ndcg@10']:8.3f} {seconds:8.2f}"
            )
            if method == "match_outcome":
                graded = matches.merge(
                    labels, on=["advocacy_id", "paragraph"], how="left"
                )
                graded["grade"] = graded["grade"].fillna(0)
                graded = graded.drop_duplicates(["advocacy_id", "paragraph"])
                strengths.append(graded.assign(review=name))
    print(
        "\nstrength (match_outcome)          pairs  carry it (grade>=2)  same issue (grade>=1)"
    )
    every_pair = pd.concat(strengths)
    for (review, strength), g in every_pair.groupby(["review", "strength"]):
        if strength:
            print(
                f"{review:14s} {strength:18s} {len(g):6d} {(g['grade'] >= 2).mean():20.2f}"
                f" {(g['grade'] >= 1).mean():22.2f}"
            )
    # NGO recommendations no State took up: is one said to be taken up?
    print(
        "\nnothing to find (no State carried it)   NGO recs  said taken up (similar or more)"
    )
    for review, g in every_pair.groupby("review"):
        best = g.groupby("advocacy_id")["grade"].max()
        nothing = best.index[best < 2]
        taken = g[
            g["advocacy_id"].isin(nothing)
            & g["strength"].isin(["similar", "very similar"])
        ]["advocacy_id"].nunique()
        print(f"{review:14s} {'':24s} {len(nothing):9d} {taken:31d}")


if __name__ == "__main__":
    main()
