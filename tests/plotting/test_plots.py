"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
from _support.plots import _check

from upr_targets._tables import acceptance_table
from upr_targets.plotting import (
    plot_acceptance,
    plot_interest_heatmap,
    plot_ranking,
)

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
