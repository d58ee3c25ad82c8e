"""load_advocacy: the NGO's paper from a table, Word, Markdown, text or a list."""

from __future__ import annotations

import docx
import pandas as pd
import pytest

from upr_targets import LoadError, UnknownStateError, UPRDataWarning, load_advocacy

PAPER_MD = """\
# Advocacy paper: Kenya, fourth cycle

## Issue 1: the death penalty
1. Abolish the death penalty in law and commute all death
   sentences to terms of imprisonment.
2. Ratify the Second Optional Protocol to the ICCPR.

## Child marriage
- Enforce the minimum age of marriage of 18 years for girls and boys.
"""


def _expected(df):
    assert df["advocacy_id"].tolist() == ["R1", "R2", "R3"]
    assert df["issue"].tolist() == ["the death penalty"] * 2 + ["Child marriage"]
    assert df["advocacy_text"].iloc[0] == (
        "Abolish the death penalty in law and commute all death sentences to terms "
        "of imprisonment."
    )


def test_markdown_paper(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text(PAPER_MD)
    df = load_advocacy(path)
    _expected(df)
    assert df["line"].tolist() == [4, 6, 9] and (df["source"] == "paper.md").all()


def test_word_paper(tmp_path):
    doc = docx.Document()
    doc.add_heading("The death penalty", level=2)
    doc.add_paragraph(
        "Abolish the death penalty in law and commute all death sentences "
        "to terms of imprisonment.",
        style="List Number",
    )
    doc.add_paragraph("2. Ratify the Second Optional Protocol to the ICCPR.")
    doc.add_heading("Child marriage", level=2)
    doc.add_paragraph(
        "Enforce the minimum age of marriage of 18 years for girls and boys."
    )
    path = tmp_path / "paper.docx"
    doc.save(path)
    df = load_advocacy(path)
    assert df["issue"].tolist() == ["The death penalty"] * 2 + ["Child marriage"]
    assert len(df) == 3


def test_table_with_targeted_states(tmp_path):
    path = tmp_path / "paper.csv"
    pd.DataFrame(
        {
            "Issue": ["Death penalty", "", "Child marriage"],
            "Recommendation": ["Abolish it", "Commute sentences", "Enforce age 18"],
            "Targeted states": ["France; ESP", "", "Untied Kingdom"],
        }
    ).to_csv(path, index=False)
    df = load_advocacy(path)
    assert df["issue"].tolist() == ["Death penalty", "Death penalty", "Child marriage"]
    assert df["targeted_states"].tolist() == [
        ["France", "Spain"],
        [],
        ["United Kingdom"],
    ]
    assert df["line"].tolist() == [2, 3, 4]


def test_lists_and_frames():
    assert len(load_advocacy(["Abolish the death penalty", "Ratify OP2"])) == 2
    df = load_advocacy([{"issue": "DP", "recommendation": "Abolish it"}])
    assert df["issue"].iloc[0] == "DP"


def test_errors_name_the_file_and_what_is_expected(tmp_path):
    bad = tmp_path / "paper.csv"
    bad.write_text("Name,Colour\nBob,red\n")
    with pytest.raises(LoadError, match="paper.csv: no recommendation column"):
        load_advocacy(bad)
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n")
    with pytest.raises(LoadError, match="no recommendation found"):
        load_advocacy(empty)
    states = tmp_path / "s.csv"
    states.write_text("issue,recommendation,targeted_states\nDP,Abolish it,Atlantis\n")
    with pytest.raises(UnknownStateError, match="row 2 of s.csv"):
        load_advocacy(states)


def test_more_than_four_issues_warns():
    pairs = [(f"Issue {i}", f"Recommendation {i}") for i in range(5)]
    with pytest.warns(UPRDataWarning, match="at most four"):
        load_advocacy(pairs)
