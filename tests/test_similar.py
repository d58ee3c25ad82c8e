"""Tests of text matching."""

from __future__ import annotations

import pytest

from upr_targets import (
    UPRDataWarning,
)


def test_similar(demo_matcher, demo):
    hits = demo_matcher.similar("abolish the death penalty", top=5)
    assert len(hits) == 5
    assert hits["similarity"].is_monotonic_decreasing
    assert hits["similarity"].between(0, 1).all()
    assert {
        "text",
        "recommending_state",
        "sur",
        "session",
        "year",
        "response",
        "themes",
    } <= set(hits.columns)
    assert hits["text"].str.contains("death", case=False).all()

    sur = demo["sur"].iloc[0]
    hits = demo_matcher.similar("torture", top=None, sur=sur, before_session=30)
    assert (hits["sur"] == sur).all() and (hits["session"] < 30).all()

    hits = demo_matcher.similar("journalists", top=20, themes=["freedom of the press"])
    assert hits["themes"].map(lambda t: "Freedom of the press" in t).all()

    rs = demo["recommending_state"].dropna().iloc[0]
    hits = demo_matcher.similar("women", top=None, recommending_state=rs)
    assert (hits["recommending_state"] == rs).all()


def test_similar_edge_cases(taxonomy_matcher, demo_matcher):
    with pytest.raises(ValueError, match="fitted without recommendations"):
        taxonomy_matcher.similar("death penalty")
    with pytest.warns(UPRDataWarning):
        assert len(demo_matcher.similar("")) == 0
    assert len(demo_matcher.similar("zzzz qqqq")) == 0
