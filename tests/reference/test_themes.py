"""Tests of the theme taxonomy and crosswalks."""

from __future__ import annotations

import pandas as pd
import pytest

import upr_targets
from upr_targets import UnknownThemeError, list_themes, normalize_theme


def test_themes_table():
    t = list_themes()
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
    t = list_themes()
    t.loc[0, "keywords"].append("zzz")
    t.loc[0, "theme"] = "changed"
    assert "zzz" not in list_themes().loc[0, "keywords"]
    assert list_themes().loc[0, "theme"] != "changed"


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
    assert "upr_targets.list_themes()" in str(err.value)


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


def test_every_upr_info_label_is_in_the_taxonomy(upr_info_files):
    labels = set()
    for path in upr_info_files:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        from io import StringIO

        df = pd.read_csv(StringIO(raw), usecols=[9])
        labels |= set(df.iloc[:, 0].dropna().str.split(",").explode().str.strip())
    labels.discard("")
    assert labels == set(list_themes()["theme"])


def test_public_names():
    assert upr_targets.normalize_theme is normalize_theme
    assert upr_targets.list_themes is list_themes
    with pytest.warns(DeprecationWarning, match="list_themes"):
        assert upr_targets.themes().equals(list_themes())
