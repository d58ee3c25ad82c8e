"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _support.plots import _check

from upr_targets._components import BY_NAME, COMPONENTS
from upr_targets.plotting import component_color, plot_ranking

# ---- heat map ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ranking(demo_ranker):
    return demo_ranker.rank("Kenya", themes=["Death penalty"], top=30)


def _shown(ranking, n):
    """The components a plot of the first n rows shows: not zero for all of them."""
    values = ranking.head(n)[list(COMPONENTS)]
    return [c for c in COMPONENTS if (values[c].abs() > 1e-12).any()]


def test_ranking_stacked_components(ranking):
    ax = plot_ranking(ranking, top=15)
    _check(ax)
    assert len(ax.get_yticklabels()) == 15
    assert ax.get_yticklabels()[0].get_text() == f"1. {ranking['state'].iloc[0]}"
    shown = _shown(ranking, 15)
    assert len(ax.patches) == 15 * len(shown)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [BY_NAME[c].label for c in shown]


def test_component_colours_are_fixed(ranking):
    ax = plot_ranking(ranking, top=10)
    shown = _shown(ranking, 10)
    for k, comp in enumerate(shown):
        patch = ax.patches[10 * k]
        assert (
            matplotlib.colors.to_hex(patch.get_facecolor())
            == component_color(comp).lower()
        )
    # the same component keeps its colour when another one is dropped
    fewer = ranking.assign(**{shown[0]: 0.0})
    ax2 = plot_ranking(fewer, top=10)
    assert matplotlib.colors.to_hex(ax2.patches[0].get_facecolor()) == (
        component_color(shown[1]).lower()
    )


def test_ranking_accepts_ax(ranking):
    _, ax0 = plt.subplots()
    assert plot_ranking(ranking.head(5), ax=ax0) is ax0
    assert len(ax0.patches) == 5 * len(_shown(ranking, 5))


def test_ranking_edge_cases(ranking):
    _check(plot_ranking(ranking.head(1)))
    ax = plot_ranking(ranking.iloc[:0])
    assert "No data" in [t.get_text() for t in ax.texts]
    only_score = ranking[["rank", "state", "score"]]
    ax = plot_ranking(only_score)
    _check(ax)
    assert ax.get_xlabel() == "Score"
    with pytest.raises(ValueError, match="'state' and 'score'"):
        plot_ranking(pd.DataFrame({"x": [1]}))
