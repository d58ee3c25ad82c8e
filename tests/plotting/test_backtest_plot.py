"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from _support.plots import _check

from upr_targets.plotting import (
    plot_backtest,
)

# ---- heat map ---------------------------------------------------------------


def test_backtest_summary_table():
    summary = pd.DataFrame(
        {
            "method": ["ranker", "theme_volume", "previous_review", "random"],
            "ndcg@10": [0.6, 0.45, 0.3, 0.1],
            "precision@10": [0.5, 0.4, 0.2, 0.1],
        }
    )
    ax = plot_backtest(summary)
    _check(ax)
    bars = ax.patches
    assert len(bars) == 4
    assert bars[0].get_facecolor() != bars[1].get_facecolor()  # best highlighted
    ax = plot_backtest(summary, metric="precision@10")
    assert ax.get_ylabel() == "precision@10"
    with pytest.raises(ValueError, match="recall@5"):
        plot_backtest(summary, metric="recall@5")
    _, ax0 = plt.subplots()
    assert plot_backtest(summary, ax=ax0) is ax0
    ax = plot_backtest(summary.iloc[:0])
    assert "No data" in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="BacktestResult"):
        plot_backtest(42)


def test_backtest_result_summary_layout():
    # BacktestResult.summary: method, n_queries, <metric>, <metric>_low, <metric>_high
    summary = pd.DataFrame(
        {
            "method": ["ranker", "popularity", "random"],
            "n_queries": [50, 50, 50],
            "ndcg@10": [0.55, 0.41, 0.12],
            "ndcg@10_low": [0.50, 0.36, 0.09],
            "ndcg@10_high": [0.60, 0.47, 0.15],
            "map": [0.4, 0.3, 0.1],
            "map_low": [0.35, 0.25, 0.08],
            "map_high": [0.45, 0.35, 0.12],
        }
    )
    ax = plot_backtest(summary)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "ranker",
        "popularity",
        "random",
    ]
    from matplotlib.container import ErrorbarContainer

    errorbar = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    lines = errorbar.lines[2][0].get_segments()
    assert lines[0][0][1] == pytest.approx(0.50) and lines[0][1][1] == pytest.approx(
        0.60
    )
    _check(plot_backtest(summary, metric="map"))
    with pytest.raises(ValueError, match="available: \\['ndcg@10', 'map'\\]"):
        plot_backtest(summary, metric="hit@3")


def test_backtest_real(demo):
    import upr_targets

    small = demo[demo["session"] <= 8]  # keeps the test fast
    result = upr_targets.backtest(small, test_sessions=[8], k=10)
    ax = plot_backtest(result)
    _check(ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert sorted(labels) == sorted(result.summary["method"])


# ---- demo data --------------------------------------------------------------------
