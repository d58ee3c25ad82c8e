"""Every count a ranking shows is a count of recommendations: checked with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _independent(df, sur, themes, before=None):
    """The same counts, straight from the table (one row = one recommendation)."""
    placed = df[df["session"].notna() & df["recommending_state"].notna()]
    if before is not None:
        placed = placed[placed["session"] < before]
    on = placed[placed["themes"].map(lambda ts: bool(set(ts) & set(themes)))]
    sur_group = df.loc[df["sur"] == sur, "sur_group"].dropna().iloc[0]
    last = sorted(placed["session"].unique())[-2:]
    prev = placed.loc[placed["sur"] == sur, "session"].max()
    by = on.groupby("recommending_state")
    return pd.DataFrame(
        {
            "n_theme_recs": by.size(),
            "n_theme_recs_recent": on[on["session"].isin(last)]
            .groupby("recommending_state")
            .size(),
            "n_theme_to_sur": on[on["sur"] == sur].groupby("recommending_state").size(),
            "n_theme_to_sur_previous_review": on[
                (on["sur"] == sur) & (on["session"] == prev)
            ]
            .groupby("recommending_state")
            .size(),
            "n_theme_to_region": on[on["sur_group"] == sur_group]
            .groupby("recommending_state")
            .size(),
            "n_recs": placed.groupby("recommending_state").size(),
            "n_to_sur": placed[placed["sur"] == sur]
            .groupby("recommending_state")
            .size(),
            "n_reviews_joined": placed.drop_duplicates(
                ["recommending_state", "sur", "session"]
            )
            .groupby("recommending_state")
            .size(),
            "n_reviews_on_themes": on.drop_duplicates(
                ["recommending_state", "sur", "session"]
            )
            .groupby("recommending_state")
            .size(),
        }
    ).fillna(0)


def _check(ranker, df, sur, themes):
    r = ranker.rank(sur, themes=themes).set_index("state")
    want = _independent(df, sur, themes).reindex(r.index).fillna(0)
    for col in want.columns:
        assert np.array_equal(r[col].to_numpy(), want[col].to_numpy()), col
    # a part is never more than its whole
    assert (r["n_theme_to_sur"] <= r["n_to_sur"]).all()
    assert (r["n_theme_recs"] <= r["n_recs"]).all()
    return r


def test_multi_theme_counts_are_recommendations(demo, demo_ranker):
    themes = ["Women's rights", "Rights of the Child", "Justice"]
    r = _check(demo_ranker, demo, "Kenya", themes)
    # tag counts would count a recommendation once per theme it carries
    tagged = demo["themes"].map(lambda ts: len(set(ts) & set(themes)))
    assert (tagged > 1).any()  # the case that went wrong is in the data
    assert not r["explanation"].str.contains(r"\b1 recommendations").any()


def test_real_data_counts(upr_info, upr_info_ranker):
    # before: Germany "Made 362 recommendations ... 7 to Kenya" (256 and 4)
    themes = ["Women's rights", "Rights of the Child", "Detention"]
    r = _check(upr_info_ranker, upr_info, "Kenya", themes)
    assert r.loc["Germany", "n_theme_to_sur"] <= r.loc["Germany", "n_to_sur"]
