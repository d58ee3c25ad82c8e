"""How well matches find what an expert labelled (``evaluate_matches``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["evaluate_matches"]


def evaluate_matches(
    matches: pd.DataFrame, labels: pd.DataFrame, *, k: int = 10, relevant: int = 2
) -> pd.DataFrame:
    """Hit@k, recall@k, MRR and graded NDCG@k of matches against labels.

    Parameters
    ----------
    matches : pandas.DataFrame
        From :func:`match_outcome` (columns ``advocacy_id``, ``rank``,
        ``recommendation_id`` or ``paragraph``). Pass ``top=None,
        min_score=float("-inf")`` to rank every recommendation.
    labels : pandas.DataFrame
        Columns ``advocacy_id``, ``paragraph`` (or ``recommendation_id``)
        and ``grade``: 3 carries our recommendation, 2 carries part of it or
        a broader ask that covers it, 1 same issue with another ask;
        unlabelled pairs are grade 0.
    k : int, default 10
        Cut-off.
    relevant : int, default 2
        Lowest grade that counts as a hit for hit@k, recall@k and MRR;
        NDCG uses every grade (gain ``2**grade - 1``).

    Returns
    -------
    pandas.DataFrame
        One row per labelled NGO recommendation (``hit@k``, ``recall@k``,
        ``rr``, ``ndcg@k``, ``n_relevant``), and the mean in ``.attrs["mean"]``
        (a Series). ``hit@k``, ``recall@k`` and ``rr`` are NaN (left out of
        the mean) for an NGO recommendation with nothing to find: labelled
        pairs of grade 1 only, no recommendation of the review carried it.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets import evaluate_matches
    >>> m = pd.DataFrame({"advocacy_id": ["R1", "R1"], "rank": [1, 2],
    ...                   "paragraph": ["1.2", "1.1"]})
    >>> lab = pd.DataFrame({"advocacy_id": ["R1"], "paragraph": ["1.1"], "grade": [3]})
    >>> evaluate_matches(m, lab)[["hit@10", "rr", "ndcg@10"]].round(3).to_dict("records")
    [{'hit@10': 1.0, 'rr': 0.5, 'ndcg@10': 0.631}]
    """
    key = "recommendation_id" if "recommendation_id" in labels else "paragraph"
    ranked = (
        matches.dropna(subset=["rank"])
        .drop_duplicates(["advocacy_id", key])
        .sort_values(["advocacy_id", "rank"], kind="stable")
    )
    grades = labels.astype({key: str}).set_index(["advocacy_id", key])["grade"]
    discount = 1 / np.log2(np.arange(2, k + 2))
    rows = []
    for qid, lab in labels.groupby("advocacy_id", sort=False):
        order = ranked.loc[ranked["advocacy_id"] == qid, key].astype(str).tolist()
        g = np.array([grades.get((qid, p), 0) for p in order], dtype=float)
        good = int((lab["grade"] >= relevant).sum())
        hits = np.flatnonzero(g >= relevant)
        ideal = np.sort((2 ** lab["grade"].to_numpy(dtype=float)) - 1)[::-1][:k]
        dcg = ((2 ** g[:k] - 1) * discount[: len(g[:k])]).sum()
        rows.append(
            {
                "advocacy_id": qid,
                "n_relevant": good,
                # nothing to find (no State carried it): no hit to miss
                f"hit@{k}": float(len(hits) and hits[0] < k) if good else np.nan,
                f"recall@{k}": float((hits < k).sum() / good) if good else np.nan,
                "rr": (1.0 / (hits[0] + 1) if len(hits) else 0.0) if good else np.nan,
                f"ndcg@{k}": dcg / (ideal * discount[: len(ideal)]).sum(),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["mean"] = out.drop(columns=["advocacy_id", "n_relevant"]).mean()
    return out
