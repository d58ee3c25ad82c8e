"""Tests of the theme taxonomy and crosswalks."""

from __future__ import annotations

import pandas as pd
import pytest

from upr_targets import list_themes, theme_crosswalk
from upr_targets.reference import map_source_themes


def test_crosswalk_table():
    cw = theme_crosswalk()
    assert list(cw.columns[:2]) == ["source", "source_label"]
    assert "theme" in cw.columns
    assert set(cw["source"]) == {"uhri", "sdg", "dihr"}
    assert set(cw["theme"]) <= set(list_themes()["theme"])
    assert not cw.duplicated(["source", "source_label", "theme"]).any()


@pytest.mark.parametrize(
    ("labels", "source", "expected"),
    [
        (["D23 Death penalty"], "uhri", ["Death penalty"]),
        (["Death penalty"], "uhri", ["Death penalty"]),
        (
            ["F13 Violence against women", "F19 Girls"],
            "uhri",
            ["Women's rights", "Rights of the Child"],
        ),
        (["- women", "- children"], "uhri", ["Women's rights", "Rights of the Child"]),
        (
            ["G2 Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"],
            "uhri",
            ["Sexual Orientation and Gender Identity"],
        ),
        (["5"], "sdg", ["Women's rights"]),
        (["5. Gender equality"], "sdg", ["Women's rights"]),
        (
            ["5.4"],
            "sdg",
            ["Women's rights"],
        ),  # an unlisted target falls back to its goal
        (["4"], "sdg", ["Right to education"]),
        (
            ["16.10"],
            "sdg",
            [
                "Freedom of opinion and expression",
                "Freedom of the press",
                "Human rights defenders",
            ],
        ),
        (["16"], "sdg", []),  # too broad: no clear mapping
        (
            ["Women and girlsChildren"],
            "dihr",
            ["Women's rights", "Rights of the Child"],
        ),
        (["LGBTI"], "dihr", ["Sexual Orientation and Gender Identity"]),
        (
            ["Women's rights", "Death penalty", "Women's rights"],
            "upr-info",
            ["Women's rights", "Death penalty"],
        ),
        (["Z99 Something new"], "uhri", []),
    ],
)
def test_map_source_themes(labels, source, expected):
    assert map_source_themes(labels, source) == expected


def test_map_source_themes_edge_cases():
    assert map_source_themes(None, "uhri") == []
    assert map_source_themes([], "sdg") == []
    assert map_source_themes("D23 Death penalty", "uhri") == ["Death penalty"]
    assert map_source_themes([None, pd.NA, "", "D23 Death penalty"], "uhri") == [
        "Death penalty"
    ]
    with pytest.raises(ValueError, match="Unknown theme source 'foo'"):
        map_source_themes(["x"], "foo")


def test_matrix_themes_map(shared_data):
    docx = pytest.importorskip("docx")
    path = shared_data / "matrix" / "china-session17-2013.docx"
    if not path.exists():
        pytest.skip("no matrix sample")
    doc = docx.Document(str(path))
    cells = [row.cells[2].text for row in doc.tables[0].rows[1:]]
    cells = [c for c in cells if not c.startswith("Theme:")]  # section headers
    mapped = [map_source_themes(c.split("\n"), "uhri") for c in cells]
    # nearly every recommendation gets at least one theme
    assert sum(bool(m) for m in mapped) / len(mapped) > 0.9


@pytest.mark.parametrize(
    ("label", "theme"),
    [
        ("2.2. Reservations", "International instruments"),
        ("16. Right to an effective remedy, impunity", "Impunity"),
        ("30.4. Juvenile justice", "Rights of the Child"),
        ("18. Right to participate in public affairs & right to vote", "Elections"),
        (
            "37. Right to development – general measures of implementation",
            "Development",
        ),
    ],
)
def test_numbered_labels_of_later_cycle_2_matrices(label, theme):
    assert map_source_themes(label, "uhri") == [theme]


@pytest.mark.parametrize(
    ("label", "themes"),
    [
        # the current export's short names and the NGO spellings of them
        ("Climate change", ["Environment"]),
        ("- Women & girls", ["Women's rights"]),
        ("Trafficking in persons", ["Trafficking"]),
        ("Cooperation with the UPR", ["UPR process"]),
        ("National Human Rights Institution", ["NHRI"]),
        ("National Human Rights Institutions (NHRIs)", ["NHRI"]),
        ("Persons with disabilities (PWD)", ["Disabilities"]),
        (
            "Sexual & reproductive health & rights",
            ["Right to health", "Women's rights"],
        ),
        (
            "Child, early and forced marriage",
            ["Women's rights", "Rights of the Child"],
        ),
        ("Right to privacy", []),  # no clear theme: left to the source_themes column
    ],
)
def test_short_uhri_names(label, themes):
    assert map_source_themes(label, "uhri") == themes


def test_every_uhri_label_maps_through_the_index():
    """Each crosswalk row is found again from its own label, with and without case."""
    cw = theme_crosswalk()
    uhri = cw[cw["source"] == "uhri"]
    for label, group in uhri.groupby("source_label"):
        expected = set(group["theme"])
        assert set(map_source_themes(label, "uhri")) >= expected, label
        assert set(map_source_themes(label.upper(), "uhri")) >= expected, label
