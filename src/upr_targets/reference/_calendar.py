"""The UPR calendar: sessions, cycles, dates and States reviewed.

``data/sessions.csv`` holds the Working Group sessions 1-54 (dates, year,
month); ``data/calendar.csv`` who was reviewed in each, with the ``basis`` of
every row ("data", "published" or "projected"; see
``docs/reference-data.md`` and ``scripts/build_calendar.py``). Beyond the
table, reviews are projected from the cycle pattern: a State reviewed in
session s is reviewed again in session s + 14.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from .._utils import read_package_csv
from ._names import normalize_state

__all__ = [
    "HRC_SESSIONS",
    "adoption_session",
    "assign_sessions",
    "hrc_sessions",
    "cycle_of_session",
    "list_reviews",
    "list_sessions",
    "next_review",
]

SESSIONS_PER_CYCLE = 14
"""Sessions in each cycle from cycle 2 on (cycle 1 had 12)."""

# Sessions after the table follow the usual rhythm: January, May, November.
_RHYTHM = (1, 5, 11)


def cycle_of_session(
    session: int | ArrayLike | pd.Series,
) -> int | np.ndarray | pd.Series:
    """Return the UPR cycle of a Working Group session.

    Cycle 1 is sessions 1-12, cycle 2 13-26, cycle 3 27-40, cycle 4 41-54,
    and each later cycle 14 sessions (cycle 5: 55-68).

    Parameters
    ----------
    session : int, array-like or pandas.Series
        Session number(s); missing values stay missing.

    Returns
    -------
    int, numpy.ndarray or pandas.Series
        Same shape as ``session``: an ``int`` for a scalar, a nullable
        ``Int64`` Series (same index) for a Series, an array otherwise.

    Raises
    ------
    ValueError
        For a session number below 1.

    Examples
    --------
    >>> from upr_targets import cycle_of_session
    >>> cycle_of_session(12), cycle_of_session(13), cycle_of_session(55)
    (1, 2, 5)
    >>> cycle_of_session([1, 27, 41]).tolist()
    [1, 3, 4]
    """
    if np.ndim(session) == 0:
        if pd.isna(session):
            return pd.NA
        s = int(session)
        if s < 1:
            raise ValueError(f"UPR session numbers start at 1, got {session!r}")
        return 1 if s <= 12 else 2 + (s - 13) // SESSIONS_PER_CYCLE
    if isinstance(session, pd.Series):
        s = pd.to_numeric(session, errors="raise").astype("Int64")
    else:
        s = pd.Series(pd.array(np.asarray(session), dtype="Int64"))
    if (s.dropna() < 1).any():
        bad = s[s < 1].iloc[0]
        raise ValueError(f"UPR session numbers start at 1, got {bad!r}")
    out = (2 + (s - 13) // SESSIONS_PER_CYCLE).where(s > 12, 1).where(s.notna())
    out = out.astype("Int64")
    if isinstance(session, pd.Series):
        return out
    return out.to_numpy(dtype=float if out.isna().any() else int)


@lru_cache(maxsize=1)
def _sessions() -> pd.DataFrame:
    raw = read_package_csv("sessions.csv")
    df = pd.DataFrame({"session": raw["session"].astype(int)})
    df["cycle"] = cycle_of_session(df["session"]).astype("Int64")
    for col in ("start_date", "end_date"):
        df[col] = pd.to_datetime(raw[col].replace("", None), format="%Y-%m-%d")
    df["year"] = raw["year"].astype(int).astype("Int64")
    df["month"] = raw["month"].astype(int).astype("Int64")
    df["session"] = df["session"].astype("Int64")
    counts = _rows()["session"].value_counts()
    df["n_states"] = df["session"].map(counts).fillna(0).astype("Int64")
    df["note"] = raw["note"].replace("", None).astype("string")
    return df


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    raw = read_package_csv("calendar.csv")
    return pd.DataFrame(
        {
            "session": raw["session"].astype(int).astype("Int64"),
            "sur": raw["sur"].astype("string"),
            "sur_iso3": raw["sur_iso3"].astype("string"),
            "basis": raw["basis"].astype("string"),
            "source": raw["source"].astype("string"),
        }
    )


@lru_cache(maxsize=1)
def _calendar() -> pd.DataFrame:
    ses = _sessions()[["session", "cycle", "start_date", "end_date", "year", "month"]]
    df = _rows().merge(ses, on="session", how="left", validate="many_to_one")
    cols = ["session", "cycle", "start_date", "end_date", "year", "month"]
    return df[[*cols, "sur", "sur_iso3", "basis", "source"]]


def list_sessions() -> pd.DataFrame:
    """Return the UPR Working Group sessions, one row per session.

    Returns
    -------
    pandas.DataFrame
        Columns ``session``, ``cycle``, ``start_date``, ``end_date`` (NaT
        where the exact days are not known), ``year``, ``month``,
        ``n_states`` (States reviewed) and ``note``.

    Examples
    --------
    >>> from upr_targets import list_sessions
    >>> s = list_sessions().set_index("session")
    >>> s.loc[1, "start_date"].date(), int(s.loc[1, "n_states"])
    (datetime.date(2008, 4, 7), 16)
    """
    return _sessions().copy()


def list_reviews() -> pd.DataFrame:
    """Return who was (or will be) reviewed in each UPR session.

    Returns
    -------
    pandas.DataFrame
        One row per (session, State under review), columns ``session``,
        ``cycle``, ``start_date``, ``end_date``, ``year``, ``month``,
        ``sur`` (canonical name), ``sur_iso3``, ``basis``: "data" (seen in
        UPR Info's export, sessions 1-17), "published" (OHCHR's programme and
        calendars) or "projected" (session s reviews the States of session
        s - 14: sessions 50 and 51, and Israel in 43, so far), and ``source``
        (where the row comes from).

    Examples
    --------
    >>> from upr_targets import list_reviews
    >>> cal = list_reviews()
    >>> cal.loc[cal["sur"] == "China", ["session", "year"]].head(3).to_numpy().tolist()
    [[4, 2009], [17, 2013], [31, 2018]]
    """
    return _calendar().copy()


def _reference_dates(df: pd.DataFrame) -> pd.Series:
    """Start date, or the first of the month where the days are unknown."""
    first = pd.to_datetime(
        {"year": df["year"].astype(int), "month": df["month"].astype(int), "day": 1}
    )
    return df["start_date"].fillna(first)


def _as_series(x, index) -> pd.Series | None:
    if x is None:
        return None
    if isinstance(x, pd.Series):
        return x.set_axis(index)
    return pd.Series(list(x) if np.ndim(x) else [x] * len(index), index=index)


def assign_sessions(
    sur_iso3: pd.Series,
    year: pd.Series | None = None,
    date: pd.Series | None = None,
    cycle: pd.Series | None = None,
) -> pd.DataFrame:
    """Find the session in which each State under review was reviewed.

    For sources that give only a year (DIHR's "2009 Cycle 1"), a date (UPR
    Info's Uwazi database: "29/01/2018") or a cycle. Each row uses its date if
    known, else its year, else its cycle; a given cycle also restricts the
    date and year matches.

    Parameters
    ----------
    sur_iso3 : pandas.Series
        ISO 3166 alpha-3 codes of the States under review.
    year : pandas.Series, optional
        Year of the review: the session of that State in that year.
    date : pandas.Series, optional
        A date of the review (datetimes, or strings such as "29/01/2018",
        read day first): that State's session starting closest to it, within
        a year.
    cycle : pandas.Series, optional
        UPR cycle: that State's session in that cycle.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``sur_iso3``, ``Int64`` columns ``session``, ``cycle``,
        ``year`` (of the session found); NA where no session fits.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.reference import assign_sessions
    >>> sur = pd.Series(["AFG", "CHN", "GBR", "GBR"])
    >>> assign_sessions(sur, year=pd.Series([2009, 2013, 2012, 2010]))
       session  cycle  year
    0        5      1  2009
    1       17      2  2013
    2       13      2  2012
    3     <NA>   <NA>  <NA>
    """
    sur = pd.Series(sur_iso3)
    index = sur.index
    n = len(sur)
    base = pd.DataFrame(
        {"pos": np.arange(n), "sur_iso3": sur.astype("string").to_numpy()}
    )
    if cycle is not None:
        c = pd.to_numeric(_as_series(cycle, index), errors="coerce").astype("Int64")
        base["want_cycle"] = c.to_numpy()
    else:
        base["want_cycle"] = pd.array([pd.NA] * n, dtype="Int64")

    cal = _calendar()[["session", "cycle", "year", "sur_iso3"]].copy()
    cal["ref"] = _reference_dates(_calendar())
    session = pd.array([pd.NA] * n, dtype="Int64")
    done = np.zeros(n, dtype=bool)

    def cycle_ok(m: pd.DataFrame) -> pd.Series:
        return m["want_cycle"].isna() | (m["want_cycle"] == m["cycle"])

    if date is not None:
        d = _as_series(date, index)
        if not pd.api.types.is_datetime64_any_dtype(d):
            d = pd.to_datetime(d, errors="coerce", dayfirst=True, format="mixed")
        b = base.assign(date=d.to_numpy())
        b = b[b["date"].notna() & b["sur_iso3"].notna()]
        m = b.merge(cal, on="sur_iso3")
        m["gap"] = (m["date"] - m["ref"]).abs()
        m = m[cycle_ok(m) & (m["gap"] <= pd.Timedelta(days=366))]
        m = m.sort_values(["pos", "gap"]).drop_duplicates("pos")
        session[m["pos"].to_numpy()] = m["session"].to_numpy()
        done[b["pos"].to_numpy()] = True
    if year is not None:
        y = pd.to_numeric(_as_series(year, index), errors="coerce").astype("Int64")
        b = base.assign(year=y.to_numpy())
        b = b[~done[b["pos"].to_numpy()] & b["year"].notna() & b["sur_iso3"].notna()]
        m = b.merge(cal, on=["sur_iso3", "year"])
        m = m[cycle_ok(m)].sort_values(["pos", "session"]).drop_duplicates("pos")
        session[m["pos"].to_numpy()] = m["session"].to_numpy()
        done[b["pos"].to_numpy()] = True
    if cycle is not None:
        b = base[~done & base["want_cycle"].notna().to_numpy()]
        m = b.merge(
            cal, left_on=["sur_iso3", "want_cycle"], right_on=["sur_iso3", "cycle"]
        )
        m = m.sort_values(["pos", "session"]).drop_duplicates("pos")
        session[m["pos"].to_numpy()] = m["session"].to_numpy()

    ses = _sessions().set_index("session")
    s = pd.Series(session, index=index, dtype="Int64")
    out = pd.DataFrame(
        {
            "session": s,
            "cycle": pd.Series(cycle_of_session(s), index=index, dtype="Int64"),
            "year": pd.Series(
                ses["year"].reindex(s.to_numpy()).to_numpy(), index=index, dtype="Int64"
            ),
        }
    )
    return out


def _projected_session(session: int) -> dict:
    """Year and month of a session beyond the table (January, May, November)."""
    ses = _sessions()
    last = ses.iloc[-1]
    k = session - int(last["session"])
    month = int(last["month"])
    slot = min(range(len(_RHYTHM)), key=lambda i: abs(_RHYTHM[i] - month))
    pos = slot + k
    return {
        "year": int(last["year"]) + pos // len(_RHYTHM),
        "month": _RHYTHM[pos % len(_RHYTHM)],
    }


def next_review(sur: str, after: str | pd.Timestamp | None = None) -> pd.Series:
    """Return the next UPR review of a State after a date.

    Parameters
    ----------
    sur : str
        The State under review, in any spelling ``normalize_state`` accepts.
    after : date-like, optional
        Reviews starting after this date count; default today.

    Returns
    -------
    pandas.Series
        ``sur``, ``sur_iso3``, ``session``, ``cycle``, ``start_date`` (NaT
        where the days are not known), ``end_date``, ``year``, ``month`` and
        ``basis`` ("published", "projected", ...). Beyond the calendar's
        sessions, the review is projected 14 sessions after the last one, in
        the January / May / November rhythm of the Working Group.

    Raises
    ------
    UnknownStateError
        When ``sur`` is not a State's name.
    ValueError
        For an observer State, which the UPR does not review.

    Examples
    --------
    >>> from upr_targets import next_review
    >>> r = next_review("United Kingdom", after="2017-01-01")
    >>> int(r["session"]), int(r["year"]), r["basis"]
    (27, 2017, 'published')
    >>> int(next_review("UK", after="2030-01-01")["session"])
    69
    """
    name = normalize_state(sur)
    when = pd.Timestamp.today().normalize() if after is None else pd.Timestamp(after)
    cal = _calendar()
    own = cal[cal["sur"] == name]
    if own.empty:
        raise ValueError(
            f"{name} is not reviewed by the UPR: only UN member States are "
            "(the Holy See and the State of Palestine are observers)."
        )
    ref = _reference_dates(own)
    later = own[(ref > when).to_numpy()]
    if len(later):
        row = later.iloc[0]
        out = {k: row[k] for k in ("session", "cycle", "start_date", "end_date")}
        out.update(year=row["year"], month=row["month"], basis=row["basis"])
    else:
        session = int(own["session"].max())
        while True:
            session += SESSIONS_PER_CYCLE
            ym = _projected_session(session)
            if pd.Timestamp(year=ym["year"], month=ym["month"], day=1) > when:
                break
        out = {
            "session": session,
            "cycle": cycle_of_session(session),
            "start_date": pd.NaT,
            "end_date": pd.NaT,
            **ym,
            "basis": "projected",
        }
    iso3 = own["sur_iso3"].iloc[0]
    return pd.Series({"sur": name, "sur_iso3": iso3, **out}, name=name)


HRC_SESSIONS: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
    ((2, 24), (4, 4)),  # the main session, late February to early April
    ((6, 15), (7, 12)),  # mid-June to mid-July
    ((9, 8), (10, 10)),  # September to early October
)
"""The Human Rights Council's three regular sessions a year, approximate
(month, day) of start and end (OHCHR, Human Rights Council sessions pages):
Geneva missions are busiest then, the advocacy guides advise contacting them
outside these weeks. Check the Council's programme for the exact dates."""


def hrc_sessions(first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The Council's regular sessions (approximate) that overlap ``first``-``last``."""
    rows = []
    for year in range(first.year, last.year + 1):
        for (m1, d1), (m2, d2) in HRC_SESSIONS:
            begin = pd.Timestamp(year=year, month=m1, day=d1)
            end = pd.Timestamp(year=year, month=m2, day=d2)
            if end >= first and begin <= last:
                rows.append((begin, end))
    return pd.DataFrame(rows, columns=["start", "end"])


def _hrc_start(number: int) -> pd.Timestamp:
    """Approximate start of the Council's regular session ``number`` (>= 4).

    From session 4 (March 2007) the Council meets three times a year, in
    March, June and September, in that order.
    """
    year, slot = divmod(int(number) - 4, 3)
    (month, day), _ = HRC_SESSIONS[slot]
    return pd.Timestamp(year=2007 + year, month=month, day=day)


def adoption_session(
    document: str | None = None, review_end: pd.Timestamp | None = None
) -> tuple[int | None, pd.Timestamp | None, str]:
    """The Human Rights Council session that adopts a review's outcome.

    The Working Group report's symbol names it (A/HRC/**42**/4 is adopted at
    the Council's 42nd session); without a symbol, the first regular session
    starting a month or more after the review.

    Returns
    -------
    (number, approximate start, basis)
        ``basis`` says where the session comes from: "report symbol" or
        "calendar pattern" (number unknown).

    Examples
    --------
    >>> from upr_targets.reference import adoption_session
    >>> n, start, basis = adoption_session("A/HRC/42/4")
    >>> n, start.strftime("%B %Y"), basis
    (42, 'September 2019', 'report symbol')
    """
    import re

    m = re.match(r"\s*A/HRC/(\d+)/", document or "")
    if m and int(m.group(1)) >= 4:
        return int(m.group(1)), _hrc_start(int(m.group(1))), "report symbol"
    if review_end is None or pd.isna(review_end):
        return None, None, "unknown"
    first = pd.Timestamp(review_end) + pd.Timedelta(days=30)
    upcoming = hrc_sessions(first, first + pd.DateOffset(years=1))
    upcoming = upcoming[upcoming["start"] >= first]
    return None, upcoming["start"].iloc[0], "calendar pattern"
