"""Readers of UN Working Group report PDFs and OHCHR UPR matrices (.docx)."""

from __future__ import annotations

import pytest
from _support.documents import TITLE

from upr_targets.io._pdf import (
    parse_un_report_text,
)
from upr_targets.io._pdf_pages import ordinal as _ordinal


def test_parse_symbol_and_year_from_first_page():
    first = (
        "A/HRC/8/99\n29 May 2008\n" + TITLE.format(sur="Chad") + "1. Introduction.\n"
    )
    body = """II. Conclusions and/or recommendations
95. The following recommendations enjoy the support of Chad:
95.1 Ratify it (Brazil).
96. All conclusions and/or recommendations contained"""
    raw = parse_un_report_text([first, body], source="G0812345.pdf")
    assert raw["document"].tolist() == ["A/HRC/8/99"]
    assert raw["recommendation_id"].tolist() == ["A/HRC/8/99 95.1"]
    assert raw["session"].isna().all() and raw["year"].tolist() == [2008]


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("second", 2),
        ("eighth", 8),
        ("twelfth", 12),
        ("twentieth", 20),
        ("thirty-third", 33),
        ("forty-first", 41),
        ("33rd", 33),
    ],
)
def test_ordinal(word, n):
    assert _ordinal(word) == n


@pytest.mark.parametrize(
    "page",
    [
        "Ratify the Convention (Georgia);\n12 GE.23-03422\n",  # even-page footer
        "Ratify the Convention (Georgia);\nGE.23-03422 13\n",  # odd-page footer
        "Ratify the Convention (Georgia); 12 GE.23-03422\n",  # glued to the text
    ],
)
def test_job_number_footers_removed(page):
    from upr_targets.io._pdf_pages import clean_page

    assert " ".join(clean_page(page)).strip() == "Ratify the Convention (Georgia);"
