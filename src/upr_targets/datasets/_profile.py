"""What the synthetic demo data look like: the profile and the review schedule.

The per-theme profile, wordings and clusters are package data
(``data/demo_profile.json``, rounded statistics of UPR Info's export,
sessions 1-17); the calibration targets of the generator are the published
figures named below.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pandas as pd

from .._utils import package_file
from ..reference import list_reviews, list_states

GROUPS = ("WEOG", "African", "Asia-Pacific", "GRULAC", "Eastern European")
"""Regional groups in the order of the profile's lift columns (6th: none)."""

CATEGORY_MIX = np.array([0.02, 0.17, 0.09, 0.39, 0.33])
"""Share of McMahon's action categories 1-5 among all recommendations."""
CATEGORY_TILT_WEOG = np.array([0.4, 0.55, 1.1, 1.0, 1.45])
"""Tilt of the category mix for WEOG (more specific) against other States."""
MCMAHON_ACCEPTANCE = np.array([0.98, 0.90, 0.50, 0.70, 0.47])
"""Acceptance by action category 1-5 in sessions 1-5 (McMahon 2010)."""
OVERALL_ACCEPTANCE = 0.74
"""Share supported over sessions 1-20 of the UPR Info export."""
GROUP_SHARE = {  # share of recommendations per group (UPR Info, sessions 1-17)
    "WEOG": 0.367,
    "Asia-Pacific": 0.177,
    "GRULAC": 0.165,
    "Eastern European": 0.144,
    "African": 0.134,
}
N_THEMES_P = np.array([0.47, 0.33, 0.20])
"""Probability of 1-3 themes per recommendation (about 55/35/10 % after
removing repeated themes)."""


@lru_cache(maxsize=1)
def profile() -> dict:
    """The generator's profile (``data/demo_profile.json``)."""
    with package_file("demo_profile.json").open("r", encoding="utf-8") as fh:
        return json.load(fh)


def states_table() -> pd.DataFrame:
    """States with name, iso3, group, status, memberships (list)."""
    df = list_states()[["name", "iso3", "group", "status", "memberships"]]
    return df.reset_index(drop=True)


def cycle_of(session: np.ndarray) -> np.ndarray:
    """The UPR cycle of session numbers (vectorised, plain ints)."""
    s = np.asarray(session)
    return np.where(s <= 12, 1, np.minimum((s - 13) // 14 + 2, 99))


def _project(cal: pd.DataFrame, missing: np.ndarray) -> pd.DataFrame:
    """Sessions beyond the calendar: a State reviewed in session s returns in s + 14."""
    known = cal[cal["session"] >= 13]
    rows = []
    for s in missing:
        src = s - 14 * np.ceil((s - known["session"].max()) / 14).astype(int)
        prev = known[known["session"] == src]
        rows.append(
            pd.DataFrame(
                {
                    "session": s,
                    "cycle": cycle_of(np.array([s]))[0],
                    "year": int(
                        prev["year"].iloc[0]
                        + (prev["month"].iloc[0] - 1 + 54 * (s - src) // 14) // 12
                    ),
                    "sur_iso3": prev["sur_iso3"].to_numpy(),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def schedule(states: pd.DataFrame, sessions: np.ndarray) -> pd.DataFrame:
    """One row per review: session, cycle, year, sur, sur_iso3.

    From the UPR calendar; sessions beyond it repeat the States of 14
    sessions earlier.
    """
    cal_all = list_reviews()
    cal = cal_all[
        cal_all["session"].isin(sessions) & cal_all["sur_iso3"].isin(states["iso3"])
    ]
    sched = cal[["session", "cycle", "year", "sur_iso3"]].copy()
    missing = np.array(sorted(set(sessions) - set(cal["session"].astype(int))), int)
    if len(missing):
        sched = pd.concat(
            [sched, _project(cal_all, missing)[sched.columns]], ignore_index=True
        )
    sched = sched.merge(
        states[["iso3", "name"]].rename(columns={"iso3": "sur_iso3", "name": "sur"}),
        on="sur_iso3",
    )
    for col in ("session", "cycle", "year"):
        sched[col] = sched[col].astype(int)
    return sched.sort_values(["session", "sur"]).reset_index(drop=True)
