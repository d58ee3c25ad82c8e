"""Bloc memberships as they were on a date (``data/bloc_history.csv``).

``states.csv`` holds today's memberships; ``bloc_history.csv`` the changes
since the UPR began (accessions, withdrawals, readmissions), one row per
period of membership. A backtest or a ranking "as before session s" uses the
memberships of that session's first day, not today's: Croatia was no EU
member at its first review, the United Kingdom was one until 2020.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .._utils import read_package_csv
from ._states import memberships_by_iso3

__all__ = ["bloc_history", "memberships_at"]


@lru_cache(maxsize=1)
def _history() -> pd.DataFrame:
    df = read_package_csv("bloc_history.csv")
    for col in ("joined", "left"):
        df[col] = pd.to_datetime(df[col].replace("", None), format="%Y-%m-%d")
    return df


def bloc_history() -> pd.DataFrame:
    """The changes of bloc membership since April 2008, one row per period.

    Returns
    -------
    pandas.DataFrame
        ``iso3, bloc, joined, left, note``: the State was a member from
        ``joined`` (NaT: before April 2008) to ``left`` (NaT: still one).
        States and blocs not listed kept today's membership throughout.

    Examples
    --------
    >>> from upr_targets.reference import bloc_history
    >>> h = bloc_history()
    >>> h.loc[h["iso3"] == "GBR", ["bloc", "left"]].to_string(index=False)
    'bloc       left\\n  EU 2020-01-31'
    """
    return _history().copy()


@lru_cache(maxsize=64)
def memberships_at(date: pd.Timestamp | None = None) -> dict[str, frozenset[str]]:
    """ISO3 code -> the blocs the State belonged to on ``date`` (None: today).

    Parameters
    ----------
    date : pandas.Timestamp, optional
        The day; None gives today's memberships (``states.csv``).

    Returns
    -------
    dict
        Every State's blocs on that day.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.reference import memberships_at
    >>> sorted(memberships_at(pd.Timestamp("2012-05-21"))["HRV"])
    []
    >>> sorted(memberships_at(pd.Timestamp("2012-05-21"))["GBR"])
    ['Commonwealth', 'EU', 'OECD']
    """
    now = memberships_by_iso3()
    if date is None:
        return now
    h = _history()
    covers = (h["joined"].isna() | (h["joined"] <= date)) & (
        h["left"].isna() | (date < h["left"])
    )
    member = covers.groupby([h["iso3"], h["bloc"]]).any()
    out = {iso3: set(blocs) for iso3, blocs in now.items()}
    for (iso3, bloc), was in member.items():
        out.setdefault(iso3, set())
        if was:
            out[iso3].add(bloc)
        else:
            out[iso3].discard(bloc)
    return {iso3: frozenset(b) for iso3, b in out.items()}
