"""Backtesting the ranker against baselines, on reviews it has not seen.

A *query* is one review (a SuR at a session) and one theme on which at least
``min_relevant`` States made recommendations to that SuR at that session. The
ranker and each baseline rank every candidate State using only evidence from
earlier sessions (``before_session``); the States that did recommend on the
theme are the relevant items.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ._components import SPEAKER_WEIGHTS
from ._features import CountTensors
from ._ranking import TargetRanker
from ._reviews import iter_reviews, review_queries
from ._weights import weight_vector

METRICS: tuple[str, ...] = (
    "ndcg@10",
    "graded_ndcg@10",
    "precision@10",
    "recall@20",
    "map",
)
"""Metric names with the default ``k=10`` (recall is cut at ``2 * k``).
``graded_ndcg`` grades the relevant States: 2 for a State that made a
specific, action-oriented recommendation on the theme (action category 4-5),
1 for a general one (gain ``2**grade - 1``); the others are binary."""


def metric_names(k: int = 10) -> tuple[str, ...]:
    """Names of the metrics for a cut-off ``k``."""
    return (f"ndcg@{k}", f"graded_ndcg@{k}", f"precision@{k}", f"recall@{2 * k}", "map")


BASELINES: tuple[str, ...] = (
    "random",
    "volume",
    "theme_volume",
    "recent_theme_volume",
    "previous_review",
)
"""Baselines, all ranking the same candidates with the same evidence:

- ``random``: a uniformly random order (the average of ``n_random`` draws);
- ``volume``: most recommendations overall;
- ``theme_volume``: most recommendations on the theme;
- ``recent_theme_volume``: most recommendations on the theme in the last 6
  sessions;
- ``previous_review``: the advocacy guides' manual method: the States that
  recommended on the theme to this SuR at its previous review, by their
  number of such recommendations, then the other States by theme volume
  (identical to ``theme_volume`` at a first review).
"""


def _metrics(
    scores: np.ndarray,
    relevant: np.ndarray,
    tiebreak: np.ndarray,
    k: int = 10,
    grades: np.ndarray | None = None,
):
    """Ranking metrics of a batch: scores (Q, C), relevant (Q, C) bool.

    Ties are broken by ``tiebreak`` (C,), a fixed random order shared by all
    methods; ``grades`` (Q, C) grade the relevant States for graded NDCG.
    """
    Q, C = scores.shape
    order = np.lexsort((np.broadcast_to(tiebreak, (Q, C)), -scores), axis=1)
    rel = np.take_along_axis(relevant, order, axis=1).astype(float)
    grades = relevant.astype(float) if grades is None else grades
    gain = 2.0 ** np.take_along_axis(grades, order, axis=1) - 1.0
    ideal_gain = -np.sort(-(2.0**grades - 1.0), axis=1)
    m = relevant.sum(axis=1).astype(float)
    disc = 1.0 / np.log2(np.arange(2, C + 2))
    kk = min(k, C)
    dcg = rel[:, :kk] @ disc[:kk]
    ideal = np.cumsum(disc[:kk])[np.minimum(m, kk).astype(int) - 1]
    hits = np.cumsum(rel, axis=1)
    prec_at = hits / np.arange(1, C + 1)
    ap = (prec_at * rel).sum(axis=1) / m
    graded = (gain[:, :kk] @ disc[:kk]) / (ideal_gain[:, :kk] @ disc[:kk])
    return {
        f"ndcg@{k}": dcg / ideal,
        f"graded_ndcg@{k}": graded,
        f"precision@{k}": hits[:, kk - 1] / float(k),
        f"recall@{2 * k}": hits[:, min(2 * k, C) - 1] / m,
        "map": ap,
    }


class BacktestResult:
    """Result of :func:`backtest`.

    Attributes
    ----------
    per_query : pandas.DataFrame
        One row per (query, method): ``sur, session, theme, n_relevant,
        method`` and one column per metric.
    summary : pandas.DataFrame
        One row per method: ``method, n_queries``, the mean of each metric
        and its bootstrap 95% interval (``<metric>_low``, ``<metric>_high``),
        best first by NDCG@10.
    comparison : pandas.DataFrame
        The ranker minus each baseline, per metric: mean paired difference,
        its bootstrap 95% interval and the share of queries it wins.
    params : dict
        How the backtest was run.

    See Also
    --------
    upr_targets.plot_backtest : the methods' mean metric with intervals.
    """

    def __init__(self, per_query, summary, comparison, params):
        self.per_query = per_query
        self.summary = summary
        self.comparison = comparison
        self.params = params

    def __repr__(self) -> str:
        until = self.params.get("data_until")
        data = "" if until is None else f", data up to session {until}"
        return (
            f"BacktestResult({self.params.get('n_queries')} queries, sessions "
            f"{self.params.get('test_sessions')}{data})\n"
            f"{self.summary.to_string(index=False)}"
        )

    def _repr_html_(self) -> str:
        p = self.params
        head = (
            f"<p><b>Backtest</b>: {p.get('n_queries')} queries (review x theme with "
            f"&ge; {p.get('min_relevant')} recommending States), sessions "
            f"{html.escape(str(p.get('test_sessions')))}; "
            + (
                "evidence strictly before each session.</p>"
                if p.get("data_until") is None
                else f"evidence up to session {int(p['data_until'])} only.</p>"
            )
        )
        fmt = {
            c: "{:.3f}".format
            for c in self.summary.columns
            if c not in ("method", "n_queries")
        }
        html_out = head + self.summary.to_html(index=False, formatters=fmt)
        if len(self.comparison):
            cols = ["baseline"] + [
                c for c in self.comparison.columns if c.endswith(("_diff", "_win_rate"))
            ]
            html_out += (
                "<p>Ranker minus baseline (mean paired difference; share of "
                "queries won):</p>"
                + self.comparison[cols].to_html(
                    index=False, float_format="{:.3f}".format
                )
            )
        return html_out


def _grades(X: CountTensors, grp, th, rel, ci) -> np.ndarray:
    """Grade (Q, C) of the relevant States: 2 specific (category 4-5), 1 general."""
    R = X.rows
    sur, session = int(grp["sur"].iloc[0]), int(grp["session"].iloc[0])
    at = int(np.searchsorted(X.sessions, session))
    rows = np.flatnonzero((R.sur == sur) & (R.session == at))
    specific = np.zeros((len(th), len(X.states)), dtype=bool)
    if R.action is not None and len(rows):
        on = R.themes[rows][:, th].toarray().astype(bool)  # (rows, Q)
        strong = R.action[rows] >= 4
        for j in range(len(th)):
            specific[j, R.rs[rows[on[:, j] & strong]]] = True
    return rel.astype(float) * (1.0 + specific[:, ci])


def _bootstrap(values: np.ndarray, n_boot: int, rng) -> tuple[float, float]:
    n = len(values)
    if n == 0:
        return np.nan, np.nan
    idx = rng.integers(0, n, size=(n_boot, n))
    means = values[idx].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def _baseline_scores(X: CountTensors, q, themes: np.ndarray):
    """Scores (Q, S) of every baseline for the queries of one review."""
    p = q.p
    S = len(X.states)
    vol = q.total
    theme_vol = q.theme[:, themes].T  # (Q, S)
    recent = X.theme_counts[:, themes, max(p - 6, 0) : p].sum(axis=2).T
    prev = q.theme_to_sur_prev[:, themes].T
    big = theme_vol.max() + 1.0 if theme_vol.size else 1.0
    return {
        "volume": np.broadcast_to(vol, (len(themes), S)),
        "theme_volume": theme_vol,
        "recent_theme_volume": recent,
        "previous_review": prev * big + theme_vol,
    }


def backtest(
    recommendations: pd.DataFrame,
    ranker: TargetRanker | None = None,
    test_sessions=range(13, 18),
    k: int = 10,
    *,
    min_relevant: int = 2,
    baselines=BASELINES,
    n_random: int = 20,
    n_boot: int = 1000,
    themes=None,
    random_state: int = 0,
    speakers: bool = False,
    data_until: int | None = None,
) -> BacktestResult:
    """Backtest a ranker against baselines on the reviews of ``test_sessions``.

    The ranker is fitted once on all of ``recommendations``; every query uses
    ``before_session=session``, so no evidence from the test session or later
    enters its scores. With ``weights="learn"``, the weights are learned on
    the sessions before the first test session only.

    Parameters
    ----------
    recommendations : pandas.DataFrame
        A normalized table covering the history and the test sessions.
    ranker : TargetRanker, optional
        An unfitted or fitted ranker (cloned, then fitted); default
        ``TargetRanker()``.
    test_sessions : iterable of int
        Sessions whose reviews are the queries.
    k : int
        Cut-off of NDCG and precision; recall uses ``2 * k``. The metric
        columns are named after it: ``ndcg@10, precision@10, recall@20, map``
        for the default.
    min_relevant : int
        Keep (review, theme) queries with at least this many recommending
        States.
    baselines : sequence of str
        Which baselines to run (see ``BASELINES``).
    n_random : int
        Random orders averaged for the ``random`` baseline.
    n_boot : int
        Bootstrap resamples of the queries for the intervals.
    themes : list of str, optional
        Restrict the queries to these themes.
    random_state : int
        Seed of the tie-breaking order, the random baseline and the bootstrap.
    speakers : bool, default False
        Rank, for each review, only the States that spoke at it (made at
        least one recommendation to the SuR at that session), as
        ``rank(..., speakers=...)`` does with the real list of speakers: the
        ranker then scores by P(theme | speaks) (``SPEAKER_WEIGHTS``, the
        ``theme_rate`` component). Measures the ranking of the list of
        speakers settled before a review.
    data_until : int, optional
        Use only the evidence of the sessions up to this one for every
        query, as an NGO planning a review some sessions ahead does (its data
        are then 1, 2, 3, ... sessions old). By default each review is ranked
        from all the sessions before it (data one session old). Sessions
        after ``data_until`` are only the queries.

    Returns
    -------
    BacktestResult

    Examples
    --------
    >>> import upr_targets
    >>> demo = upr_targets.load_demo()
    >>> last = int(demo["session"].max())
    >>> res = upr_targets.backtest(demo, test_sessions=[last], n_boot=100)
    >>> list(res.summary.columns[:3])
    ['method', 'n_queries', 'ndcg@10']
    """
    from sklearn.base import clone

    test_sessions = sorted(int(s) for s in test_sessions)
    first_unseen = test_sessions[0] if data_until is None else int(data_until) + 1
    if first_unseen > test_sessions[0]:
        raise ValueError(
            f"data_until={data_until} is not before the first test session "
            f"{test_sessions[0]}: the ranker would see the reviews it is tested on; "
            f"give data_until <= {test_sessions[0] - 1}"
        )
    ranker = TargetRanker() if ranker is None else clone(ranker)
    if isinstance(ranker.weights, str) and ranker.learn_sessions is None:
        sessions = recommendations["session"].dropna().astype(int)
        ranker.set_params(
            learn_sessions=sorted(s for s in sessions.unique() if s < first_unseen)[2:]
        )
    ranker.fit(recommendations)
    X = ranker.tensors_
    queries = review_queries(X, test_sessions, min_relevant=min_relevant)
    if themes is not None:
        keep = ranker._theme_indices(themes)
        queries = queries[queries["theme"].isin(keep)].reset_index(drop=True)
    rng = np.random.default_rng(random_state)
    S = len(X.states)
    tiebreak = rng.permutation(S).astype(float)
    rows = []
    reviews = iter_reviews(
        X,
        queries,
        half_life=ranker.half_life,
        recent=ranker.recent,
        smoothing=ranker.smoothing,
        data_until=data_until,
    )
    speaker_w = weight_vector(SPEAKER_WEIGHTS)
    for grp, q, comp, rel, ci in reviews:
        if speakers:
            sur, session = int(grp["sur"].iloc[0]), int(grp["session"].iloc[0])
            at = int(np.searchsorted(X.sessions, session))
            spoke = X.dyad[ci, sur, at] > 0
            ci, rel = ci[spoke], rel[:, spoke]
        th = grp["theme"].to_numpy()
        grades = _grades(X, grp, th, rel, ci)
        methods = {
            "ranker": comp @ speaker_w  # they will speak: P(theme | speaks)
            if speakers
            else ranker.scores(comp, q.before_session)
        }
        base = _baseline_scores(X, q, th)
        for name in baselines:
            if name in base:
                methods[name] = base[name]
        for name, sc in methods.items():
            met = _metrics(np.asarray(sc)[:, ci], rel, tiebreak[ci], k, grades)
            rows.append((grp.index.to_numpy(), name, met))
        if "random" in baselines:
            acc = None
            for _ in range(n_random):
                met = _metrics(
                    rng.random((len(th), len(ci))), rel, tiebreak[ci], k, grades
                )
                acc = met if acc is None else {m: acc[m] + met[m] for m in met}
            rows.append(
                (
                    grp.index.to_numpy(),
                    "random",
                    {m: v / n_random for m, v in acc.items()},
                )
            )
    parts = []
    for idx, name, met in rows:
        part = pd.DataFrame({"query": idx, "method": name, **met})
        parts.append(part)
    per = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["query", "method", *metric_names(k)])
    )
    info = queries.assign(
        sur=pd.array(X.states[queries["sur"].to_numpy()], dtype="string"),
        theme=pd.array(X.themes[queries["theme"].to_numpy()], dtype="string"),
    ).drop(columns="relevant")
    per = info.merge(per, left_index=True, right_on="query").drop(columns="query")
    per = per.sort_values(["session", "sur", "theme", "method"], ignore_index=True)
    summary, comparison = _summaries(per, n_boot, rng, metric_names(k))
    params = {
        "test_sessions": test_sessions,
        "min_relevant": min_relevant,
        "k": k,
        "n_queries": len(queries),
        "weights": {
            int(s): ranker._weights_for(
                int(s) if data_until is None else min(int(s), first_unseen)
            ).to_dict()
            for s in test_sessions
        },
        "half_life": ranker.half_life,
        "speakers": speakers,
        "data_until": data_until,
    }
    return BacktestResult(per, summary, comparison, params)


def _summaries(per: pd.DataFrame, n_boot: int, rng, names=METRICS):
    rows, comp = [], []
    wide = {
        m: per.pivot_table(
            index=["sur", "session", "theme"], columns="method", values=m
        )
        for m in names
    }
    for method, grp in per.groupby("method", sort=False):
        row = {"method": method, "n_queries": len(grp)}
        for m in names:
            v = grp[m].to_numpy(dtype=float)
            lo, hi = _bootstrap(v, n_boot, rng)
            row[m] = v.mean()
            row[f"{m}_low"], row[f"{m}_high"] = lo, hi
        rows.append(row)
        if method != "ranker" and "ranker" in wide["map"]:
            crow = {"baseline": method}
            for m in names:
                d = (wide[m]["ranker"] - wide[m][method]).to_numpy(dtype=float)
                lo, hi = _bootstrap(d, n_boot, rng)
                crow[f"{m}_diff"] = d.mean()
                crow[f"{m}_diff_low"], crow[f"{m}_diff_high"] = lo, hi
                crow[f"{m}_win_rate"] = float((d > 0).mean())
            comp.append(crow)
    summary = pd.DataFrame(rows)
    if len(summary):
        summary = summary.sort_values(names[0], ascending=False, ignore_index=True)
    return summary, pd.DataFrame(comp)
