"""What a recommendation asks for: action categories, given or read from the verb."""

from __future__ import annotations

import pandas as pd

from upr_targets._action import asks_for_change, infer_action_category, specific_rows


def test_first_verb_categories():
    texts = pd.Series(
        [
            "Ratify the Optional Protocol",
            "Continue its efforts to protect children",
            "Kenya should consider abolishing the death penalty",
            "To share its experience in this field",
            "Repeal article 162 of the Penal Code",
            "Something unheard of",
        ]
    )
    assert infer_action_category(texts).tolist() == [5, 2, 3, 1, 5, pd.NA]


def test_inferred_categories_agree_with_upr_info(upr_info):
    # the verb table is built from sessions 1-12: check it on 13-17
    test = upr_info[(upr_info["session"] >= 13) & upr_info["action_category"].notna()]
    guess = infer_action_category(test["text"])
    known = guess.notna()
    assert known.mean() > 0.85
    same_kind = (guess[known] >= 4) == (test.loc[known, "action_category"] >= 4)
    assert same_kind.mean() > 0.95


def test_specific_rows_and_ranker(demo):
    import upr_targets

    rows = specific_rows(demo)
    assert (rows["action_category"].dropna() >= 4).all()
    r = upr_targets.TargetRanker(action="specific").fit(demo)
    out = r.rank("Kenya", themes=["Death penalty"], top=3)
    assert out["explanation"].str.startswith("Made ").all()
    assert out["explanation"].str.contains("specific recommendation").all()


def test_issue_asks_for_change():
    assert asks_for_change("women's rights activists are detained")
    assert asks_for_change("decriminalise same-sex relations")
    assert not asks_for_change("indigenous peoples' land")


def test_specific_ranker_names_its_rows_in_the_unplaced_warning(demo):
    import pytest

    import upr_targets

    recs = demo.copy()
    at = recs.index[(recs["action_category"] >= 4).fillna(False)][:3]
    recs["recommending_state"] = recs["recommending_state"].astype(object)
    recs.loc[at, "recommending_state"] = pd.NA
    n_specific = len(specific_rows(recs))
    with pytest.warns(
        upr_targets.UPRDataWarning,
        match=rf"^3 of {n_specific} specific recommendations \(action category 4-5\)",
    ):
        upr_targets.TargetRanker(action="specific").fit(recs)
    with pytest.warns(
        upr_targets.UPRDataWarning, match=rf"^3 of {len(recs)} recommendations"
    ):
        upr_targets.TargetRanker().fit(recs)
