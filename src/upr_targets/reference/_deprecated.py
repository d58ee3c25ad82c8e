"""Former names of the reference tables, kept working for existing code.

``states()``, ``themes()``, ``calendar()`` and ``sessions()`` shadowed the
``states=``, ``themes=`` and ``sessions=`` arguments used across the library;
they are now :func:`list_states`, :func:`list_themes`, :func:`list_reviews`
and :func:`list_sessions`. Each old name warns once per call site.
"""

from __future__ import annotations

import warnings

import pandas as pd

from ._calendar import list_reviews, list_sessions
from ._states import list_states
from ._themes import list_themes

__all__ = ["calendar", "sessions", "states", "themes"]


def _renamed(old: str, new: str) -> None:
    warnings.warn(
        f"upr_targets.{old}() is now upr_targets.{new}()",
        DeprecationWarning,
        stacklevel=3,
    )


def states() -> pd.DataFrame:
    """Deprecated name of :func:`upr_targets.list_states`.

    Returns
    -------
    pandas.DataFrame
        As :func:`upr_targets.list_states`.
    """
    _renamed("states", "list_states")
    return list_states()


def themes() -> pd.DataFrame:
    """Deprecated name of :func:`upr_targets.list_themes`.

    Returns
    -------
    pandas.DataFrame
        As :func:`upr_targets.list_themes`.
    """
    _renamed("themes", "list_themes")
    return list_themes()


def calendar() -> pd.DataFrame:
    """Deprecated name of :func:`upr_targets.list_reviews`.

    Returns
    -------
    pandas.DataFrame
        As :func:`upr_targets.list_reviews`.
    """
    _renamed("calendar", "list_reviews")
    return list_reviews()


def sessions() -> pd.DataFrame:
    """Deprecated name of :func:`upr_targets.list_sessions`.

    Returns
    -------
    pandas.DataFrame
        As :func:`upr_targets.list_sessions`.
    """
    _renamed("sessions", "list_sessions")
    return list_sessions()
