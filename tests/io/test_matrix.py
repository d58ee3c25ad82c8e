"""Readers of UN Working Group report PDFs and OHCHR UPR matrices (.docx)."""

from __future__ import annotations

import warnings

import docx
import pytest
from _support.documents import _check_raw, _load, _matrix, _matrix_raw
from _support.loaders import load_quiet

from upr_targets import LoadError, UPRDataWarning
from upr_targets.io._matrix import parse_matrix_tables


def test_parse_matrix(tmp_path):
    raw = parse_matrix_tables(_matrix(tmp_path / "chad-session17-2013.docx"))
    assert raw["recommending_state"].tolist() == [
        "France",
        "Spain",
        "Italy",
        "Mexico",
        "Brazil",
        "Chile",
        "Norway",
    ]
    assert raw["paragraph"].tolist() == ["98.1"] * 2 + ["98.2"] * 2 + ["98.3"] * 3
    assert raw["response"].tolist() == ["Noted"] * 2 + ["Supported"] * 5
    assert raw["text"].iloc[0] == "Abolish the death penalty"
    assert raw["text"].iloc[4] == "Adopt a law on violence against women"
    assert raw["text"].iloc[5] == "Train judges on gender equality"
    # a joint recommendation shares its id; a cluster gets one id per recommendation
    assert raw["recommendation_id"].nunique() == 4
    assert raw["recommendation_id"].iloc[5] == raw["recommendation_id"].iloc[6]
    assert raw["paragraph"].fillna(raw["recommendation_id"]).nunique() == 3
    assert raw["source_themes"].iloc[0] == ["D22 Death penalty"]
    # the section theme is added when the themes cell lacks it
    assert raw["source_themes"].iloc[4] == [
        "F12 Discrimination against women",
        "A41 Constitutional and legislative framework",
    ]
    assert raw["sdgs"].iloc[0] == ["16.1"]
    assert raw["affected_persons"].iloc[2] == ["persons deprived of their liberty"]
    assert set(raw["document"]) == {"A/HRC/25/9"}
    assert set(raw["sur"]) == {"Chad"}
    assert (
        set(raw["session"]) == {17}
        and set(raw["cycle"]) == {2}
        and set(raw["year"]) == {2013}
    )
    assert raw["source_row"].tolist() == [3, 3, 4, 4, 8, 8, 8]


def test_matrix_continued_in_second_table(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("UPR of Chad (3rd Cycle – 31st session)")
    first = doc.add_table(rows=3, cols=3)
    values = [
        ["Note", "", ""],  # a row before the header: not read, with a warning
        ["Recommendation", "Position", "Full list of themes"],
        [
            "10.1 Ratify the OP-CAT (Brazil);",
            "Supported",
            "A12 Acceptance of international norms",
        ],
    ]
    for row, vals in zip(first.rows, values, strict=True):
        for cell, v in zip(row.cells, vals, strict=True):
            cell.text = v
    second = doc.add_table(rows=1, cols=3)
    for cell, v in zip(
        second.rows[0].cells,
        ["10.2 Abolish it (Chile).", "Noted", "D22 Death penalty"],
        strict=True,
    ):
        cell.text = v
    path = tmp_path / "chad.docx"
    doc.save(path)
    with pytest.warns(UPRDataWarning, match=r"table 1 row 1"):
        raw = parse_matrix_tables(path)
    assert raw["paragraph"].tolist() == ["10.1", "10.2"]
    assert raw["source_table"].tolist() == [1, 2]
    assert raw["source_row"].tolist() == [3, 1]
    assert set(raw["session"]) == {31} and set(raw["cycle"]) == {3}


def test_matrix_sur_from_file_name(tmp_path):
    path = _matrix(tmp_path / "chad-session17.docx", header_text="")
    raw = parse_matrix_tables(path)
    assert set(raw["sur"]) == {"Chad"} and set(raw["session"]) == {17}


def test_matrix_without_sur(tmp_path):
    path = _matrix(tmp_path / "matrix.docx", header_text="")
    with pytest.raises(LoadError, match=r"matrix\.docx: cannot tell which State"):
        parse_matrix_tables(path)


def test_matrix_without_table(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Minutes of a meeting")
    path = tmp_path / "chad-session17-2013.docx"
    doc.save(path)
    with pytest.raises(
        LoadError, match=r"no OHCHR matrix table.*Recommendation \| Position"
    ):
        parse_matrix_tables(path)


def test_matrix_not_a_docx(tmp_path):
    path = tmp_path / "chad-session17.docx"
    path.write_text("plain text")
    with pytest.raises(LoadError, match=r"chad-session17\.docx cannot be opened"):
        parse_matrix_tables(path)


@pytest.mark.parametrize(
    (
        "name",
        "sur",
        "session",
        "n_paragraphs",
        "n_recs",
        "n_rows",
        "supported",
        "noted",
    ),
    [
        # counted by hand in Word: 252 numbered rows (186.1-186.252; 204 Supported,
        # 48 Noted) under 51 theme rows; clustered rows such as 186.1 (nine
        # States, ten recommendations) are split
        ("china-session17-2013.docx", "China", 17, 252, 286, 286, 204, 48),
        # 163 rows (115.1-115.163; 142 Supported, 21 Noted), e.g. 115.8 names five States
        ("slovenia-session20-2014.docx", "Slovenia", 20, 163, 163, 180, 142, 21),
    ],
)
def test_real_matrices(
    shared_data, name, sur, session, n_paragraphs, n_recs, n_rows, supported, noted
):
    raw = _matrix_raw(shared_data / "matrix" / name)
    _check_raw(raw)
    assert raw["paragraph"].fillna(raw["recommendation_id"]).nunique() == n_paragraphs
    assert raw["recommendation_id"].nunique() == n_recs
    assert len(raw) == n_rows
    assert set(raw["sur"]) == {sur} and set(raw["session"]) == {session}
    per_paragraph = raw.drop_duplicates("paragraph")["response"].value_counts()
    assert per_paragraph.to_dict() == {"Supported": supported, "Noted": noted}
    assert raw["source_themes"].map(len).min() >= 1
    assert not raw["text"].str.contains("Source of position").any()


def test_real_matrix_joint_and_cluster(shared_data):
    raw = _matrix_raw(shared_data / "matrix" / "slovenia-session20-2014.docx")
    joint = raw[raw["paragraph"] == "115.8"]
    assert joint["recommending_state"].tolist() == [
        "Senegal",
        "Sierra Leone",
        "Venezuela (Bolivarian Republic of)",
        "Peru",
        "Uruguay",
    ]
    assert joint["recommendation_id"].nunique() == 1
    china = _matrix_raw(shared_data / "matrix" / "china-session17-2013.docx")
    cluster = china[china["paragraph"] == "186.1"]
    assert len(cluster) == 10 and cluster["recommendation_id"].nunique() == 10
    assert cluster["text"].iloc[0] == "Ratify ICCPR"


def test_load_recommendations_matrix_fixture(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        df = _load(_matrix(tmp_path / "chad-session17-2013.docx"))
    assert df["response"].tolist() == ["noted"] * 2 + ["supported"] * 5
    assert df["rs_iso3"].tolist() == ["FRA", "ESP", "ITA", "MEX", "BRA", "CHL", "NOR"]


def test_groups_of_persons_are_affected_persons_not_themes():
    from upr_targets.io._matrix import _header_map, _theme_cell

    cell = "A41 Constitutional and legislative framework\nGroups of persons:\n- Public officials"
    parsed = _theme_cell(cell)
    assert parsed["themes"] == ["A41 Constitutional and legislative framework"]
    assert parsed["affected"] == ["Public officials"]
    cols = _header_map(
        ["Recommendation", "Position", "Full list of themes", "Groups of Persons"]
    )
    assert cols["affected"] == 3


def test_uncoded_uhri_theme_labels_map():
    from upr_targets.reference import map_source_themes

    # before: [] for each (25 % of a cycle-3 matrix's rows without a theme)
    assert map_source_themes(["Right to education"], "uhri") == ["Right to education"]
    assert map_source_themes(["Right to health"], "uhri") == ["Right to health"]
    labels = {
        "Human trafficking & contemporary forms of slavery": "Trafficking",
        "Sexual & gender-based violence": "Women's rights",
        "Ratification of & accession to international instruments": "International instruments",
    }
    for label, theme in labels.items():
        assert map_source_themes([label], "uhri") == [theme]


def test_egypt_later_layout_every_paragraph_with_states_and_position(shared_data):
    # before: 367 rows, 46 without a recommending State, 68 responses unclear
    path = shared_data / "matrix" / "egypt-session20-2014.docx"
    if not path.exists():
        pytest.skip("egypt matrix not in the shared data")
    df = load_quiet(path)
    assert df["paragraph"].nunique() == 300  # 166.1 to 166.300
    assert df["rs_iso3"].notna().all()
    assert (df["response"] != "unclear").all()
    report = df.attrs["load_report"]
    partial = report.flagged["issue"].str.contains("supported in part")
    assert partial.sum() == 23  # "Supported/Noted": counted as noted, flagged
    assert df["themes"].map(len).gt(0).mean() > 0.99
