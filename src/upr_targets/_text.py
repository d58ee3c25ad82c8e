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

import re
import unicodedata
import warnings
import weakref
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from ._errors import UPRDataWarning
from ._themes import normalize_theme, themes

__all__ = ["ThemeMatcher", "match_themes", "similar_recommendations"]

_MATCH_COLUMNS = [
    "theme",
    "score",
    "taxonomy",
    "fuzzy",
    "centroid",
    "neighbours",
    "matched_keywords",
    "n_neighbours",
    "evidence",
    "closest_recommendation",
]
_SIMILAR_COLUMNS = [
    "similarity",
    "text",
    "recommending_state",
    "sur",
    "session",
    "year",
    "response",
    "action_category",
    "themes",
    "document",
    "paragraph",
    "recommendation_id",
]
_KEEP = [
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
# Acronyms and short forms NGOs use, on top of the taxonomy's keywords.
_EXTRA_KEYWORDS = {
    "Sexual Orientation and Gender Identity": [
        "lgbtiq",
        "lgbtqi",
        "lgbtqia",
        "queer",
        "gays",
        "lesbians",
        "trans",
    ],
    "Women's rights": [
        "female genital cutting",
        "fgm/c",
        "gbv",
        "women's rights",
        "girls married",
    ],
    "Rights of the Child": ["child rights", "married at", "children's rights"],
    "Torture and other CID treatment": ["tortured", "beaten", "beat"],
    "Freedom of the press": ["press", "media freedom"],
    "Human rights defenders": ["whrd", "hrd"],
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return text.lower()


_TOKEN = re.compile(r"[a-z0-9]+(?:['/][a-z0-9]+)?")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_fold(text).replace("’", "'"))


def _as_text(text) -> str:
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text)


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
        tax = themes()
        self.themes_ = tax["theme"].tolist()
        n_themes = len(self.themes_)
        theme_index = {t: i for i, t in enumerate(self.themes_)}
        keywords = [
            [t, *kw, *_EXTRA_KEYWORDS.get(t, [])]
            for t, kw in zip(tax["theme"], tax["keywords"], strict=True)
        ]
        tax_docs = [
            f"{t}. {d} " + "; ".join(kw)
            for t, d, kw in zip(tax["theme"], tax["description"], keywords, strict=True)
        ]

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
            cols = [c for c in _KEEP if c in recommendations.columns]
            recs = recommendations[cols].reset_index(drop=True)
            if "themes" not in recs:
                recs["themes"] = [[] for _ in range(len(recs))]
            texts = [_as_text(t) for t in recs["text"].to_numpy(dtype=object)]

        stop = "english"
        self.word_vectorizer_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            sublinear_tf=True,
            stop_words=stop,
            strip_accents="unicode",
            dtype=np.float32,
        ).fit(tax_docs + texts)
        self.taxonomy_word_ = normalize(self.word_vectorizer_.transform(tax_docs))
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
        kw_themes: dict[str, set[int]] = {}
        for i, kws in enumerate(keywords):
            for k in kws:
                key = " ".join(_tokens(k))
                if key:
                    kw_themes.setdefault(key, set()).add(i)
        self.keywords_ = sorted(kw_themes)
        self._keyword_themes = [sorted(kw_themes[k]) for k in self.keywords_]
        self._keyword_set = {k: j for j, k in enumerate(self.keywords_)}
        self._max_kw_words = max(len(k.split()) for k in self.keywords_)

        self.n_recommendations_ = len(texts)
        self.recommendations_ = recs
        if recs is not None and len(recs):
            X = normalize(self.word_vectorizer_.transform(texts)).tocsr()
            labels = recs["themes"].to_numpy(dtype=object)
            rows, cols_ = [], []
            for r, labs in enumerate(labels):
                if isinstance(labs, (list, tuple, np.ndarray)):
                    for t in labs:
                        j = theme_index.get(t)
                        if j is not None:
                            rows.append(r)
                            cols_.append(j)
            Y = sp.csr_matrix(
                (np.ones(len(rows), dtype=np.float32), (rows, cols_)),
                shape=(len(recs), n_themes),
            )
            Y.data[:] = 1.0  # duplicated labels count once
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
    def _weights(self, short: np.ndarray) -> np.ndarray:
        w = {"taxonomy": 0.15, "fuzzy": 0.15, "centroid": 0.25, "neighbours": 0.45}
        if self.weights:
            unknown = set(self.weights) - set(w)
            if unknown:
                raise ValueError(
                    f"Unknown signal(s) {sorted(unknown)} in weights; use {sorted(w)}."
                )
            w.update(self.weights)
        if self.X_ is None:
            w["centroid"] = w["neighbours"] = 0.0
        if not self.fuzzy:
            w["fuzzy"] = 0.0
        base = np.array([w["taxonomy"], w["fuzzy"], w["centroid"], w["neighbours"]])
        out = np.tile(base, (len(short), 1))
        out[short, 1] *= 3.0
        total = out.sum(axis=1, keepdims=True)
        return out / np.where(total > 0, total, 1.0)

    def _fuzzy(
        self, token_lists: list[list[str]]
    ) -> tuple[np.ndarray, list[list[list[str]]]]:
        """Best keyword match per theme (0-1) and the keywords matched."""
        from rapidfuzz import fuzz, process

        n_themes = len(self.themes_)
        scores = np.zeros((len(token_lists), n_themes))
        found: list[list[list[str]]] = [
            [[] for _ in range(n_themes)] for _ in token_lists
        ]
        vocab = self.word_vectorizer_.vocabulary_
        for q, toks in enumerate(token_lists):
            grams = {
                " ".join(toks[i : i + n])
                for n in range(1, self._max_kw_words + 1)
                for i in range(len(toks) - n + 1)
            }
            hits: dict[int, float] = {}
            for g in grams:
                j = self._keyword_set.get(g)
                if j is not None:
                    hits[j] = 1.0
            # fuzzy matching only for words the models do not know (misspellings)
            unknown = [
                g
                for g in grams
                if len(g) >= 5
                and g not in self._keyword_set
                and " " not in g
                and g not in vocab
            ]
            if unknown:
                sims = process.cdist(
                    unknown,
                    self.keywords_,
                    scorer=fuzz.ratio,
                    score_cutoff=self.fuzzy_cutoff,
                )
                for j in np.flatnonzero(sims.max(axis=0) > 0):
                    s = (float(sims[:, j].max()) - self.fuzzy_cutoff) / (
                        100 - self.fuzzy_cutoff
                    )
                    hits[j] = max(hits.get(j, 0.0), 0.5 + 0.5 * s)
            # a keyword inside a longer matched keyword ("human rights" in
            # "human rights defenders") is not evidence of its own
            matched = [self.keywords_[j] for j, s in hits.items() if s >= 1.0]
            hits = {
                j: s
                for j, s in hits.items()
                if not any(
                    self.keywords_[j] != m and f" {self.keywords_[j]} " in f" {m} "
                    for m in matched
                )
            }
            for j, s in hits.items():
                kw = self.keywords_[j]
                for t in self._keyword_themes[j]:
                    # longer phrases are stronger evidence than single words
                    strength = s * min(1.0, 0.7 + 0.15 * len(kw.split()))
                    if strength > scores[q, t]:
                        scores[q, t] = strength
                    found[q][t].append(kw)
        return scores, found

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
        token_lists = [_tokens(t) for t in texts]
        if self.fuzzy:
            fuzzy, found = self._fuzzy(token_lists)
        else:
            fuzzy = np.zeros((n, n_themes))
            found = [[[] for _ in range(n_themes)] for _ in texts]
        centroid = np.zeros((n, n_themes))
        neighbours = np.zeros((n, n_themes))
        n_neigh = np.zeros((n, n_themes), dtype=int)
        closest = np.full((n, n_themes), -1)
        if self.X_ is not None:
            centroid = (Wq @ self.centroids_.T).toarray()
            sims = (Wq @ self.X_.T).tocsr()
            k = int(self.n_neighbors)
            for q in range(n):
                start, end = sims.indptr[q], sims.indptr[q + 1]
                idx, val = sims.indices[start:end], sims.data[start:end]
                if len(val) == 0:
                    continue
                if len(val) > k:
                    top = np.argpartition(-val, k - 1)[:k]
                    idx, val = idx[top], val[top]
                order = np.argsort(-val)
                idx, val = idx[order], val[order]
                lab = self.Y_[idx].toarray()
                w = val.astype(float) ** 3
                # votes of weakly similar neighbours count less
                confidence = min(1.0, float(val[0]) / 0.4)
                neighbours[q] = confidence * (w @ lab) / max(w.sum(), 1e-12)
                n_neigh[q] = lab.sum(axis=0).astype(int)
                has = lab > 0
                first = np.where(has.any(axis=0), has.argmax(axis=0), -1)
                closest[q] = np.where(first >= 0, idx[np.maximum(first, 0)], -1)
        # Scale the cosine similarities to [0, 1] with fixed factors (typical
        # similarity of a text to its theme) so that scores compare across texts.
        taxonomy_s = np.clip(taxonomy / 0.35, 0, 1)
        centroid_s = np.clip(centroid / 0.5, 0, 1)
        short = np.array([len(t) <= 4 for t in token_lists], dtype=bool)
        W = self._weights(short)
        score = (
            W[:, [0]] * taxonomy_s
            + W[:, [1]] * fuzzy
            + W[:, [2]] * centroid_s
            + W[:, [3]] * neighbours
        )
        # Evidence beyond character overlap: a word in common, a keyword, a
        # neighbour. Without it, the theme is not a match.
        evidence = (tax_word > 0) | (fuzzy > 0) | (centroid > 0) | (neighbours > 0)
        score = np.where(evidence, score, 0.0)
        return {
            "score": np.clip(score, 0, 1),
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
        texts = [_as_text(t) for t in texts]
        sig = self._signals(texts)
        return pd.DataFrame(sig["score"], columns=self.themes_)

    def predict(self, texts, top: int = 1) -> list[list[str]]:
        """Return the ``top`` best themes of each text (empty where none match).

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
        text = _as_text(text)
        if not text.strip():
            warnings.warn(
                "Empty text given to match(): no theme can be matched; give a few "
                "words describing the issue, e.g. 'death penalty'.",
                UPRDataWarning,
                stacklevel=2,
            )
            return _empty(_MATCH_COLUMNS)
        sig = self._signals([text])
        score = sig["score"][0]
        order = np.argsort(-score, kind="stable")
        order = order[score[order] >= self.min_score]
        if top is not None:
            order = order[: int(top)]
        texts = (
            self.recommendations_["text"].to_numpy(dtype=object)
            if self.recommendations_ is not None
            else None
        )
        closest = sig["closest"][0][order]
        keywords = [sorted(set(sig["found"][0][j])) for j in order]
        n_neigh = sig["n_neighbours"][0][order]
        out = pd.DataFrame(
            {
                "theme": pd.array([self.themes_[j] for j in order], dtype="string"),
                "score": score[order].round(4),
                "taxonomy": sig["taxonomy"][0][order].round(4),
                "fuzzy": sig["fuzzy"][0][order].round(4),
                "centroid": sig["centroid"][0][order].round(4),
                "neighbours": sig["neighbours"][0][order].round(4),
                "matched_keywords": keywords,
                "n_neighbours": n_neigh,
                "evidence": pd.array(
                    [
                        _evidence(kw, nn, self.n_neighbors, tx, ce)
                        for kw, nn, tx, ce in zip(
                            keywords,
                            n_neigh,
                            sig["taxonomy"][0][order],
                            sig["centroid"][0][order],
                            strict=True,
                        )
                    ],
                    dtype="string",
                ),
                "closest_recommendation": pd.array(
                    [
                        texts[c] if texts is not None and c >= 0 else pd.NA
                        for c in closest
                    ],
                    dtype="string",
                ),
            }
        )
        return out

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
        check_is_fitted(self, "themes_")
        if self.recommendations_ is None:
            raise ValueError(
                "This ThemeMatcher was fitted without recommendations; call "
                "fit(recommendations) first, e.g. ThemeMatcher().fit(upr_targets.load_demo())."
            )
        text = _as_text(text)
        recs = self.recommendations_
        if not text.strip():
            warnings.warn(
                "Empty text given to similar(): nothing to compare.",
                UPRDataWarning,
                stacklevel=2,
            )
            return _empty(_SIMILAR_COLUMNS)
        q = normalize(self.word_vectorizer_.transform([text]))
        sims = np.asarray((q @ self.X_.T).todense()).ravel()
        mask = sims > 0
        if sur is not None:
            mask &= _state_mask(recs, "sur", sur)
        if recommending_state is not None:
            mask &= _state_mask(recs, "recommending_state", recommending_state)
        if before_session is not None and "session" in recs:
            mask &= (
                (recs["session"] < int(before_session))
                .fillna(False)
                .to_numpy(dtype=bool)
            )
        if themes is not None:
            wanted = {
                normalize_theme(t)
                for t in ([themes] if isinstance(themes, str) else themes)
            }
            cols = [self.themes_.index(t) for t in wanted]
            mask &= np.asarray(self.Y_[:, cols].sum(axis=1)).ravel() > 0
        idx = np.flatnonzero(mask)
        idx = idx[np.argsort(-sims[idx], kind="stable")]
        if top is not None:
            idx = idx[: int(top)]
        out = recs.iloc[idx].copy()
        out.insert(0, "similarity", sims[idx].round(4))
        for c in _SIMILAR_COLUMNS:
            if c not in out:
                out[c] = pd.NA
        extra = [c for c in out.columns if c not in _SIMILAR_COLUMNS]
        return out[_SIMILAR_COLUMNS + extra].reset_index(drop=True)


def _evidence(
    keywords: list[str], n_neigh: int, k: int, taxonomy: float, centroid: float
) -> str:
    """One readable line on why a theme matched."""
    parts = []
    if keywords:
        parts.append("keywords: " + ", ".join(keywords[:5]))
    if n_neigh:
        parts.append(f"{n_neigh} of the {k} most similar past recommendations")
    if not parts:
        if taxonomy >= centroid:
            parts.append(f"wording close to the theme's description ({taxonomy:.2f})")
        else:
            parts.append(
                f"wording close to past recommendations on it ({centroid:.2f})"
            )
    return "; ".join(parts)


def _state_mask(recs: pd.DataFrame, column: str, name: str) -> np.ndarray:
    if column not in recs:
        return np.zeros(len(recs), dtype=bool)
    values = recs[column]
    if (values == name).any():
        return (values == name).fillna(False).to_numpy(dtype=bool)
    try:
        from ._states import normalize_state

        canonical = normalize_state(name)
    except NotImplementedError:  # States module not available
        canonical = name
    return (values == canonical).fillna(False).to_numpy(dtype=bool)


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


@lru_cache(maxsize=1)
def _default_matcher() -> ThemeMatcher:
    return ThemeMatcher().fit()


_FITTED: dict[int, tuple[weakref.ref, ThemeMatcher]] = {}


def _matcher_for(recommendations: pd.DataFrame | None) -> ThemeMatcher:
    """The taxonomy-only matcher, or one fitted on ``recommendations`` (cached)."""
    if recommendations is None:
        return _default_matcher()
    key = id(recommendations)
    hit = _FITTED.get(key)
    if (
        hit is not None
        and hit[0]() is recommendations
        and hit[1].n_recommendations_ == len(recommendations)
    ):
        return hit[1]
    matcher = ThemeMatcher().fit(recommendations)
    for k in [k for k, (ref, _) in _FITTED.items() if ref() is None]:
        del _FITTED[k]
    if len(_FITTED) >= 4:
        _FITTED.pop(next(iter(_FITTED)))
    _FITTED[key] = (weakref.ref(recommendations), matcher)
    return matcher


def match_themes(
    text: str, recommendations: pd.DataFrame | None = None, top: int | None = 5
) -> pd.DataFrame:
    """Return the themes that best match a text (shortcut of :class:`ThemeMatcher`).

    Parameters
    ----------
    text : str
        An issue in an NGO's words.
    recommendations : pandas.DataFrame, optional
        Past recommendations to learn from (improves long texts); without
        them, the taxonomy alone (fitted once and cached).
    top : int or None, default 5

    Returns
    -------
    pandas.DataFrame
        As :meth:`ThemeMatcher.match`: ``theme``, ``score`` and evidence,
        best first; empty when nothing matches.

    Examples
    --------
    >>> from upr_targets import match_themes
    >>> match_themes("torure", top=1)["theme"].iloc[0]
    'Torture and other CID treatment'
    >>> match_themes("FGM", top=1)["theme"].iloc[0]
    "Women's rights"
    """
    return _matcher_for(recommendations).match(text, top=top)


def similar_recommendations(
    text: str,
    recommendations: pd.DataFrame,
    top: int | None = 10,
    *,
    sur: str | None = None,
    themes: list[str] | str | None = None,
    before_session: int | None = None,
    recommending_state: str | None = None,
) -> pd.DataFrame:
    """Return the past recommendations most similar to a text.

    Shortcut of ``ThemeMatcher().fit(recommendations).similar(...)``; the
    fitted matcher is cached for the same table.

    Examples
    --------
    >>> from upr_targets import load_demo, similar_recommendations
    >>> demo = load_demo()
    >>> hits = similar_recommendations("journalists harassed", demo, top=5, themes="Freedom of the press")
    >>> hits.columns[:4].tolist()
    ['similarity', 'text', 'recommending_state', 'sur']
    """
    return _matcher_for(recommendations).similar(
        text,
        top=top,
        sur=sur,
        themes=themes,
        before_session=before_session,
        recommending_state=recommending_state,
    )
