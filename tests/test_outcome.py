"""outcome_summary: counts checked against independent pandas counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import upr_targets

REPORT = Path(__file__).parent / "data" / "documents" / "report_cycle3.pdf"


@pytest.fixture(scope="module")
def matches():
    with pytest.warns(upr_targets.UPRDataWarning):
        outcome = upr_targets.load_recommendations(REPORT)
    adv = upr_targets.load_advocacy(
        pd.DataFrame(
            {
                "issue": ["Death penalty", "Torture", "Bees"],
                "recommendation": [
                    "Abolish the death penalty",
                    "Ratify the Optional Protocol to the Convention against Torture",
                    "Protect beekeepers from pesticide spraying",
                ],
                "targeted_states": ["Italy; France (2019-03-12)", "", "Germany"],
            }
        )
    )
    return upr_targets.match_outcome(adv, outcome, top=None)


def test_counts_are_true(matches):
    s = upr_targets.outcome_summary(matches, min_strength="similar")
    taken = matches[matches["strength"].isin(["very similar", "similar"])]
    by = s.by_recommendation.set_index("advocacy_id")
    for qid, g in taken.groupby("advocacy_id"):
        assert by.loc[qid, "n_recommendations"] == g["recommendation_id"].nunique()
        assert by.loc[qid, "n_states"] == g["recommending_state"].nunique()
        paras = g.drop_duplicates("recommendation_id")
        assert by.loc[qid, "n_supported"] == (paras["response"] == "supported").sum()
    assert s.overall["n_states"] == taken["recommending_state"].nunique()
    assert s.overall["n_taken_up"] == taken["advocacy_id"].nunique()
    assert not by.loc["R3", "taken_up"]
    assert (
        len(s.thank)
        == taken.groupby(["recommending_state", "recommendation_id"]).ngroups
    )


def test_followup_lists(matches):
    s = upr_targets.outcome_summary(matches)
    silent = set(zip(s.silent["advocacy_id"], s.silent["state"], strict=True))
    assert ("R1", "France") in silent and ("R3", "Germany") in silent
    assert ("R1", "Italy") not in silent
    lobbied = s.silent.set_index(["advocacy_id", "state"])["lobbied_on"]
    assert lobbied["R1", "France"] == pd.Timestamp("2019-03-12")
    assert pd.isna(lobbied["R3", "Germany"])
    assert "Italy" not in set(s.new_allies["recommending_state"])
    assert "Iran" in set(s.new_allies["recommending_state"])
    assert set(s.report_back["recommending_state"]) == set(
        s.thank["recommending_state"]
    )
    assert "OutcomeSummary" in repr(s) and "<table" in s._repr_html_()
    missed = s.not_taken_up.set_index("advocacy_id")
    assert set(missed.index) == set(
        s.by_recommendation.loc[~s.by_recommendation["taken_up"], "advocacy_id"]
    )
    assert "R3" in missed.index


def test_ranking_check_and_dates(matches):
    ranking = pd.DataFrame({"state": ["Italy", "Spain", "Peru"], "rank": [1, 2, 3]})
    s = upr_targets.outcome_summary(matches, ranking=ranking, today="2020-01-01")
    rc = s.ranking_check.set_index("state")
    assert rc.loc["Italy", "rank_before_review"] == 1 and rc.loc["Italy", "in_top_10"]
    assert pd.isna(rc.loc["Iran", "rank_before_review"])
    assert list(s.dates["step"])[0] == "The review"
    assert {"past", "now", "coming"} >= set(s.dates["status"].dropna())
    with pytest.raises(ValueError, match="'state' and 'rank'"):
        upr_targets.outcome_summary(matches, ranking=pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="min_strength='strong'"):
        upr_targets.outcome_summary(matches, min_strength="strong")


def test_adoption_session_from_symbol():
    from upr_targets.reference import adoption_session

    assert adoption_session("A/HRC/28/16")[0] == 28
    assert adoption_session("A/HRC/44/5")[1].month == 6
    n, start, basis = adoption_session(None, pd.Timestamp("2014-11-07"))
    assert n is None and start.month == 2 and basis == "calendar pattern"
