"""Searching the recommendations, as in the UPR Info database, from Python or the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._matching import matcher_for
from .reference import list_states, normalize_group, normalize_state, normalize_theme

if TYPE_CHECKING:
    from ._matcher import ThemeMatcher

__all__ = ["SEARCH_COLUMNS", "search"]

SEARCH_COLUMNS = (
    "session",
    "year",
    "sur",
    "recommending_state",
    "rs_group",
    "response",
    "action_category",
    "themes",
    "text",
    "document",
    "paragraph",
)
"""The columns :func:`search` returns first (then ``similarity`` with a text)."""


def _many(value) -> list | None:
    if value is None:
        return None
    if isinstance(value, (str, int, np.integer)):
        return [value]
    return list(value)


def _isin(column: pd.Series, values: Iterable) -> np.ndarray:
    return column.isin(list(values)).to_numpy(dtype=bool, na_value=False)


def _fitted_on(matcher, df: pd.DataFrame) -> bool:
    """Whether ``matcher`` was fitted on the rows of ``df``, in their order."""
    recs = getattr(matcher, "recommendations_", None)
    return (
        recs is not None
        and len(recs) == len(df)
        and recs["text"]
        .reset_index(drop=True)
        .equals(df["text"].reset_index(drop=True))
    )


def search(
    recommendations: pd.DataFrame,
    *,
    sur=None,
    recommending_state=None,
    group=None,
    bloc=None,
    theme=None,
    text: str | None = None,
    response=None,
    action_category=None,
    session=None,
    cycle=None,
    year=None,
    top: int | None = None,
    matcher: ThemeMatcher | None = None,
) -> pd.DataFrame:
    """Filter recommendations as the UPR Info database does; rank by a free text.

    Every filter takes one value or a list (any of them matches); filters
    combine with "and".

    Parameters
    ----------
    recommendations : pandas.DataFrame
        The normalized table.
    sur : str or list of str, optional
        States under review (any spelling ``normalize_state`` accepts).
    recommending_state : str or list of str, optional
        Recommending States.
    group : str or list of str, optional
        UN regional groups of the recommending States ("WEOG", "Africa").
    bloc : str or list of str, optional
        Blocs the recommending States belong to ("EU", "AU", "OIC").
    theme : str or list of str, optional
        Themes of the taxonomy (any of them).
    text : str, optional
        Free text: rows are ranked by TF-IDF similarity to it (a
        ``similarity`` column, 0-1) and rows without any word in common are
        left out.
    response : str or list of str, optional
        "supported", "noted" or "unclear".
    action_category : int or list of int, optional
        Action categories 1-5.
    session, cycle, year : int or list of int, optional
        UPR session numbers, cycles, years.
    top : int, optional
        At most this many rows.
    matcher : ThemeMatcher, optional
        A matcher fitted on ``recommendations`` to rank the ``text`` with
        (e.g. the ``matcher_`` of a ranker fitted on the table, or one read
        from a cache). One fitted on other rows is not used: a matcher is
        then fitted on the table (and kept for the process), as by default.

    Returns
    -------
    pandas.DataFrame
        The matching rows (``SEARCH_COLUMNS`` first, then the others), best
        first with a ``text``, else latest session first.
        ``attrs["n_matched"]`` counts the rows that match, ``top`` or not.

    Raises
    ------
    UnknownStateError, UnknownThemeError, ValueError
        For names, themes, groups or blocs that resolve to nothing.

    Examples
    --------
    >>> import upr_targets
    >>> recs = upr_targets.load_demo()
    >>> hits = upr_targets.search(recs, sur="Kenya", bloc="EU", text="death penalty", top=3)
    >>> len(hits) <= 3 and set(hits["sur"]) <= {"Kenya"}
    True
    """
    df = recommendations
    keep = np.ones(len(df), dtype=bool)
    if sur is not None:
        keep &= _isin(df["sur"], [normalize_state(s) for s in _many(sur)])
    if recommending_state is not None:
        names = [normalize_state(s) for s in _many(recommending_state)]
        keep &= _isin(df["recommending_state"], names)
    if group is not None:
        keep &= _isin(df["rs_group"], [normalize_group(g) for g in _many(group)])
    if bloc is not None:
        members = set().union(*(set(list_states(bloc=b)["iso3"]) for b in _many(bloc)))
        keep &= _isin(df["rs_iso3"], members)
    if theme is not None:
        wanted = {normalize_theme(t) for t in _many(theme)}
        keep &= df["themes"].map(lambda ts: not wanted.isdisjoint(ts)).to_numpy(bool)
    if response is not None:
        keep &= _isin(df["response"], [str(r).lower() for r in _many(response)])
    for col, value in (
        ("action_category", action_category),
        ("session", session),
        ("cycle", cycle),
        ("year", year),
    ):
        if value is not None:
            keep &= _isin(df[col], [int(v) for v in _many(value)])
    similarity = None
    if text is not None and text.strip():
        from ._similar import text_similarity

        if matcher is None or not _fitted_on(matcher, df):
            matcher = matcher_for(df)
        similarity = text_similarity(matcher, text)
        keep &= similarity > 0
    idx = np.flatnonzero(keep)
    if similarity is not None:
        idx = idx[np.argsort(-similarity[idx], kind="stable")]
    else:
        order = df.iloc[idx].sort_values(
            ["session", "sur"], ascending=[False, True], kind="stable"
        )
        idx = df.index.get_indexer(order.index)
    n_matched = len(idx)
    if top is not None:
        idx = idx[: int(top)]
    out = df.iloc[idx]
    front = [c for c in SEARCH_COLUMNS if c in out.columns]
    out = out[front + [c for c in out.columns if c not in front]].copy()
    if similarity is not None:
        out.insert(0, "similarity", similarity[idx].round(4))
    out = out.reset_index(drop=True)
    out.attrs["n_matched"] = n_matched
    return out
