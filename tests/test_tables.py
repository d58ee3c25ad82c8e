"""Tests of the analysis tables that plots and reports draw."""

from __future__ import annotations

import pandas as pd
import pytest
from _support.plots import fake_recommendations

from upr_targets._tables import acceptance_table, state_theme_counts


@pytest.fixture(scope="module")
def recs():
    return fake_recommendations()


def test_acceptance_table_counts(recs):
    table = acceptance_table(recs, by="group")
    assert table["total"].sum() == len(recs)  # nothing dropped, missing group kept
    assert "(unknown)" in table.index
    for group, row in table.iterrows():  # independent counts
        rows = recs[recs["rs_group"].fillna("(unknown)") == group]
        assert row["total"] == len(rows)
        assert row["supported"] == (rows["response"] == "supported").sum()
    chad = recs[recs["sur"] == "Chad"]
    t = acceptance_table(recs, "Chad", by="action_category")
    assert t["total"].sum() == len(chad)
    assert t["share_supported"].between(0, 1).all()
    assert list(t.index) == sorted(t.index)  # categories in order 1-5


def test_acceptance_table_rejects_unknown_breakdown(recs):
    with pytest.raises(ValueError, match="by='region'"):
        acceptance_table(recs, by="region")


def test_state_theme_counts(recs):
    counts, totals = state_theme_counts(recs)
    for state, theme in [("France", "Death penalty"), ("Brazil", "Justice")]:
        rows = recs[recs["recommending_state"] == state]
        n = sum(theme in themes for themes in rows["themes"])
        assert counts.loc[state, theme] == n
        assert totals[state] == len(rows)


def test_acceptance_by_group_names_the_observers_groups(recs):
    """The Holy See is in no regional group; the State of Palestine is Asia-Pacific."""
    from upr_targets.reference import NO_GROUP

    df = recs.head(6).copy()
    df["rs_iso3"] = pd.array(["FRA"] * len(df), dtype="string")
    df.loc[df.index[:2], ["recommending_state", "rs_iso3", "rs_group"]] = [
        "Holy See",
        "VAT",
        None,
    ]
    df.loc[df.index[2:4], ["recommending_state", "rs_iso3", "rs_group"]] = [
        "State of Palestine",
        "PSE",
        "Asia-Pacific",
    ]
    table = acceptance_table(df, by="group")
    assert table.loc[NO_GROUP, "total"] == 2
    expected = (df["rs_group"] == "Asia-Pacific").sum()
    assert table.loc["Asia-Pacific", "total"] == expected
    assert table["total"].sum() == len(df)
