"""State columns of a raw frame: one error for all unknowns, flags for guesses."""

from __future__ import annotations

import pytest
from _support.loaders import HEADER, check_report, load_quiet, write_csv

from upr_targets import LoadError, UnknownStateError


def _row(sur="France", rs="Brazil", rs_group="GRULAC", text="Ratify the OP-CAT"):
    return f"{sur},WEOG,EU,{text},{rs},{rs_group},,Accepted,5,Torture,2"


def test_every_unknown_named_in_one_error(tmp_path):
    rows = [_row(rs="Atlantis"), _row(), _row(rs="Westeros"), _row(rs="Atlantis")]
    path = write_csv(tmp_path / "x.csv", rows)
    with pytest.raises(UnknownStateError) as info:
        load_quiet(path)
    msg = str(info.value)
    assert "'Atlantis' (rows 2, 5" in msg and "'Westeros' (row 4" in msg
    assert "on_unknown='flag'" in msg  # the hint names an option that exists
    assert "errors='coerce'" not in msg


def test_on_unknown_flag_keeps_rows_and_rejects_unknown_sur(tmp_path):
    rows = [_row(rs="Atlantis"), _row(), _row(sur="Narnia")]
    df = load_quiet(tmp_path and write_csv(tmp_path / "x.csv", rows), on_unknown="flag")
    report = check_report(df)
    assert len(df) == 2 and df["rs_iso3"].isna().sum() == 1
    assert report.rejected["value"].tolist() == ["Narnia"]
    flagged = report.flagged
    assert flagged["value"].str.contains("Atlantis").any()


def test_bad_on_unknown_value(tmp_path):
    with pytest.raises(LoadError, match="on_unknown"):
        load_quiet(write_csv(tmp_path / "x.csv"), on_unknown="ignore")


@pytest.mark.parametrize(
    ("written", "iso3", "method"),
    [
        ("Republic of Nigeria", "NGA", "qualifier"),
        ("Untied Kingdom", "GBR", "fuzzy"),
        ("RS", "SRB", "ISO code"),
    ],
)
def test_guesses_are_flagged_with_method(tmp_path, written, iso3, method):
    rows = [_row(rs=written, rs_group="Africa")] + [
        _row(rs=n) for n in ("Peru", "Chile")
    ]
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    assert df["rs_iso3"].iloc[0] == iso3
    issues = df.attrs["load_report"].flagged["issue"]
    assert issues.str.contains(method).any()


def test_group_column_contradiction_flagged(tmp_path):
    # the file says GRULAC; the State read is Eastern European
    rows = [_row(rs="Serbia", rs_group="GRULAC"), _row(rs="Peru")]
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    flagged = df.attrs["load_report"].flagged
    hit = flagged[flagged["issue"].str.contains("regional group")]
    assert len(hit) == 1 and "file says GRULAC" in hit["value"].iloc[0]


def test_group_contradictions_flagged_on_every_row_of_each_pair(tmp_path):
    """A pair of State and written group is checked once, each of its rows flagged."""
    rows = [
        _row(rs="Serbia", rs_group="GRULAC"),
        _row(rs="Peru"),
        _row(rs="Serbia", rs_group="GRULAC"),
        _row(rs="Serbia", rs_group="EEG"),  # right: not flagged
        _row(rs="Kenya", rs_group="GRULAC"),
    ]
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    flagged = df.attrs["load_report"].flagged
    hit = flagged[flagged["issue"].str.contains("regional group")]
    assert hit["row"].tolist() == [2, 4, 6]
    assert hit["value"].tolist() == [
        "Serbia (file says GRULAC)",
        "Serbia (file says GRULAC)",
        "Kenya (file says GRULAC)",
    ]


def test_header_repeated_mid_file_is_not_a_state(tmp_path):
    rows = [_row(), HEADER, _row(rs="Chile")]
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    report = check_report(df)
    assert len(df) == 2
    assert report.rejected["reason"].str.contains("header").any()


def test_swapped_columns_fail_fast(tmp_path):
    header = (
        "To,To-Rgrp,To-Org,From,Text,From-Rgrp,From-Org,Response,Action,Issue,Session"
    )
    rows = [
        f"France,WEOG,EU,Recommendation number {i} on torture,Peru,GRULAC,,Accepted,5,Torture,2"
        for i in range(40)
    ]
    with pytest.raises(LoadError, match="does not hold State names"):
        load_quiet(write_csv(tmp_path / "x.csv", rows, header=header))
