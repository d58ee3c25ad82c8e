"""Tests of the Excel report: sheets, styling, formula injection."""

from __future__ import annotations

import numpy as np
from _support.tables import FORMULA, SCRIPT

from upr_targets.report._excel import excel_cell


def test_excel(report, tmp_path):
    import openpyxl

    path = report.save(tmp_path / "chad.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Summary",
        "Ranking",
        "Evidence",
        "Acceptance",
        "Acceptance estimates",
        "Groupings",
        "Timeline",
    ]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
        assert ws.max_row >= 2, ws.title
    texts = [c.value for c in wb["Evidence"]["H"][1:]]
    assert any(isinstance(t, str) and SCRIPT in t for t in texts)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert "'" + FORMULA in texts


def test_excel_cell_injection():
    assert excel_cell("=1+1") == "'=1+1"
    assert excel_cell("+1") == "'+1"
    assert excel_cell("-2+3") == "'-2+3"
    assert excel_cell("@SUM(A1)") == "'@SUM(A1)"
    assert excel_cell("\t=1") == "'\t=1"
    assert excel_cell("\r=1") == "'\r=1"
    assert excel_cell("plain") == "plain"
    assert excel_cell("bad\x01char") == "badchar"
    assert excel_cell(-3) == -3 and excel_cell(np.float64(np.nan)) is None
    assert excel_cell(["a", "b"]) == "a, b"
