"""The score components of every candidate State for one query.

:func:`component_matrix` computes, from the :class:`~upr_targets._query.QueryCounts`
of one review, the components of ``_components.COMPONENTS`` (before
weighting) and the evidence counts behind them; :func:`component_stack` does
the same for many one-theme queries of a review at once (the backtest and
weight learning).
"""

from __future__ import annotations

import numpy as np

from ._components import COMPONENTS
from ._features import GROUPS, CountTensors
from ._query import QueryCounts

__all__ = ["component_matrix", "component_stack"]

_C = {name: j for j, name in enumerate(COMPONENTS)}


def _logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _rate(raised_w: np.ndarray, joined_w: np.ndarray, a: float) -> np.ndarray:
    """log((raised + a g) / (joined + a)) - log(g), g the share of all States.

    ``raised_w`` (..., S): recency-weighted reviews in which each State raised
    the themes; ``joined_w`` (S,): reviews it joined. 0 where g is 0 or 1.
    """
    g = raised_w.sum(axis=-1, keepdims=True) / max(joined_w.sum(), 1e-12)
    ok = (g > 0) & (g < 1)
    gg = np.where(ok, g, 0.5)
    rate = np.log((raised_w + a * gg) / (joined_w + a)) - np.log(gg)
    return np.where(ok, rate, 0.0)


def component_matrix(
    tensors: CountTensors,
    q: QueryCounts,
    theme_idx: np.ndarray | None,
    smoothing: float = 10.0,
) -> tuple[np.ndarray, dict]:
    """Components (S x len(COMPONENTS)) of every State for one query.

    ``theme_idx=None`` gives the theme-agnostic components (all
    recommendations count as "on the themes").
    """
    a = float(smoothing)
    if theme_idx is None:
        raised_w = q.joined_w
        nT, nT_w, nT_recent = q.total, q.total_w, q.total_recent
        nT_sur, nT_sur_prev = q.to_sur, q.to_sur_prev
        nT_region = np.zeros_like(q.total)
        nT_region_w = q.to_region_w
        recv = q.sur_theme_received.sum()
        sup = q.sur_theme_supported.sum()
    else:
        raised_w = q.theme_reviews_w[:, theme_idx].sum(axis=1)
        nT = q.theme[:, theme_idx].sum(axis=1)
        nT_w = q.theme_w[:, theme_idx].sum(axis=1)
        nT_recent = q.theme_recent[:, theme_idx].sum(axis=1)
        nT_sur = q.theme_to_sur[:, theme_idx].sum(axis=1)
        nT_sur_prev = q.theme_to_sur_prev[:, theme_idx].sum(axis=1)
        nT_region = q.theme_to_region[:, theme_idx].sum(axis=1)
        nT_region_w = q.theme_to_region_w[:, theme_idx].sum(axis=1)
        recv = q.sur_theme_received[theme_idx].sum()
        sup = q.sur_theme_supported[theme_idx].sum()
    total_w = q.total_w
    all_w = total_w.sum()
    out = np.zeros((len(tensors.states), len(COMPONENTS)))
    out[:, _C["theme_interest"]] = np.log1p(nT_w)
    out[:, _C["theme_history"]] = np.log1p(nT)
    g = nT_w.sum() / all_w if all_w > 0 else 0.0
    if 0 < g < 1:
        out[:, _C["theme_focus"]] = np.log((nT_w + a * g) / (total_w + a)) - np.log(g)
    out[:, _C["sur_interest"]] = np.log1p(q.to_sur_prev)
    out[:, _C["sur_theme_interest"]] = np.log1p(nT_sur)
    gr = q.to_region_w.sum() / all_w if all_w > 0 else 0.0
    if 0 < gr < 1 and tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, _C["region_interest"]] = np.log(
            (q.to_region_w + a * gr) / (total_w + a)
        ) - np.log(gr)
    if tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, _C["theme_region_interest"]] = np.log1p(nT_region_w)
    same = (tensors.group == tensors.group[q.sur]) & (tensors.group < len(GROUPS) - 1)
    out[:, _C["regional_group"]] = same
    blocs = tensors.blocs_at(q.before_session)  # memberships of that day
    shared = blocs @ blocs[q.sur].T
    shared = np.asarray(shared.todense()).ravel() if shared.shape[1] else 0.0
    out[:, _C["bloc_ties"]] = np.log1p(shared)
    # acceptance: the SuR's support of this State's recommendations, shrunk to
    # the State's support rate at every review, shrunk to the overall rate.
    n_all = q.total_resp  # responses known at the cut-off (lagged a session)
    p0 = q.supported_all.sum() / n_all.sum() if n_all.sum() > 0 else 0.5
    rate_rs = (q.supported_all + a * p0) / (n_all + a)
    rate = (q.supported_by_sur + a * rate_rs) / (q.to_sur_resp + a)
    out[:, _C["acceptance_history"]] = _logit(rate) - _logit(p0)
    r0 = q.joined_w.sum() / max(q.reviews_w * tensors.is_candidate.sum(), 1e-12)
    if 0 < r0 < 1:
        out[:, _C["activity"]] = np.log(
            (q.joined_w + a * r0) / (q.reviews_w + a)
        ) - np.log(r0)
    out[:, _C["theme_rate"]] = _rate(raised_w, q.joined_w, a)
    evidence = {
        "n_theme_recs": nT,
        "n_theme_recs_recent": nT_recent,
        "n_recs": q.total,
        "theme_share": np.divide(nT, q.total, out=np.zeros_like(nT), where=q.total > 0),
        "n_to_sur": q.to_sur,
        "n_to_sur_previous_review": q.to_sur_prev,
        "n_theme_to_sur": nT_sur,
        "n_theme_to_sur_previous_review": nT_sur_prev,
        "n_theme_to_region": nT_region,
        "same_group": same,
        "shared_blocs_n": shared,
        "acceptance": np.divide(
            q.supported_by_sur,
            q.to_sur_resp,
            out=np.full_like(q.to_sur, np.nan),
            where=q.to_sur_resp > 0,
        ),
        "n_supported_by_sur": q.supported_by_sur,
        "theme_acceptance": sup / recv if recv > 0 else np.nan,
        "n_theme_received_by_sur": recv,
    }
    return out, evidence


def component_stack(
    tensors: CountTensors, q: QueryCounts, themes: np.ndarray, smoothing: float = 10.0
) -> np.ndarray:
    """Components (Q, S, F) of one-theme queries ``themes`` for one review.

    Vectorised over the themes; equal to stacking ``component_matrix`` of
    each theme.
    """
    a = float(smoothing)
    base, _ = component_matrix(tensors, q, None, smoothing)
    out = np.repeat(base[None], len(themes), axis=0)
    nT_w = q.theme_w[:, themes].T
    total_w = q.total_w
    all_w = total_w.sum()
    out[:, :, _C["theme_interest"]] = np.log1p(nT_w)
    out[:, :, _C["theme_history"]] = np.log1p(q.theme[:, themes].T)
    g = nT_w.sum(axis=1) / all_w if all_w > 0 else np.zeros(len(themes))
    ok = (g > 0) & (g < 1)
    gg = np.where(ok, g, 0.5)[:, None]
    focus = np.log((nT_w + a * gg) / (total_w + a)) - np.log(gg)
    out[:, :, _C["theme_focus"]] = np.where(ok[:, None], focus, 0.0)
    out[:, :, _C["sur_theme_interest"]] = np.log1p(q.theme_to_sur[:, themes].T)
    out[:, :, _C["theme_rate"]] = _rate(q.theme_reviews_w[:, themes].T, q.joined_w, a)
    if tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, :, _C["theme_region_interest"]] = np.log1p(
            q.theme_to_region_w[:, themes].T
        )
    return out
