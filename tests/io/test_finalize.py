"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _support.loaders import (
    ROWS,
    check_report,
    write_csv,
)

from upr_targets import (
    UnknownStateError,
    UPRDataWarning,
    load_recommendations,
)


def test_unknown_state_names_file_row_column(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,Do more,Westerosia,WEOG,EU,Accepted,3,Justice,2"]
    with pytest.raises(UnknownStateError) as exc:
        load_recommendations(write_csv(tmp_path / "s.csv", rows))
    msg = str(exc.value)
    assert (
        "'Westerosia'" in msg and "'From'" in msg and "row 5" in msg and "s.csv" in msg
    )
    assert "did you mean" in msg


def test_placeholder_state_kept_and_reported(tmp_path):
    rows = [
        *ROWS,
        "France,WEOG,EU,Do more,&#40;Unknown&#41;,&#40;Unknown&#41;,,Accepted,3,Justice,2",
    ]
    with pytest.warns(UPRDataWarning, match="no recommending State"):
        df = load_recommendations(write_csv(tmp_path / "p.csv", rows))
    assert len(df) == 4 and df.loc[3, "recommending_state"] is pd.NA
    flagged = df.attrs["load_report"].flagged
    assert flagged.loc[0, "value"] == "(Unknown)" and flagged.loc[0, "row"] == 5


def test_unknown_session_and_out_of_range_values(tmp_path):
    rows = [
        "France,WEOG,EU,Do more,Chile,GRULAC,OAS,Accepted,9,Justice,999",
        "France,WEOG,EU,Do less,Chile,GRULAC,OAS,Maybe,2,Not a theme at all,2",
        "France,WEOG,EU,Do it,Peru,GRULAC,OAS,,x,Justice,two",
    ]
    with pytest.warns(UPRDataWarning) as rec:
        df = load_recommendations(write_csv(tmp_path / "o.csv", rows))
    message = str(rec[0].message)
    assert (
        "session not in the UPR calendar" in message and "set to 'unclear'" in message
    )
    report = check_report(df)
    assert len(df) == 3
    assert df["session"].isna().tolist() == [True, False, True]
    assert df["action_category"].isna().tolist() == [True, False, True]
    assert list(df["response"]) == ["supported", "unclear", "unclear"]
    assert df.loc[1, "themes"] == [] and df.loc[1, "source_themes"] == [
        "Not a theme at all"
    ]
    issues = report.flagged.groupby("column")["row"].apply(sorted).to_dict()
    assert issues["Session"] == [2, 4] and issues["Action"] == [2, 4]
    assert issues["Response"] == [3, 4] and issues["Issue"] == [3]


def test_session_inconsistent_with_calendar_flagged(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,Do more,Chile,GRULAC,OAS,Accepted,3,Justice,5"]
    with pytest.warns(UPRDataWarning, match="does not list this State"):
        df = load_recommendations(write_csv(tmp_path / "c.csv", rows))
    assert df.loc[3, "session"] == 5
    flagged = df.attrs["load_report"].flagged
    assert flagged[["row", "value"]].iloc[0].tolist() == [5, "France, session 5"]


def test_blank_text_rejected(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,   ,Chile,GRULAC,OAS,Accepted,3,Justice,2"]
    with pytest.warns(UPRDataWarning, match="blank recommendation text"):
        df = load_recommendations(write_csv(tmp_path / "b.csv", rows))
    report = check_report(df)
    assert len(df) == 3
    assert report.rejected[["row", "column", "reason"]].iloc[0].tolist() == [
        5,
        "Text",
        "blank recommendation text",
    ]
    assert report.summary.loc[0, "rows_read"] == 4


def test_no_warning_on_clean_file(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_recommendations(write_csv(tmp_path / "x.csv"))
