"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _support.plots import THEMES, _check

from upr_targets.plotting import (
    plot_interest_heatmap,
)

# ---- heat map ---------------------------------------------------------------


@pytest.mark.parametrize("order", ["cluster", "score", "alpha", "given"])
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


def test_heatmap_given_order_keeps_a_ranking_order(recs):
    states = recs["recommending_state"].dropna().unique()[::-1][:5].tolist()
    themes = [t for t in sorted(THEMES, reverse=True) if len(t) < 30][:3]
    ax = plot_interest_heatmap(
        recs, states=states, themes=themes, value="count", order="given"
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == states
    assert [t.get_text() for t in ax.get_xticklabels()] == themes
    first = recs[recs["recommending_state"] == states[0]]
    n = int(first["themes"].map(lambda t: themes[0] in t).sum())
    assert ax.get_images()[0].get_array()[0, 0] == n


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
