"""Matching free text to themes and to past recommendations (TF-IDF + fuzzy).

:class:`ThemeMatcher` scores every theme of the taxonomy for a text with four
signals, each in [0, 1]:

- ``taxonomy``: TF-IDF cosine similarity (word and character n-grams) between
  the text and the theme's label, description and keywords;
- ``fuzzy``: the best rapidfuzz match between words of the text and the
  theme's label and keywords (catches "torure", "SOGI", "FGM");
- ``centroid``: cosine similarity to the mean of the past recommendations
  labelled with the theme (when fitted on recommendations);
- ``neighbours``: the similarity-weighted share of the theme among the
  labels of the most similar past recommendations (when fitted on
  recommendations).

The ``score`` is their weighted mean; the evidence columns show each signal,
the keywords found and the closest past recommendation.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from ._errors import UPRDataWarning
from ._features import theme_matrix
from ._match_signals import (
    MATCH_COLUMNS,
    KeywordIndex,
    as_text,
    combine_signals,
    empty_frame,
    fuzzy_scores,
    match_frame,
    neighbour_votes,
    signal_weights,
    taxonomy_documents,
    tokens,
)
from ._similar import similar_rows

__all__ = ["MATCHED_COLUMNS", "ThemeMatcher"]

MATCHED_COLUMNS = [
    "text",
    "recommending_state",
    "sur",
    "session",
    "cycle",
    "year",
    "response",
    "action_category",
    "themes",
    "document",
    "paragraph",
    "recommendation_id",
]


class ThemeMatcher(BaseEstimator):
    """Match free text to themes and to similar past recommendations.

    A scikit-learn estimator: ``__init__`` only stores the parameters,
    :meth:`fit` builds TF-IDF models over the taxonomy (theme label,
    description and keywords) and, when given, over past recommendations
    labelled with themes.

    Parameters
    ----------
    ngram_range : tuple of int, default (1, 2)
        Word n-grams of the TF-IDF models.
    char_ngrams : bool, default True
        Add character n-grams (``char_wb``, 3 to 5 characters) to the
        comparison with the taxonomy, so that "married" meets "marriage"
        and misspellings still match.
    fuzzy : bool, default True
        Match the words of the text to theme labels and keywords with
        rapidfuzz (spelling variants, acronyms, short queries).
    fuzzy_cutoff : float, default 85
        Minimum rapidfuzz ratio (0-100) for a fuzzy keyword match.
    n_neighbors : int, default 30
        Past recommendations that vote for the themes of a text.
    weights : dict, optional
        Weights of the signals ``taxonomy``, ``fuzzy``, ``centroid`` and
        ``neighbours`` in the score. Default: ``{"taxonomy": 0.15,
        "fuzzy": 0.15, "centroid": 0.25, "neighbours": 0.45}``; signals that
        are not available (no recommendations) are left out and the others
        rescaled. For queries of four words or fewer the fuzzy weight is
        tripled: a short query names its theme.
    min_score : float, default 0.05
        Themes scoring below are not returned by :meth:`match`.

    Attributes
    ----------
    themes_ : list of str
        The themes, in column order of :meth:`transform`.
    n_recommendations_ : int
        Number of recommendations the matcher was fitted on (0 if none).
    recommendations_ : pandas.DataFrame or None
        The fitted recommendations (the columns :meth:`similar` returns).

    Examples
    --------
    >>> from upr_targets import ThemeMatcher, load_demo
    >>> matcher = ThemeMatcher().fit()
    >>> matcher.match("death penalty", top=1)["theme"].tolist()
    ['Death penalty']
    >>> matcher = ThemeMatcher().fit(load_demo())
    >>> top2 = matcher.match("Journalists are prosecuted for criminal defamation", top=2)
    >>> sorted(top2["theme"])
    ['Freedom of opinion and expression', 'Freedom of the press']
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        char_ngrams: bool = True,
        fuzzy: bool = True,
        fuzzy_cutoff: float = 85,
        n_neighbors: int = 30,
        weights: dict | None = None,
        min_score: float = 0.05,
    ):
        self.ngram_range = ngram_range
        self.char_ngrams = char_ngrams
        self.fuzzy = fuzzy
        self.fuzzy_cutoff = fuzzy_cutoff
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.min_score = min_score

    # ------------------------------------------------------------------ fit
    def fit(self, recommendations: pd.DataFrame | None = None, y=None) -> ThemeMatcher:
        """Build the TF-IDF models.

        Parameters
        ----------
        recommendations : pandas.DataFrame, optional
            Past recommendations in the normalized schema (at least ``text``
            and ``themes``; the other columns are shown by :meth:`similar`).
            Without them the matcher uses the taxonomy alone.
        y : ignored

        Returns
        -------
        ThemeMatcher
            ``self``, fitted.
        """
        self.themes_, keywords, tax_docs = taxonomy_documents()
        n_themes = len(self.themes_)

        recs = None
        texts: list[str] = []
        if recommendations is not None:
            if (
                not isinstance(recommendations, pd.DataFrame)
                or "text" not in recommendations
            ):
                raise ValueError(
                    "recommendations must be a DataFrame with a 'text' column (and "
                    "'themes'), e.g. from upr_targets.load_recommendations()"
                )
            cols = [c for c in MATCHED_COLUMNS if c in recommendations.columns]
            recs = recommendations[cols].reset_index(drop=True)
            if "themes" not in recs:
                recs["themes"] = [[] for _ in range(len(recs))]
            texts = [as_text(t) for t in recs["text"].to_numpy(dtype=object)]

        stop = "english"
        self.word_vectorizer_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            sublinear_tf=True,
            stop_words=stop,
            strip_accents="unicode",
            dtype=np.float32,
        )
        # one tokenizing pass over every text (fit_transform, not fit, then
        # transform the same texts again)
        M = self.word_vectorizer_.fit_transform(tax_docs + texts).tocsr()
        self.taxonomy_word_ = normalize(M[: len(tax_docs)])
        if self.char_ngrams:
            self.char_vectorizer_ = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(3, 5),
                sublinear_tf=True,
                strip_accents="unicode",
                dtype=np.float32,
            ).fit(tax_docs)
            self.taxonomy_char_ = normalize(self.char_vectorizer_.transform(tax_docs))
        else:
            self.char_vectorizer_ = None
            self.taxonomy_char_ = None

        # keyword index for the fuzzy signal: folded phrase -> theme indices
        self.keyword_index_ = KeywordIndex.build(keywords)

        self.n_recommendations_ = len(texts)
        self.recommendations_ = recs
        if recs is not None and len(recs):
            X = normalize(M[len(tax_docs) :]).tocsr()
            Y = theme_matrix(recs["themes"], np.array(self.themes_, dtype=object))
            Y = Y.astype(np.float32).tocsr()
            self.X_ = X
            self.Y_ = Y
            self.centroids_ = normalize(Y.T @ X)
            self.theme_counts_ = np.asarray(Y.sum(axis=0)).ravel()
        else:
            self.X_ = None
            self.Y_ = None
            self.centroids_ = None
            self.theme_counts_ = np.zeros(n_themes)
        return self

    # ------------------------------------------------------------- signals
    def _signals(self, texts: list[str]) -> dict:
        check_is_fitted(self, "themes_")
        n_themes = len(self.themes_)
        n = len(texts)
        Wq = normalize(self.word_vectorizer_.transform(texts))
        tax_word = (Wq @ self.taxonomy_word_.T).toarray()
        if self.char_vectorizer_ is not None:
            Cq = normalize(self.char_vectorizer_.transform(texts))
            tax_char = (Cq @ self.taxonomy_char_.T).toarray()
            taxonomy = 0.5 * tax_word + 0.5 * tax_char
        else:
            tax_char = np.zeros_like(tax_word)
            taxonomy = tax_word
        token_lists = [tokens(t) for t in texts]
        if self.fuzzy:
            fuzzy, found = fuzzy_scores(
                token_lists,
                self.keyword_index_,
                self.word_vectorizer_.vocabulary_,
                self.fuzzy_cutoff,
            )
        else:
            fuzzy = np.zeros((n, n_themes))
            found = [[[] for _ in range(n_themes)] for _ in texts]
        centroid = np.zeros((n, n_themes))
        neighbours = np.zeros((n, n_themes))
        n_neigh = np.zeros((n, n_themes), dtype=int)
        closest = np.full((n, n_themes), -1)
        if self.X_ is not None:
            centroid = (Wq @ self.centroids_.T).toarray()
            neighbours, n_neigh, closest = neighbour_votes(
                (Wq @ self.X_.T).tocsr(), self.Y_, int(self.n_neighbors)
            )
        short = np.array([len(t) <= 4 for t in token_lists], dtype=bool)
        W = signal_weights(
            self.weights, short, fitted=self.X_ is not None, fuzzy=self.fuzzy
        )
        score = combine_signals(W, taxonomy, fuzzy, centroid, neighbours, tax_word)
        return {
            "score": score,
            "taxonomy": taxonomy,
            "fuzzy": fuzzy,
            "centroid": centroid,
            "neighbours": neighbours,
            "n_neighbours": n_neigh,
            "closest": closest,
            "found": found,
        }

    # ------------------------------------------------------------- public
    def transform(self, texts) -> pd.DataFrame:
        """Score every theme for each text.

        Parameters
        ----------
        texts : str or list of str

        Returns
        -------
        pandas.DataFrame
            One row per text, one column per theme (``themes_``), scores in
            [0, 1].

        Examples
        --------
        >>> from upr_targets import ThemeMatcher
        >>> m = ThemeMatcher().fit()
        >>> s = m.transform(["abolish the death penalty", "girls' education"])
        >>> s.idxmax(axis=1).tolist()
        ['Death penalty', 'Right to education']
        """
        if isinstance(texts, str):
            texts = [texts]
        texts = [as_text(t) for t in texts]
        sig = self._signals(texts)
        return pd.DataFrame(sig["score"], columns=self.themes_)

    def predict(self, texts, top: int = 1) -> list[list[str]]:
        """Return the ``top`` best themes of each text (empty where none match).

        Parameters
        ----------
        texts : str or list of str
            The texts.
        top : int
            Themes per text.

        Returns
        -------
        list of list of str
            Best first; themes scoring below ``min_score`` are left out.

        Examples
        --------
        >>> from upr_targets import ThemeMatcher
        >>> ThemeMatcher().fit().predict(["Ratify the Convention against Torture"])
        [['Torture and other CID treatment']]
        """
        scores = self.transform(texts).to_numpy()
        order = np.argsort(-scores, axis=1, kind="stable")[:, :top]
        names = np.array(self.themes_, dtype=object)
        return [
            [names[j] for j in row if scores[i, j] >= self.min_score]
            for i, row in enumerate(order)
        ]

    def match(self, text: str, top: int | None = 5) -> pd.DataFrame:
        """Return the themes that best match a text, best first.

        Parameters
        ----------
        text : str
            An NGO's issue in its own words: a few words ("death penalty",
            "SOGI") or a paragraph.
        top : int or None, default 5
            Number of themes to return (``None``: every theme scoring at
            least ``min_score``).

        Returns
        -------
        pandas.DataFrame
            Columns ``theme``, ``score`` (0-1) and the evidence behind it:
            ``taxonomy`` (TF-IDF similarity to the theme's description and
            keywords), ``fuzzy`` (keyword match, 1 = exact), ``centroid``
            and ``neighbours`` (similarity to past recommendations on the
            theme; 0 without recommendations), ``matched_keywords``,
            ``n_neighbours`` (similar past recommendations labelled with the
            theme), ``evidence`` (one readable line) and
            ``closest_recommendation`` (the most similar one).
            Empty when the text matches nothing (with a
            :class:`UPRDataWarning` when the text is empty).

        Examples
        --------
        >>> from upr_targets import ThemeMatcher
        >>> m = ThemeMatcher().fit()
        >>> m.match("LGBT people are arrested", top=1)["theme"].iloc[0]
        'Sexual Orientation and Gender Identity'
        >>> len(m.match("zzzz qqqq"))
        0
        """
        check_is_fitted(self, "themes_")
        text = as_text(text)
        if not text.strip():
            warnings.warn(
                "Empty text given to match(): no theme can be matched; give a few "
                "words describing the issue, e.g. 'death penalty'.",
                UPRDataWarning,
                stacklevel=2,
            )
            return empty_frame(MATCH_COLUMNS)
        sig = self._signals([text])
        score = sig["score"][0]
        order = np.argsort(-score, kind="stable")
        order = order[score[order] >= self.min_score]
        if top is not None:
            order = order[: int(top)]
        texts = (
            None
            if self.recommendations_ is None
            else self.recommendations_["text"].to_numpy(dtype=object)
        )
        return match_frame(sig, order, self.themes_, texts, self.n_neighbors)

    def similar(
        self,
        text: str,
        top: int | None = 10,
        *,
        sur: str | None = None,
        themes: list[str] | str | None = None,
        before_session: int | None = None,
        recommending_state: str | None = None,
    ) -> pd.DataFrame:
        """Return the past recommendations most similar to a text.

        The evidence an NGO quotes: who recommended what, to whom, when,
        and how the State under review responded.

        Parameters
        ----------
        text : str
            The issue, in any words.
        top : int or None, default 10
            Number of recommendations (``None``: all with some similarity).
        sur : str, optional
            Only recommendations to this State under review.
        themes : str or list of str, optional
            Only recommendations labelled with one of these themes (names
            are normalized with :func:`upr_targets.normalize_theme`).
        before_session : int, optional
            Only recommendations made before this UPR session.
        recommending_state : str, optional
            Only recommendations made by this State.

        Returns
        -------
        pandas.DataFrame
            Best first: ``similarity`` (cosine, 0-1), ``text``,
            ``recommending_state``, ``sur``, ``session``, ``year``,
            ``response``, ``action_category``, ``themes``, ``document``,
            ``paragraph``, ``recommendation_id``. The rows of a joint
            recommendation are kept (one per recommending State). Empty
            when nothing is similar.

        Raises
        ------
        ValueError
            When the matcher was fitted without recommendations.

        Examples
        --------
        >>> from upr_targets import ThemeMatcher, load_demo
        >>> m = ThemeMatcher().fit(load_demo())
        >>> hits = m.similar("abolish the death penalty", top=3, before_session=20)
        >>> bool((hits["session"] < 20).all()), len(hits)
        (True, 3)
        """
        return similar_rows(
            self,
            text,
            top,
            sur=sur,
            themes=themes,
            before_session=before_session,
            recommending_state=recommending_state,
        )
