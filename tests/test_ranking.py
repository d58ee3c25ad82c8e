"""Tests of the target ranker."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from upr_targets import (
    TargetRanker,
    UnknownStateError,
    UnknownThemeError,
    UPRDataWarning,
)
from upr_targets._components import COMPONENTS, DEFAULT_WEIGHTS


@pytest.fixture(scope="module")
def demo_ranker(demo):
    return TargetRanker().fit(demo)


@pytest.fixture(scope="module")
def upr_ranker(upr_info):
    with pytest.warns(UPRDataWarning):
        return TargetRanker().fit(upr_info)


def test_sklearn_contract():
    r = TargetRanker(weights={"activity": 2.0}, half_life=2.0)
    params = r.get_params()
    assert params["half_life"] == 2.0
    c = clone(r)
    assert c.get_params()["weights"] == {"activity": 2.0}
    assert not hasattr(c, "weights_")


def test_rank_columns_and_order(demo_ranker):
    r = demo_ranker
    sur = r.states_[3]
    out = r.rank(sur, themes=[r.themes_[0]])
    assert list(out.columns[:5]) == ["rank", "state", "iso3", "group", "score"]
    for c in (
        *COMPONENTS,
        "n_theme_recs",
        "n_to_sur",
        "n_theme_to_sur",
        "n_theme_to_region",
        "theme_share",
        "same_group",
        "shared_blocs",
        "acceptance",
        "theme_acceptance",
        "explanation",
    ):
        assert c in out.columns, c
    assert sur not in set(out["state"])
    assert out["rank"].tolist() == list(range(1, len(out) + 1))
    assert out["score"].is_monotonic_decreasing
    # the components add up to the score
    np.testing.assert_allclose(out[list(COMPONENTS)].sum(axis=1), out["score"])
    assert out.attrs["sur"] == sur and out.attrs["themes"] == [r.themes_[0]]
    assert len(out) == len(r.candidates_) - (sur in set(r.candidates_))
    assert r.rank(sur, themes=r.themes_[0], top=5).shape[0] == 5


def test_weights_are_a_series(demo_ranker):
    w = demo_ranker.weights_
    assert isinstance(w, pd.Series)
    assert set(w.index) == set(COMPONENTS)


def test_bad_weights(demo):
    with pytest.raises(ValueError, match="Unknown score component"):
        TargetRanker(weights={"nope": 1.0}).fit(demo)
    with pytest.raises(ValueError, match="not understood"):
        TargetRanker(weights="best").fit(demo)


def test_before_session_hides_later_evidence(demo_ranker):
    r = demo_ranker
    sur, theme = r.states_[5], r.themes_[1]
    early = r.rank(sur, themes=[theme], before_session=5)
    late = r.rank(sur, themes=[theme])
    assert early["n_theme_recs"].sum() < late["n_theme_recs"].sum()
    assert early.attrs["before_session"] == 5


def test_before_first_session_gives_empty_ranking(demo_ranker):
    with pytest.warns(UPRDataWarning, match="no evidence"):
        out = demo_ranker.rank(demo_ranker.states_[0], before_session=0)
    assert len(out) == 0 and "score" in out.columns


def test_unknown_names(demo_ranker):
    with pytest.raises(UnknownStateError):
        demo_ranker.rank("Atlantis Republic of Nowhere")
    with pytest.raises(UnknownThemeError):
        demo_ranker.rank(demo_ranker.states_[0], themes=["Zzzqqq unknown"])


def test_theme_agnostic_without_themes(demo_ranker):
    out = demo_ranker.rank(demo_ranker.states_[0])
    assert out.attrs["themes"] == []
    assert (out["n_theme_recs"] == out["n_recs"]).all()
    assert (out["n_theme_recs_recent"] <= out["n_recs"]).all()
    assert out["n_theme_recs_recent"].sum() > 0


def test_empty_issue_text_warns(demo_ranker):
    with pytest.warns(UPRDataWarning, match="empty"):
        out = demo_ranker.rank(demo_ranker.states_[0], issue_text="  ")
    assert out.attrs["themes"] == []


def test_explain_adds_up(demo_ranker):
    r = demo_ranker
    sur, theme = r.states_[2], r.themes_[0]
    out = r.rank(sur, themes=[theme])
    top = out["state"].iloc[0]
    table = r.explain(top, sur, themes=[theme])
    assert table["contribution"].sum() == pytest.approx(out["score"].iloc[0])
    assert table.attrs["rank"] == 1


def test_evidence(demo_ranker):
    r = demo_ranker
    sur, theme = r.states_[2], r.themes_[0]
    state = r.rank(sur, themes=[theme])["state"].iloc[0]
    ev = r.evidence(state, sur, themes=[theme], before_session=30)
    assert (ev["session"] < 30).all()
    assert ev["themes"].map(lambda ts: theme in ts).all()
    if ev["to_sur"].any():
        assert ev["to_sur"].iloc[0]


def test_learned_weights(demo):
    r = TargetRanker(weights="learn", max_learn_queries=200).fit(demo)
    assert r.weights_.index.tolist() == list(COMPONENTS)
    assert np.isfinite(r.weights_).all() and (r.weights_ != 0).any()


def test_fixed_weights_override_dyadic(demo):
    r = TargetRanker(weights={"sur_interest": 0.5}).fit(demo)
    assert r.weights_["sur_interest"] == 0.5
    assert r.weights_["theme_interest"] == DEFAULT_WEIGHTS["theme_interest"]


def test_upr_info_kenya_press(upr_ranker):
    out = upr_ranker.rank("Kenya", themes=["Freedom of the press"], top=10)
    assert len(out) == 10
    assert "Kenya" not in set(out["state"])
    assert out["explanation"].str.startswith("Made ").all()
    # the top States are active on the theme
    assert (out["n_theme_recs"] > 0).all()


def test_upr_info_no_leakage(upr_ranker, upr_info):
    out = upr_ranker.rank("Kenya", themes=["Freedom of the press"], before_session=13)
    d = upr_info
    mask = (d["sur"] == "Kenya") & (d["session"] < 13)
    assert out["n_to_sur"].sum() == mask.sum()


def small_real_names():
    from upr_targets._schema import conform

    rows = [
        ("France", "Kenya", ["Death penalty"], 1),
        ("Norway", "Kenya", ["Death penalty"], 1),
        ("France", "Chile", ["Women's rights"], 2),
        ("Brazil", "Chile", ["Death penalty"], 2),
    ]
    rs, sur, themes, session = zip(*rows, strict=True)
    return conform(
        {
            "text": ["t"] * 4,
            "sur": sur,
            "sur_iso3": ["KEN", "KEN", "CHL", "CHL"],
            "recommending_state": rs,
            "rs_iso3": ["FRA", "NOR", "FRA", "BRA"],
            "sur_group": ["African", "African", "GRULAC", "GRULAC"],
            "rs_group": ["WEOG", "WEOG", "WEOG", "GRULAC"],
            "response": ["supported", "noted", "supported", "supported"],
            "themes": list(themes),
            "session": session,
            "source": "demo",
            "recommendation_id": ["1", "2", "3", "4"],
        }
    )


def test_sur_absent_from_data_warns():
    r = TargetRanker().fit(small_real_names())
    with pytest.warns(UPRDataWarning, match="does not appear in the data"):
        out = r.rank("Germany", themes=["Death penalty"])
    assert set(out["state"]) == {"France", "Norway", "Brazil"}
    assert (out["n_to_sur"] == 0).all()


def test_names_are_normalized():
    r = TargetRanker().fit(small_real_names())
    out = r.rank("kenya", themes=["death penalty"])
    assert out.attrs["sur"] == "Kenya" and out.attrs["themes"] == ["Death penalty"]
    assert set(out["state"]) == {"France", "Norway", "Brazil"}


def test_unknown_theme_names_closest():
    r = TargetRanker().fit(small_real_names())
    with pytest.raises(UnknownThemeError) as err:
        r.rank("Kenya", themes=["Deth penalti zz"])
    assert err.value.candidates[0] == "Death penalty"
    assert "did you mean 'Death penalty'" in str(err.value)


def test_theme_region_interest_by_hand(demo_ranker, demo):
    # log(1 + recommendations on the theme to SuRs of the SuR's group, each
    # session weighted 0.5 ** (age / half_life)), recomputed from the rows
    r = demo_ranker
    sur, theme, before = r.states_[2], r.themes_[1], 30
    sur_group = demo.loc[demo["sur"] == sur, "sur_group"].iloc[0]
    rows = demo[
        (demo["sur_group"] == sur_group)
        & (demo["session"] < before)
        & demo["themes"].map(lambda t: theme in t)
    ]
    age = before - 1 - rows["session"].to_numpy(dtype=float)
    weight = pd.Series(0.5 ** (age / r.half_life), index=rows.index)
    expected = weight.groupby(rows["recommending_state"].to_numpy()).sum()
    out = r.rank(sur, themes=[theme], before_session=before).set_index("state")
    got = out["theme_region_interest"] / r.weights_["theme_region_interest"]
    np.testing.assert_allclose(
        got.to_numpy(), np.log1p(expected.reindex(got.index).fillna(0.0)), rtol=1e-5
    )


def test_component_stack_matches_component_matrix(demo_ranker):
    from upr_targets._scoring import component_matrix, component_stack

    r = demo_ranker
    X = r.tensors_
    q = r._query(5, 25)
    themes = np.arange(min(4, len(X.themes)))
    stack = component_stack(X, q, themes, r.smoothing)
    for i, t in enumerate(themes):
        one, _ = component_matrix(X, q, np.array([t]), r.smoothing)
        np.testing.assert_allclose(stack[i], one, rtol=1e-6, atol=1e-9)


def test_observer_as_sur_is_refused_and_as_recommender_has_no_group(demo_ranker):
    from upr_targets import NotReviewedError
    from upr_targets.reference import NO_GROUP

    with pytest.raises(NotReviewedError, match="Holy See"):
        demo_ranker.rank("Holy See", themes=["Death penalty"])
    r = demo_ranker.rank("Kenya", themes=["Death penalty"])
    # the Holy See has no UN regional group; the State of Palestine is a full
    # member of the Asia-Pacific Group (see docs/reference-data.md)
    group = r.set_index("iso3")["group"]
    assert group["VAT"] == NO_GROUP and group["PSE"] == "Asia-Pacific"


def test_explanations_name_the_sur_group_as_people_say_it(demo_ranker, demo):
    from upr_targets import list_states

    groups = list_states().set_index("name")["group"]
    surs = demo["sur"].astype(str).unique()
    by_group = {groups.get(s): s for s in surs}
    grulac = demo_ranker.rank(by_group["GRULAC"], themes=["Death penalty"], top=3)
    african = demo_ranker.rank(by_group["African"], themes=["Death penalty"], top=3)
    assert grulac["explanation"].str.contains("to GRULAC States").all()
    assert african["explanation"].str.contains("to States of the African Group").all()
