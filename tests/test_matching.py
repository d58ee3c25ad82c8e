"""Tests of text matching."""

from __future__ import annotations

from upr_targets import (
    match_themes,
    similar_recommendations,
)


def test_functional_shortcuts(demo):
    assert match_themes("death penalty", top=1)["theme"].iloc[0] == "Death penalty"
    out = match_themes("death penalty", demo, top=2)
    assert out["theme"].iloc[0] == "Death penalty"
    hits = similar_recommendations("death penalty", demo, top=3, themes="Death penalty")
    assert len(hits) == 3
    from upr_targets._matching import matcher_for

    assert matcher_for(demo) is matcher_for(demo.copy())  # the same table: cached
