"""A small, real recommendations table for fast tests (hostile texts included)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from upr_targets._schema import conform

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil","x")'

STATES = [
    ("France", "FRA", "WEOG"),
    ("Norway", "NOR", "WEOG"),
    ("Germany", "DEU", "WEOG"),
    ("Brazil", "BRA", "GRULAC"),
    ("Mexico", "MEX", "GRULAC"),
    ("Ghana", "GHA", "African"),
    ("Egypt", "EGY", "African"),
    ("Poland", "POL", "Eastern European"),
    ("Japan", "JPN", "Asia-Pacific"),
]
SURS = [
    ("Chad", "TCD", "African"),
    ("Peru", "PER", "GRULAC"),
    ("Viet Nam", "VNM", "Asia-Pacific"),
]
THEMES = [
    "Death penalty",
    "Women's rights",
    "Torture and other CID treatment",
    "Justice",
]


def small_table(n: int = 400, seed: int = 0) -> pd.DataFrame:
    """``n`` recommendations by nine States to Chad, Peru and Viet Nam, sessions 1-17.

    Row 0 (France to Chad, death penalty) holds a ``<script>`` in its text and
    row 1 a spreadsheet formula: every output must escape them.
    """
    rng = np.random.default_rng(seed)
    rs = rng.integers(0, len(STATES), n)
    su = rng.integers(0, len(SURS), n)
    session = rng.integers(1, 18, n)
    df = conform(
        {
            "text": [f"Recommendation number {i}." for i in range(n)],
            "sur": [SURS[i][0] for i in su],
            "sur_iso3": [SURS[i][1] for i in su],
            "recommending_state": [STATES[i][0] for i in rs],
            "rs_iso3": [STATES[i][1] for i in rs],
            "sur_group": [SURS[i][2] for i in su],
            "rs_group": [STATES[i][2] for i in rs],
            "response": rng.choice(["supported", "noted"], n, p=[0.7, 0.3]),
            "action_category": rng.integers(1, 6, n),
            "themes": [
                list(rng.choice(THEMES, size=rng.integers(1, 3), replace=False))
                for _ in range(n)
            ],
            "session": session,
            "cycle": np.where(session > 12, 2, 1),
            "year": 2007 + (session + 1) // 3,
            "source": "upr-info",
            "source_file": "small.csv",
            "source_row": np.arange(2, n + 2),
            "recommendation_id": [f"r{i}" for i in range(n)],
        }
    )
    for i, text in ((0, f"Abolish the death penalty {SCRIPT}"), (1, FORMULA)):
        df.loc[i, ["text", "sur", "sur_iso3", "sur_group"]] = [text, *SURS[0]]
        df.loc[i, ["recommending_state", "rs_iso3", "rs_group"]] = list(STATES[0])
        df.at[i, "themes"] = ["Death penalty"]
    return df
