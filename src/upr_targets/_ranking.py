"""The target ranker: which States to lobby for an issue at a given review."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ._action import specific_mask, specific_rows
from ._closeness import closeness_weights, weigh_query
from ._components import COMPONENTS, DYADIC, SPEAKER_WEIGHTS
from ._counts import true_counts
from ._coverage import warn_if_stale
from ._errors import UnknownStateError, UPRDataWarning
from ._estimator import Estimator, check_fitted
from ._features import build_tensors
from ._query import QueryCounts, query_counts
from ._ranker_views import RankerViews
from ._ranking_table import EVIDENCE, empty_ranking, ranking_table
from ._schema import validate
from ._scoring import component_matrix
from ._speakers import speaker_mask
from ._utils import check_choice
from ._weights import (
    check_weight_params,
    learn_dyadic,
    learn_weights,
    resolve_weights,
    weight_vector,
)
from .reference import check_reviewed, match_state, normalize_state, normalize_theme

__all__ = ["EVIDENCE", "TargetRanker"]

_C = {name: j for j, name in enumerate(COMPONENTS)}


class TargetRanker(RankerViews, Estimator):
    """Rank the States to lobby on some themes before the review of a State.

    Each State that has made recommendations in the data gets a score, the sum
    of weighted components: its recency-weighted interest in the themes, its
    focus on them, its interest in this SuR and its regional group, its
    ties with the SuR and its activity. :func:`upr_targets.component_table`
    lists and describes them; ``docs/methodology.md`` gives the formulas.

    Parameters
    ----------
    weights : dict, pandas.Series, "learn" or None
        Weight of each component. ``None`` uses the defaults chosen by
        cross-validation (the ``default_weight`` column of
        :func:`upr_targets.component_table`); a dict overrides some of them;
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
        before the query's session (see ``_weights.learn_dyadic``); they are zero
        where there is none (first cycle). ``None`` uses ``weights``.
    action : {"any", "specific"}
        ``"specific"`` counts only specific, action-oriented recommendations
        (action category 4-5, read from the first verb where the source does
        not give it; see ``upr_targets._action``): it ranks the States likely
        to make a specific recommendation, not merely one on the theme.
    closeness : float
        With ``rank(..., issue_text=...)``, how much a recommendation's
        closeness to the issue text weighs in the theme components, from 0
        (every recommendation on the themes counts 1) to 1 (by closeness
        alone; see ``upr_targets._closeness``). Displayed counts stay true
        counts.
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
    matcher_ : ThemeMatcher or None
        The matcher of issue texts, fitted at the first :meth:`match_themes`
        or issue text on every row given to :meth:`fit` (with
        ``action="specific"`` too: it reads the issues with the whole table's
        words), None before; shared with :func:`upr_targets.match_themes` on
        the same table.

    Examples
    --------
    >>> import upr_targets
    >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
    >>> ranker = upr_targets.TargetRanker().fit(recs)
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
        action: str = "any",
        closeness: float = 0.5,
    ):
        self.weights = weights
        self.action = action
        self.closeness = closeness
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
        check_weight_params(self.weights, self.dyadic)
        validate(recommendations)
        check_choice("action", self.action, ("any", "specific"))
        self._table, self._table_rows = recommendations, None  # the matcher's rows
        if self.action == "specific":
            mask = specific_mask(recommendations)
            self._table_rows = np.flatnonzero(mask)
            recommendations = specific_rows(recommendations, mask)
        self.tensors_ = X = build_tensors(recommendations)
        self.states_ = X.states
        self.candidates_ = X.states[X.is_candidate]
        self.themes_ = X.themes
        self.sessions_ = X.sessions
        self._data = recommendations
        self.matcher_ = None
        self._row_themes = self._bloc_sets = self._asks = None
        self._dyadic_cache, self._coverage = {}, {}
        if isinstance(self.weights, str):
            sessions = (
                X.sessions[2:] if self.learn_sessions is None else self.learn_sessions
            )
            self.weights_ = learn_weights(X, sessions, **self._learning())
            self._auto_dyadic = False
        else:
            self._base_weights = resolve_weights(self.weights)
            given = set(dict(self.weights)) if self.weights is not None else set()
            self._auto_dyadic = self.dyadic == "auto" and not (given & set(DYADIC))
            self.weights_ = self._base_weights
            self.weights_ = self._weights_for(None).rename("weight")
        return self

    def _recency(self) -> dict:
        return {"half_life": self.half_life, "recent": self.recent}

    def _learning(self) -> dict:
        """Keyword arguments of the weight-learning functions."""
        return {
            **self._recency(),
            "smoothing": self.smoothing,
            "max_queries": self.max_learn_queries,
            "random_state": self.random_state,
        }

    # --------------------------------------------------------------- helpers
    def _query(self, sur: int, before_session) -> QueryCounts:
        return query_counts(self.tensors_, sur, before_session, **self._recency())

    def scores(self, components: np.ndarray, before_session=None) -> np.ndarray:
        """Scores of a component array (..., F): its weighted sum.

        Parameters
        ----------
        components : numpy.ndarray
            Component values, last axis in the order of ``COMPONENTS``.
        before_session : int, optional
            The session the evidence stops before (the dyadic weights are
            learned from the reviews before it).

        Returns
        -------
        numpy.ndarray
            ``components @ weights``.
        """
        return components @ self._weights_for(before_session, vector=True)

    def _weights_for(self, before_session=None, *, vector=False):
        """Weights used for evidence before ``before_session`` (cached; with
        ``vector``, as an array). With ``dyadic="auto"``, the weights of the
        dyadic components are learned from the repeat reviews before it.
        """
        p = self.tensors_.session_cut(before_session)
        if p not in self._dyadic_cache:
            w = self.weights_
            if self._auto_dyadic:
                w = self._base_weights.copy()
                X, rest = self.tensors_, self._learning()
                w[list(DYADIC)] = learn_dyadic(X, before_session, w, **rest)
            self._dyadic_cache[p] = (w, weight_vector(w))
        return self._dyadic_cache[p][1 if vector else 0]

    def _state_index(self, name, *, what="SuR") -> int | None:
        """Index of a State; None when it is a valid State absent from the data."""
        pos = self.tensors_.state_pos
        if name in pos:
            return pos[name]
        try:
            canonical = normalize_state(name)
        except UnknownStateError as exc:
            exc.message += f" (the {what} given)"
            exc.args = (exc.message,)
            raise
        return pos.get(canonical)

    def _theme_indices(self, themes) -> np.ndarray:
        if isinstance(themes, str):
            themes = [themes]
        pos = self.tensors_.theme_pos
        out = []
        for label in themes:
            canonical = label if label in pos else normalize_theme(label)
            if canonical in pos:
                out.append(pos[canonical])
            else:
                warnings.warn(
                    f"Theme {canonical!r} is in the taxonomy but no recommendation "
                    "in the data carries it; it adds no evidence.",
                    UPRDataWarning,
                    stacklevel=3,
                )
        return np.array(sorted(set(out)), dtype=np.int64)

    # ------------------------------------------------------------------ rank
    def rank(
        self,
        sur: str,
        *,
        themes=None,
        issue_text: str | None = None,
        before_session: int | None = None,
        top: int | None = None,
        speakers=None,
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
        speakers : list of str, optional
            The review's list of speakers (names or ISO codes; see
            :func:`upr_targets._speakers.parse_speakers` for a pasted list):
            only these States are ranked, by how likely each is to raise the
            themes when it speaks (``SPEAKER_WEIGHTS``: the ``theme_rate``
            component alone).

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
        NotReviewedError
            For the Holy See and the State of Palestine, observer States that
            the UPR does not review.

        Examples
        --------
        >>> import upr_targets
        >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
        >>> ranker = upr_targets.TargetRanker().fit(recs)
        >>> sur = ranker.states_[1]
        >>> r = ranker.rank(sur, themes=ranker.themes_[:1], top=3)
        >>> len(r) <= 3 and sur not in set(r["state"])
        True
        """
        comp, ev, sur_i, query = self._rank_parts(
            sur, themes, issue_text, before_session
        )
        only = w = None
        if speakers is not None and comp is not None:  # they will speak:
            only, query["speakers"] = speaker_mask(self.tensors_, speakers, sur_i)
            w = weight_vector(SPEAKER_WEIGHTS)  # P(theme | speaks)
        return self._frame(comp, ev, sur_i, query, top, only=only, weights=w)

    def _rank_parts(self, sur, themes, issue_text, before_session):
        """Components (S, F), evidence, SuR index and query of a ranking."""
        check_fitted(self, "tensors_")
        X = self.tensors_
        sur_i = self._state_index(sur)
        sur_name = X.states[sur_i] if sur_i is not None else normalize_state(sur)
        check_reviewed(match_state(sur_name).iso3)
        if before_session is None:  # for the next review: are the data recent?
            warn_if_stale(self._data, sur_name, self._coverage, stacklevel=3)
        if themes is None and issue_text is not None:
            themes = self.themes_for(issue_text) or None
        theme_idx = None if themes is None else self._theme_indices(themes)
        theme_names = [] if theme_idx is None else list(X.themes[theme_idx])
        query = {
            "sur": sur_name,
            "themes": theme_names,
            "before_session": before_session,
            "action": self.action,
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
            q.forget_sur()
        theme_idx = None if theme_idx is None or not theme_idx.size else theme_idx
        if issue_text and self.closeness and theme_idx is not None:
            w = closeness_weights(
                self._closeness_to(issue_text), X, theme_idx, self.closeness
            )
            q = weigh_query(X, q, theme_idx, w, **self._recency())
        comp, ev = component_matrix(X, q, theme_idx, self.smoothing)
        # what the user reads counts recommendations, not theme tags
        ev.update(
            true_counts(
                X, sur_i, theme_idx, before_session, recent=self.recent, prev=q.prev
            )
        )
        if sur_i is None:
            local = ["region_interest", "theme_region_interest", "regional_group"]
            comp[:, [_C[c] for c in (*local, "bloc_ties")]] = 0.0
            ev["same_group"] = np.zeros(len(X.states), dtype=bool)
        return comp, ev, sur_i, query

    def _frame(self, comp, ev, sur_i, query, top, only=None, weights=None):
        if comp is None:
            return empty_ranking(query)
        if weights is None:
            weights = self._weights_for(query["before_session"], vector=True)
        contrib = comp * weights
        return ranking_table(
            self.tensors_, contrib, ev, sur_i, query, top, recent=self.recent, only=only
        )
