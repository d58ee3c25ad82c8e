"""Every count a ranking shows is a count of recommendations: checked with pandas."""

from __future__ import annotations

import re

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


_REASON = re.compile(
    r"^Made (?P<n_theme_recs>\d+) recommendations? on (?P<on>[^(]+) "
    r"\((?P<n_theme_recs_recent>\d+) in the last 2 sessions, "
    r"(?P<n_theme_to_sur>\d+) to Kenya, (?P<n_theme_to_region>\d+) to States of the "
    r"African Group\)"
    r"(?:; (?P<n_to_sur_previous_review>\d+) recommendations? at Kenya's previous "
    r"review \(any theme; (?P<n_theme_to_sur_previous_review>\d+) on these themes\))?"
    r"(?:; Kenya supported (?P<pct>\d+)% of its (?P<n_to_sur>\d+) recommendations? "
    r"\(any theme\))?"
)


def test_every_number_of_the_reasons_is_its_column(demo, demo_ranker):
    """Each number a reason says is the count its words name (checked above)."""
    themes = ["Women's rights", "Rights of the Child"]
    r = _check(demo_ranker, demo, "Kenya", themes)
    assert (r["n_to_sur_previous_review"] > 0).any()
    assert (r["n_theme_to_sur_previous_review"] < r["n_to_sur_previous_review"]).any()
    for state, row in r.iterrows():
        m = _REASON.match(row["explanation"])
        assert m, row["explanation"]
        said = {k: int(v) for k, v in m.groupdict().items() if v and v.isdigit()}
        for col, n in said.items():
            if col == "pct":
                assert n == round(100 * row["acceptance"]), state
            else:
                assert n == row[col], (state, col)
        # a clause is left out only when its count is zero
        for col in ("n_to_sur_previous_review", "n_to_sur"):
            assert (col in said) == (row[col] > 0), (state, col)
