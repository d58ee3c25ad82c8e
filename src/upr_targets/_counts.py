"""True counts of recommendations behind a ranking: what a user may quote.

The score components are computed from tag counts (a recommendation tagged
with two of a query's themes counts once per theme). The numbers shown to a
user count distinct recommendations, from the rows of the table: for a
multi-theme query they are smaller than the tag counts, for a one-theme
query the same.
"""

from __future__ import annotations

import numpy as np

from ._features import CountTensors

__all__ = ["true_counts"]


def _reviews(rs: np.ndarray, sur: np.ndarray, session: np.ndarray, S: int):
    """Distinct reviews (SuR, session) of the rows, by recommending State."""
    P = int(session.max()) + 1 if len(session) else 1
    key = np.unique((rs.astype(np.int64) * S + sur) * P + session)
    return np.bincount(key // (S * P), minlength=S).astype(float)


def true_counts(
    tensors: CountTensors,
    sur: int | None,
    theme_idx: np.ndarray | None,
    before_session: int | None,
    *,
    recent: int,
    prev: int | None,
) -> dict[str, np.ndarray]:
    """Recommendations on the query's themes, by recommending State.

    Parameters
    ----------
    tensors : CountTensors
        The fitted tensors (with their rows).
    sur : int or None
        Index of the SuR (None: absent from the data).
    theme_idx : numpy.ndarray or None
        The query's themes (None: every recommendation counts).
    before_session : int or None
        Count rows of sessions strictly before this one.
    recent : int
        Sessions counted as recent.
    prev : int or None
        Session index of the SuR's previous review.

    Returns
    -------
    dict
        ``n_theme_recs``, ``n_theme_recs_recent``, ``n_theme_to_sur``,
        ``n_theme_to_sur_previous_review``, ``n_theme_to_region``,
        ``theme_share`` (of all its recommendations), ``n_reviews_joined``
        (distinct reviews it made any recommendation at) and
        ``n_reviews_on_themes`` (those with one on the themes), each of shape
        (S,), and
        the SuR's ``n_theme_received_by_sur`` and ``theme_acceptance``.
    """
    X = tensors
    R = X.rows
    S = len(X.states)
    p = X.session_cut(before_session)
    keep = R.session < p
    if theme_idx is not None:
        on = np.asarray(R.themes[:, theme_idx].sum(axis=1)).ravel() > 0
        keep &= on
    rs, su, ses = R.rs[keep], R.sur[keep], R.session[keep]

    def count(mask=None):
        return np.bincount(rs if mask is None else rs[mask], minlength=S).astype(float)

    n = count()
    out = {
        "n_theme_recs": n,
        "n_theme_recs_recent": count(ses >= p - recent),
    }
    # every recommendation and every review before the cut: the tensors'
    # sums by session (the rows counted one by one give the same)
    total = X.total_cum[:, p].astype(float)
    out["theme_share"] = np.divide(n, total, out=np.zeros(S), where=total > 0)
    out["n_reviews_joined"] = X.n_reviews_joined[:, :p].sum(axis=1).astype(float)
    out["n_reviews_on_themes"] = _reviews(rs, su, ses, S)
    if sur is None:
        zero = np.zeros(S)
        out.update(
            n_theme_to_sur=zero,
            n_theme_to_sur_previous_review=zero,
            n_theme_to_region=zero,
            n_theme_received_by_sur=0.0,
            theme_acceptance=np.nan,
        )
        return out
    to_sur = su == sur
    out["n_theme_to_sur"] = count(to_sur)
    out["n_theme_to_sur_previous_review"] = (
        count(to_sur & (ses == prev)) if prev is not None else np.zeros(S)
    )
    g = X.group[sur]
    out["n_theme_to_region"] = count(X.group[su] == g)
    received = int(to_sur.sum())
    supported = int(R.supported[keep][to_sur].sum())
    out["n_theme_received_by_sur"] = float(received)
    out["theme_acceptance"] = supported / received if received else np.nan
    return out
