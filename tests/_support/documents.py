"""Helpers of the document reader tests: text pages and Word files written on the fly."""

from __future__ import annotations

import functools
from pathlib import Path

import docx
import pandas as pd

from upr_targets.io._matrix import parse_matrix_tables
from upr_targets.io._pdf import extract_pdf_pages

DATA = Path(__file__).parents[1] / "data" / "documents"


@functools.cache
def _pages(path: Path) -> list[str]:
    """Text of a real PDF, extracted once per test session (pypdf is slow)."""
    return extract_pdf_pages(path)


@functools.cache
def _matrix_raw(path: Path) -> pd.DataFrame:
    return parse_matrix_tables(path)


TITLE = "Report of the Working Group on the Universal Periodic Review*\n{sur}\n"


INTRO = "1. The Working Group held its {session} session from 2 to 13 May {year}.\n"


def _report(body: str, sur="Chad", session="second", year=2008) -> list[str]:
    return [TITLE.format(sur=sur) + INTRO.format(session=session, year=year), body]


HEADER = [
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
]


def _matrix(path: Path, header_text="UPR of Chad (2nd Cycle – 17th session)") -> Path:
    doc = docx.Document()
    if header_text:
        doc.sections[0].header.paragraphs[0].text = (
            header_text + "\tThematic list\tPage 1 of 1"
        )
    rows = [
        HEADER,
        "Theme: D22 Death penalty",
        [
            "98.1 Abolish the death penalty (France, Spain);\nSource of position: A/HRC/25/9/Add.1 - Para. 98.1.",
            "Noted",
            "D22 Death penalty\nAffected persons:\n- general\nSDGs:\n- 16.1",
            "",
        ],
        [
            "98.2 Establish a moratorium (Italy) (Mexico);\nSource of position: A/HRC/25/9/Add.1 - Para. 98.2.",
            "Supported",
            "D22 Death penalty\nD25 Prohibition of torture\nAffected persons:\n- persons deprived of their liberty",
            "",
        ],
        ["", "", "", ""],  # blank row: not a recommendation
        HEADER,  # header repeated on the next page
        "Theme: F12 Discrimination against women",
        [
            "98.3 Adopt a law on violence against women (Brazil); Train judges on "
            "gender equality (Chile, Norway);\nSource of position: A/HRC/25/9/Add.1 - Para. 98.3.",
            "Supported",
            "A41 Constitutional and legislative framework\nAffected persons:\n- women",
            "",
        ],
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        if isinstance(values, str):  # a merged theme row
            merged = row.cells[0].merge(row.cells[3])
            merged.text = values
            continue
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.save(path)
    return path


def _check_raw(raw: pd.DataFrame) -> None:
    for col in ("text", "sur", "recommending_state", "response"):
        assert raw[col].notna().all(), col
        assert (raw[col].str.len() > 0).all(), col


def _load(path):
    import upr_targets

    return upr_targets.load_recommendations(path)
