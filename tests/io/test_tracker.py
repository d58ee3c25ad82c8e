"""The implementation tracker: round trip, edits kept, statuses checked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import upr_targets
from upr_targets import IMPLEMENTATION_STATUSES, TRACKER_COLUMNS, LoadError

REPORT = Path(__file__).parents[1] / "data" / "documents" / "report_cycle3.pdf"


@pytest.fixture(scope="module")
def outcome():
    with pytest.warns(upr_targets.UPRDataWarning):
        return upr_targets.load_recommendations(REPORT)


def _edit(path, cells):
    book = load_workbook(path)
    sheet = book["Tracker"]
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)


def test_round_trip_keeps_every_edit(outcome, tmp_path):
    path = tmp_path / "tracker.xlsx"
    rows = upr_targets.write_tracker(outcome, path)
    assert list(rows.columns) == list(TRACKER_COLUMNS)
    assert len(rows) == outcome["recommendation_id"].nunique()
    book = load_workbook(path)
    (check,) = book["Tracker"].data_validations.dataValidation
    assert all(s in check.formula1 for s in IMPLEMENTATION_STATUSES)
    _edit(path, {"H2": "Implemented", "I2": "Law 12/2021", "L3": "ask the ministry"})
    # written again from fewer rows: the edits and the rows left out stay
    upr_targets.write_tracker(outcome.iloc[:3], path)
    back = upr_targets.load_tracker(path).set_index("paragraph")
    assert len(back) == len(rows)
    first, second = rows["paragraph"].iloc[0], rows["paragraph"].iloc[1]
    assert back.loc[first, "status"] == "implemented"
    assert back.loc[first, "evidence"] == "Law 12/2021"
    assert back.loc[second, "notes"] == "ask the ministry"
    assert (back["status"] != "").sum() == 1


def test_matches_give_issue_and_strength(outcome, tmp_path):
    m = upr_targets.match_outcome(["Abolish the death penalty"], outcome)
    rows = upr_targets.write_tracker(m, tmp_path / "t.xlsx")
    top = rows.set_index("paragraph").loc["140.2"]
    assert top["recommending_states"] == "Iran; Italy"
    assert top["advocacy_ids"] == "R1"


def test_bad_status_names_sheet_row_column(outcome, tmp_path):
    path = tmp_path / "tracker.xlsx"
    upr_targets.write_tracker(outcome, path)
    _edit(path, {"H4": "done"})
    with pytest.raises(
        LoadError, match=r"sheet 'Tracker', column H \('status'\): row 4 \('done'\)"
    ):
        upr_targets.load_tracker(path)


def test_not_a_tracker(tmp_path):
    path = tmp_path / "other.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(path, sheet_name="Data", index=False)
    with pytest.raises(LoadError, match="no sheet 'Tracker'"):
        upr_targets.load_tracker(path)
