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


def test_lobbying_dates_in_a_table(tmp_path):
    path = tmp_path / "paper.csv"
    pd.DataFrame(
        {
            "issue": ["Death penalty", "Death penalty"],
            "recommendation": ["Abolish it", "Commute sentences"],
            "targeted_states": [
                "Germany (2019-03-12); France, Korea, Republic of (12 March 2019)",
                "Norway",
            ],
            "lobbied_on": ["", "05/04/2019"],
        }
    ).to_csv(path, index=False)
    df = load_advocacy(path)
    assert df["targeted_states"][0] == ["Germany", "France", "Republic of Korea"]
    days = [
        [None if pd.isna(d) else d.date().isoformat() for d in v]
        for v in df["lobbied_on"]
    ]
    assert days == [["2019-03-12", None, "2019-03-12"], ["2019-04-05"]]


def test_lobbied_line_in_a_paper(tmp_path):
    path = tmp_path / "paper.md"
    path.write_text(
        "# Death penalty\n"
        "States lobbied: Germany (12 March 2019), France\n"
        "1. Abolish the death penalty\n"
        "2. Commute all death sentences\n"
        "# Torture\n"
        "- Ratify OPCAT\n"
    )
    df = load_advocacy(path)
    assert df["advocacy_text"].tolist()[0] == "Abolish the death penalty"
    assert df["targeted_states"].tolist() == [["Germany", "France"]] * 2 + [[]]
    assert df["lobbied_on"][0][0] == pd.Timestamp("2019-03-12")
    assert pd.isna(df["lobbied_on"][0][1])
    assert df["targeted_states"][0] is not df["targeted_states"][1]  # own lists


def test_a_bad_lobbying_date_names_the_line(tmp_path):
    path = tmp_path / "paper.csv"
    path.write_text(
        "issue,recommendation,targeted_states\nDP,Abolish it,France (spring 2019)\n"
    )
    with pytest.raises(
        LoadError, match=r"paper.csv, line 2: lobbying date 'spring 2019'"
    ):
        load_advocacy(path)
