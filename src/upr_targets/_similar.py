"""Past recommendations closest to a text: the evidence an NGO quotes."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from ._errors import UPRDataWarning
from ._match_signals import as_text, empty_frame
from .reference import normalize_state, normalize_theme

__all__ = ["SIMILAR_COLUMNS", "similar_rows", "text_similarity"]

SIMILAR_COLUMNS = [
    "similarity",
    "text",
    "recommending_state",
    "sur",
    "session",
    "year",
    "response",
    "action_category",
    "themes",
    "document",
    "paragraph",
    "recommendation_id",
]


def text_similarity(matcher, text: str) -> np.ndarray:
    """Cosine of ``text`` to every recommendation the matcher was fitted on.

    One value per row of ``matcher.recommendations_``, in order (TF-IDF of
    words, as :meth:`ThemeMatcher.similar` ranks them).
    """
    q = normalize(matcher.word_vectorizer_.transform([text]))
    return np.asarray((q @ matcher.X_.T).todense()).ravel()


def similar_rows(
    matcher,
    text: str,
    top: int | None = 10,
    *,
    sur: str | None = None,
    themes: list[str] | str | None = None,
    before_session: int | None = None,
    recommending_state: str | None = None,
) -> pd.DataFrame:
    """:meth:`ThemeMatcher.similar` (see there) for a fitted ``matcher``."""
    check_is_fitted(matcher, "themes_")
    if matcher.recommendations_ is None:
        raise ValueError(
            "This ThemeMatcher was fitted without recommendations; call "
            "fit(recommendations) first, e.g. ThemeMatcher().fit(upr_targets.load_demo())."
        )
    text = as_text(text)
    recs = matcher.recommendations_
    if not text.strip():
        warnings.warn(
            "Empty text given to similar(): nothing to compare.",
            UPRDataWarning,
            stacklevel=2,
        )
        return empty_frame(SIMILAR_COLUMNS)
    sims = text_similarity(matcher, text)
    mask = sims > 0
    if sur is not None:
        mask &= _state_mask(recs, "sur", sur)
    if recommending_state is not None:
        mask &= _state_mask(recs, "recommending_state", recommending_state)
    if before_session is not None and "session" in recs:
        mask &= (
            (recs["session"] < int(before_session)).fillna(False).to_numpy(dtype=bool)
        )
    if themes is not None:
        wanted = {
            normalize_theme(t)
            for t in ([themes] if isinstance(themes, str) else themes)
        }
        cols = [matcher.themes_.index(t) for t in wanted]
        mask &= np.asarray(matcher.Y_[:, cols].sum(axis=1)).ravel() > 0
    idx = np.flatnonzero(mask)
    idx = idx[np.argsort(-sims[idx], kind="stable")]
    if top is not None:
        idx = idx[: int(top)]
    out = recs.iloc[idx].copy()
    out.insert(0, "similarity", sims[idx].round(4))
    for c in SIMILAR_COLUMNS:
        if c not in out:
            out[c] = pd.NA
    extra = [c for c in out.columns if c not in SIMILAR_COLUMNS]
    return out[SIMILAR_COLUMNS + extra].reset_index(drop=True)


def _state_mask(recs: pd.DataFrame, column: str, name: str) -> np.ndarray:
    if column not in recs:
        return np.zeros(len(recs), dtype=bool)
    values = recs[column]
    if (values == name).any():
        return (values == name).fillna(False).to_numpy(dtype=bool)
    canonical = normalize_state(name)
    return (values == canonical).fillna(False).to_numpy(dtype=bool)
