"""One query's evidence: the count tensors sliced for a SuR and a cut-off.

:func:`query_counts` turns the :class:`~upr_targets._features.CountTensors`
into the per-State counts of one review (one SuR, evidence before one
session), for every theme at once; the scoring, the ranker, the closeness
weights and the backtest read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._features import CountTensors

__all__ = ["QueryCounts", "query_counts"]


@dataclass
class QueryCounts:
    """Per-State evidence for one SuR before one session, for every theme.

    Arrays with a ``T`` axis hold one column per theme, so that the counts of
    a set of themes are a sum of columns.
    """

    sur: int
    before_session: int | None
    p: int  # sessions used
    prev: int | None  # session index of the SuR's previous review
    theme: np.ndarray  # (S, T) tag counts, all sessions before
    theme_w: np.ndarray  # (S, T) recency-weighted
    theme_recent: np.ndarray  # (S, T) in the last `recent` sessions
    total: np.ndarray  # (S,)
    total_recent: np.ndarray  # (S,) in the last `recent` sessions
    total_w: np.ndarray  # (S,)
    joined_w: np.ndarray  # (S,) reviews joined, weighted
    theme_reviews_w: np.ndarray  # (S, T) reviews joined raising each theme, weighted
    reviews_w: float  # reviews held, weighted
    to_sur: np.ndarray  # (S,) recommendations to this SuR
    to_sur_prev: np.ndarray  # (S,) ... at its previous review
    supported_by_sur: np.ndarray  # (S,)
    theme_to_sur: np.ndarray  # (S, T)
    theme_to_sur_prev: np.ndarray  # (S, T)
    to_region_w: np.ndarray  # (S,) weighted recs to the SuR's group
    theme_to_region: np.ndarray  # (S, T)
    theme_to_region_w: np.ndarray  # (S, T) recency-weighted
    supported_all: np.ndarray  # (S,) supported recs by rs, all SuRs
    total_resp: np.ndarray  # (S,) recs whose responses are known at the cut
    to_sur_resp: np.ndarray  # (S,) of which to this SuR
    sur_theme_received: np.ndarray  # (T,) recs on each theme the SuR received
    sur_theme_supported: np.ndarray  # (T,) of which it supported

    def forget_sur(self) -> None:
        """Make the SuR neutral (a SuR not in the data was sliced as index -1)."""
        for name in ("to_sur", "to_sur_resp", "to_sur_prev", "supported_by_sur"):
            getattr(self, name)[:] = 0
        self.theme_to_sur[:] = 0
        self.theme_to_sur_prev[:] = 0


def query_counts(
    tensors: CountTensors,
    sur: int,
    before_session=None,
    *,
    half_life: float = 1.5,
    recent: int = 2,
) -> QueryCounts:
    """Slice the tensors for one SuR and one cutoff (evidence < before_session)."""
    X = tensors
    p = X.session_cut(before_session)
    w = X.recency(before_session, half_life)
    S, T = len(X.states), len(X.themes)
    P = len(X.sessions)
    prev = X.previous_review(sur, before_session)
    tc = X.theme_counts[:, :, :p]
    theme = X.theme_cum[:, :, p]
    theme_w = tc @ w
    theme_recent = theme - X.theme_cum[:, :, max(p - recent, 0)]
    total = X.total_cum[:, p]
    total_w = X.total[:, :p] @ w
    joined_w = X.n_reviews_joined[:, :p] @ w
    reviews_w = float(X.n_reviews[:p] @ w)
    dy = X.dyad[:, sur, :p]
    to_sur = dy.sum(axis=1).astype(float)
    to_sur_prev = dy[:, prev].astype(float) if prev is not None else np.zeros(S)
    # responses are given at the Council's plenary months after the review,
    # often after the next session: a cut-off at session p knows those of the
    # sessions before p - 1 only
    pr = max(p - 1, 0) if before_session is not None else p
    sup_by_sur = X.dyad_supported[:, sur, :pr].sum(axis=1).astype(float)
    to_sur_resp = dy[:, :pr].sum(axis=1).astype(float)
    block = X.dyad_theme[sur * T : (sur + 1) * T].tocoo()
    b_rs, b_p = np.divmod(block.col, P)
    before = b_p < p
    theme_to_sur = np.zeros((S, T))
    np.add.at(theme_to_sur, (b_rs[before], block.row[before]), block.data[before])
    theme_to_sur_prev = np.zeros((S, T))
    if prev is not None:
        at = b_p == prev
        np.add.at(theme_to_sur_prev, (b_rs[at], block.row[at]), block.data[at])
    g = X.group[sur]
    to_region_w = X.to_group[:, g, :p] @ w
    theme_to_region = X.theme_to_group_cum[:, g, :, p].astype(float)
    theme_to_region_w = X.theme_to_group[:, g, :, :p] @ w.astype(np.float32)
    supported_all = X.supported_cum[:, pr]
    return QueryCounts(
        sur=sur,
        before_session=before_session,
        p=p,
        prev=prev,
        theme=theme,
        theme_w=theme_w,
        theme_recent=theme_recent,
        theme_reviews_w=(X.theme_reviews[:, :, :p] @ w.astype(np.float32)).astype(
            float
        ),
        total=total,
        total_recent=total - X.total_cum[:, max(p - recent, 0)],
        total_w=total_w,
        joined_w=joined_w,
        reviews_w=reviews_w,
        to_sur=to_sur,
        to_sur_prev=to_sur_prev,
        supported_by_sur=sup_by_sur,
        theme_to_sur=theme_to_sur,
        theme_to_sur_prev=theme_to_sur_prev,
        to_region_w=to_region_w,
        theme_to_region=theme_to_region,
        theme_to_region_w=theme_to_region_w.astype(float),
        supported_all=supported_all,
        total_resp=X.total_cum[:, pr],
        to_sur_resp=to_sur_resp,
        sur_theme_received=X.sur_theme_cum[sur, :, pr].astype(float),
        sur_theme_supported=X.sur_theme_supported_cum[sur, :, pr].astype(float),
    )
