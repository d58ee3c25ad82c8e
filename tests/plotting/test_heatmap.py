"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from upr_targets.plotting import (
    plot_interest_heatmap,
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


@pytest.mark.parametrize("order", ["cluster", "score", "alpha"])
@pytest.mark.parametrize("value", ["share", "count"])
def test_heatmap_orders_and_values(recs, order, value):
    ax = plot_interest_heatmap(recs, order=order, value=value)
    _check(ax)
    assert len(ax.get_yticklabels()) == 9
    assert len(ax.get_xticklabels()) == 4
    img = ax.get_images()[0].get_array()
    if value == "share":
        assert np.nanmax(img) <= 1.0


def test_heatmap_share_values(recs):
    ax = plot_interest_heatmap(
        recs, states=["France"], themes=["Death penalty"], value="share"
    )
    fr = recs[recs["recommending_state"] == "France"]
    expected = fr["themes"].map(lambda t: "Death penalty" in t).mean()
    assert ax.get_images()[0].get_array()[0, 0] == pytest.approx(expected)


def test_heatmap_annotations(recs):
    ax = plot_interest_heatmap(recs, value="count", order="alpha")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 9 * 4
    fr = recs[recs["recommending_state"] == "France"]
    n = int(fr["themes"].map(lambda t: "Death penalty" in t).sum())
    assert texts[2 * 4 + 0] == str(n)  # rows and columns sorted: France is 3rd
    ax = plot_interest_heatmap(recs, annotate=False)
    assert not ax.texts


def test_heatmap_accepts_ax_and_top(recs):
    _, ax0 = plt.subplots()
    ax = plot_interest_heatmap(recs, top_states=3, top_themes=2, ax=ax0)
    assert ax is ax0
    assert len(ax.get_yticklabels()) == 3 and len(ax.get_xticklabels()) == 2


def test_heatmap_thirty_states_no_overlap():
    rng = np.random.default_rng(0)
    n = 2000
    df = pd.DataFrame(
        {
            "recommending_state": [
                f"State number {i} with a long official name"
                for i in rng.integers(0, 40, n)
            ],
            "themes": [list(rng.choice(THEMES, 2, replace=False)) for _ in range(n)],
        }
    )
    ax = plot_interest_heatmap(df)
    assert len(ax.get_yticklabels()) == 30
    height = ax.figure.get_size_inches()[1]
    assert height >= 30 * 0.25  # room for 30 labels
    assert all(len(t.get_text()) <= 28 for t in ax.get_yticklabels())


def test_heatmap_edge_cases(recs):
    empty = recs.iloc[:0]
    ax = plot_interest_heatmap(empty)
    assert "No data" in [t.get_text() for t in ax.texts]
    one = recs[(recs["recommending_state"] == "France")].head(1).copy()
    one["themes"] = [["Justice"]]
    _check(plot_interest_heatmap(one))
    no_themes = recs.assign(themes=[[] for _ in range(len(recs))])
    assert "No data" in [t.get_text() for t in plot_interest_heatmap(no_themes).texts]


def test_heatmap_bad_args(recs):
    with pytest.raises(ValueError, match="value='ratio'"):
        plot_interest_heatmap(recs, value="ratio")
    with pytest.raises(ValueError, match="order="):
        plot_interest_heatmap(recs, order="random")


# ---- ranking ----------------------------------------------------------------
