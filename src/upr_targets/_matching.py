"""Matching free text to themes and past recommendations: the functional API.

:func:`match_themes` and :func:`similar_recommendations` are shortcuts of
:class:`~upr_targets.ThemeMatcher` with a cache of fitted matchers;
:func:`select_themes` is the one rule that picks, from a text's matches,
the themes a ranking uses.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ._cache import table_key

if TYPE_CHECKING:  # the matcher (scikit-learn) is imported on first use
    from ._matcher import ThemeMatcher

__all__ = [
    "matcher_for",
    "match_themes",
    "select_themes",
    "similar_recommendations",
]

MAX_THEMES_PER_ISSUE = 3
"""Most themes one issue text is ranked on."""

THEME_RATIO = 0.5
"""A theme is used when it scores at least this share of the best match."""


def select_themes(
    matches: pd.DataFrame,
    available=None,
    *,
    n: int = MAX_THEMES_PER_ISSUE,
    ratio: float = THEME_RATIO,
) -> list[str]:
    """The themes a ranking uses for a text: the best match and those close to it.

    Parameters
    ----------
    matches : pandas.DataFrame
        :meth:`ThemeMatcher.match` output (``theme``, ``score``), best first.
    available : collection of str, optional
        Keep only these themes (those present in the data).
    n : int
        At most this many themes.
    ratio : float
        Keep the themes scoring at least ``ratio`` times the best score.

    Returns
    -------
    list of str
        Best first; empty when nothing matches.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets._matching import select_themes
    >>> m = pd.DataFrame({"theme": ["A", "B", "C"], "score": [0.8, 0.5, 0.3]})
    >>> select_themes(m)
    ['A', 'B']
    """
    if len(matches) == 0:
        return []
    best = float(matches["score"].max())
    keep = matches.loc[matches["score"] >= ratio * best, "theme"].tolist()
    if available is not None:
        keep = [t for t in keep if t in available]
    return keep[:n]


@lru_cache(maxsize=1)
def _default_matcher() -> ThemeMatcher:
    """The taxonomy-only matcher, fitted once."""
    from ._matcher import ThemeMatcher

    return ThemeMatcher().fit()


_FITTED: OrderedDict[str, ThemeMatcher] = OrderedDict()
"""Matchers fitted in this process, by the content of their table (at most 4)."""


def matcher_for(recommendations: pd.DataFrame | None) -> ThemeMatcher:
    """The taxonomy-only matcher, or one fitted on ``recommendations``.

    Fitted matchers are kept for the process, keyed by the content of the
    columns they read: a copy of the same table (``load_demo()`` twice, a
    ranker refitted on the same data) reuses the fitted matcher.
    """
    if recommendations is None:
        return _default_matcher()
    from ._matcher import MATCHED_COLUMNS, ThemeMatcher

    cols = [c for c in MATCHED_COLUMNS if c in recommendations.columns]
    key = table_key(recommendations[cols])
    if key in _FITTED:
        _FITTED.move_to_end(key)
        return _FITTED[key]
    matcher = ThemeMatcher().fit(recommendations)
    _FITTED[key] = matcher
    if len(_FITTED) > 4:
        _FITTED.popitem(last=False)
    return matcher


def match_themes(
    text: str, recommendations: pd.DataFrame | None = None, top: int | None = 5
) -> pd.DataFrame:
    """Return the themes that best match a text (shortcut of :class:`ThemeMatcher`).

    Parameters
    ----------
    text : str
        An issue in an NGO's words.
    recommendations : pandas.DataFrame, optional
        Past recommendations to learn from (improves long texts); without
        them, the taxonomy alone (fitted once and cached).
    top : int or None, default 5

    Returns
    -------
    pandas.DataFrame
        As :meth:`ThemeMatcher.match`: ``theme``, ``score`` and evidence,
        best first; empty when nothing matches.

    Examples
    --------
    >>> from upr_targets import match_themes
    >>> match_themes("torure", top=1)["theme"].iloc[0]
    'Torture and other CID treatment'
    >>> match_themes("FGM", top=1)["theme"].iloc[0]
    "Women's rights"
    """
    return matcher_for(recommendations).match(text, top=top)


def similar_recommendations(
    text: str,
    recommendations: pd.DataFrame,
    top: int | None = 10,
    *,
    sur: str | None = None,
    themes: list[str] | str | None = None,
    before_session: int | None = None,
    recommending_state: str | None = None,
) -> pd.DataFrame:
    """Return the past recommendations most similar to a text.

    Shortcut of ``ThemeMatcher().fit(recommendations).similar(...)``; the
    fitted matcher is cached for the same table.

    Parameters
    ----------
    text : str
        The issue, in any words.
    recommendations : pandas.DataFrame
        The normalized table to search.
    top : int or None, default 10
        Number of recommendations (``None``: all with some similarity).
    sur, themes, before_session, recommending_state : optional
        Filters, as for :meth:`ThemeMatcher.similar`.

    Returns
    -------
    pandas.DataFrame
        As :meth:`ThemeMatcher.similar`: best first, with ``similarity``.

    Examples
    --------
    >>> from upr_targets import load_demo, similar_recommendations
    >>> demo = load_demo()
    >>> hits = similar_recommendations("journalists harassed", demo, top=5, themes="Freedom of the press")
    >>> hits.columns[:4].tolist()
    ['similarity', 'text', 'recommending_state', 'sur']
    """
    return matcher_for(recommendations).similar(
        text,
        top=top,
        sur=sur,
        themes=themes,
        before_session=before_session,
        recommending_state=recommending_state,
    )
