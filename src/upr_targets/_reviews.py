"""Reviews as ranking examples: who recommended on which theme to whom, when.

A *query* is one review (a SuR at a session) and one theme on which at least
``min_relevant`` States made recommendations to that SuR at that session;
those States are the relevant items. The backtest scores rankings on these
queries, and the ranker learns its weights from the earlier ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._features import CountTensors
from ._query import query_counts
from ._scoring import component_stack

__all__ = ["iter_reviews", "review_queries", "sample_reviews"]


def review_queries(X: CountTensors, sessions, min_relevant: int = 2) -> pd.DataFrame:
    """Every (sur, session, theme) with at least ``min_relevant`` recommending States.

    Columns ``sur`` and ``theme`` are indices into the tensors, ``relevant``
    an array of State indices.
    """
    T, P = len(X.themes), len(X.sessions)
    coo = X.dyad_theme.tocoo()
    sur, theme = np.divmod(coo.row, T)
    rs, p = np.divmod(coo.col, P)
    session = X.sessions[p]
    keep = np.isin(session, np.asarray(list(sessions), dtype=np.int64))
    sur, session, theme, rs = sur[keep], session[keep], theme[keep], rs[keep]
    own = rs != sur
    sur, session, theme, rs = sur[own], session[own], theme[own], rs[own]
    order = np.lexsort((rs, theme, session, sur))
    sur, session, theme, rs = sur[order], session[order], theme[order], rs[order]
    if len(rs):
        new = np.r_[
            True, (np.diff(sur) != 0) | (np.diff(session) != 0) | (np.diff(theme) != 0)
        ]
    else:
        new = np.zeros(0, dtype=bool)
    starts = np.flatnonzero(new)
    out = pd.DataFrame(
        {"sur": sur[starts], "session": session[starts], "theme": theme[starts]}
    )
    out["relevant"] = np.split(rs, starts[1:]) if len(starts) else []
    out["n_relevant"] = out["relevant"].map(len).astype(np.int64)
    return out[out["n_relevant"] >= min_relevant].reset_index(drop=True)


def iter_reviews(
    tensors: CountTensors,
    queries: pd.DataFrame,
    *,
    half_life: float,
    recent: int,
    smoothing: float,
    data_until: int | None = None,
):
    """Components of every query, one review (SuR, session) at a time.

    Yields ``(group, q, comp, relevant, candidates)``: the queries of the
    review, its :class:`QueryCounts`, components (Q, S, F), relevant States
    restricted to the candidates (Q, C) and the candidates' indices (C,).
    The evidence is that of the sessions before the review's, or of the
    sessions up to ``data_until`` when that is earlier (data some sessions old).
    """
    X = tensors
    S = len(X.states)
    for (sur, session), grp in queries.groupby(["sur", "session"], sort=True):
        cut = session if data_until is None else min(session, data_until + 1)
        q = query_counts(X, sur, cut, half_life=half_life, recent=recent)
        th = grp["theme"].to_numpy()
        # candidates: States seen recommending before the session (not later)
        cand = X.total_cum[:, q.p] > 0
        cand[sur] = False
        ci = np.flatnonzero(cand)
        rel = np.zeros((len(th), S), dtype=bool)
        for i, r in enumerate(grp["relevant"]):
            rel[i, r] = True
        comp = component_stack(X, q, th, smoothing)
        yield grp, q, comp, rel[:, ci], ci


def sample_reviews(queries: pd.DataFrame, n: int, seed) -> pd.DataFrame:
    """About ``n`` queries, taking whole reviews (one tensor slice each)."""
    if len(queries) <= n:
        return queries
    rng = np.random.default_rng(seed)
    key = pd.MultiIndex.from_frame(queries[["sur", "session"]])
    reviews = key.unique()
    order = rng.permutation(len(reviews))
    size = key.value_counts().reindex(reviews).to_numpy()[order]
    k = int(np.searchsorted(np.cumsum(size), n)) + 1
    return queries[key.isin(reviews[np.sort(order[:k])])]
