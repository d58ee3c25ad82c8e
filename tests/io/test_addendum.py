"""Addenda (A/HRC/xx/yy/Add.1): the State's responses fill the report's."""

from __future__ import annotations

from pathlib import Path

import pytest

import upr_targets
from upr_targets.io._addendum import responses_from_text

REPORT = Path(__file__).parents[1] / "data" / "documents" / "report_cycle3.pdf"
HEAD = (
    "A/HRC/{n}/Add.1\nReport of the Working Group on the Universal Periodic Review\n"
    "Addendum\nViews on conclusions and/or recommendations, voluntary commitments "
    "and replies presented by the State under review\n"
)


def test_sentences_lists_and_tables():
    text = (
        "Albania supports recommendations 95.1 to 95.3.\n"
        "The following recommendations are noted:\n95.4, 95.5\n"
        "95.6 Provide support and protection to the family | Noted\n"
        "95.7 Ratify the treaty | Partially supported\n"
    )
    got = responses_from_text([text]).set_index("paragraph")
    assert got.loc[["95.1", "95.2", "95.3"], "response"].eq("supported").all()
    assert got.loc[["95.4", "95.5", "95.6"], "response"].eq("noted").all()
    assert got.loc["95.7", "response"] == "supported" and got.loc["95.7", "partial"]


def test_addendum_fills_the_report(tmp_path):
    with pytest.warns(upr_targets.UPRDataWarning):
        report = upr_targets.load_recommendations(REPORT)
    symbol = report["document"].iloc[0]
    n = symbol.split("/")[2]
    add = tmp_path / "addendum.txt"
    add.write_text(
        HEAD.format(n=n).replace(f"A/HRC/{n}/Add.1", f"{symbol}/Add.1")
        + "The State supports recommendation 141.1. It notes 140.3.\n",
        encoding="utf-8",
    )
    with pytest.warns(upr_targets.UPRDataWarning):
        both = upr_targets.load_recommendations([REPORT, add])
    by = both.drop_duplicates("paragraph").set_index("paragraph")["response"]
    assert by["141.1"] == "supported" and by["140.3"] == "noted"
    assert by["140.1"] == "supported"  # the report's own response stays
    notes = " ".join(both.attrs["load_report"].notes)
    assert "addendum.txt: responses to 2 of" in notes


def test_addendum_alone_says_what_to_do(tmp_path):
    add = tmp_path / "A_HRC_42_4_Add.1.txt"
    add.write_text(HEAD.format(n=42) + "Albania supports 95.1.\n", encoding="utf-8")
    with pytest.raises(upr_targets.LoadError, match="is an addendum"):
        upr_targets.load_recommendations(add)
    assert upr_targets.io.read_responses(add).attrs["document"] == "A/HRC/42/4"


def test_word_addendum_is_recognized_from_its_head(tmp_path):
    from docx import Document

    from upr_targets.io._addendum import is_addendum, opening_text

    doc = Document()
    for line in HEAD.format(n=42).splitlines() + ["Albania supports 95.1."]:
        doc.add_paragraph(line)
    doc.add_paragraph("Albania supports recommendation 95.2.")
    path = tmp_path / "addendum.docx"
    doc.save(path)
    assert is_addendum(opening_text(path))
    assert upr_targets.io.read_responses(path)["paragraph"].tolist() == ["95.1", "95.2"]
