"""Count tensors shared by the ranker, the acceptance estimate and the backtest.

The normalized table is reduced once, at ``fit`` time, to small dense numpy
arrays indexed by State, theme and session (plus one sparse matrix for the
State x SuR x theme x session counts). Every query afterwards (one SuR, a set
of themes, evidence before a session) is a few slices and weighted sums over
these arrays: no pass over the rows.

Theme counts are *tag counts*: a recommendation tagged with two of the query's
themes counts once per theme. They are the model's input; the counts a user
reads (a ranking's evidence columns) are true counts of recommendations, made
from the rows (:class:`RowArrays`, :mod:`upr_targets._counts`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._errors import UPRDataWarning
from ._schema import REGIONAL_GROUPS
from .reference import bloc_history, list_sessions, memberships_at

GROUPS: tuple[str, ...] = (*REGIONAL_GROUPS, "")
"""Regional group codes used in the tensors; the last one means unknown."""


@dataclass
class RowArrays:
    """The placed rows of the table as codes: what true counts are made of.

    One row is one recommendation by one recommending State, so counting rows
    counts recommendations (a recommendation tagged with two of a query's
    themes counts once).
    """

    rs: np.ndarray  # (N,) recommending State index
    sur: np.ndarray  # (N,) SuR index
    session: np.ndarray  # (N,) session index
    supported: np.ndarray  # (N,) bool
    themes: sp.csc_matrix  # (N, T) 1 where the row carries the theme
    action: np.ndarray | None = None  # (N,) action category 1-5, 0 missing
    position: np.ndarray | None = None  # (N,) the row's position in the table


@dataclass
class CountTensors:
    """Counts of the recommendations table, by State, theme and session.

    Shapes use ``S`` States (recommending States and SuRs together), ``T``
    themes, ``P`` sessions and ``G = len(GROUPS)`` regional groups.
    """

    states: np.ndarray  # (S,) canonical names, sorted
    iso3: np.ndarray  # (S,) iso3 codes ("" when unknown)
    group: np.ndarray  # (S,) int code into GROUPS
    is_candidate: np.ndarray  # (S,) bool: seen as recommending State
    themes: np.ndarray  # (T,) theme labels, sorted
    sessions: np.ndarray  # (P,) session numbers, sorted
    theme_counts: np.ndarray  # (S, T, P) tag counts by recommending State
    total: np.ndarray  # (S, P) recommendations made
    n_reviews_joined: np.ndarray  # (S, P) distinct SuRs recommended to
    n_reviews: np.ndarray  # (P,) distinct SuRs reviewed
    dyad: np.ndarray  # (S_rs, S_sur, P) recommendations rs -> sur
    dyad_supported: np.ndarray  # (S_rs, S_sur, P) of which supported
    dyad_theme: sp.csr_matrix  # (S_sur * T, S_rs * P) tag counts
    to_group: np.ndarray  # (S, G, P) recommendations to SuRs of each group
    theme_to_group: np.ndarray  # (S, G, T, P) tag counts to each group
    sur_theme: np.ndarray  # (S_sur, T, P) tag counts received
    sur_theme_supported: np.ndarray  # (S_sur, T, P) of which supported
    blocs: sp.csr_matrix  # (S, B) bloc membership
    bloc_names: np.ndarray  # (B,)
    supported: np.ndarray | None = None  # (S, P) supported recs by rs
    theme_reviews: np.ndarray | None = None  # (S, T, P) reviews it raised theme at
    rows: RowArrays | None = None  # the placed rows, for true counts
    n_unplaced: int = 0  # rows without a session or recommending State
    state_pos: dict = field(default_factory=dict)
    theme_pos: dict = field(default_factory=dict)
    _blocs_by_session: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # cumulative sums over sessions: "before session index p" is one lookup
        def cum(a):
            z = np.zeros((*a.shape[:-1], 1), dtype=a.dtype)
            return np.concatenate([z, np.cumsum(a, axis=-1)], axis=-1)

        self.theme_cum = cum(self.theme_counts)
        self.total_cum = cum(self.total)
        self.theme_to_group_cum = cum(self.theme_to_group)
        self.supported_cum = cum(self.supported)
        self.sur_theme_cum = cum(self.sur_theme)
        self.sur_theme_supported_cum = cum(self.sur_theme_supported)

    def blocs_at(self, before_session=None) -> sp.csr_matrix:
        """(S, B) bloc memberships on the first day of ``before_session``.

        None (a ranking for a review to come) gives today's memberships.
        """
        if before_session is None:
            return self.blocs
        if before_session not in self._blocs_by_session:
            starts = list_sessions().set_index("session")["start_date"]
            date = starts.get(int(before_session))
            self._blocs_by_session[before_session] = (
                self.blocs
                if date is None or pd.isna(date)
                else _bloc_matrix(self.iso3, pd.Timestamp(date), self.bloc_names)[0]
            )
        return self._blocs_by_session[before_session]

    def session_cut(self, before_session) -> int:
        """Number of sessions strictly before ``before_session`` (all if None)."""
        if before_session is None:
            return len(self.sessions)
        return int(np.searchsorted(self.sessions, before_session, side="left"))

    def recency(self, before_session, half_life: float) -> np.ndarray:
        """Weights of the sessions before ``before_session``: 1 for the latest.

        A session ``half_life`` sessions older than the reference (the query's
        session, or the one after the last in the data) weighs one half.
        """
        p = self.session_cut(before_session)
        ref = self.sessions[-1] + 1 if before_session is None else before_session
        age = (ref - self.sessions[:p]).astype(float) - 1.0
        if half_life is None or not np.isfinite(half_life):
            return np.ones(p)
        return 0.5 ** (age / float(half_life))

    def previous_review(self, sur: int, before_session) -> int | None:
        """Session index of the SuR's latest review before ``before_session``."""
        p = self.session_cut(before_session)
        got = np.flatnonzero(self.dyad[:, sur, :p].sum(axis=0) > 0)
        return int(got[-1]) if got.size else None


def _action_codes(df: pd.DataFrame, placed: np.ndarray) -> np.ndarray:
    """Action categories of the placed rows (0 where missing)."""
    if "action_category" not in df:
        return np.zeros(int(placed.sum()), dtype=np.int8)
    ac = pd.to_numeric(df["action_category"], errors="coerce")
    return ac.fillna(0).to_numpy(dtype=np.int8)[placed]


def codes_of(values: pd.Series, categories: np.ndarray) -> np.ndarray:
    """Position of each value in ``categories`` (-1 when absent or missing)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    pos = pd.Index(categories).get_indexer(pd.Index(uniques)).astype(np.int64)
    out = np.full(len(codes), -1, dtype=np.int64)
    ok = codes >= 0
    out[ok] = pos[codes[ok]]
    return out


def _first_values(
    df: pd.DataFrame, codes: dict, columns: dict, n_states: int
) -> np.ndarray:
    """First non-missing value of an attribute for each State.

    ``codes`` maps a name column to its State codes (all rows), ``columns``
    the same name column to the attribute column, e.g. rs_group.
    """
    out = np.full(n_states, None, dtype=object)
    for name_col, attr_col in columns.items():
        c = codes[name_col]
        vals = df[attr_col].to_numpy(dtype=object, na_value=None)
        ok = (c >= 0) & pd.notna(vals)
        states, first = np.unique(c[ok], return_index=True)
        fill = pd.isna(out[states])
        out[states[fill]] = vals[ok][first][fill]
    return out


def _bloc_matrix(
    iso3: np.ndarray, date=None, blocs: np.ndarray | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """(S, B) bloc memberships of the States (by ISO3) on ``date``, and the blocs.

    ``date=None`` gives today's memberships; ``blocs`` fixes the columns
    (default: every bloc of today's memberships and of their history).
    """
    by_iso3 = memberships_at(date)
    lists = [sorted(by_iso3.get(code, ())) for code in iso3]
    if blocs is None:
        ever = {b for m in lists for b in m} | set(bloc_history()["bloc"])
        blocs = np.array(sorted(ever), dtype=object)
    pos = {b: i for i, b in enumerate(blocs)}
    rows = np.repeat(np.arange(len(lists)), [len(m) for m in lists])
    cols = np.array([pos[b] for m in lists for b in m], dtype=np.int64)
    mat = sp.csr_matrix(
        (np.ones(len(cols)), (rows, cols)), shape=(len(iso3), len(blocs))
    )
    return mat, blocs


def theme_matrix(themes: pd.Series, labels: np.ndarray) -> sp.csr_matrix:
    """Sparse (rows x themes) 0/1 matrix of the ``themes`` list column."""
    exploded = pd.Series(themes.to_numpy(dtype=object), copy=False).explode()
    values = exploded.to_numpy(dtype=object)
    present = pd.notna(values)
    rows = exploded.index.to_numpy()[present]
    cols = codes_of(values[present], labels)
    keep = cols >= 0
    mat = sp.csr_matrix(
        (np.ones(keep.sum()), (rows[keep], cols[keep])),
        shape=(len(themes), len(labels)),
    )
    mat.sum_duplicates()
    mat.data[:] = 1.0
    return mat


def build_tensors(df: pd.DataFrame) -> CountTensors:
    """Reduce a normalized recommendations table to :class:`CountTensors`.

    Rows without a session or without a recommending State cannot be placed
    in the tensors; they are counted in ``n_unplaced`` and a
    :class:`UPRDataWarning` says so, naming the rows as ``df.attrs["rows"]``
    does (default "recommendations").
    """
    rs_name = df["recommending_state"]
    names = np.array(
        sorted(set(rs_name.dropna().unique()) | set(df["sur"].dropna().unique())),
        dtype=object,
    )
    flat = pd.Series(df["themes"].to_numpy(dtype=object), copy=False).explode()
    theme_labels = np.array(sorted(flat.dropna().unique()), dtype=object)
    placed = (df["session"].notna() & rs_name.notna()).to_numpy(dtype=bool)
    n_unplaced = int((~placed).sum())
    if n_unplaced:
        warnings.warn(
            f"{n_unplaced} of {len(df)} {df.attrs.get('rows', 'recommendations')} "
            "have no session or no "
            "recommending State; the ranker cannot date or attribute them and "
            "leaves them out of its counts (they remain in the table).",
            UPRDataWarning,
            stacklevel=3,
        )
    # column arrays of the placed rows only (no copy of the table)
    session_all = df["session"].to_numpy(dtype=float, na_value=np.nan)[placed]
    sessions = np.unique(session_all.astype(np.int64))
    S, T, P, G = len(names), len(theme_labels), len(sessions), len(GROUPS)
    rs_all, su_all = codes_of(rs_name, names), codes_of(df["sur"], names)
    rs, su = rs_all[placed], su_all[placed]
    ps = np.searchsorted(sessions, session_all.astype(np.int64))
    codes = {"recommending_state": rs_all, "sur": su_all}
    first_group = _first_values(
        df, codes, {"recommending_state": "rs_group", "sur": "sur_group"}, len(names)
    )
    group = codes_of(first_group, np.array(GROUPS[:-1], dtype=object))
    group[group < 0] = len(GROUPS) - 1
    iso3 = _first_values(
        df, codes, {"recommending_state": "rs_iso3", "sur": "sur_iso3"}, len(names)
    )
    iso3 = np.where(pd.isna(iso3), "", iso3).astype(object)
    supported = (df["response"] == "supported").to_numpy(dtype=float, na_value=0.0)
    supported = supported[placed]
    themes_placed = df["themes"] if placed.all() else df["themes"][placed]

    total = np.bincount(rs * P + ps, minlength=S * P).reshape(S, P).astype(float)
    dyad = np.bincount((rs * S + su) * P + ps, minlength=S * S * P)
    dyad = dyad.reshape(S, S, P).astype(np.float32)
    dyad_sup = np.bincount(
        (rs * S + su) * P + ps, weights=supported, minlength=S * S * P
    ).reshape(S, S, P)
    joined = (dyad > 0).sum(axis=1).astype(float)
    n_reviews = (dyad.sum(axis=0) > 0).sum(axis=0).astype(float)
    sg = group[su]
    to_group = np.bincount((rs * G + sg) * P + ps, minlength=S * G * P)
    to_group = to_group.reshape(S, G, P).astype(float)

    tm = theme_matrix(themes_placed, theme_labels).tocoo()
    r, t = tm.row, tm.col
    theme_counts = np.bincount((rs[r] * T + t) * P + ps[r], minlength=S * T * P)
    theme_counts = theme_counts.reshape(S, T, P).astype(float)
    theme_to_group = np.bincount(
        ((rs[r] * G + sg[r]) * T + t) * P + ps[r], minlength=S * G * T * P
    ).reshape(S, G, T, P)
    theme_to_group = theme_to_group.astype(np.float32)
    sur_theme = np.bincount((su[r] * T + t) * P + ps[r], minlength=S * T * P)
    sur_theme_sup = np.bincount(
        (su[r] * T + t) * P + ps[r], weights=supported[r], minlength=S * T * P
    )
    dyad_theme = sp.csr_matrix(
        (np.ones(len(r)), (su[r] * T + t, rs[r] * P + ps[r])), shape=(S * T, S * P)
    )
    dyad_theme.sum_duplicates()
    # reviews (SuR, session) in which each State raised each theme
    dt = dyad_theme.tocoo()
    dt_rs, dt_p = np.divmod(dt.col, P)
    theme_reviews = np.bincount(
        (dt_rs * T + dt.row % T) * P + dt_p, minlength=S * T * P
    ).reshape(S, T, P)
    blocs, bloc_names = _bloc_matrix(iso3)
    is_candidate = np.zeros(S, dtype=bool)
    is_candidate[np.unique(rs)] = True
    return CountTensors(
        states=names,
        iso3=iso3,
        group=group,
        is_candidate=is_candidate,
        themes=theme_labels,
        sessions=sessions,
        theme_counts=theme_counts,
        total=total,
        n_reviews_joined=joined,
        n_reviews=n_reviews,
        dyad=dyad,
        dyad_supported=dyad_sup.astype(np.float32),
        dyad_theme=dyad_theme,
        to_group=to_group,
        theme_to_group=theme_to_group,
        supported=np.bincount(rs * P + ps, weights=supported, minlength=S * P).reshape(
            S, P
        ),
        sur_theme=sur_theme.reshape(S, T, P).astype(np.float32),
        sur_theme_supported=sur_theme_sup.reshape(S, T, P).astype(np.float32),
        theme_reviews=theme_reviews.astype(np.float32),
        blocs=blocs,
        bloc_names=bloc_names,
        rows=RowArrays(
            rs=rs.astype(np.int32),
            sur=su.astype(np.int32),
            session=ps.astype(np.int32),
            supported=supported.astype(bool),
            action=_action_codes(df, placed),
            position=np.flatnonzero(placed),
            themes=sp.csc_matrix(
                (np.ones(len(r), dtype=np.int8), (r, t)), shape=(len(rs), T)
            ),
        ),
        n_unplaced=n_unplaced,
        state_pos={s: i for i, s in enumerate(names)},
        theme_pos={s: i for i, s in enumerate(theme_labels)},
    )
