"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from upr_targets._tables import acceptance_table
from upr_targets.plotting import (
    plot_acceptance,
    plot_interest_heatmap,
    plot_ranking,
)

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


def test_plots_on_demo(demo):
    import upr_targets

    _check(plot_interest_heatmap(demo))
    ranker = upr_targets.TargetRanker().fit(demo)
    ranking = ranker.rank(demo["sur"].iloc[0], themes=ranker.themes_[:2], top=15)
    ax = plot_ranking(ranking)
    _check(ax)
    assert len(ax.get_yticklabels()) == len(ranking)
    # the stacked bars end at each State's score
    right = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        right[y] = right.get(y, 0.0) + patch.get_width()
    assert np.allclose([right[i] for i in range(len(ranking))], ranking["score"])
    sur = demo["sur"].value_counts().index[0]
    _check(plot_acceptance(demo, sur))
    _check(plot_acceptance(demo, sur, by="action_category"))


def test_plots_on_real_data(upr_info):
    ax = plot_interest_heatmap(upr_info, top_states=30, top_themes=15)
    assert len(ax.get_yticklabels()) == 30 and len(ax.get_xticklabels()) == 15
    ax = plot_acceptance(upr_info, by="action_category")
    table = acceptance_table(upr_info, by="action_category")
    assert table["total"].sum() == len(upr_info)
    # McMahon (2010), sessions 1-5: acceptance by action category 98/90/50/70/47 %
    early = acceptance_table(upr_info[upr_info["session"] <= 5], by="action_category")
    published = {"1": 0.98, "2": 0.90, "3": 0.50, "4": 0.70, "5": 0.47}
    for category, share in published.items():
        assert abs(early.loc[category, "share_supported"] - share) < 0.05
    _check(ax)
