"""The report's recorded rows: kept as arrays, built into one table, counted by file."""

import numpy as np
import pandas as pd

from upr_targets.io import LoadReport
from upr_targets.io._log_entries import Entries, one_frame


def _report():
    r = LoadReport()
    files = pd.Series(["a.csv", "b.csv", "a.csv"], index=[10, 11, 12], dtype="string")
    r.reject(
        files,
        pd.Series([2, 3, 4], index=[10, 11, 12]),
        "Text",
        ["x", "y", None],
        "blank",
    )
    r.reject("dir/c.csv", [5.0, np.nan], None, None, ["cut", "short"])
    r.reject("a.csv", pd.array([7, pd.NA], dtype="Int64"), "Session", [1, 2], "bad")
    r.flag("c.csv", ["6", "x"], "Response", ["maybe", "?"], "unknown response")
    return r


def test_counts_by_file_match_the_table():
    r = _report()
    table = r.rejected
    assert r.rejected_by_file() == table["file"].value_counts().to_dict()
    assert r.n_rejected == len(table) == 7
    other = _report()
    other.drop("b.csv", [9], ["dup"], "duplicate")
    r.extend(other, order=["c.csv", "a.csv", "b.csv"])
    assert r.rejected_by_file() == r.rejected["file"].value_counts().to_dict()
    assert r.rejected_by_file()["b.csv"] == 3


def test_one_table_with_the_documented_dtypes():
    table = _report().rejected
    assert list(table.columns) == ["file", "row", "column", "value", "reason"]
    assert str(table["row"].dtype) == "Int64"
    assert all(
        str(table[c].dtype) == "string" for c in ("file", "column", "value", "reason")
    )
    assert table["row"].tolist() == [2, 3, 4, 5, pd.NA, 7, pd.NA]
    assert table["value"].tolist() == ["x", "y", pd.NA, pd.NA, pd.NA, "1", "2"]
    assert table["file"].tolist() == [
        "a.csv",
        "b.csv",
        "a.csv",
        "c.csv",
        "c.csv",
        "a.csv",
        "a.csv",
    ]
    assert table["reason"].tolist()[3:5] == ["cut", "short"]
    flagged = _report().flagged
    assert flagged["row"].tolist() == [6, pd.NA] and flagged["issue"].nunique() == 1


def test_parts_are_built_once_and_mix_with_frames():
    parts = [Entries("a.csv", [2], None, ["v"], "why", "reason")]
    first = one_frame(parts, "reason")
    assert len(parts) == 1 and one_frame(parts, "reason") is first
    parts.append(Entries("b.csv", [3], "C", ["w"], "other", "reason"))
    both = one_frame(parts, "reason")
    assert both["file"].tolist() == ["a.csv", "b.csv"] and len(parts) == 1
    empty = one_frame([], "issue")
    assert empty.empty and list(empty.columns) == [
        "file",
        "row",
        "column",
        "value",
        "issue",
    ]


def test_clear_flags_keeps_the_others():
    r = _report()
    r.flag("c.csv", [8], "Response", ["later"], "response pending")
    assert r.clear_flags("c.csv", [8, 6], "pending") == 1
    assert r.flagged["value"].tolist() == ["maybe", "?"]


def test_counts_without_the_tables_match_the_tables():
    r = _report()
    r.flag(
        "d.csv", [2, 3, 4], "Issue", ["a", "b", "c"], ["odd", None, "unknown response"]
    )
    counts = r.counts()  # tallied from the entries, before any table is built
    assert len(r._flagged) > 1 and r.n_flagged == 5 and r.n_files == 0
    for kind, table, col in (
        ("rejected", r.rejected, "reason"),
        ("flagged", r.flagged, "issue"),
    ):
        expected = table.groupby(col, sort=False).size()  # an independent count
        got = counts[counts["kind"] == kind].set_index("why")["n"]
        assert got.to_dict() == expected.to_dict()
        assert list(got.index) == list(expected.index)  # first appearance first
    r.clear_flags("d.csv", [2], "odd")  # the flags are one table now
    assert r.counts().set_index("why")["n"].to_dict()["unknown response"] == 3
    assert "odd" not in set(r.counts()["why"]) and r.n_flagged == 4
