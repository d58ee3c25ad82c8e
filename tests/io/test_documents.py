"""Readers of UN Working Group report PDFs and OHCHR UPR matrices (.docx)."""

from __future__ import annotations

import functools
from pathlib import Path

import docx
import pandas as pd
import pytest

from upr_targets.io._documents import split_cluster, split_states
from upr_targets.io._matrix import parse_matrix_tables
from upr_targets.io._pdf import (
    extract_pdf_pages,
)

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


@pytest.mark.parametrize(
    ("text", "body", "states"),
    [
        (
            "Ratify the OP-CAT (Portugal) (Spain);",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        (
            "Ratify the OP-CAT (Portugal, Spain).",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        ("Ratify the OP-CAT (Portugal);", "Ratify the OP-CAT", ["Portugal"]),
        (
            "Ratify the OP-CAT (Portugal) and (Spain);",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        ("Ratify it ( Portugal ) ;", "Ratify it", ["Portugal"]),
        (
            "Abolish the death penalty (Iran (Islamic Republic of), Venezuela "
            "(Bolivarian Republic of));",
            "Abolish the death penalty",
            ["Iran (Islamic Republic of)", "Venezuela (Bolivarian Republic of)"],
        ),
        (
            "Ratify ILO Convention 1989 (No. 169) (Denmark);",
            "Ratify ILO Convention 1989 (No. 169)",
            ["Denmark"],
        ),
        (
            "Ratify the ICRMW (ICRMW) (Iran (Islamic Republic of));",
            "Ratify the ICRMW (ICRMW)",
            ["Iran (Islamic Republic of)"],
        ),
        ("Repeal the law (Uruguay)1;", "Repeal the law", ["Uruguay"]),
        (
            "Improve the living conditions of Roma (the former Yugoslav Republic of "
            "Macedonia);",
            "Improve the living conditions of Roma",
            ["the former Yugoslav Republic of Macedonia"],
        ),
        (
            "Repeal the law (United Kingdom of Great Britain and Northern Ireland).",
            "Repeal the law",
            ["United Kingdom of Great Britain and Northern Ireland"],
        ),
        ("Ratify the Protocol", "Ratify the Protocol", []),
    ],
)
def test_split_states_patterns(text, body, states):
    assert split_states(text) == (body, states)


def test_split_states_inline_attribution_cycle1():
    # A/HRC/8/40, recommendation 20: three clauses, each with its own States
    text = (
        "To maintain the current de facto moratorium (Belgium, Italy) and to "
        "progress towards the abolition of the death penalty (Belgium, Italy, "
        "Mexico) and to pass the special bill (Netherlands, United Kingdom of "
        "Great Britain and Northern Ireland);"
    )
    body, states = split_states(text)
    assert states == [
        "Belgium",
        "Italy",
        "Mexico",
        "Netherlands",
        "United Kingdom of Great Britain and Northern Ireland",
    ]
    assert body.endswith("the special bill")
    assert "(Belgium, Italy)" in body  # who said what stays in the text


def test_split_states_inline_with_nested_names():
    body, states = split_states(
        "To abolish the death penalty (Iran (Islamic Republic of), Italy) and to "
        "ratify the Second Optional Protocol (Mexico);"
    )
    assert states == ["Iran (Islamic Republic of)", "Italy", "Mexico"]


def test_split_states_ignores_non_state_asides():
    body, states = split_states(
        "Ratify the Palermo Protocol (Protocol to Prevent Trafficking), and the "
        "Convention (CEDAW), as recommended (Brazil);"
    )
    assert states == ["Brazil"]


def test_split_cluster():
    text = (
        "Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile);Timely ratify the "
        "ICCPR (Japan, Spain); Ratify the ICCPR (France) ;"
    )
    assert split_cluster(text) == [
        ("Ratify ICCPR", ["Albania"]),
        ("Ratify ICCPR and CPED", ["Chile"]),
        ("Timely ratify the ICCPR", ["Japan", "Spain"]),
        ("Ratify the ICCPR", ["France"]),
    ]
    # a semicolon inside one recommendation does not split it
    assert len(split_cluster("Adopt a law; Train judges (Brazil);")) == 1
