"""Helpers of the plot tests: a small table with every response and group."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

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


def _check(ax, *, xlabel=True):
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title()
    if xlabel:
        assert ax.get_xlabel() and ax.get_ylabel()
