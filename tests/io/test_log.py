"""Tests of LoadReport: bookkeeping, invariants and display."""

from __future__ import annotations

import pandas as pd

from upr_targets import LoadReport


def make_report() -> LoadReport:
    r = LoadReport()
    r.note("a.csv: format 'upr-info' (recognized from its header)")
    r.reject("dir/a.csv", [5, 9], "Text", ["", "  "], "blank recommendation text")
    r.flag(
        "a.csv", [3], "Response", ["Maybe"], "response not recognized; set to 'unclear'"
    )
    r.flag("a.csv", [3], "Session", ["99"], "session not in the UPR calendar")
    r.add_file("a.csv", format="upr-info", rows_kept=10, rows_read=12, encoding="utf-8")
    r.add_file("b.xlsx", format="uhri", rows_kept=4, records_read=3)
    return r


def test_summary_counts_and_invariant():
    s = make_report().summary
    assert list(s.columns) == [
        "file",
        "format",
        "encoding",
        "records_read",
        "rows_read",
        "rows_kept",
        "rows_rejected",
        "rows_flagged",
    ]
    a, b = s.iloc[0], s.iloc[1]
    assert (a["rows_read"], a["rows_kept"], a["rows_rejected"], a["rows_flagged"]) == (
        12,
        10,
        2,
        1,
    )
    assert (b["records_read"], b["rows_read"], b["rows_rejected"]) == (3, 4, 0)
    assert (s["rows_read"] == s["rows_kept"] + s["rows_rejected"]).all()


def test_rejected_and_flagged_tables():
    r = make_report()
    rej = r.rejected
    assert list(rej.columns) == ["file", "row", "column", "value", "reason"]
    assert list(rej["file"]) == ["a.csv", "a.csv"]  # file name, not path
    assert list(rej["row"]) == [5, 9] and str(rej["row"].dtype) == "Int64"
    assert list(r.flagged.columns) == ["file", "row", "column", "value", "issue"]
    assert r.n_rejected == 2


def test_empty_report():
    r = LoadReport()
    assert r.summary.empty and r.rejected.empty and r.flagged.empty
    assert r.problems() == [] and r.to_frame().empty
    assert "Load report" in str(r) and "<div>" in r._repr_html_()


def test_to_frame_total_row():
    t = make_report().to_frame()
    assert t.iloc[-1]["file"] == "TOTAL"
    assert t.iloc[-1]["rows_kept"] == 14 and t.iloc[-1]["rows_read"] == 16


def test_counts_and_problems():
    r = make_report()
    c = r.counts()
    assert list(c.columns) == ["kind", "why", "n"]
    assert c.loc[c["kind"] == "rejected", "n"].tolist() == [2]
    assert "2 rows rejected: blank recommendation text" in r.problems()
    assert "1 value flagged: session not in the UPR calendar" in r.problems()
    assert (
        repr(r) == "<LoadReport: 2 files, 14 rows kept, 2 rejected, 2 values flagged>"
    )


def test_str_and_html():
    r = make_report()
    text = str(r)
    assert "TOTAL" in text and "blank recommendation text" in text and "Notes:" in text
    html = r._repr_html_()
    assert "<table" in html and "Rejected rows" in html and "Flagged values" in html
    assert "&#x27;unclear&#x27;" in html or "'unclear'" in html
    assert repr(r).startswith("<LoadReport: 2 files, 14 rows kept, 2 rejected")


def test_extend_merges():
    r = make_report()
    other = LoadReport()
    other.reject("c.csv", [2], None, ["x"], "truncated")
    other.add_file("c.csv", format="upr-info", rows_kept=0)
    r.extend(other)
    s = r.summary
    assert (
        len(s) == 3 and s.iloc[2]["rows_rejected"] == 1 and s.iloc[2]["rows_read"] == 1
    )
    assert isinstance(r.rejected, pd.DataFrame) and len(r.rejected) == 3


def test_report_attached_to_loaded_frame(tmp_path):
    from upr_targets import load_recommendations

    path = tmp_path / "x.csv"
    path.write_text(
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\n"
        "France,WEOG,EU,Do more,Chile,GRULAC,OAS,Accepted,3,Justice,2\n"
    )
    df = load_recommendations(path)
    report = df.attrs["load_report"]
    assert isinstance(report, LoadReport)
    assert report.summary.loc[0, "rows_kept"] == 1


def test_report_survives_pandas_operations_without_copies():
    r = make_report()
    df = pd.DataFrame({"a": [1, 2, 3]})
    df.attrs["load_report"] = r
    assert df[df["a"] > 1].copy().attrs["load_report"] is r
