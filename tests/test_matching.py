"""Tests of text matching."""

from __future__ import annotations

import pytest

from upr_targets import (
    ThemeMatcher,
    match_themes,
    similar_recommendations,
)


@pytest.fixture(scope="module")
def taxonomy_matcher():
    return ThemeMatcher().fit()


@pytest.fixture(scope="module")
def demo_matcher(demo):
    return ThemeMatcher().fit(demo)


NGO = [
    (
        "Journalists are prosecuted for criminal defamation",
        {"Freedom of the press", "Freedom of opinion and expression"},
        2,
    ),
    ("girls are married at 12", {"Rights of the Child", "Women's rights"}, 2),
    (
        "police beat people in custody",
        {"Torture and other CID treatment", "Detention"},
        2,
    ),
    ("LGBT people are arrested", {"Sexual Orientation and Gender Identity"}, 1),
]


def test_functional_shortcuts(demo):
    assert match_themes("death penalty", top=1)["theme"].iloc[0] == "Death penalty"
    out = match_themes("death penalty", demo, top=2)
    assert out["theme"].iloc[0] == "Death penalty"
    hits = similar_recommendations("death penalty", demo, top=3, themes="Death penalty")
    assert len(hits) == 3
    from upr_targets._matching import _matcher_for

    assert _matcher_for(demo) is _matcher_for(demo)  # cached for the same table
