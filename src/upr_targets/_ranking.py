"""The target ranker: which States to lobby for an issue at a given review."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from ._errors import UnknownStateError, UnknownThemeError, UPRDataWarning
from ._features import GROUPS, CountTensors, QueryCounts, build_tensors, query_counts
from ._schema import validate

COMPONENTS: tuple[str, ...] = (
    "theme_interest",
    "theme_history",
    "theme_focus",
    "sur_interest",
    "sur_theme_interest",
    "region_interest",
    "theme_region_interest",
    "regional_group",
    "bloc_ties",
    "acceptance_history",
    "activity",
)
"""Score components, in the order of the columns of a ranking."""

_C = {name: j for j, name in enumerate(COMPONENTS)}

DYADIC: tuple[str, ...] = ("sur_interest", "sur_theme_interest")
"""Components that need a previous review of the SuR in the data."""

DEFAULT_WEIGHTS: dict[str, float] = {
    "theme_interest": 0.81,
    "theme_history": 0.0,
    "theme_focus": 0.07,
    "sur_interest": 0.0,
    "sur_theme_interest": 0.0,
    "region_interest": 0.45,
    "theme_region_interest": 0.38,
    "regional_group": 0.31,
    "bloc_ties": 0.0,
    "acceptance_history": 0.0,
    "activity": 0.80,
}
"""Default weights, chosen by cross-validation on sessions 7-12 (see
``benchmarks/tune_ranker.py`` and ``docs/methodology.md``); negative learned
weights are set to 0. The dyadic weights are learned at fit time
(``dyadic="auto"``); these zeros are used only with ``dyadic=None``."""

_EVIDENCE = (
    "n_theme_recs",
    "n_theme_recs_recent",
    "n_recs",
    "theme_share",
    "n_to_sur",
    "n_to_sur_previous_review",
    "n_theme_to_sur",
    "n_theme_to_region",
    "same_group",
    "shared_blocs",
    "acceptance",
    "n_supported_by_sur",
    "theme_acceptance",
)


def _logit(p):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def component_matrix(
    tensors: CountTensors,
    q: QueryCounts,
    theme_idx: np.ndarray | None,
    smoothing: float = 10.0,
) -> tuple[np.ndarray, dict]:
    """Components (S x len(COMPONENTS)) of every State for one query.

    ``theme_idx=None`` gives the theme-agnostic components (all
    recommendations count as "on the themes").
    """
    a = float(smoothing)
    if theme_idx is None:
        nT, nT_w, nT_recent = q.total, q.total_w, q.total_recent
        nT_sur, nT_sur_prev = q.to_sur, q.to_sur_prev
        nT_region = np.zeros_like(q.total)
        nT_region_w = q.to_region_w
        recv = q.sur_theme_received.sum()
        sup = q.sur_theme_supported.sum()
    else:
        nT = q.theme[:, theme_idx].sum(axis=1)
        nT_w = q.theme_w[:, theme_idx].sum(axis=1)
        nT_recent = q.theme_recent[:, theme_idx].sum(axis=1)
        nT_sur = q.theme_to_sur[:, theme_idx].sum(axis=1)
        nT_sur_prev = q.theme_to_sur_prev[:, theme_idx].sum(axis=1)
        nT_region = q.theme_to_region[:, theme_idx].sum(axis=1)
        nT_region_w = q.theme_to_region_w[:, theme_idx].sum(axis=1)
        recv = q.sur_theme_received[theme_idx].sum()
        sup = q.sur_theme_supported[theme_idx].sum()
    total_w = q.total_w
    all_w = total_w.sum()
    out = np.zeros((len(tensors.states), len(COMPONENTS)))
    out[:, _C["theme_interest"]] = np.log1p(nT_w)
    out[:, _C["theme_history"]] = np.log1p(nT)
    g = nT_w.sum() / all_w if all_w > 0 else 0.0
    if 0 < g < 1:
        out[:, _C["theme_focus"]] = np.log((nT_w + a * g) / (total_w + a)) - np.log(g)
    out[:, _C["sur_interest"]] = np.log1p(q.to_sur_prev)
    out[:, _C["sur_theme_interest"]] = np.log1p(nT_sur)
    gr = q.to_region_w.sum() / all_w if all_w > 0 else 0.0
    if 0 < gr < 1 and tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, _C["region_interest"]] = np.log(
            (q.to_region_w + a * gr) / (total_w + a)
        ) - np.log(gr)
    if tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, _C["theme_region_interest"]] = np.log1p(nT_region_w)
    same = (tensors.group == tensors.group[q.sur]) & (tensors.group < len(GROUPS) - 1)
    out[:, _C["regional_group"]] = same
    shared = tensors.blocs @ tensors.blocs[q.sur].T
    shared = np.asarray(shared.todense()).ravel() if shared.shape[1] else 0.0
    out[:, _C["bloc_ties"]] = np.log1p(shared)
    # acceptance: the SuR's support of this State's recommendations, shrunk to
    # the State's support rate at every review, shrunk to the overall rate.
    n_all = q.total
    p0 = q.supported_all.sum() / n_all.sum() if n_all.sum() > 0 else 0.5
    rate_rs = (q.supported_all + a * p0) / (n_all + a)
    rate = (q.supported_by_sur + a * rate_rs) / (q.to_sur + a)
    out[:, _C["acceptance_history"]] = _logit(rate) - _logit(p0)
    r0 = q.joined_w.sum() / max(q.reviews_w * tensors.is_candidate.sum(), 1e-12)
    if 0 < r0 < 1:
        out[:, _C["activity"]] = np.log(
            (q.joined_w + a * r0) / (q.reviews_w + a)
        ) - np.log(r0)
    evidence = {
        "n_theme_recs": nT,
        "n_theme_recs_recent": nT_recent,
        "n_recs": q.total,
        "theme_share": np.divide(nT, q.total, out=np.zeros_like(nT), where=q.total > 0),
        "n_to_sur": q.to_sur,
        "n_to_sur_previous_review": q.to_sur_prev,
        "n_theme_to_sur": nT_sur,
        "n_theme_to_sur_previous_review": nT_sur_prev,
        "n_theme_to_region": nT_region,
        "same_group": same,
        "shared_blocs_n": shared,
        "acceptance": np.divide(
            q.supported_by_sur,
            q.to_sur,
            out=np.full_like(q.to_sur, np.nan),
            where=q.to_sur > 0,
        ),
        "n_supported_by_sur": q.supported_by_sur,
        "theme_acceptance": sup / recv if recv > 0 else np.nan,
        "n_theme_received_by_sur": recv,
    }
    return out, evidence


def component_stack(
    tensors: CountTensors, q: QueryCounts, themes: np.ndarray, smoothing: float = 10.0
) -> np.ndarray:
    """Components (Q, S, F) of one-theme queries ``themes`` for one review.

    Vectorised over the themes; equal to stacking ``component_matrix`` of
    each theme.
    """
    a = float(smoothing)
    base, _ = component_matrix(tensors, q, None, smoothing)
    out = np.repeat(base[None], len(themes), axis=0)
    nT_w = q.theme_w[:, themes].T
    total_w = q.total_w
    all_w = total_w.sum()
    out[:, :, _C["theme_interest"]] = np.log1p(nT_w)
    out[:, :, _C["theme_history"]] = np.log1p(q.theme[:, themes].T)
    g = nT_w.sum(axis=1) / all_w if all_w > 0 else np.zeros(len(themes))
    ok = (g > 0) & (g < 1)
    gg = np.where(ok, g, 0.5)[:, None]
    focus = np.log((nT_w + a * gg) / (total_w + a)) - np.log(gg)
    out[:, :, _C["theme_focus"]] = np.where(ok[:, None], focus, 0.0)
    out[:, :, _C["sur_theme_interest"]] = np.log1p(q.theme_to_sur[:, themes].T)
    if tensors.group[q.sur] < len(GROUPS) - 1:
        out[:, :, _C["theme_region_interest"]] = np.log1p(
            q.theme_to_region_w[:, themes].T
        )
    return out


def _sample_reviews(queries: pd.DataFrame, n: int, seed) -> pd.DataFrame:
    """About ``n`` queries, taking whole reviews (one tensor slice each)."""
    if len(queries) <= n:
        return queries
    rng = np.random.default_rng(seed)
    key = pd.MultiIndex.from_frame(queries[["sur", "session"]])
    reviews = key.unique()
    order = rng.permutation(len(reviews))
    size = key.value_counts().reindex(reviews).to_numpy()[order]
    k = int(np.searchsorted(np.cumsum(size), n)) + 1
    return queries[key.isin(reviews[np.sort(order[:k])])]


def _resolve_weights(weights) -> pd.Series:
    base = pd.Series(DEFAULT_WEIGHTS, dtype=float)
    if weights is None:
        return base.copy()
    given = pd.Series(dict(weights), dtype=float)
    unknown = sorted(set(given.index) - set(COMPONENTS))
    if unknown:
        raise ValueError(
            f"Unknown score component(s) {unknown} in weights; "
            f"valid components: {list(COMPONENTS)}"
        )
    base.update(given)
    return base


class TargetRanker(BaseEstimator):
    """Rank the States to lobby on some themes before the review of a State.

    Each State that has made recommendations in the data gets a score, the sum
    of weighted components (see ``COMPONENTS`` and ``docs/methodology.md``):

    - ``theme_interest``: log(1 + its recency-weighted recommendations on the
      themes), a half-life of ``half_life`` sessions;
    - ``theme_history``: log(1 + all its past recommendations on the themes),
      long-standing interest;
    - ``theme_focus``: log-ratio of its share of recommendations on the
      themes to the share of all States (specialisation);
    - ``sur_interest``: log(1 + its recommendations to this SuR at the SuR's
      previous review);
    - ``sur_theme_interest``: log(1 + its past recommendations on the themes
      to this SuR);
    - ``region_interest``: log-ratio of its share of recommendations addressed
      to the SuR's regional group to the average share;
    - ``theme_region_interest``: log(1 + its recency-weighted recommendations
      on the themes to SuRs of the SuR's regional group);
    - ``regional_group``: 1 when it belongs to the SuR's regional group;
    - ``bloc_ties``: log(1 + number of blocs shared with the SuR (EU, AU, OIC, ...));
    - ``acceptance_history``: log-odds, relative to the average, that this SuR supports
      its recommendations (shrunk to the State's rate with all SuRs);
    - ``activity``: log-ratio of the (recency-weighted) share of reviews in
      which it made any recommendation to the average share.

    Parameters
    ----------
    weights : dict, pandas.Series, "learn" or None
        Weight of each component. ``None`` uses the defaults chosen by
        cross-validation (``DEFAULT_WEIGHTS``); a dict overrides some of them;
        ``"learn"`` fits a logistic regression on the fitted data's own
        reviews (those in ``learn_sessions``), predicting which States
        recommend on a theme to a SuR from the components at that time.
    half_life : float
        Recency half-life in sessions for the interest and activity
        components.
    recent : int
        Number of latest sessions counted in ``n_theme_recs_recent``.
    smoothing : float
        Pseudo-count of the empirical-Bayes shrinkage of shares and rates.
    dyadic : "auto" or None
        With ``"auto"`` (default), the weights of ``sur_interest`` and
        ``sur_theme_interest`` are learned from the data's repeat reviews
        before the query's session (see ``_learn_dyadic``); they are zero
        where there is none (first cycle). ``None`` uses ``weights``.
    learn_sessions : sequence of int or None
        Sessions whose reviews train the weights when ``weights="learn"``
        (default: every session but the first two). For an honest
        ``rank(..., before_session=s)``, keep them below ``s``
        (:func:`upr_targets.backtest` does).
    max_learn_queries : int
        At most this many (review, theme) queries are sampled to learn.
    random_state : int
        Seed of that sample.

    Attributes
    ----------
    weights_ : pandas.Series
        The weight of each component.
    states_ : numpy.ndarray
        States seen in the data (recommending or reviewed).
    candidates_ : numpy.ndarray
        States seen recommending: the rows of a ranking.
    themes_ : numpy.ndarray
        Themes seen in the data.
    sessions_ : numpy.ndarray
        Sessions seen in the data.
    tensors_ : CountTensors
        The precomputed counts.

    Examples
    --------
    >>> import upr_targets
    >>> ranker = upr_targets.TargetRanker().fit(upr_targets.load_demo())
    >>> sur = ranker.states_[0]
    >>> ranking = ranker.rank(sur, themes=[ranker.themes_[0]], top=5)
    >>> list(ranking.columns[:5])
    ['rank', 'state', 'iso3', 'group', 'score']
    """

    def __init__(
        self,
        weights=None,
        *,
        half_life: float = 1.5,
        recent: int = 2,
        smoothing: float = 10.0,
        dyadic: str | None = "auto",
        learn_sessions=None,
        max_learn_queries: int = 1000,
        random_state: int = 0,
    ):
        self.weights = weights
        self.dyadic = dyadic
        self.half_life = half_life
        self.recent = recent
        self.smoothing = smoothing
        self.learn_sessions = learn_sessions
        self.max_learn_queries = max_learn_queries
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, recommendations: pd.DataFrame, y=None) -> TargetRanker:
        """Precompute the count tensors of ``recommendations`` (and learn weights).

        Parameters
        ----------
        recommendations : pandas.DataFrame
            A normalized table (see ``upr_targets.schema_table()``).
        y : None
            Ignored.

        Returns
        -------
        TargetRanker
            The fitted ranker.
        """
        if isinstance(self.weights, str) and self.weights != "learn":
            raise ValueError(
                f"weights={self.weights!r} is not understood; use None, a dict "
                "of component weights or 'learn'"
            )
        if not isinstance(self.weights, str):
            _resolve_weights(self.weights)  # fail early on unknown components
        if self.dyadic not in ("auto", None):
            raise ValueError(
                f"dyadic={self.dyadic!r} is not understood; use 'auto' or None "
                "(the weights of weights= or the defaults)"
            )
        validate(recommendations)
        self.tensors_ = build_tensors(recommendations)
        X = self.tensors_
        self.states_ = X.states
        self.candidates_ = X.states[X.is_candidate]
        self.themes_ = X.themes
        self.sessions_ = X.sessions
        self._data = recommendations
        self._matcher = None
        self._row_themes = None
        self._bloc_sets = None
        if isinstance(self.weights, str):
            self.weights_ = self._learn_weights()
            self._auto_dyadic = False
        else:
            self._base_weights = _resolve_weights(self.weights)
            given = set(dict(self.weights)) if self.weights is not None else set()
            self._auto_dyadic = self.dyadic == "auto" and not (given & set(DYADIC))
            self._dyadic_cache = {}
            self.weights_ = self._base_weights
            self.weights_ = self._weights_for(None).rename("weight")
        return self

    def _learn_weights(self) -> pd.Series:
        from sklearn.linear_model import LogisticRegression

        from ._backtest import _iter_reviews, _queries

        X = self.tensors_
        sessions = (
            X.sessions[2:] if self.learn_sessions is None else self.learn_sessions
        )
        queries = _queries(X, sessions, min_relevant=1)
        if len(queries) == 0:
            warnings.warn(
                "No reviews to learn the weights from in sessions "
                f"{list(sessions)}; using the default weights.",
                UPRDataWarning,
                stacklevel=3,
            )
            return _resolve_weights(None)
        queries = _sample_reviews(queries, self.max_learn_queries, self.random_state)
        feats, labels = [], []
        for _grp, _q, comp, rel, ci in _iter_reviews(self, queries):
            feats.append(comp[:, ci, :].reshape(-1, len(COMPONENTS)))
            labels.append(rel.ravel())
        F, y = np.vstack(feats), np.concatenate(labels)
        model = LogisticRegression(C=1.0, solver="newton-cholesky", max_iter=100).fit(
            F, y
        )
        return pd.Series(model.coef_[0], index=list(COMPONENTS), name="weight")

    # --------------------------------------------------------------- helpers
    def _check_fitted(self):
        if not hasattr(self, "tensors_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                "This TargetRanker is not fitted yet; call fit(recommendations) first."
            )

    def _query(self, sur: int, before_session) -> QueryCounts:
        return query_counts(
            self.tensors_,
            sur,
            before_session,
            half_life=self.half_life,
            recent=self.recent,
        )

    def _scores(self, comp: np.ndarray, before_session=None) -> np.ndarray:
        """Scores of a component array (..., F)."""
        w = self._weights_for(before_session)
        return comp @ w.reindex(list(COMPONENTS)).fillna(0.0).to_numpy()

    def _weights_for(self, before_session=None) -> pd.Series:
        """Weights used for evidence before ``before_session``.

        With ``dyadic="auto"``, the weights of the dyadic components are
        learned from the repeat reviews before that session (cached).
        """
        if not self._auto_dyadic:
            return self.weights_
        p = self.tensors_.session_cut(before_session)
        if p not in self._dyadic_cache:
            self._dyadic_cache[p] = self._learn_dyadic(before_session)
        w = self._base_weights.copy()
        w[list(DYADIC)] = self._dyadic_cache[p]
        return w

    def _learn_dyadic(self, before_session) -> np.ndarray:
        """Weights of the dyadic components, from repeat reviews before a session.

        A logistic regression predicts which States recommend on a theme to a
        SuR at its repeat review from two things: the score of the other
        components (fixed weights) and the dyadic components. Their
        coefficients relative to the score's are the dyadic weights (zero,
        and no harm done, when the data hold no repeat review).
        """
        from sklearn.linear_model import LogisticRegression

        from ._backtest import _iter_reviews, _queries

        X = self.tensors_
        p = X.session_cut(before_session)
        queries = _queries(X, X.sessions[:p], min_relevant=1)
        if len(queries):
            pairs = queries[["sur", "session"]].drop_duplicates()
            repeat = [
                (s, t)
                for s, t in zip(pairs["sur"], pairs["session"], strict=True)
                if X.previous_review(s, t) is not None
            ]
            keep = pd.MultiIndex.from_frame(queries[["sur", "session"]]).isin(repeat)
            queries = queries[keep]
        if len(queries) < 30:
            return np.zeros(len(DYADIC))
        queries = _sample_reviews(queries, self.max_learn_queries, self.random_state)
        dy = [COMPONENTS.index(c) for c in DYADIC]
        w = self._base_weights.reindex(list(COMPONENTS)).fillna(0.0).to_numpy().copy()
        w[dy] = 0.0
        feats, labels = [], []
        for _grp, _q, comp, rel, ci in _iter_reviews(self, queries):
            c = comp[:, ci, :]
            feats.append(np.concatenate([(c @ w)[..., None], c[..., dy]], axis=-1))
            labels.append(rel)
        F = np.concatenate([f.reshape(-1, 1 + len(dy)) for f in feats])
        y = np.concatenate([r.ravel() for r in labels])
        coef = (
            LogisticRegression(C=1.0, solver="newton-cholesky", max_iter=100)
            .fit(F, y)
            .coef_[0]
        )
        if coef[0] <= 0:
            return np.zeros(len(DYADIC))
        return np.round(np.clip(coef[1:] / coef[0], 0.0, None), 3)

    def _state_index(self, name, *, what="SuR") -> int | None:
        """Index of a State; None when it is a valid State absent from the data."""
        pos = self.tensors_.state_pos
        if name in pos:
            return pos[name]
        canonical = None
        try:
            from ._states import normalize_state

            canonical = normalize_state(name)
        except UnknownStateError:
            raise
        except Exception:  # the States table is not available: fuzzy match here
            canonical = None
        if canonical is not None:
            if canonical in pos:
                return pos[canonical]
            return None
        from rapidfuzz import process

        close = [m[0] for m in process.extract(str(name), list(pos), limit=3)]
        raise UnknownStateError(
            name,
            close,
            hint=f"It is not a {what} in the fitted data; see ranker.states_.",
        )

    def _theme_indices(self, themes) -> np.ndarray:
        if isinstance(themes, str):
            themes = [themes]
        pos = self.tensors_.theme_pos
        out = []
        for label in themes:
            if label in pos:
                out.append(pos[label])
                continue
            canonical = None
            try:
                from ._themes import normalize_theme

                canonical = normalize_theme(label)
            except UnknownThemeError:
                raise
            except Exception:
                canonical = None
            if canonical is not None and canonical in pos:
                out.append(pos[canonical])
            elif canonical is not None:
                warnings.warn(
                    f"Theme {canonical!r} is in the taxonomy but no recommendation "
                    "in the data carries it; it adds no evidence.",
                    UPRDataWarning,
                    stacklevel=3,
                )
            else:
                from rapidfuzz import process

                close = [m[0] for m in process.extract(str(label), list(pos), limit=3)]
                raise UnknownThemeError(
                    label, close, hint="See ranker.themes_ for the themes in the data."
                )
        return np.array(sorted(set(out)), dtype=np.int64)

    def match_themes(self, text: str, top: int = 3) -> pd.DataFrame:
        """Match free text to the themes of the fitted data.

        Uses :class:`upr_targets.ThemeMatcher` fitted on the fitted data.

        Parameters
        ----------
        text : str
            An issue in plain language, e.g. "journalists jailed".
        top : int
            At most this many themes.

        Returns
        -------
        pandas.DataFrame
            ``theme, score, ...`` best first (the matcher's columns).
        """
        self._check_fitted()
        if self._matcher is None:
            from ._text import ThemeMatcher

            self._matcher = ThemeMatcher().fit(self._data)
        return self._matcher.match(text, top=top)

    def _themes_from_text(self, issue_text: str) -> list[str]:
        if not isinstance(issue_text, str) or not issue_text.strip():
            warnings.warn(
                "issue_text is empty; the ranking is theme-agnostic (it uses all "
                "recommendations). Pass themes= or a description of the issue.",
                UPRDataWarning,
                stacklevel=3,
            )
            return []
        matches = self.match_themes(issue_text)
        if len(matches) == 0 or "theme" not in matches:
            warnings.warn(
                f"issue_text {issue_text!r} matches no theme; the ranking is "
                "theme-agnostic. Pass themes= (see ranker.themes_).",
                UPRDataWarning,
                stacklevel=3,
            )
            return []
        scores = matches["score"].to_numpy(dtype=float) if "score" in matches else None
        labels = matches["theme"].tolist()
        if scores is not None and len(scores):
            best = scores.max()
            labels = [t for t, s in zip(labels, scores, strict=True) if s >= 0.5 * best]
        return [t for t in labels if t in self.tensors_.theme_pos][:3]

    # ------------------------------------------------------------------ rank
    def rank(
        self,
        sur: str,
        *,
        themes=None,
        issue_text: str | None = None,
        before_session: int | None = None,
        top: int | None = None,
    ) -> pd.DataFrame:
        """Rank the States to lobby before ``sur``'s review on some themes.

        Parameters
        ----------
        sur : str
            The State under review (a name as in the data, or any spelling
            ``upr_targets.normalize_state`` resolves).
        themes : str or list of str, optional
            Theme labels (see ``ranker.themes_``).
        issue_text : str, optional
            A plain-language issue, matched to themes with
            :meth:`match_themes` (used when ``themes`` is None).
        before_session : int, optional
            Use only evidence from sessions strictly before this one (what
            was known before that session: the backtest uses it).
        top : int, optional
            Keep the ``top`` best States.

        Returns
        -------
        pandas.DataFrame
            One row per candidate State (every State seen recommending in the
            data but the SuR), best first: ``rank, state, iso3, group,
            score``, one column per component (its contribution to the
            score: they add up to ``score``), the evidence columns and a
            plain-language ``explanation``. ``attrs`` holds the query.

            Without themes (or when ``issue_text`` is empty or matches no
            theme, with a :class:`UPRDataWarning`), the ranking is
            theme-agnostic: all recommendations count as on-theme. A SuR
            absent from the data gets no SuR-specific evidence (warning). A
            ``before_session`` before the first session in the data gives an
            empty ranking (warning).

        Raises
        ------
        UnknownStateError, UnknownThemeError
            For names that resolve to nothing, with the closest names.

        Examples
        --------
        >>> import upr_targets
        >>> ranker = upr_targets.TargetRanker().fit(upr_targets.load_demo())
        >>> sur = ranker.states_[1]
        >>> r = ranker.rank(sur, themes=ranker.themes_[:1], top=3)
        >>> len(r) <= 3 and sur not in set(r["state"])
        True
        """
        parts = self._rank_parts(sur, themes, issue_text, before_session)
        return self._frame(*parts, top)

    def _rank_parts(self, sur, themes, issue_text, before_session):
        """Components (S, F), evidence, SuR index and query of a ranking."""
        self._check_fitted()
        X = self.tensors_
        sur_i = self._state_index(sur)
        sur_name = X.states[sur_i] if sur_i is not None else str(sur)
        if themes is None and issue_text is not None:
            themes = self._themes_from_text(issue_text)
            themes = themes or None
        theme_idx = None if themes is None else self._theme_indices(themes)
        theme_names = [] if theme_idx is None else list(X.themes[theme_idx])
        query = {
            "sur": sur_name,
            "themes": theme_names,
            "before_session": before_session,
        }
        if issue_text is not None:
            query["issue_text"] = issue_text
        if X.session_cut(before_session) == 0:
            warnings.warn(
                f"before_session={before_session} is not after any session in the "
                f"data (first: {X.sessions[0] if len(X.sessions) else None}); "
                "there is no evidence, the ranking is empty.",
                UPRDataWarning,
                stacklevel=3,
            )
            return None, None, None, query
        if sur_i is None:
            warnings.warn(
                f"{sur_name!r} does not appear in the data; the ranking uses no "
                "evidence specific to it (no dyadic, regional or bloc components).",
                UPRDataWarning,
                stacklevel=3,
            )
        q = self._query(sur_i if sur_i is not None else -1, before_session)
        if sur_i is None:
            # a neutral pseudo-SuR: drop what depended on index -1
            q.to_sur[:] = 0
            q.to_sur_prev[:] = 0
            q.supported_by_sur[:] = 0
            q.theme_to_sur[:] = 0
            q.theme_to_sur_prev[:] = 0
        if theme_idx is not None and theme_idx.size == 0:
            theme_idx = None
        comp, ev = component_matrix(X, q, theme_idx, self.smoothing)
        if sur_i is None:
            local = ["region_interest", "theme_region_interest", "regional_group"]
            comp[:, [_C[c] for c in (*local, "bloc_ties")]] = 0.0
            ev["same_group"] = np.zeros(len(X.states), dtype=bool)
        return comp, ev, sur_i, query

    def _frame(self, comp, ev, sur_i, query, top) -> pd.DataFrame:
        X = self.tensors_
        cols = ["rank", "state", "iso3", "group", "score", *COMPONENTS, *_EVIDENCE]
        if comp is None:
            out = pd.DataFrame({c: [] for c in [*cols, "explanation"]})
            out.attrs.update(query)
            return out
        w = self._weights_for(query["before_session"])
        contrib = comp * w.reindex(list(COMPONENTS)).fillna(0.0).to_numpy()
        score = contrib.sum(axis=1)
        cand = X.is_candidate.copy()
        if sur_i is not None:
            cand[sur_i] = False
        idx = np.flatnonzero(cand)
        order = idx[np.lexsort((X.states[idx], -score[idx]))]
        if top is not None:
            order = order[: int(top)]
        groups = np.array(GROUPS, dtype=object)[X.group[order]]
        groups = pd.array(np.where(groups == "", None, groups), dtype="string")
        out = pd.DataFrame(
            {
                "rank": np.arange(1, len(order) + 1),
                "state": pd.array(X.states[order], dtype="string"),
                "iso3": pd.array(X.iso3[order], dtype="string"),
                "group": groups,
                "score": score[order],
            }
        )
        for j, name in enumerate(COMPONENTS):
            out[name] = contrib[order, j]
        for name in (
            "n_theme_recs",
            "n_theme_recs_recent",
            "n_recs",
            "n_to_sur",
            "n_to_sur_previous_review",
            "n_theme_to_sur",
            "n_theme_to_sur_previous_review",
            "n_theme_to_region",
            "n_supported_by_sur",
        ):
            out[name] = ev[name][order].astype(np.int64)
        out["theme_share"] = ev["theme_share"][order]
        out["same_group"] = np.asarray(ev["same_group"])[order].astype(bool)
        out["shared_blocs"] = self._shared_blocs(sur_i, order)
        out["acceptance"] = ev["acceptance"][order]
        out["theme_acceptance"] = float(ev["theme_acceptance"])
        out["explanation"] = self._explanations(out, query)
        out.attrs.update(query)
        out.attrs["weights"] = w.to_dict()
        out.attrs["components"] = list(COMPONENTS)
        return out

    def _shared_blocs(self, sur_i, order) -> list:
        X = self.tensors_
        if sur_i is None or X.blocs.shape[1] == 0:
            return [[] for _ in order]
        if getattr(self, "_bloc_sets", None) is None:
            csr = X.blocs.tocsr()
            self._bloc_sets = [
                frozenset(X.bloc_names[csr.indices[csr.indptr[i] : csr.indptr[i + 1]]])
                for i in range(csr.shape[0])
            ]
        mine = self._bloc_sets[sur_i]
        return [sorted(mine & self._bloc_sets[i]) for i in order]

    def _explanations(self, out: pd.DataFrame, query: dict) -> list[str]:
        sur = query["sur"]
        themes = query["themes"]
        on = "on " + " / ".join(themes) if themes else "in all"
        group_name = {
            "African": "African Group",
            "Asia-Pacific": "Asia-Pacific Group",
            "Eastern European": "Eastern European Group",
            "GRULAC": "GRULAC",
            "WEOG": "WEOG",
        }
        X = self.tensors_
        sur_i = X.state_pos.get(sur)
        region = None
        if themes and sur_i is not None and X.group[sur_i] < len(GROUPS) - 1:
            region = group_name.get(GROUPS[X.group[sur_i]], GROUPS[X.group[sur_i]])
        lines = []
        for r in out.itertuples(index=False):
            to = f"{r.n_theme_to_sur} to {sur}"
            if region is not None:
                to += f", {r.n_theme_to_region} to States of the {region}"
            parts = [
                f"Made {r.n_theme_recs} recommendation{'s' * (r.n_theme_recs != 1)} "
                f"{on} ({r.n_theme_recs_recent} in the last {self.recent} sessions, "
                f"{to})"
            ]
            if r.n_to_sur_previous_review:
                parts.append(
                    f"{r.n_to_sur_previous_review} recommendations at {sur}'s "
                    "previous review"
                )
            if r.n_to_sur:
                parts.append(
                    f"{sur} supported {r.acceptance:.0%} of its {r.n_to_sur} "
                    "recommendations"
                )
            ties = list(r.shared_blocs)
            if r.same_group and isinstance(r.group, str):
                ties = [group_name.get(r.group, r.group), *ties]
            if ties:
                parts.append("fellow " + "/".join(ties) + " member")
            lines.append("; ".join(parts))
        return lines

    # -------------------------------------------------------------- explain
    def explain(self, state: str, sur: str, *, themes=None, before_session=None):
        """One State's score components for one query, as a small table.

        Returns
        -------
        pandas.DataFrame
            One row per component: ``component, weight, value`` (the
            component before weighting), ``contribution`` (weight x value;
            they add up to the State's score) and ``share`` of the score.

        Examples
        --------
        >>> import upr_targets
        >>> ranker = upr_targets.TargetRanker().fit(upr_targets.load_demo())
        >>> r = ranker.rank(ranker.states_[1], themes=ranker.themes_[:1])
        >>> t = ranker.explain(r["state"][0], ranker.states_[1],
        ...                    themes=ranker.themes_[:1])
        >>> bool(abs(t["contribution"].sum() - r["score"][0]) < 1e-9)
        True
        """
        self._check_fitted()
        st = self._state_index(state, what="State")
        if st is None:
            raise UnknownStateError(state, [], hint="It does not appear in the data.")
        name = self.tensors_.states[st]
        comp, ev, sur_i, query = self._rank_parts(sur, themes, None, before_session)
        ranking = self._frame(comp, ev, sur_i, query, None)
        row = ranking.loc[ranking["state"] == name]
        if row.empty:
            raise ValueError(
                f"{name!r} is not a candidate for {sur!r} (it is the SuR, or "
                "never made a recommendation in the data)."
            )
        row = row.iloc[0]
        w = self._weights_for(before_session).reindex(list(COMPONENTS)).fillna(0.0)
        contrib = row[list(COMPONENTS)].astype(float).to_numpy()
        value = comp[st]
        total = contrib.sum()
        table = pd.DataFrame(
            {
                "component": list(COMPONENTS),
                "weight": w.to_numpy(),
                "value": value,
                "contribution": contrib,
                "share": contrib / total if total else np.nan,
            }
        )
        table.attrs.update(ranking.attrs)
        table.attrs["state"] = name
        table.attrs["rank"] = int(row["rank"])
        table.attrs["explanation"] = row["explanation"]
        return table

    # ------------------------------------------------------------- evidence
    def evidence(
        self,
        state: str,
        sur: str | None = None,
        themes=None,
        before_session: int | None = None,
        top: int | None = None,
    ) -> pd.DataFrame:
        """A State's past recommendations on some themes, to ``sur`` first.

        Parameters
        ----------
        state : str
            The recommending State.
        sur : str, optional
            Its recommendations to this SuR come first.
        themes : str or list of str, optional
            Keep recommendations tagged with any of these themes.
        before_session : int, optional
            Keep sessions strictly before this one.
        top : int, optional
            At most this many rows.

        Returns
        -------
        pandas.DataFrame
            ``text, sur, session, year, response, action_category, themes``
            (and ``document, paragraph``), to ``sur`` first, then latest first.

        Examples
        --------
        >>> import upr_targets
        >>> ranker = upr_targets.TargetRanker().fit(upr_targets.load_demo())
        >>> ev = ranker.evidence(ranker.candidates_[0], top=3)
        >>> len(ev) <= 3
        True
        """
        self._check_fitted()
        st = self._state_index(state, what="State")
        df = self._data
        if st is None:
            mask = np.zeros(len(df), dtype=bool)
        else:
            mask = (df["recommending_state"] == self.tensors_.states[st]).to_numpy(
                dtype=bool, na_value=False
            )
        if themes is not None:
            idx = self._theme_indices(themes)
            if self._row_themes is None:
                from ._features import theme_matrix

                self._row_themes = theme_matrix(
                    df["themes"], self.tensors_.themes
                ).tocsc()
            mask &= np.asarray(self._row_themes[:, idx].sum(axis=1)).ravel() > 0
        if before_session is not None:
            mask &= (df["session"] < before_session).to_numpy(
                dtype=bool, na_value=False
            )
        cols = [
            "text",
            "sur",
            "session",
            "year",
            "response",
            "action_category",
            "themes",
            "document",
            "paragraph",
        ]
        out = df.loc[mask, cols].copy()
        to_sur = np.zeros(len(out), dtype=bool)
        if sur is not None:
            si = self._state_index(sur)
            if si is not None:
                to_sur = (out["sur"] == self.tensors_.states[si]).to_numpy(
                    dtype=bool, na_value=False
                )
        out.insert(0, "to_sur", to_sur)
        out = out.sort_values(["to_sur", "session"], ascending=[False, False])
        out = out.drop(columns="to_sur") if sur is None else out
        if top is not None:
            out = out.head(int(top))
        out.attrs.update({"state": state, "sur": sur, "themes": themes})
        return out
