"""The signals of the theme matcher: tokens, keyword and fuzzy matches, weights.

See :class:`upr_targets.ThemeMatcher` for how they make a theme's score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._utils import fold_ascii
from .reference import list_themes

__all__ = [
    "combine_signals",
    "MATCH_COLUMNS",
    "match_frame",
    "DEFAULT_SIGNAL_WEIGHTS",
    "EXTRA_KEYWORDS",
    "KeywordIndex",
    "as_text",
    "empty_frame",
    "evidence_line",
    "fuzzy_scores",
    "neighbour_votes",
    "signal_weights",
    "taxonomy_documents",
    "tokens",
]

MATCH_COLUMNS = [
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
"""Columns of :meth:`ThemeMatcher.match`."""

DEFAULT_SIGNAL_WEIGHTS = {
    "taxonomy": 0.15,
    "fuzzy": 0.15,
    "centroid": 0.25,
    "neighbours": 0.45,
}

EXTRA_KEYWORDS = {
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


_TOKEN = re.compile(r"[a-z0-9]+(?:['/][a-z0-9]+)?")


def tokens(text: str) -> list[str]:
    """The words of ``text``, folded to lower-case ASCII."""
    return _TOKEN.findall(fold_ascii(text).replace("’", "'"))


def as_text(text) -> str:
    """``text`` as a string; missing values are empty."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return str(text)


@dataclass(frozen=True)
class KeywordIndex:
    """Folded keyword phrases and the themes (indices) that list each."""

    keywords: list[str]
    themes: list[list[int]]
    positions: dict[str, int]
    max_words: int
    n_themes: int

    @classmethod
    def build(cls, keywords_per_theme: list[list[str]]) -> KeywordIndex:
        kw_themes: dict[str, set[int]] = {}
        for i, kws in enumerate(keywords_per_theme):
            for k in kws:
                key = " ".join(tokens(k))
                if key:
                    kw_themes.setdefault(key, set()).add(i)
        keywords = sorted(kw_themes)
        return cls(
            keywords=keywords,
            themes=[sorted(kw_themes[k]) for k in keywords],
            positions={k: j for j, k in enumerate(keywords)},
            max_words=max(len(k.split()) for k in keywords),
            n_themes=len(keywords_per_theme),
        )


def fuzzy_scores(
    token_lists: list[list[str]],
    index: KeywordIndex,
    vocabulary: dict,
    cutoff: float,
) -> tuple[np.ndarray, list[list[list[str]]]]:
    """Best keyword match per theme (0-1) and the keywords matched.

    A keyword met word for word scores 1; a misspelt word (one the TF-IDF
    vocabulary does not know) close to a keyword scores 0.5-1 by its
    rapidfuzz ratio above ``cutoff``.
    """
    from rapidfuzz import fuzz, process

    n_themes = index.n_themes
    scores = np.zeros((len(token_lists), n_themes))
    found: list[list[list[str]]] = [[[] for _ in range(n_themes)] for _ in token_lists]
    vocab = vocabulary
    for q, toks in enumerate(token_lists):
        grams = {
            " ".join(toks[i : i + n])
            for n in range(1, index.max_words + 1)
            for i in range(len(toks) - n + 1)
        }
        hits: dict[int, float] = {}
        for g in grams:
            j = index.positions.get(g)
            if j is not None:
                hits[j] = 1.0
        # fuzzy matching only for words the models do not know (misspellings)
        unknown = [
            g
            for g in grams
            if len(g) >= 5
            and g not in index.positions
            and " " not in g
            and g not in vocab
        ]
        if unknown:
            sims = process.cdist(
                unknown,
                index.keywords,
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
            )
            for j in np.flatnonzero(sims.max(axis=0) > 0):
                s = (float(sims[:, j].max()) - cutoff) / (100 - cutoff)
                hits[j] = max(hits.get(j, 0.0), 0.5 + 0.5 * s)
        # a keyword inside a longer matched keyword ("human rights" in
        # "human rights defenders") is not evidence of its own
        matched = [index.keywords[j] for j, s in hits.items() if s >= 1.0]
        hits = {
            j: s
            for j, s in hits.items()
            if not any(
                index.keywords[j] != m and f" {index.keywords[j]} " in f" {m} "
                for m in matched
            )
        }
        for j, s in hits.items():
            kw = index.keywords[j]
            for t in index.themes[j]:
                # longer phrases are stronger evidence than single words
                strength = s * min(1.0, 0.7 + 0.15 * len(kw.split()))
                if strength > scores[q, t]:
                    scores[q, t] = strength
                found[q][t].append(kw)
    return scores, found


def signal_weights(
    given: dict | None, short: np.ndarray, *, fitted: bool, fuzzy: bool
) -> np.ndarray:
    """(n, 4) weights of the signals per text, each row summing to 1.

    Signals not available (no recommendations fitted, fuzzy matching off)
    weigh 0; for short texts (``short``) the fuzzy weight is tripled.
    """
    w = dict(DEFAULT_SIGNAL_WEIGHTS)
    if given:
        unknown = set(given) - set(w)
        if unknown:
            raise ValueError(
                f"Unknown signal(s) {sorted(unknown)} in weights; use {sorted(w)}."
            )
        w.update(given)
    if not fitted:
        w["centroid"] = w["neighbours"] = 0.0
    if not fuzzy:
        w["fuzzy"] = 0.0
    base = np.array([w["taxonomy"], w["fuzzy"], w["centroid"], w["neighbours"]])
    out = np.tile(base, (len(short), 1))
    out[short, 1] *= 3.0
    total = out.sum(axis=1, keepdims=True)
    return out / np.where(total > 0, total, 1.0)


def evidence_line(
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


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def neighbour_votes(sims, labels, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Theme votes of each text's ``k`` most similar past recommendations.

    Parameters
    ----------
    sims : scipy.sparse.csr_matrix
        (texts, recommendations) cosine similarities.
    labels : scipy.sparse.csr_matrix
        (recommendations, themes) 0/1 theme labels.
    k : int
        Neighbours that vote.

    Returns
    -------
    votes : numpy.ndarray
        (texts, themes) similarity-weighted share of each theme among the
        neighbours' labels, damped when even the best neighbour is far.
    counts : numpy.ndarray
        (texts, themes) neighbours labelled with each theme.
    closest : numpy.ndarray
        (texts, themes) the most similar neighbour with the theme (-1: none).
    """
    n, n_themes = sims.shape[0], labels.shape[1]
    votes = np.zeros((n, n_themes))
    counts = np.zeros((n, n_themes), dtype=int)
    closest = np.full((n, n_themes), -1)
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
        lab = labels[idx].toarray()
        w = val.astype(float) ** 3
        # votes of weakly similar neighbours count less
        confidence = min(1.0, float(val[0]) / 0.4)
        votes[q] = confidence * (w @ lab) / max(w.sum(), 1e-12)
        counts[q] = lab.sum(axis=0).astype(int)
        has = lab > 0
        first = np.where(has.any(axis=0), has.argmax(axis=0), -1)
        closest[q] = np.where(first >= 0, idx[np.maximum(first, 0)], -1)
    return votes, counts, closest


def taxonomy_documents() -> tuple[list[str], list[list[str]], list[str]]:
    """The themes, their keywords (label first) and one document per theme.

    A theme's document is its label, description and keywords: what the
    TF-IDF models compare a text with.
    """
    tax = list_themes()
    themes = tax["theme"].tolist()
    keywords = [
        [t, *kw, *EXTRA_KEYWORDS.get(t, [])]
        for t, kw in zip(tax["theme"], tax["keywords"], strict=True)
    ]
    docs = [
        f"{t}. {d} " + "; ".join(kw)
        for t, d, kw in zip(tax["theme"], tax["description"], keywords, strict=True)
    ]
    return themes, keywords, docs


def match_frame(
    sig: dict, order: np.ndarray, themes: list[str], texts, k: int
) -> pd.DataFrame:
    """The rows of :meth:`ThemeMatcher.match` for the themes ``order`` of one text.

    ``sig`` holds the signals of the text (first row of each array), ``texts``
    the fitted recommendations' texts (None without recommendations) and
    ``k`` the number of neighbours that vote.
    """
    closest = sig["closest"][0][order]
    keywords = [sorted(set(sig["found"][0][j])) for j in order]
    n_neigh = sig["n_neighbours"][0][order]
    taxonomy, centroid = sig["taxonomy"][0][order], sig["centroid"][0][order]
    lines = [
        evidence_line(kw, nn, k, tx, ce)
        for kw, nn, tx, ce in zip(keywords, n_neigh, taxonomy, centroid, strict=True)
    ]
    return pd.DataFrame(
        {
            "theme": pd.array([themes[j] for j in order], dtype="string"),
            "score": sig["score"][0][order].round(4),
            "taxonomy": taxonomy.round(4),
            "fuzzy": sig["fuzzy"][0][order].round(4),
            "centroid": centroid.round(4),
            "neighbours": sig["neighbours"][0][order].round(4),
            "matched_keywords": keywords,
            "n_neighbours": n_neigh,
            "evidence": pd.array(lines, dtype="string"),
            "closest_recommendation": pd.array(
                [texts[c] if texts is not None and c >= 0 else pd.NA for c in closest],
                dtype="string",
            ),
        }
    )


def combine_signals(
    weights: np.ndarray,
    taxonomy: np.ndarray,
    fuzzy: np.ndarray,
    centroid: np.ndarray,
    neighbours: np.ndarray,
    tax_word: np.ndarray,
) -> np.ndarray:
    """The (texts, themes) score in [0, 1]: the weighted mean of the signals.

    The cosine similarities are scaled to [0, 1] with fixed factors (typical
    similarity of a text to its theme) so that scores compare across texts.
    A theme without evidence beyond character overlap (a word in common, a
    keyword, a neighbour) scores 0.
    """
    taxonomy_s = np.clip(taxonomy / 0.35, 0, 1)
    centroid_s = np.clip(centroid / 0.5, 0, 1)
    W = weights
    score = (
        W[:, [0]] * taxonomy_s
        + W[:, [1]] * fuzzy
        + W[:, [2]] * centroid_s
        + W[:, [3]] * neighbours
    )
    evidence = (tax_word > 0) | (fuzzy > 0) | (centroid > 0) | (neighbours > 0)
    return np.clip(np.where(evidence, score, 0.0), 0, 1)
