"""What the synthetic demo data look like: the profile and the review schedule.

The per-theme profile, wordings and clusters are package data
(``data/demo_profile.json``, rounded statistics of UPR Info's export,
sessions 1-17); the calibration targets of the generator are the published
figures named below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .._utils import package_file
from ..reference import list_reviews, list_states, list_themes

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


@dataclass
class World:
    """The States, the reviews and the latent structure of one draw."""

    names: np.ndarray  # (S,) canonical names
    iso3: np.ndarray  # (S,)
    group: np.ndarray  # (S,) regional group or None
    gidx: np.ndarray  # (S,) index into GROUPS (5: none)
    sched: pd.DataFrame  # one row per review
    sur_state: np.ndarray  # (R,) State index of each review's SuR
    rev_session: np.ndarray  # (R,)
    theme_names: np.ndarray  # (T,)
    accept_offset: np.ndarray  # (T,) logit offset of acceptance by theme
    activity: np.ndarray  # (S,) recommending activity
    drift: np.ndarray  # (S,) drift of activity over time
    pair: np.ndarray  # (S, S) persistent ties between States
    pref: np.ndarray  # (S, T) thematic preferences
    sur_issue: np.ndarray  # (S, T) issues of each State as SuR
    persist: np.ndarray  # (S, S, T) (State, SuR, theme) interest
    trend: np.ndarray  # (T,) log growth of each theme over the sessions

    @property
    def t_rel(self) -> np.ndarray:
        """Time of each review, -1 at session 0, +1 at session 40."""
        return (self.rev_session - 20.0) / 20.0


def draw_world(rng: np.random.Generator, sessions: np.ndarray) -> World:
    """States, reviews and the latent effects (the first draws of ``rng``)."""
    states = states_table()
    group = (
        states["group"].astype(object).where(states["group"].notna(), None).to_numpy()
    )
    n_states = len(states)
    gidx = np.array([GROUPS.index(g) if g in GROUPS else 5 for g in group])
    sched = schedule(states, sessions)
    prof = profile()
    theme_names = np.array(list(prof["theme_profile"]), dtype=object)
    n_themes = len(theme_names)
    lifts = np.array([prof["theme_profile"][t] for t in theme_names])
    base = (
        list_themes()
        .set_index("theme")
        .loc[theme_names, "n_upr_info"]
        .to_numpy(dtype=float)
    )
    base = base / base.sum()
    lift = np.vstack([lifts[:, :5].T, np.ones(n_themes)])  # (6 groups, themes)

    # recommending activity: group share / group size, lognormal per State
    group_size = np.bincount(gidx, minlength=6).astype(float)
    share = np.array([GROUP_SHARE.get(g, 0.0) for g in GROUPS] + [0.004])
    per_state = share / np.maximum(group_size, 1)
    activity = per_state[gidx] * rng.lognormal(0.0, 0.6, n_states)
    drift = rng.normal(0.0, 0.5, n_states)  # recency drift of activity
    # persistent ties, stronger between members of a bloc
    pair = rng.lognormal(0.0, 0.8, (n_states, n_states)).astype(np.float32)
    memberships = states["memberships"].map(set)
    blocs = sorted(
        {"EU", "AU", "OIC", "AL", "ASEAN", "CARICOM", "PIF"} & set().union(*memberships)
    )
    bloc_m = np.array([[b in m for b in blocs] for m in memberships], dtype=np.float32)
    shared_bloc = (bloc_m @ bloc_m.T) > 0
    pair = pair * np.where(shared_bloc, 1.4, 1.0).astype(np.float32)
    np.fill_diagonal(pair, 0.0)

    # thematic preferences of recommending States, and issues of the SuR
    pref = lift[gidx] * base[None, :] * rng.lognormal(0.0, 0.5, (n_states, n_themes))
    names = states["name"].to_numpy(dtype=object)
    nordic = np.isin(names, prof["nordic"])
    pref[nordic] *= np.array([prof["nordic_tilt"].get(t, 1.0) for t in theme_names])
    sur_issue = rng.lognormal(0.0, 0.6, (n_states, n_themes))
    persist = rng.lognormal(0.0, 1.0, (n_states, n_states, n_themes)).astype(np.float32)
    trend = np.log(np.array([prof["theme_trend"].get(t, 1.0) for t in theme_names]))
    return World(
        names=names,
        iso3=states["iso3"].to_numpy(dtype=object),
        group=group,
        gidx=gidx,
        sched=sched,
        sur_state=pd.Index(states["iso3"]).get_indexer(sched["sur_iso3"]),
        rev_session=sched["session"].to_numpy(),
        theme_names=theme_names,
        accept_offset=0.7 * lifts[:, 5],
        activity=activity,
        drift=drift,
        pair=pair,
        pref=pref,
        sur_issue=sur_issue,
        persist=persist,
        trend=trend,
    )
