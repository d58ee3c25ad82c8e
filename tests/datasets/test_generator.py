"""Tests of the synthetic demo data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import upr_targets
from upr_targets import list_themes, make_demo, validate


@pytest.fixture(scope="module")
def gen():
    return make_demo(30_000, sessions=range(1, 41), seed=11)


def test_make_demo_schema(gen):
    validate(gen)
    assert len(gen) == 30_000
    assert gen.attrs["synthetic"] is True
    assert set(gen["response"]) <= {"supported", "noted"}
    assert gen["themes"].map(len).between(1, 3).all()
    assert set(gen["themes"].explode()) <= set(list_themes()["theme"])
    assert gen["document"].str.match(r"^A/HRC/\d+/\d+$").all()
    assert gen["paragraph"].str.match(r"^\d+\.\d+$").all()
    assert (gen["sur"] != gen["recommending_state"]).all()
    assert gen["cycle"].isin([1, 2, 3]).all()


def test_real_state_names(gen):
    names = set(upr_targets.datasets._profile.states_table()["name"])
    assert set(gen["sur"]) <= names
    assert set(gen["recommending_state"]) <= names
    assert gen["sur"].nunique() >= 190  # every member is reviewed in each cycle


def test_each_sur_once_per_cycle(gen):
    per = gen.groupby(["sur", "cycle"])["session"].nunique()
    assert (per == 1).all()


def test_published_shares(gen):
    weog = (gen["rs_group"] == "WEOG").mean()
    assert 0.32 <= weog <= 0.40
    supported = (gen["response"] == "supported").mean()
    assert 0.70 <= supported <= 0.78
    mix = gen["action_category"].value_counts(normalize=True).sort_index().to_numpy()
    np.testing.assert_allclose(mix, [0.02, 0.17, 0.09, 0.39, 0.33], atol=0.03)
    early = gen[gen["session"] <= 5]
    acc = early.groupby("action_category")["response"].apply(
        lambda s: (s == "supported").mean()
    )
    np.testing.assert_allclose(
        acc.loc[[2, 3, 4, 5]], [0.90, 0.50, 0.70, 0.47], atol=0.08
    )


def test_sensitive_themes_are_accepted_less(gen):
    x = gen.explode("themes")
    acc = x.groupby("themes")["response"].apply(lambda s: (s == "supported").mean())
    overall = (gen["response"] == "supported").mean()
    assert acc["Death penalty"] < overall - 0.1
    assert acc["Sexual Orientation and Gender Identity"] < overall - 0.05


def test_group_preferences(gen):
    x = gen.explode("themes")
    share = pd.crosstab(x["rs_group"], x["themes"], normalize="index")
    assert (
        share.loc["WEOG", "Sexual Orientation and Gender Identity"]
        > 5 * share.loc["African", "Sexual Orientation and Gender Identity"]
    )
    assert (
        share.loc["African", "Technical assistance and cooperation"]
        > 3 * share.loc["WEOG", "Technical assistance and cooperation"]
    )


def test_persistence_across_cycles(gen):
    x = gen.explode("themes")
    keys = x[["recommending_state", "sur", "themes", "cycle"]].drop_duplicates()
    c1 = set(
        map(
            tuple,
            keys.loc[
                keys["cycle"] == 1, ["recommending_state", "sur", "themes"]
            ].to_numpy(),
        )
    )
    c2 = keys.loc[keys["cycle"] == 2, ["recommending_state", "sur", "themes"]]
    c2_pairs = c2[["recommending_state", "sur"]].drop_duplicates()
    # among (State, SuR) pairs active in cycle 2, the themes they raised in
    # cycle 1 come back far more often than other themes
    c2_set = set(map(tuple, c2.to_numpy()))
    pairs = set(map(tuple, c2_pairs.to_numpy()))
    repeated = [k for k in c1 if k[:2] in pairs]
    p_again = np.mean([k in c2_set for k in repeated])
    p_any = len(c2_set) / (len(pairs) * list_themes().shape[0])
    assert p_again > 3 * p_any


def test_joint_recommendations(gen):
    dup = gen[gen["recommendation_id"].duplicated(keep=False)]
    assert 0.01 * len(gen) <= len(dup) <= 0.06 * len(gen)
    g = dup.groupby("recommendation_id")
    assert (g["text"].nunique() == 1).all()
    assert (g["response"].nunique() == 1).all()
    assert (g["recommending_state"].nunique() == g.size()).all()


def test_texts_are_matchable(gen):
    dp = gen[gen["themes"].map(lambda t: t[0] == "Death penalty")]
    assert dp["text"].str.contains("death|capital|execution", case=False).all()
    # some texts name the State under review
    named = [s in t for s, t in zip(gen["sur"], gen["text"], strict=True)]
    assert 0.05 < np.mean(named) < 0.8


def test_deterministic():
    a = make_demo(3_000, sessions=range(1, 13), seed=5)
    b = make_demo(3_000, sessions=range(1, 13), seed=5)
    c = make_demo(3_000, sessions=range(1, 13), seed=6)
    pd.testing.assert_frame_equal(a, b)
    assert not a["text"].equals(c["text"])


def test_sessions_subset_and_tiny():
    df = make_demo(500, sessions=[27, 28], seed=0)
    assert set(df["session"]) <= {27, 28}
    assert (df["cycle"] == 3).all()
    assert len(make_demo(0, sessions=[1])) == 0
    validate(make_demo(1, sessions=[1]))


@pytest.mark.slow
def test_scales():
    df = make_demo(150_000, sessions=range(1, 41), seed=2)
    assert len(df) == 150_000
    assert df["recommendation_id"].nunique() > 140_000


def test_bad_arguments():
    with pytest.raises(ValueError, match="n_rows"):
        make_demo(-1)
    with pytest.raises(ValueError, match="sessions"):
        make_demo(10, sessions=[])
