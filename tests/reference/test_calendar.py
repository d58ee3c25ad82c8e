"""Tests of the UPR calendar: sessions, cycles, who was reviewed when."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from upr_targets import (
    cycle_of_session,
    list_reviews,
    list_sessions,
    list_states,
    next_review,
)
from upr_targets._errors import UnknownStateError
from upr_targets.reference import assign_sessions


def test_sessions_table():
    s = list_sessions()
    assert list(s.columns) == [
        "session",
        "cycle",
        "start_date",
        "end_date",
        "year",
        "month",
        "n_states",
        "note",
    ]
    assert s["session"].tolist() == list(range(1, 55))
    assert s.groupby("cycle")["session"].agg(["min", "max"]).to_numpy().tolist() == [
        [1, 12],
        [13, 26],
        [27, 40],
        [41, 54],
    ]
    dated = s.dropna(subset=["start_date"])
    assert len(dated) >= 48
    assert (dated["start_date"] <= dated["end_date"]).all()
    assert (dated["end_date"] - dated["start_date"]).dt.days.between(9, 15).all()
    assert dated["start_date"].is_monotonic_increasing
    assert (dated["start_date"].dt.year == dated["year"]).all()
    assert (dated["start_date"].dt.month == dated["month"]).all()
    ym = s["year"] * 12 + s["month"]
    assert ym.is_monotonic_increasing
    assert s.loc[s["session"] == 36, "year"].item() == 2020  # postponed (COVID-19)
    assert s["n_states"].between(11, 17).all()


def test_calendar_columns_and_basis():
    cal = list_reviews()
    assert list(cal.columns) == [
        "session",
        "cycle",
        "start_date",
        "end_date",
        "year",
        "month",
        "sur",
        "sur_iso3",
        "basis",
        "source",
    ]
    assert set(cal["basis"]) == {"data", "published", "projected"}
    assert (cal.loc[cal["session"] <= 17, "basis"] == "data").all()
    assert (cal.loc[cal["session"] > 17, "basis"] != "data").all()
    assert not cal.duplicated(["session", "sur_iso3"]).any()
    names = list_states().set_index("iso3")["name"]
    assert (cal["sur"].to_numpy() == names.reindex(cal["sur_iso3"]).to_numpy()).all()


@pytest.mark.parametrize("cycle", [1, 2, 3, 4])
def test_every_member_reviewed_once_per_cycle(cycle):
    cal = list_reviews()
    members = list_states().query("status == 'member'")["iso3"]
    reviewed = cal.loc[cal["cycle"] == cycle, "sur_iso3"]
    assert reviewed.is_unique
    assert set(reviewed) == set(members)


def test_cycle_pattern_and_known_exceptions():
    cal = list_reviews()
    who = cal.groupby("session")["sur"].apply(frozenset)
    for s in range(27, 55):
        expected = set(who[s - 14])
        if s == 29:
            expected.add("Israel")  # back to its place after the 2013 postponement
        if s == 31:
            expected.discard("Israel")
        # postponed reviews (published programmes and NGO calendars)
        moves = {39: ("Sudan", 40), 42: ("Ukraine", 54), 50: ("United States", 53)}
        moves[51] = ("Myanmar", 54)
        for place, (name, to) in moves.items():
            if s == place:
                expected.discard(name)
            if s == to:
                expected.add(name)
        if s == 53:
            expected.discard("Sudan")  # its cycle-3 review moved to 40, so 54
        assert who[s] == expected, s
    assert "Israel" in who[17] and "Israel" not in who[15]  # postponed in cycle 2
    assert "Haiti" in who[12] and "Haiti" not in who[8]  # postponed in cycle 1
    assert len(who[13]) == 14  # cycle 2: 14 States a session


def test_known_reviews():
    cal = list_reviews().set_index(["sur", "cycle"])["session"]
    assert cal[("United Kingdom", 1)] == 1
    assert cal[("China", 2)] == 17
    assert cal[("Slovenia", 2)] == 20
    assert cal[("United States", 2)] == 22
    assert cal[("United States", 3)] == 36
    assert cal[("Iran", 4)] == 48
    assert cal[("Kenya", 4)] == 49
    assert cal[("United States", 4)] == 53
    assert cal[("Sudan", 3)] == 40 and cal[("Sudan", 4)] == 54
    assert cal[("Ukraine", 4)] == 54 and cal[("Myanmar", 4)] == 54


def test_session_sizes_of_cycles_3_and_4():
    n = list_reviews().groupby("session").size()
    assert n[40] == 12 and n[42] == 13 and n[53] == 14 and n[54] == 14
    basis = {s: set(b) for s, b in list_reviews().groupby("session")["basis"]}
    assert basis[49] == basis[52] == basis[53] == basis[54] == {"published"}
    assert basis[50] == basis[51] == {"projected"}


# ----------------------------------------------------------- cycle_of_session


def test_cycle_of_session_scalar():
    assert [
        cycle_of_session(s) for s in (1, 12, 13, 26, 27, 40, 41, 54, 55, 68, 69)
    ] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
        6,
    ]
    assert isinstance(cycle_of_session(np.int64(20)), int)
    assert cycle_of_session(pd.NA) is pd.NA


def test_cycle_of_session_array_and_series():
    np.testing.assert_array_equal(cycle_of_session(np.array([1, 13, 27])), [1, 2, 3])
    s = pd.Series([41, None, 12], index=["a", "b", "c"], dtype="Int64")
    out = cycle_of_session(s)
    assert out.index.tolist() == ["a", "b", "c"]
    assert out.dtype == "Int64"
    assert out.tolist()[0] == 4 and pd.isna(out["b"]) and out["c"] == 1


@pytest.mark.parametrize("bad", [0, -3, [1, 0]])
def test_cycle_of_session_rejects_bad_numbers(bad):
    with pytest.raises(ValueError, match="start at 1"):
        cycle_of_session(bad)


# ------------------------------------------------------------ assign_sessions


def test_assign_sessions_by_year():
    sur = pd.Series(["AFG", "CHN", "GBR", "GBR", None], index=[3, 4, 5, 6, 7])
    out = assign_sessions(sur, year=pd.Series([2009, 2013, 2012, 2010, 2012]))
    assert out.index.tolist() == [3, 4, 5, 6, 7]
    assert list(out.columns) == ["session", "cycle", "year"]
    assert all(str(t) == "Int64" for t in out.dtypes)
    assert out["session"].tolist()[:3] == [5, 17, 13]
    assert out.loc[[6, 7]].isna().all().all()  # no review in 2010; no SuR


def test_assign_sessions_by_year_and_cycle():
    sur = pd.Series(["GBR", "GBR"])
    out = assign_sessions(sur, year=pd.Series([2008, 2008]), cycle=pd.Series([1, 2]))
    assert out["session"].tolist()[0] == 1
    assert pd.isna(out["session"].iloc[1])


def test_assign_sessions_by_date():
    sur = pd.Series(["ISR", "FRA", "CHN", "CHN"])
    date = pd.Series(["29/01/2018", "2018-01-20", "22/10/2013", "01/01/2011"])
    out = assign_sessions(sur, date=date)
    assert out["session"].tolist()[:3] == [29, 29, 17]
    assert pd.isna(out["session"].iloc[3])  # more than a year from any review
    ts = pd.to_datetime(pd.Series(["2018-01-29"]))
    assert assign_sessions(pd.Series(["ISR"]), date=ts)["session"].item() == 29


def test_assign_sessions_by_cycle_and_fallbacks():
    sur = pd.Series(["BRA", "BRA", "BRA"])
    out = assign_sessions(
        sur,
        date=pd.Series([None, "2017-05-03", None]),
        year=pd.Series([None, None, 2012]),
        cycle=pd.Series([3, 3, 2]),
    )
    assert out["session"].tolist() == [27, 27, 13]
    assert out["cycle"].tolist() == [3, 3, 2]
    assert out["year"].tolist() == [2017, 2017, 2012]


def test_assign_sessions_vectorised_on_many_rows():
    cal = list_reviews()
    sample = cal.sample(n=2000, replace=True, random_state=0)
    out = assign_sessions(sample["sur_iso3"], year=sample["year"])
    assert (out["session"].to_numpy() == sample["session"].to_numpy()).all()


# --------------------------------------------------------------- next_review


def test_next_review_in_calendar():
    r = next_review("United Kingdom", after="2017-01-01")
    assert r["session"] == 27 and r["cycle"] == 3
    assert r["start_date"] == pd.Timestamp("2017-05-01")
    assert (r["year"], r["month"], r["basis"]) == (2017, 5, "published")
    assert r["sur"] == "United Kingdom" and r["sur_iso3"] == "GBR"
    r = next_review("GBR", after=pd.Timestamp("2008-01-01"))
    assert r["session"] == 1


def test_next_review_projected_beyond_calendar():
    r = next_review("Iran (Islamic Republic of)", after="2026-01-01")
    assert r["session"] == 62 and r["cycle"] == 5 and r["basis"] == "projected"
    assert pd.isna(r["start_date"])
    assert 2029 <= r["year"] <= 2030


def test_next_review_default_is_after_today():
    r = next_review("France")
    today = pd.Timestamp.today().normalize()
    start = r["start_date"]
    if pd.isna(start):
        start = pd.Timestamp(year=int(r["year"]), month=int(r["month"]), day=1)
    assert start > today


def test_next_review_unknown_state():
    with pytest.raises(UnknownStateError):
        next_review("Atlantis")


def test_next_review_observer():
    with pytest.raises(ValueError, match="Holy See is not reviewed"):
        next_review("Holy See")


# ------------------------------------------------------------- real data


def test_sessions_1_to_17_match_upr_info(upr_info_files):
    from upr_targets.reference import resolve_states

    raw = pd.concat(
        [
            pd.read_csv(f, encoding="mac_roman", lineterminator="\r", dtype=str)
            for f in upr_info_files
        ],
        ignore_index=True,
    )
    seen = raw[["Session", "To"]].drop_duplicates()
    seen = pd.DataFrame(
        {
            "session": seen["Session"].astype(int),
            "sur": resolve_states(seen["To"])["name"].to_numpy(),
        }
    )
    cal = list_reviews()
    cal = cal[cal["session"] <= 17]
    assert set(map(tuple, seen.to_numpy().tolist())) == set(
        zip(cal["session"].astype(int), cal["sur"], strict=True)
    )


def test_matrices_agree(shared_data):
    """Each OHCHR matrix's State and session are a review in the calendar."""
    import warnings

    from upr_targets import UPRDataWarning, load_recommendations

    files = sorted((shared_data / "matrix").glob("*.docx"))
    if not files:
        pytest.skip("no matrices in shared data")
    cal = list_reviews()
    for f in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UPRDataWarning)
            df = load_recommendations(f)
        (sur,) = df["sur"].unique()
        (session,) = df["session"].unique()
        row = cal[(cal["sur"] == sur) & (cal["session"] == session)]
        assert len(row) == 1, f.name
        assert row["cycle"].item() == df["cycle"].iloc[0]


def _read_dihr(path) -> pd.DataFrame:
    """Distinct (SuR, recommending State, field_year) of the DIHR export."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    try:
        rows = iter(wb.get_sheet_by_index(0).to_python())
        header = list(next(rows))
        cols = [
            header.index(c)
            for c in ("Recommendation", "Recommending state", "field_year")
        ]
        seen = {tuple(r[c] for c in cols) for r in rows}
    finally:
        wb.close()
    return pd.DataFrame(sorted(seen), columns=["sur", "rs", "field_year"])


def test_dihr_names_resolve_and_years_fit_cycle_1(shared_data):
    from upr_targets.reference import resolve_states

    path = shared_data / "dihr" / "upr-cycle1.xlsx"
    if not path.exists():
        pytest.skip("no DIHR export in shared data")
    raw = _read_dihr(path)
    # every name resolves, and no two names fall on one State
    names = pd.Series(pd.unique(raw[["sur", "rs"]].to_numpy().ravel())).dropna()
    out = resolve_states(names, column="Recommending state")
    assert out["iso3"].notna().all()
    assert out["iso3"].is_unique
    # every (SuR, year) has a session in cycle 1
    pairs = raw[["sur", "field_year"]].drop_duplicates().reset_index(drop=True)
    year = pairs["field_year"].str.extract(r"(\d{4})")[0].astype(int)
    cycle = pairs["field_year"].str.extract(r"Cycle (\d)")[0].astype(int)
    iso3 = resolve_states(pairs["sur"])["iso3"]
    got = assign_sessions(iso3, year=year, cycle=cycle)
    assert got["session"].notna().all(), pairs[got["session"].isna()]
    assert (got["cycle"] == 1).all()
    assert (got["year"] == year).all()
