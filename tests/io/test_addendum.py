"""Addenda (A/HRC/xx/yy/Add.1): the State's responses fill the report's."""

from __future__ import annotations

import warnings
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


def _addendum(tmp_path, symbol, body):
    n = symbol.split("/")[2]
    add = tmp_path / "addendum.txt"
    add.write_text(
        HEAD.format(n=n).replace(f"A/HRC/{n}/Add.1", f"{symbol}/Add.1") + body,
        encoding="utf-8",
    )
    return add


def test_addendum_fills_the_report(tmp_path):
    with pytest.warns(upr_targets.UPRDataWarning, match="no clear response"):
        report = upr_targets.load_recommendations(REPORT)
    symbol = report["document"].iloc[0]
    assert (report["response"] == "unclear").any()
    add = _addendum(
        tmp_path, symbol, "The State supports recommendation 141.1. It notes 140.3.\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", upr_targets.UPRDataWarning)  # all settled
        both = upr_targets.load_recommendations([REPORT, add])
    by = both.drop_duplicates("paragraph").set_index("paragraph")["response"]
    assert by["141.1"] == "supported" and by["140.3"] == "noted"
    assert by["140.1"] == "supported"  # the report's own response stays
    assert not (both["response"] == "unclear").any()
    notes = " ".join(both.attrs["load_report"].notes)
    assert "addendum.txt: responses to 2 of the" in notes
    assert both.attrs["load_report"].flagged.empty
    files = both.attrs["load_report"].summary.set_index("file")
    assert files.loc["addendum.txt", "format"] == "addendum"
    assert files.loc["addendum.txt", "rows_kept"] == 0
    assert files.loc["addendum.txt", "records_read"] == 2  # its two positions


def test_a_partial_addendum_flags_what_stays_pending(tmp_path):
    with pytest.warns(upr_targets.UPRDataWarning):
        report = upr_targets.load_recommendations(REPORT)
    add = _addendum(tmp_path, report["document"].iloc[0], "It notes 140.3.\n")
    with pytest.warns(upr_targets.UPRDataWarning, match="none in its addendum"):
        both = upr_targets.load_recommendations([REPORT, add])
    flags = both.attrs["load_report"].flagged
    assert not flags["issue"].str.contains("no clear response in the source").any()
    still = flags[flags["issue"].str.contains("none in its addendum")]
    pending = set(both.loc[both["response"] == "unclear", "paragraph"])
    assert pending == {"141.1"}
    assert sorted(still["value"]) == ["paragraph 141.1"] * len(still)
    assert "1 paragraphs pending in the report and not named" in " ".join(
        both.attrs["load_report"].notes
    )


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
