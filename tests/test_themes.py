"""Tests of the theme taxonomy and crosswalks (upr_targets._themes)."""

from __future__ import annotations

import pandas as pd
import pytest

import upr_targets
from upr_targets import UnknownThemeError, normalize_theme, theme_crosswalk, themes
from upr_targets._themes import map_source_themes


def test_themes_table():
    t = themes()
    assert list(t.columns[:3]) == ["theme", "description", "keywords"]
    assert len(t) == 54
    assert t["theme"].is_unique
    assert t["keywords"].map(len).between(10, 30).all()
    assert t["description"].str.len().gt(20).all()
    assert {
        "Death penalty",
        "Women's rights",
        "Sexual Orientation and Gender Identity",
    } <= set(t["theme"])
    dp = t.set_index("theme").loc["Death penalty", "keywords"]
    assert "capital punishment" in dp and "moratorium" in dp


def test_themes_returns_a_copy():
    t = themes()
    t.loc[0, "keywords"].append("zzz")
    t.loc[0, "theme"] = "changed"
    assert "zzz" not in themes().loc[0, "keywords"]
    assert themes().loc[0, "theme"] != "changed"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Death penalty", "Death penalty"),
        ("death penalty", "Death penalty"),
        ("DEATH PENALTY!", "Death penalty"),
        ("Women rights", "Women's rights"),
        ("womens rights", "Women's rights"),
        ("Rigths of the child", "Rights of the Child"),
        ("SOGI", "Sexual Orientation and Gender Identity"),
        ("LGBT", "Sexual Orientation and Gender Identity"),
        ("torure", "Torture and other CID treatment"),
        ("Asylum seekers - refugees", "Asylum-seekers - refugees"),
        ("HIV/AIDS", "HIV - Aids"),
        ("Freedom of press", "Freedom of the press"),
        ("capital punishment", "Death penalty"),  # a keyword of one theme only
        ("human trafficking", "Trafficking"),
        ("gender equality", "Women's rights"),
    ],
)
def test_normalize_theme(label, expected):
    assert normalize_theme(label) == expected


@pytest.mark.parametrize("label", ["blah blah", "", "   ", "xyz"])
def test_normalize_theme_unknown(label):
    with pytest.raises(UnknownThemeError) as err:
        normalize_theme(label)
    assert err.value.value == label
    assert "upr_targets.themes()" in str(err.value)


def test_unknown_theme_names_candidates():
    with pytest.raises(UnknownThemeError) as err:
        normalize_theme("Freedom of speach and the pres")
    assert err.value.candidates
    assert any("Freedom" in c for c in err.value.candidates)


def test_unknown_theme_candidates_from_keywords():
    with pytest.raises(UnknownThemeError) as err:
        normalize_theme("Freedom of speech")
    assert err.value.candidates[0] == "Freedom of opinion and expression"


def test_unknown_theme_is_a_key_error():
    with pytest.raises(KeyError):
        normalize_theme("not a theme at all")


def test_crosswalk_table():
    cw = theme_crosswalk()
    assert list(cw.columns[:2]) == ["source", "source_label"]
    assert "theme" in cw.columns
    assert set(cw["source"]) == {"uhri", "sdg", "dihr"}
    assert set(cw["theme"]) <= set(themes()["theme"])
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


def test_every_upr_info_label_is_in_the_taxonomy(upr_info_files):
    labels = set()
    for path in upr_info_files:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        from io import StringIO

        df = pd.read_csv(StringIO(raw), usecols=[9])
        labels |= set(df.iloc[:, 0].dropna().str.split(",").explode().str.strip())
    labels.discard("")
    assert labels == set(themes()["theme"])


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


def test_public_names():
    assert upr_targets.normalize_theme is normalize_theme
    assert upr_targets.themes is themes
