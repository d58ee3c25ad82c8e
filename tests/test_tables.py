"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from upr_targets._tables import acceptance_table

STATES = [
    ("France", "WEOG"),
    ("Norway", "WEOG"),
    ("Brazil", "GRULAC"),
    ("Mexico", "GRULAC"),
    ("Ghana", "African"),
    ("Egypt", "African"),
    ("Poland", "Eastern European"),
    ("Japan", "Asia-Pacific"),
    ("Holy See", None),
]
THEMES = [
    "Death penalty",
    "Women's rights",
    "Torture and other CID treatment",
    "Justice",
]


def fake_recommendations(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """A small table shaped like the normalized schema."""
    rng = np.random.default_rng(seed)
    rs = rng.integers(0, len(STATES), n)
    surs = np.array(["Chad", "Peru", "Viet Nam"])[rng.integers(0, 3, n)]
    themes = [
        list(rng.choice(THEMES, size=rng.integers(0, 3), replace=False))
        for _ in range(n)
    ]
    return pd.DataFrame(
        {
            "text": [f"Recommendation {i}" for i in range(n)],
            "sur": surs,
            "recommending_state": [STATES[i][0] for i in rs],
            "rs_group": pd.Series([STATES[i][1] for i in rs], dtype="string"),
            "response": rng.choice(
                ["supported", "noted", "not supported"], n, p=[0.7, 0.25, 0.05]
            ),
            "action_category": pd.array(rng.integers(1, 6, n), dtype="Int64"),
            "themes": themes,
            "session": pd.array(rng.integers(1, 18, n), dtype="Int64"),
        }
    )


def fake_ranking(n: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    a, b, c = rng.random(n), rng.random(n), rng.random(n) - 0.2
    df = pd.DataFrame(
        {
            "rank": np.arange(1, n + 1),
            "state": [f"State with a rather long name number {i}" for i in range(n)],
            "iso3": [f"S{i:02d}" for i in range(n)],
            "group": ["WEOG"] * n,
            "score": a + b + c,
            "interest_score": a,
            "sur_score": b,
            "acceptance_score": c,
        }
    ).sort_values("score", ascending=False)
    df["rank"] = np.arange(1, n + 1)
    return df


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def recs():
    return fake_recommendations()


def _check(ax, *, xlabel=True):
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title()
    if xlabel:
        assert ax.get_xlabel() and ax.get_ylabel()


# ---- heat map ---------------------------------------------------------------


def test_acceptance_table_counts(recs):
    table = acceptance_table(recs, by="group")
    assert table["total"].sum() == len(recs)  # nothing dropped, missing group kept
    assert "(unknown)" in table.index
    chad = recs[recs["sur"] == "Chad"]
    t = acceptance_table(recs, "Chad", by="action_category")
    assert t["total"].sum() == len(chad)
    assert t["share_supported"].between(0, 1).all()
