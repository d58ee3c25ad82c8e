"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from _support.plots import _check

from upr_targets.plotting import (
    plot_acceptance,
)

# ---- heat map ---------------------------------------------------------------


@pytest.mark.parametrize("by", ["group", "state", "action_category"])
def test_acceptance(recs, by):
    ax = plot_acceptance(recs, "Chad", by=by)
    _check(ax)
    assert "Chad" in ax.get_title()
    annotations = [t.get_text() for t in ax.texts]
    assert annotations and all(" of " in a for a in annotations)


def test_acceptance_all_surs_and_ax(recs):
    _, ax0 = plt.subplots()
    ax = plot_acceptance(recs, ax=ax0, by="state", top=3)
    assert ax is ax0
    assert len(ax.get_yticklabels()) == 3


def test_acceptance_edge_cases(recs):
    ax = plot_acceptance(recs, "Atlantis")
    assert "No data" in [t.get_text() for t in ax.texts]
    _check(plot_acceptance(recs.head(1)))
    with pytest.raises(ValueError, match="by="):
        plot_acceptance(recs, by="colour")


# ---- backtest -------------------------------------------------------------------
