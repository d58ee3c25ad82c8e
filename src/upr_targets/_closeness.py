"""Closeness to the issue text: a recommendation about the issue counts more.

An NGO's issue is narrower than a theme: "indigenous peoples are losing their
ancestral land" is about land, and a recommendation that only mentions
indigenous peoples in a list of groups should weigh less, in the ranking,
than one about the demarcation of indigenous lands. With an issue text,
every recommendation carrying one of the query's themes is weighted by the
TF-IDF cosine of its text to the issue text, relative to the mean cosine of
the recommendations on those themes::

    weight = (1 - closeness) + closeness * cosine / mean cosine

so that the weighted counts keep the scale of the plain counts (a
recommendation as close as the average counts 1), ``closeness=0`` is the
plain count and ``closeness=1`` counts by closeness alone. The weights are
capped at ``MAX_WEIGHT``. They change the model's input only (the theme
components); the counts a user reads stay true counts of recommendations.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ._features import CountTensors
from ._query import QueryCounts

__all__ = ["MAX_WEIGHT", "closeness_weights", "weigh_query"]

MAX_WEIGHT = 4.0
"""A recommendation counts at most this many times (however close it is)."""


def closeness_weights(
    similarity: np.ndarray, tensors: CountTensors, theme_idx, closeness
) -> np.ndarray:
    """Weight of each placed row of ``tensors`` for an issue text.

    ``similarity`` holds the cosine of the issue text to each row of the
    table the tensors were built from, in order (``tensors.rows.position``
    says which rows are placed).
    """
    sims = similarity[tensors.rows.position]
    on_theme = np.asarray(tensors.rows.themes[:, theme_idx].sum(axis=1)).ravel() > 0
    mean = sims[on_theme].mean() if on_theme.any() else 0.0
    if mean <= 0:
        return np.ones(len(sims))
    w = (1.0 - closeness) + closeness * sims / mean
    return np.clip(w, 0.0, MAX_WEIGHT)


def weigh_query(
    tensors: CountTensors,
    q: QueryCounts,
    theme_idx: np.ndarray,
    weights: np.ndarray,
    *,
    half_life: float,
    recent: int,
) -> QueryCounts:
    """``q`` with the counts of the themes ``theme_idx`` weighted by row.

    Every theme-dependent count of the query (interest, recency, to the SuR,
    at its previous review, to its region, received by the SuR) is summed
    again over the rows of those themes, each row counting ``weights[row]``.
    """
    X, R = tensors, tensors.rows
    S = len(X.states)
    p = q.p
    pr = max(p - 1, 0) if q.before_session is not None else p
    rec_w = X.recency(q.before_session, half_life)
    region = X.group[q.sur] if q.sur >= 0 else -1
    fields = {
        name: getattr(q, name).copy()
        for name in (
            "theme",
            "theme_w",
            "theme_recent",
            "theme_to_sur",
            "theme_to_sur_prev",
            "theme_to_region",
            "theme_to_region_w",
            "sur_theme_received",
            "sur_theme_supported",
        )
    }
    cols = R.themes.tocsc()
    for t in theme_idx:
        rows = cols.indices[cols.indptr[t] : cols.indptr[t + 1]]
        ps = R.session[rows]
        keep = ps < p
        rows, ps = rows[keep], ps[keep]
        w, rs, sur = weights[rows], R.rs[rows], R.sur[rows]

        def count(mask, extra=1.0, rs=rs, w=w):
            return np.bincount(rs[mask], weights=(w * extra)[mask], minlength=S)

        every = np.ones(len(rows), dtype=bool)
        fields["theme"][:, t] = count(every)
        fields["theme_w"][:, t] = count(every, rec_w[ps])
        fields["theme_recent"][:, t] = count(ps >= p - recent)
        to_sur = sur == q.sur
        fields["theme_to_sur"][:, t] = count(to_sur)
        prev = q.prev if q.prev is not None else -1
        fields["theme_to_sur_prev"][:, t] = count(to_sur & (ps == prev))
        in_region = X.group[sur] == region
        fields["theme_to_region"][:, t] = count(in_region)
        fields["theme_to_region_w"][:, t] = count(in_region, rec_w[ps])
        got = to_sur & (ps < pr)
        fields["sur_theme_received"][t] = w[got].sum()
        fields["sur_theme_supported"][t] = w[got & R.supported[rows]].sum()
    return replace(q, **fields)
