"""Excel workbooks: the sheet with the data, its header, clear errors."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from _support.loaders import HEADER, ROWS, check_report, load_quiet, make_uhri

from upr_targets import LoadError


def _workbook(path, sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _upr_info_rows():
    import csv

    return [next(csv.reader([HEADER]))] + [next(csv.reader([r])) for r in ROWS]


def test_title_row_above_the_header(tmp_path):
    rows = [["UPR recommendations, exported 3 May 2024"], [], *_upr_info_rows()]
    df = load_quiet(_workbook(tmp_path / "x.xlsx", {"Export": rows}))
    report = check_report(df)
    assert len(df) == 3 and report.rejected.empty
    assert report.rejected.empty
    assert any("header on row 3" in n for n in report.notes)
    assert df["source_row"].tolist() == [4, 5, 6]  # spreadsheet rows


def test_data_on_a_second_sheet(tmp_path):
    sheets = {"About": [["Notes"], ["Exported by hand"]], "Data": _upr_info_rows()}
    df = load_quiet(_workbook(tmp_path / "x.xlsx", sheets))
    assert len(df) == 3
    assert any("sheet 'Data'" in n for n in df.attrs["load_report"].notes)


def test_password_protected_workbook(tmp_path):
    # an encrypted .xlsx is an OLE compound file, not a zip
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(LoadError, match="password-protected"):
        load_quiet(path)


def test_workbook_saved_as_csv(tmp_path):
    path = make_uhri(tmp_path / "uhri.xlsx")
    shutil.copy(path, tmp_path / "uhri.csv")
    df = load_quiet(tmp_path / "uhri.csv")
    assert df.attrs["load_report"].summary.iloc[0]["format"] == "uhri"
    assert any("under a .csv name" in n for n in df.attrs["load_report"].notes)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("To,From\nFrance,Brazil\n")
    with pytest.raises(LoadError, match="not an Excel workbook"):
        load_quiet(path)
