"""A ranking as a table: the scores, their components and the evidence behind them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._components import COMPONENTS
from ._explain import explanations
from ._features import GROUPS, CountTensors
from .reference import NO_GROUP, observer_iso3

__all__ = ["EVIDENCE", "empty_ranking", "ranking_table"]

EVIDENCE: tuple[str, ...] = (
    "n_theme_recs",
    "n_theme_recs_recent",
    "n_recs",
    "theme_share",
    "n_reviews_joined",
    "n_reviews_on_themes",
    "n_to_sur",
    "n_to_sur_previous_review",
    "n_theme_to_sur",
    "n_theme_to_region",
    "same_group",
    "shared_blocs",
    "acceptance",
    "n_supported_by_sur",
    "theme_acceptance",
)
"""Evidence columns of a ranking, after the components."""

_COUNTS = (
    "n_theme_recs",
    "n_theme_recs_recent",
    "n_recs",
    "n_reviews_joined",
    "n_reviews_on_themes",
    "n_to_sur",
    "n_to_sur_previous_review",
    "n_theme_to_sur",
    "n_theme_to_sur_previous_review",
    "n_theme_to_region",
    "n_supported_by_sur",
)

COLUMNS: tuple[str, ...] = (
    "rank",
    "state",
    "iso3",
    "group",
    "score",
    *COMPONENTS,
    *EVIDENCE,
    "explanation",
)


def empty_ranking(query: dict) -> pd.DataFrame:
    """A ranking without rows (no evidence before the query's session)."""
    out = pd.DataFrame({c: [] for c in COLUMNS})
    out.attrs.update(query)
    return out


def group_of(tensors: CountTensors, state: int | None) -> str | None:
    """The regional group of a State (by index), None when unknown."""
    if state is None or tensors.group[state] >= len(GROUPS) - 1:
        return None
    return GROUPS[tensors.group[state]]


def _shared_blocs(
    tensors: CountTensors, sur: int | None, order: np.ndarray, before_session=None
) -> list:
    """The blocs each State of ``order`` shares with the SuR (then), sorted."""
    if sur is None or tensors.blocs.shape[1] == 0:
        return [[] for _ in order]
    blocs = tensors.blocs_at(before_session)
    shared = blocs[order].multiply(blocs[sur]).tocsr()
    shared.sort_indices()  # the bloc names are sorted: so are a row's names
    names = tensors.bloc_names[shared.indices].tolist()
    ends = shared.indptr.tolist()
    return [names[a:b] for a, b in zip(ends[:-1], ends[1:], strict=True)]


def ranking_table(
    tensors: CountTensors,
    contrib: np.ndarray,
    evidence: dict,
    sur: int | None,
    query: dict,
    top: int | None,
    *,
    recent: int,
    only: np.ndarray | None = None,
) -> pd.DataFrame:
    """The ranking frame of :meth:`TargetRanker.rank`, best first.

    ``contrib`` holds the weighted components (S, F) of every State,
    ``evidence`` the evidence arrays of :func:`component_matrix`; the SuR
    and States never seen recommending are left out.
    """
    X = tensors
    score = contrib.sum(axis=1)
    cand = X.is_candidate.copy()
    if query.get("before_session") is not None:  # seen recommending by then
        cand &= X.total_cum[:, X.session_cut(query["before_session"])] > 0
    if only is not None:  # the list of speakers
        cand &= only
    if sur is not None:
        cand[sur] = False
    idx = np.flatnonzero(cand)
    order = idx[np.lexsort((X.states[idx], -score[idx]))]
    if top is not None:
        order = order[: int(top)]
    groups = np.array(GROUPS, dtype=object)[X.group[order]]
    observer = np.isin(X.iso3[order], list(observer_iso3()))
    groups = np.where(observer & (groups == ""), NO_GROUP, groups)
    groups = pd.array(np.where(groups == "", None, groups), dtype="string")
    columns = {
        "rank": np.arange(1, len(order) + 1),
        "state": pd.array(X.states[order], dtype="string"),
        "iso3": pd.array(X.iso3[order], dtype="string"),
        "group": groups,
        "score": score[order],
    }
    for j, name in enumerate(COMPONENTS):
        columns[name] = contrib[order, j]
    for name in _COUNTS:
        columns[name] = evidence[name][order].astype(np.int64)
    columns["theme_share"] = evidence["theme_share"][order]
    columns["same_group"] = np.asarray(evidence["same_group"])[order].astype(bool)
    columns["shared_blocs"] = _shared_blocs(X, sur, order, query.get("before_session"))
    columns["acceptance"] = evidence["acceptance"][order]
    columns["theme_acceptance"] = np.full(
        len(order), float(evidence["theme_acceptance"])
    )
    columns["explanation"] = explanations(
        columns,
        query["sur"],
        query["themes"],
        recent=recent,
        sur_group=group_of(X, sur),
        specific=query.get("action") == "specific",
        speakers="speakers" in query,
    )
    out = pd.DataFrame(columns)
    out.attrs.update(query)
    return out
