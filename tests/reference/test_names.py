"""Tests of the States table and of State name resolution."""

from __future__ import annotations

import pandas as pd
import pytest

from upr_targets import (
    UnknownStateError,
    list_states,
    normalize_group,
    normalize_state,
)
from upr_targets.reference import _names, resolve_states

# --------------------------------------------------------------- the table


LISTED = {
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "Iran (Islamic Republic of)": "Iran",
    "Bolivia (Plurinational State of)": "Bolivia",
    "Venezuela (Bolivarian Republic of)": "Venezuela",
    "Micronesia (Federated States of)": "Micronesia",
    "United Republic of Tanzania": "Tanzania",
    "Republic of Moldova": "Moldova",
    "Syrian Arab Republic": "Syria",
    "Lao People's Democratic Republic": "Laos",
    "United States of America": "United States",
    "Côte d'Ivoire": "Côte d'Ivoire",
    "Cote d'Ivoire": "Côte d'Ivoire",
    "Cote d’Ivoire": "Côte d'Ivoire",
    "Türkiye": "Türkiye",
    "Turkey": "Türkiye",
    "Czechia": "Czechia",
    "Czech Republic": "Czechia",
    "the former Yugoslav Republic of Macedonia": "North Macedonia",
    "Macedonia FYR": "North Macedonia",
    "Holy See": "Holy See",
    "State of Palestine": "State of Palestine",
    "Palestine": "State of Palestine",
    "Swaziland": "Eswatini",
    "Cape Verde": "Cabo Verde",
    "DPR Korea": "Democratic People's Republic of Korea",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Republic of Congo": "Congo",
    "Congo": "Congo",
    "Bosnia & Herzegovina": "Bosnia and Herzegovina",
    "Trinidad & Tobago": "Trinidad and Tobago",
    "St Kitts & Nevis": "Saint Kitts and Nevis",
    "St. Lucia": "Saint Lucia",
    "St Vincent & the Grenadines": "Saint Vincent and the Grenadines",
    "Sao Tome & Principe": "Sao Tome and Principe",
    "São Tomé and Príncipe": "Sao Tome and Principe",
    "Guinea Bissau": "Guinea-Bissau",
    "Laos": "Laos",
    "Burma": "Myanmar",
    "Viet Nam": "Viet Nam",
    "Vietnam": "Viet Nam",
    "Republic of Korea": "Republic of Korea",
    "Korea, Republic of": "Republic of Korea",
    "Netherlands (Kingdom of the)": "Netherlands",
    "The Netherlands": "Netherlands",
    "the Gambia": "Gambia",
    "Russia": "Russian Federation",
    "Brunei Darussalam": "Brunei Darussalam",
    "Timor-Leste": "Timor-Leste",
    "  united   KINGDOM ": "United Kingdom",
    "GBR": "United Kingdom",
    "GB": "United Kingdom",
    "UK": "United Kingdom",
    "USA": "United States",
    "NA": "Namibia",
    "FRA": "France",
    "VAT": "Holy See",
    "PSE": "State of Palestine",
}


@pytest.mark.parametrize(("raw", "expected"), list(LISTED.items()))
def test_normalize_state_listed_names(raw, expected):
    assert normalize_state(raw) == expected


def test_every_table_name_resolves_to_itself():
    df = list_states()
    for col in ("name", "official_name", "un_name", "iso3", "iso2"):
        got = resolve_states(df[col], column=col)
        assert (got["name"] == df["name"]).all(), col
        assert (got["iso3"] == df["iso3"]).all(), col


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Untied Kingdom", "United Kingdom"),
        ("Swizerland", "Switzerland"),
        ("Phillipines", "Philippines"),
        ("Columbia", "Colombia"),
        ("Luxemburg", "Luxembourg"),
        ("Kazakstan", "Kazakhstan"),
    ],
)
def test_normalize_state_typos(typo, expected):
    assert normalize_state(typo) == expected


@pytest.mark.parametrize(
    "ambiguous_or_wrong",
    ["Austrlia", "Nigerai", "Atlantis", "France, Germany", "Sudan and South Sudan"],
)
def test_no_guess_when_ambiguous(ambiguous_or_wrong):
    with pytest.raises(UnknownStateError):
        normalize_state(ambiguous_or_wrong)


def test_error_message_names_value_place_and_suggestion():
    with pytest.raises(UnknownStateError) as info:
        normalize_state("Untied Stetes", source="recs.csv", row=812, column="From")
    err = info.value
    msg = str(err)
    assert "'Untied Stetes'" in msg
    assert "column 'From'" in msg and "row 812" in msg and "recs.csv" in msg
    assert "did you mean 'United States'?" in msg
    assert len(err.candidates) == 3 and err.candidates[0] == "United States"
    assert (err.value, err.row, err.column, err.source) == (
        "Untied Stetes",
        812,
        "From",
        "recs.csv",
    )
    assert isinstance(err, KeyError)  # UnknownNameError is a KeyError too


def test_suggestions_for_ambiguous_typo():
    with pytest.raises(UnknownStateError) as info:
        normalize_state("Austrlia")
    assert info.value.candidates[:2] == ["Australia", "Austria"]


@pytest.mark.parametrize(
    "not_a_state",
    [
        "(Unknown)",
        "&#40;Unknown&#41;",
        "",
        "   ",
        "European Union",
        "African Group",
        "Kosovo",
        "Yugoslavia",
        "Czechoslovakia",
    ],
)
def test_non_states_are_not_mapped(not_a_state):
    with pytest.raises(UnknownStateError) as info:
        normalize_state(not_a_state)
    assert info.value.candidates == []
    assert "not a UN member or observer State" in str(info.value)


def test_non_string_raises():
    with pytest.raises(UnknownStateError):
        normalize_state(None)


# ------------------------------------------------------------ resolve_states


def test_resolve_states_aligned_and_typed():
    values = pd.Series(
        ["UK", "Cote d'Ivoire", None, "Holy See", "UK"], index=[10, 11, 12, 13, 14]
    )
    out = resolve_states(values)
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out.columns) == ["name", "iso3", "group", "method", "score"]
    assert all(str(t) == "string" for t in out.dtypes[:4])
    assert out["method"].tolist()[:2] == ["alias", "name"]
    assert out["name"].tolist()[:2] == ["United Kingdom", "Côte d'Ivoire"]
    assert out.loc[12].isna().all()  # missing in, missing out
    assert out.loc[13, "iso3"] == "VAT" and pd.isna(out.loc[13, "group"])


def test_resolve_states_raise_names_first_bad_row():
    values = pd.Series(["France", "(Unknown)", "Atlantis"], index=[5, 6, 7])
    with pytest.raises(UnknownStateError) as info:
        resolve_states(values, source="x.csv", column="From")
    assert info.value.row == 6 and info.value.value == "(Unknown)"
    assert "'Atlantis' (row 7" in str(info.value)  # every unknown value named
    assert info.value.source == "x.csv" and info.value.column == "From"
    rows = pd.Series([100, 200, 300], index=[5, 6, 7])
    with pytest.raises(UnknownStateError) as info:
        resolve_states(values, rows=rows)
    assert info.value.row == 200
    assert isinstance(info.value.row, int)


def test_resolve_states_coerce():
    values = pd.Series(["France", "(Unknown)", "European Union", "Atlantis", "Spain"])
    out = resolve_states(values, errors="coerce")
    assert out["iso3"].isna().tolist() == [False, True, True, True, False]


def test_resolve_states_bad_errors_argument():
    with pytest.raises(ValueError, match="errors"):
        resolve_states(pd.Series(["France"]), errors="ignore")


def test_resolve_states_resolves_each_distinct_value_once(monkeypatch):
    calls = []
    real = _names._match

    def counting(value):
        calls.append(value)
        return real(value)

    monkeypatch.setattr(_names, "_match", counting)
    monkeypatch.setattr(_names, "_CACHE", {})
    values = pd.Series(["France", "Spain", "France", "Peru"] * 5000)
    out = resolve_states(values)
    assert sorted(calls) == ["France", "Peru", "Spain"]
    assert out["iso3"].value_counts()["FRA"] == 10000
    resolve_states(values)  # second call: cached
    assert len(calls) == 3


def test_resolve_states_empty():
    out = resolve_states(pd.Series([], dtype="string"))
    assert out.empty and list(out.columns) == [
        "name",
        "iso3",
        "group",
        "method",
        "score",
    ]


# ------------------------------------------------------------------- groups


def _upr_info_names(files):
    frames = [
        pd.read_csv(f, encoding="mac_roman", lineterminator="\r", dtype=str)
        for f in files
    ]
    return pd.concat(frames, ignore_index=True)


def test_every_upr_info_name_resolves(upr_info_files):
    raw = _upr_info_names(upr_info_files)
    for col, gcol in (("To", "To-Rgrp"), ("From", "From-Rgrp")):
        pairs = raw[[col, gcol]].dropna().drop_duplicates()
        known = pairs[~pairs[col].str.contains("Unknown")]
        out = resolve_states(known[col], column=col)  # raises if any fails
        assert out["iso3"].notna().all()
        # UPR Info's regional group agrees with ours (Palestine: UPR Info
        # says "Observer", we follow its Asia-Pacific group membership)
        theirs = known[gcol].map(normalize_group)
        same = theirs.astype("string").fillna("") == out["group"].fillna("")
        assert set(known.loc[~same, col]) <= {"Palestine"}
    unknown = raw.loc[raw["From"].str.contains("Unknown", na=False), "From"]
    assert resolve_states(unknown, errors="coerce")["iso3"].isna().all()


# The DIHR export's names are checked in test_calendar.py, which reads it once.


@pytest.mark.parametrize(
    "name", ["Republic of Narnia", "Kingdom of Narnia", "Democratic Republic of Narnia"]
)
def test_shared_words_do_not_make_a_match(name):
    # "Republic of" in common must not turn an unknown name into Armenia.
    with pytest.raises(UnknownStateError):
        normalize_state(name)


def test_unknown_name_beside_a_state_is_not_dropped():
    # country_converter finds "Chile" inside the value; the unknown part must not vanish
    with pytest.raises(UnknownStateError) as info:
        normalize_state("Chile, Westerosia")
    assert info.value.candidates[0] == "Chile"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Iran, Islamic Rep.", "Iran"),
        ("Congo, Dem. Rep.", "Democratic Republic of the Congo"),
        ("Egypt, Arab Rep.", "Egypt"),
        ("Gambia, The", "Gambia"),
    ],
)
def test_qualified_names_with_commas_resolve(name, expected):
    assert normalize_state(name) == expected


# ------------------------------------------------- wrong readings (red team)


@pytest.mark.parametrize(
    ("value", "iso3", "method"),
    [
        ("Republic of Nigeria", "NGA", "qualifier"),  # was Niger
        ("Republic of Australia", "AUS", "qualifier"),  # was Austria
        ("rugby", None, "no match"),  # was United Kingdom ("gb")
        ("From", None, "no match"),  # was North Macedonia
        ("Peru Russian Federation", None, "several States"),  # was Russian Federation
        ("Peru\nChile", None, "several States"),
        ("PeruChile", None, "several States"),
        ("Untied Kingdom", "GBR", "fuzzy"),
        ("Congo, Dem. Rep.", "COD", "alias"),
    ],
)
def test_match_state_readings(value, iso3, method):
    from upr_targets.reference import match_state

    found = match_state(value)
    assert (found.iso3, found.method) == (iso3, method)


def test_long_value_is_not_matched_and_is_fast():
    from upr_targets.reference import match_state

    assert match_state("a" * 10_000).method == "too long"  # was 59 s of fuzzy matching
