"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    ROWS,
    load_quiet,
    write_csv,
)

from upr_targets import (
    LoadError,
    UPRDataWarning,
    load_recommendations,
)


def test_directory_list_and_glob(tmp_path):
    write_csv(tmp_path / "a.csv")
    write_csv(tmp_path / "b.csv", ROWS[:1])
    (tmp_path / "notes.md").write_text("not data")
    assert len(load_quiet(tmp_path)) == 4
    assert len(load_quiet([tmp_path / "a.csv", str(tmp_path / "b.csv")])) == 4
    assert len(load_quiet(str(tmp_path / "*.csv"))) == 4


def test_duplicates_reported_and_kept(tmp_path):
    with pytest.warns(UPRDataWarning, match="duplicate"):
        df = load_recommendations(write_csv(tmp_path / "d.csv", [*ROWS, ROWS[0]]))
    assert len(df) == 4
    flagged = df.attrs["load_report"].flagged
    assert (
        flagged.loc[0, "row"] == 5
        and flagged.loc[0, "value"] == "duplicate of d.csv row 2"
    )


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        load_recommendations(tmp_path / "nope.csv")
