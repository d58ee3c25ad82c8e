"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from upr_targets.plotting import (
    plot_acceptance,
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
