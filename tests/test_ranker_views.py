"""Tests of what a fitted ranker shows beside a ranking: each issue's own rank."""

from __future__ import annotations

import pandas as pd
import pytest

from upr_targets import TargetRanker, UPRDataWarning

ISSUES = {
    "child marriage": ["Rights of the Child", "Women's rights"],
    "torture in police cells": ["Torture and other CID treatment"],
}


@pytest.fixture(scope="module")
def ranker(demo):
    return TargetRanker().fit(demo)


def test_each_issue_rank_is_its_ranking_alone(ranker):
    r = ranker.rank_issues("Kenya", ISSUES, top=15)
    assert len(r) == 15
    for issue, themes in ISSUES.items():
        alone = ranker.rank("Kenya", themes=themes, issue_text=issue)
        want = r["state"].map(alone.set_index("state")["rank"])
        assert r[f"rank: {issue}"].dtype == "Int64"
        assert (r[f"rank: {issue}"].to_numpy() == want.to_numpy()).all()
    # the ranking itself is rank() on every issue's themes and words
    together = ranker.rank(
        "Kenya",
        themes=[t for ts in ISSUES.values() for t in ts],
        issue_text="child marriage. torture in police cells",
        top=15,
    )
    pd.testing.assert_frame_equal(r[together.columns], together)
    assert r.attrs["issues"] == ISSUES


def test_issue_texts_are_read_as_rank_reads_them(ranker):
    r = ranker.rank_issues("Kenya", ["abolish the death penalty", "torture in prisons"])
    assert r.attrs["issues"] == {
        "abolish the death penalty": ranker.themes_for("abolish the death penalty"),
        "torture in prisons": ranker.themes_for("torture in prisons"),
    }
    assert {"rank: abolish the death penalty", "rank: torture in prisons"} <= set(
        r.columns
    )


def test_one_issue_is_rank(ranker):
    r = ranker.rank_issues("Kenya", "abolish the death penalty", top=5)
    pd.testing.assert_frame_equal(
        r, ranker.rank("Kenya", issue_text="abolish the death penalty", top=5)
    )


def test_an_issue_without_theme_has_no_column(ranker):
    with pytest.warns(UPRDataWarning, match="matches no theme"):
        r = ranker.rank_issues(
            "Kenya", ["abolish the death penalty", "zzzz qqqq", "torture in prisons"]
        )
    assert r.attrs["issues"]["zzzz qqqq"] == []
    assert not any("zzzz" in c for c in r.columns)
    assert sum(c.startswith("rank: ") for c in r.columns) == 2


def test_speakers_rank_the_speakers_on_each_issue(ranker):
    speakers = ranker.candidates_[:6].tolist()
    r = ranker.rank_issues("Kenya", ISSUES, speakers=speakers)
    assert set(r["state"]) <= set(speakers)
    for issue in ISSUES:
        assert set(r[f"rank: {issue}"]) == set(range(1, len(r) + 1))


def test_one_label_is_one_theme(ranker):
    r = ranker.rank_issues(
        "Kenya",
        {
            "death penalty": "Death penalty",
            "torture": ["Torture and other CID treatment"],
        },
    )
    assert r.attrs["issues"]["death penalty"] == ["Death penalty"]
    assert "rank: death penalty" in r.columns


def test_closeness_is_of_the_rows_the_ranker_counts(demo):
    """A specific ranker counts some rows; its matcher reads every row."""
    from upr_targets._action import specific_mask
    from upr_targets._matching import matcher_for
    from upr_targets._similar import text_similarity

    specific = TargetRanker(action="specific").fit(demo)
    text = "repeal the death penalty"
    sims = specific._closeness_to(text)
    assert len(sims) == len(specific._data) < len(demo)
    want = text_similarity(matcher_for(demo), text)[specific_mask(demo)]
    assert sims == pytest.approx(want)
    # a matcher of another table is refused, not read out of line
    specific.matcher_ = matcher_for(demo.iloc[:100])
    with pytest.raises(ValueError, match="fitted on 100 recommendations"):
        specific.rank("Kenya", issue_text=text)


def test_an_ask_to_ratify_is_not_close_to_other_treaties(ranker, demo):
    import numpy as np

    from upr_targets._matching import matcher_for
    from upr_targets._similar import text_similarity
    from upr_targets.reference._instruments import instruments_of

    text = "Ratify the Optional Protocol to the Convention against Torture"
    raw = text_similarity(matcher_for(demo), text)
    asks = instruments_of(demo["text"], joining=True)
    other = np.array([bool(a) and "OPCAT" not in a for a in asks])
    assert other.any() and (raw[other] > 0).any()  # alike words: the case
    sims = ranker._closeness_to(text)
    assert (sims[other] == 0).all()
    assert sims[~other] == pytest.approx(raw[~other])
    # an issue that asks to join nothing is read as before
    plain = "Torture in police custody"
    assert ranker._closeness_to(plain) == pytest.approx(
        text_similarity(matcher_for(demo), plain)
    )
