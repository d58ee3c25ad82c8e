"""What a fitted :class:`TargetRanker` shows beside a ranking.

The themes it reads in an issue text, each issue's own rank beside a ranking
on several, one State's score broken into its components, and the State's
past recommendations behind them. A mixin of
:class:`upr_targets.TargetRanker`: the methods use its fitted attributes and
its ``_rank_parts``, ``_frame``, ``_weights_for``, ``_state_index`` and
``_theme_indices``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._errors import UnknownStateError, UPRDataWarning
from ._estimator import check_fitted
from ._evidence import explain_table, state_evidence
from ._features import theme_matrix
from ._matching import matcher_for, select_themes
from .reference._instruments import different_instruments, instruments_of

__all__ = ["RankerViews"]


def _labels(themes) -> list[str]:
    """Theme labels as a list: one label alone is a list of one (not of letters)."""
    if themes is None:
        return []
    return [themes] if isinstance(themes, str) else list(themes)


class RankerViews:
    """The methods of :class:`TargetRanker` beside :meth:`~TargetRanker.rank`.

    They read issue texts, rank several issues with each one's own rank,
    and explain a score by its components and its recommendations.
    """

    # --------------------------------------------------------------- themes
    def match_themes(self, text: str, top: int | None = 5) -> pd.DataFrame:
        """Match free text to the themes (see :meth:`ThemeMatcher.match`).

        Uses :class:`upr_targets.ThemeMatcher` fitted on the fitted data
        (once, on first use).

        Parameters
        ----------
        text : str
            An issue in plain language, e.g. "journalists jailed".
        top : int or None
            At most this many themes.

        Returns
        -------
        pandas.DataFrame
            ``theme, score, ...`` best first (the matcher's columns).
        """
        check_fitted(self, "tensors_")
        return self._matcher().match(text, top=top)

    def _matcher(self):
        """The text matcher, fitted on every row given to ``fit`` (on first use)."""
        if self.matcher_ is None:
            self.matcher_ = matcher_for(self._table)
        return self.matcher_

    def _closeness_to(self, text: str) -> np.ndarray:
        """TF-IDF cosine of ``text`` to each recommendation the ranker counts.

        One value per row of the fitted table the ranker counts (of its
        specific rows with ``action="specific"``), in order. When ``text``
        asks to ratify (accede to, sign) an instrument, a recommendation
        asking to join another one has closeness 0 (on 169 reviews of
        sessions 13-17 where two States or more asked to join one of seven
        treaties, NDCG@10 of those States rose from 0.363 to 0.378).
        """
        from ._similar import text_similarity  # scikit-learn, on first use

        sims = text_similarity(self._matcher(), text)
        if len(sims) != len(self._table):
            raise ValueError(
                f"matcher_ was fitted on {len(sims):,} recommendations, not on the "
                f"{len(self._table):,} given to fit; set ranker.matcher_ = None "
                "(it is fitted again on first use) or to a matcher fitted on that table."
            )
        # an issue asking to ratify the OPCAT is not close to asks to ratify
        # other treaties, however alike their words
        (asked,) = instruments_of([text], joining=True)
        if asked:
            if self._asks is None:  # the instruments each row asks to join
                self._asks = instruments_of(self._table["text"], joining=True)
            other = np.fromiter(
                (different_instruments(asked, b) for b in self._asks),
                dtype=bool,
                count=len(self._asks),
            )
            sims = np.where(other, 0.0, sims)
        return sims if self._table_rows is None else sims[self._table_rows]

    def themes_for(self, issue_text: str) -> list[str]:
        """The themes that ``rank(sur, issue_text=...)`` ranks on.

        The best-matching theme and those scoring at least half as well (at
        most three; see :func:`upr_targets._matching.select_themes`), among
        the themes present in the fitted data.

        Parameters
        ----------
        issue_text : str
            The issue in the NGO's words.

        Returns
        -------
        list of str
            Best first; empty (with a :class:`UPRDataWarning`) when the text
            is empty or matches no theme.

        Examples
        --------
        >>> import upr_targets
        >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
        >>> ranker = upr_targets.TargetRanker().fit(recs)
        >>> ranker.themes_for("abolish the death penalty")
        ['Death penalty']
        """
        if not isinstance(issue_text, str) or not issue_text.strip():
            warnings.warn(
                "issue_text is empty; the ranking is theme-agnostic (it uses all "
                "recommendations). Pass themes= or a description of the issue.",
                UPRDataWarning,
                stacklevel=3,
            )
            return []
        chosen = select_themes(
            self.match_themes(issue_text), available=self.tensors_.theme_pos
        )
        if not chosen:
            warnings.warn(
                f"issue_text {issue_text!r} matches no theme; the ranking is "
                "theme-agnostic. Pass themes= (see ranker.themes_).",
                UPRDataWarning,
                stacklevel=3,
            )
        return chosen

    # --------------------------------------------------------------- issues
    def rank_issues(
        self,
        sur: str,
        issues: Sequence[str] | Mapping[str, Sequence[str]],
        *,
        themes=None,
        before_session: int | None = None,
        top: int | None = None,
        speakers=None,
    ) -> pd.DataFrame:
        """Rank on several issues together, with each issue's own rank beside.

        A State can reach a ranking on several issues through one of them
        only; the ``rank: ISSUE`` columns say where it stands on each.

        Parameters
        ----------
        sur : str
            The State under review.
        issues : list of str, or dict of str to list of str
            The NGO's issues in its own words (each read as
            :meth:`themes_for` reads it), or each issue with its theme labels
            (a list, or one label).
        themes : list of str, optional
            More theme labels, ranked with the issues' (no column of their own).
        before_session, top, speakers
            As for :meth:`rank` (the ranks of each issue count every State
            ranked, not only the ``top``).

        Returns
        -------
        pandas.DataFrame
            :meth:`rank`'s table for every issue's themes, the issues' words
            as its ``issue_text``; and, when two issues or more have themes,
            one ``rank: ISSUE`` column per issue with themes: the State's rank
            when that issue is ranked alone. ``attrs["issues"]`` holds each
            issue's themes.

        Examples
        --------
        >>> import upr_targets
        >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
        >>> ranker = upr_targets.TargetRanker().fit(recs)
        >>> r = ranker.rank_issues(ranker.states_[1], ["torture in prisons",
        ...                        "abolish the death penalty"], top=5)
        >>> [c for c in r.columns if c.startswith("rank: ")]
        ['rank: torture in prisons', 'rank: abolish the death penalty']
        >>> r.attrs["issues"]["abolish the death penalty"]
        ['Death penalty']
        """
        check_fitted(self, "tensors_")
        if isinstance(issues, str):
            issues = [issues]
        found = {
            str(issue): _labels(issues[issue])
            if isinstance(issues, Mapping)
            else self.themes_for(issue)
            for issue in issues
        }
        extra = _labels(themes)
        labels = list(dict.fromkeys([*extra, *(t for f in found.values() for t in f)]))
        query = {"before_session": before_session, "speakers": speakers}
        ranking = self.rank(
            sur,
            themes=labels or None,
            issue_text=". ".join(i for i in found if i.strip()) or None,
            top=top,
            **query,
        )
        with_themes = {issue: f for issue, f in found.items() if f}
        if len(with_themes) > 1:  # each issue alone: no theme carries a State
            for issue, f in with_themes.items():
                alone = self.rank(sur, themes=f, issue_text=issue, **query)
                ranking[f"rank: {issue}"] = pd.array(
                    ranking["state"].map(alone.set_index("state")["rank"]),
                    dtype="Int64",
                )
        ranking.attrs["issues"] = found
        return ranking

    # -------------------------------------------------------------- explain
    def explain(self, state: str, sur: str, *, themes=None, before_session=None):
        """One State's score components for one query, as a small table.

        Parameters
        ----------
        state : str
            The recommending State.
        sur : str
            The State under review.
        themes : str or list of str, optional
            The query's themes (as for :meth:`rank`).
        before_session : int, optional
            Evidence strictly before this session (as for :meth:`rank`).

        Returns
        -------
        pandas.DataFrame
            One row per component: ``component, weight, value`` (the
            component before weighting), ``contribution`` (weight x value;
            they add up to the State's score) and ``share`` of the score.
            ``attrs`` holds the query, the State's ``rank`` and its
            ``explanation``.

        Raises
        ------
        UnknownStateError
            For a State that does not appear in the data.
        ValueError
            When the State is the SuR or never recommended anything.

        Examples
        --------
        >>> import upr_targets
        >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
        >>> ranker = upr_targets.TargetRanker().fit(recs)
        >>> r = ranker.rank(ranker.states_[1], themes=ranker.themes_[:1])
        >>> t = ranker.explain(r["state"][0], ranker.states_[1],
        ...                    themes=ranker.themes_[:1])
        >>> bool(abs(t["contribution"].sum() - r["score"][0]) < 1e-9)
        True
        """
        check_fitted(self, "tensors_")
        st = self._state_index(state, what="State")
        if st is None:
            raise UnknownStateError(state, [], hint="It does not appear in the data.")
        comp, ev, sur_i, query = self._rank_parts(sur, themes, None, before_session)
        return explain_table(
            self._frame(comp, ev, sur_i, query, None),
            comp,
            st,
            self.tensors_.states[st],
            self._weights_for(before_session),
            sur,
        )

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
        >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 21))
        >>> ranker = upr_targets.TargetRanker().fit(recs)
        >>> ev = ranker.evidence(ranker.candidates_[0], top=3)
        >>> len(ev) <= 3
        True
        """
        check_fitted(self, "tensors_")
        st = self._state_index(state, what="State")
        si = None if sur is None else self._state_index(sur)
        if themes is not None and self._row_themes is None:
            self._row_themes = theme_matrix(
                self._data["themes"], self.tensors_.themes
            ).tocsc()
        return state_evidence(
            self._data,
            None if st is None else self.tensors_.states[st],
            None if si is None else self.tensors_.states[si],
            None
            if themes is None
            else self._row_themes[:, self._theme_indices(themes)],
            before_session=before_session,
            top=top,
            query={"state": state, "sur": sur, "themes": themes},
            order_by_sur=sur is not None,
        )
