"""Session, cycle and year of each row, from the source and the UPR calendar."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..reference import assign_sessions, cycle_of_session, list_reviews, list_sessions
from ._values import group_codes, per_distinct

__all__ = ["fill_sessions", "flag_mask"]

_NUMBER = r"^(\d+)(?:\.0+)?$"


def flag_mask(report, file, rows, mask, column, values, issue):
    if mask.any():
        report.flag(file, rows[mask], column, values[mask], issue)


@lru_cache(maxsize=1)
def _reviewed() -> frozenset[str]:
    """The calendar's reviews as "session|ISO3" keys."""
    r = list_reviews()
    return frozenset(r["session"].astype(str) + "|" + r["sur_iso3"].astype(str))


def fill_sessions(df, raw, report, file, label="session"):
    """Fill session/cycle/year from the source and the UPR calendar."""
    cal = list_sessions()
    known = pd.Index(cal["session"].astype("int64"))
    year_of = pd.Series(cal["year"].to_numpy(), index=known)
    rows = df["source_row"]
    given = raw["session"] if "session" in raw else pd.Series(pd.NA, index=df.index)
    given_text = given.astype("string").str.strip()

    def number(text: pd.Series) -> pd.Series:
        return pd.to_numeric(text.str.extract(_NUMBER)[0], errors="coerce")

    session = per_distinct(given_text, number, dtype="Int64")
    nonblank = given_text.notna() & (given_text != "")
    unknown = (nonblank & (session.isna() | ~session.isin(known))).to_numpy(dtype=bool)
    flag_mask(
        report,
        file,
        rows,
        unknown,
        label,
        given_text,
        f"session not in the UPR calendar (sessions {known.min()}-{known.max()}); set to missing",
    )
    session = session.mask(unknown)
    # each distinct (session, State) pair looked up once, as "session|ISO3"
    pair, first = group_codes(session, df["sur_iso3"])
    keys = (
        session.iloc[first].astype("string").fillna("")
        + "|"
        + df["sur_iso3"].iloc[first].astype("string").fillna("")
    )
    listed = keys.isin(_reviewed()).to_numpy(dtype=bool)[pair]
    elsewhere = session.notna().to_numpy(dtype=bool) & ~listed
    if elsewhere.any():
        report.flag(
            file,
            rows[elsewhere],
            label,
            df["sur"].astype("string")[elsewhere]
            + ", session "
            + session.astype("string")[elsewhere],
            "the UPR calendar does not list this State under review in this session; "
            "kept",
        )
    # cycle and year of each distinct session
    codes, numbers = pd.factorize(session, use_na_sentinel=True)
    numbers = np.asarray(numbers, dtype="int64")
    cycle_u = np.append(np.asarray(cycle_of_session(numbers), dtype="float64"), np.nan)
    year_u = np.append(year_of.reindex(numbers).to_numpy(dtype="float64"), np.nan)
    cycle = pd.Series(cycle_u[codes], index=df.index).astype("Int64")
    year = pd.Series(year_u[codes], index=df.index).astype("Int64")
    has = session.notna()
    src_year = (
        pd.to_numeric(raw["year"], errors="coerce").astype("Int64")
        if "year" in raw
        else None
    )
    src_cycle = (
        pd.to_numeric(raw["cycle"], errors="coerce").astype("Int64")
        if "cycle" in raw
        else None
    )
    src_date = pd.to_datetime(raw["date"], errors="coerce") if "date" in raw else None
    need = ~has & df["sur_iso3"].notna()
    if need.any() and any(x is not None for x in (src_year, src_cycle, src_date)):
        idx = need[need].index
        got = assign_sessions(
            df.loc[idx, "sur_iso3"],
            year=None if src_year is None else src_year[idx],
            date=None if src_date is None else src_date[idx],
            cycle=None if src_cycle is None else src_cycle[idx],
        )
        got = pd.DataFrame(got).reindex(idx)
        session[idx] = pd.to_numeric(got["session"], errors="coerce").astype("Int64")
        cycle[idx] = pd.to_numeric(got["cycle"], errors="coerce").astype("Int64")
        year[idx] = pd.to_numeric(got["year"], errors="coerce").astype("Int64")
    if src_cycle is not None:
        cycle = cycle.fillna(src_cycle)
    if src_year is not None:
        year = year.fillna(src_year)
    if src_date is not None:
        year = year.fillna(pd.Series(src_date.dt.year, index=df.index).astype("Int64"))
    missing = session.isna().to_numpy(dtype=bool) & ~unknown
    if missing.any():
        what = pd.Series(
            "SuR "
            + df["sur"].astype("string").fillna("?")
            + ", year "
            + year.astype("string").fillna("?")
            + ", cycle "
            + cycle.astype("string").fillna("?"),
            index=df.index,
        )
        flag_mask(
            report,
            file,
            rows,
            missing,
            label,
            what,
            "session could not be determined from the UPR calendar; set to missing",
        )
    df["session"], df["cycle"], df["year"] = session, cycle, year
    return df
