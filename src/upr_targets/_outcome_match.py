"""Which recommendations of a review carry the NGO's own (``match_outcome``).

An NGO's wording and a State's rarely share many words, so one lexical score
is not enough. Each (NGO recommendation, review recommendation) pair gets
three similarities, each a cosine in [0, 1]:

- ``word_similarity``: TF-IDF of words and word pairs (English stop words
  left out, sublinear term frequency), fitted on the review and the NGO's
  texts;
- ``char_similarity``: TF-IDF of character 3- to 5-grams within words, so
  that "criminalise" meets "criminalize" and "journalists" meets
  "journalism";
- ``theme_similarity``: the cosine of the two texts' theme scores from
  :class:`ThemeMatcher` (the taxonomy, and the corpus when one is given):
  "a safe space for minorities" and "combat hate speech" share no word but
  the same themes.

Each similarity is standardized against the review itself (how many
standard deviations above the review's typical recommendation the pair
stands), and ``score`` is their mean. Because the background is the review
itself, a threshold on ``score`` means the same in a review of 40
recommendations as in one of 300, and whatever the texts' length; see
``STRENGTH_THRESHOLDS``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._errors import UPRDataWarning
from ._matching import matcher_for
from ._outcome_schema import (
    LEXICAL_FLOOR,
    OUTCOME_MATCH_COLUMNS,
    STRENGTH_THRESHOLDS,
    STRENGTHS,
)
from ._schema import validate
from .io import load_advocacy
from .io._advocacy import ADVOCACY_COLUMNS

__all__ = ["match_outcome", "review_candidates", "strength_of"]

_VERBATIM = 90
"""rapidfuzz ``token_set_ratio`` from which a pair is "very similar" whatever
its score: the State took the NGO's wording over."""


def _as_advocacy(advocacy) -> pd.DataFrame:
    if isinstance(advocacy, pd.DataFrame) and set(ADVOCACY_COLUMNS) <= set(
        advocacy.columns
    ):
        return advocacy
    return load_advocacy(advocacy)


def review_candidates(outcome: pd.DataFrame, *, sur=None, session=None) -> pd.DataFrame:
    """The outcome's rows for one review, with a check that it is one review.

    Raises ``ValueError`` naming the reviews found when ``outcome`` holds
    several (a UPR Info export of many reviews) and ``sur``/``session`` do
    not pick one.
    """
    from .reference import normalize_state

    validate(outcome, name="outcome")
    rows = outcome
    if sur is not None:
        rows = rows[rows["sur"] == normalize_state(sur)]
    if session is not None:
        rows = rows[rows["session"] == int(session)]
    if rows.empty:
        raise ValueError(
            f"No recommendations in the outcome for sur={sur!r}, session={session!r}; "
            f"the outcome holds {_reviews_text(outcome)}."
        )
    if rows[["sur", "session"]].drop_duplicates().shape[0] > 1:
        raise ValueError(
            f"The outcome holds several reviews ({_reviews_text(rows)}); pick one "
            "with sur= and session= (CLI: --sur, --session)."
        )
    return rows


def _reviews_text(df: pd.DataFrame) -> str:
    pairs = df[["sur", "session"]].drop_duplicates().head(6)
    text = ", ".join(f"{s} (session {n})" for s, n in pairs.itertuples(index=False))
    more = df[["sur", "session"]].drop_duplicates().shape[0] - len(pairs)
    return text + (f" and {more} more" if more > 0 else "")


def _standardized(S: np.ndarray) -> np.ndarray:
    """Each row as standard deviations above its own mean (0 where flat)."""
    sd = S.std(axis=1, keepdims=True)
    return np.divide(
        S - S.mean(axis=1, keepdims=True),
        sd,
        out=np.zeros_like(S),
        where=sd > 1e-12,
    )


def _similarities(queries: list[str], texts: list[str], corpus) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .reference import expand_acronyms

    everything = [expand_acronyms(t) for t in texts + queries]
    out = {}
    for name, vec in (
        (
            "word_similarity",
            TfidfVectorizer(
                sublinear_tf=True, stop_words="english", ngram_range=(1, 2)
            ),
        ),
        (
            "char_similarity",
            TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5)),
        ),
    ):
        X = vec.fit_transform(everything)
        out[name] = (X[len(texts) :] @ X[: len(texts)].T).toarray()
    matcher = matcher_for(corpus)
    T = matcher.transform(everything).to_numpy()
    norms = np.linalg.norm(T, axis=1, keepdims=True)
    T = np.divide(T, norms, out=np.zeros_like(T), where=norms > 0)
    out["theme_similarity"] = T[len(texts) :] @ T[: len(texts)].T
    return out


def _different_instruments(queries: list[str], texts: list[str]) -> np.ndarray:
    """(queries, texts): True where both ask to join instruments, none in common."""
    from .reference._instruments import different_instruments, instruments_of

    q, t = instruments_of(queries, joining=True), instruments_of(texts, joining=True)
    out = np.zeros((len(q), len(t)), dtype=bool)
    for i, a in enumerate(q):
        if a:
            out[i] = [different_instruments(a, b) for b in t]
    return out


def strength_of(score, verbatim=None, lexical=None) -> np.ndarray:
    """The ``strength`` label of scores (``STRENGTH_THRESHOLDS``); "" below all.

    ``lexical`` (bool, same shape): the pair shares enough words
    (``LEXICAL_FLOOR``); where it does not, the label is at most "related".

    Examples
    --------
    >>> from upr_targets._outcome_match import strength_of
    >>> strength_of([4.0, 3.0, 2.0, 0.5]).tolist()
    ['very similar', 'similar', 'related', '']
    """
    score = np.asarray(score, dtype=float)
    out = np.full(score.shape, "", dtype=object)
    for label in reversed(STRENGTHS):
        out[score >= STRENGTH_THRESHOLDS[label]] = label
    if lexical is not None:
        weak = ~np.asarray(lexical, dtype=bool) & (out != "")
        out[weak] = STRENGTHS[-1]
    if verbatim is not None:
        out[np.asarray(verbatim, dtype=bool)] = STRENGTHS[0]
    return out


def match_outcome(
    advocacy,
    outcome: pd.DataFrame,
    *,
    top: int | None = 10,
    min_score: float | str = "related",
    corpus: pd.DataFrame | None = None,
    sur: str | None = None,
    session: int | None = None,
) -> pd.DataFrame:
    """Find the review's recommendations that carry each of the NGO's own.

    Parameters
    ----------
    advocacy : DataFrame, path or list
        The NGO's recommendations: a table from :func:`load_advocacy`, or
        anything :func:`load_advocacy` reads (a file, a list of texts).
    outcome : pandas.DataFrame
        The recommendations of the review, normalized (a Working Group
        report, an OHCHR matrix, UHRI rows or a UPR Info export, through
        :func:`load_recommendations`).
    top : int or None, default 10
        Recommendations (paragraphs) kept per NGO recommendation, best
        first; ``None`` keeps all above ``min_score``.
    min_score : float or {"very similar", "similar", "related"}, default "related"
        Lowest ``score`` kept, or the weakest strength kept.
    corpus : pandas.DataFrame, optional
        Past recommendations (every one the user has loaded) to fit the
        theme matcher on; without it the theme taxonomy alone is used.
    sur, session : optional
        Pick one review when ``outcome`` holds several.

    Returns
    -------
    pandas.DataFrame
        One row per (NGO recommendation, recommendation of the review,
        recommending State), columns ``OUTCOME_MATCH_COLUMNS`` (see
        :mod:`upr_targets._schema`). A paragraph made by several States has
        one row per State, all with the same ``rank``. NGO recommendations
        that nothing carries have no row; :func:`outcome_summary` lists them.

    Examples
    --------
    >>> import upr_targets
    >>> demo = upr_targets.load_demo()
    >>> review = demo[(demo["sur"] == "Kenya") & (demo["session"] == 35)]
    >>> ours = ["Abolish the death penalty and commute every death sentence"]
    >>> m = upr_targets.match_outcome(ours, review, top=3)
    >>> m[["advocacy_id", "rank", "strength"]].head(1).to_dict("records")
    [{'advocacy_id': 'R1', 'rank': 1, 'strength': 'very similar'}]
    """
    from rapidfuzz import fuzz, process, utils

    adv = _as_advocacy(advocacy).reset_index(drop=True)
    rows = review_candidates(outcome, sur=sur, session=session)
    if isinstance(min_score, str) and min_score not in STRENGTH_THRESHOLDS:
        raise ValueError(
            f"min_score={min_score!r}: use a number or one of {list(STRENGTHS)}"
        )
    threshold = (
        STRENGTH_THRESHOLDS[min_score] if isinstance(min_score, str) else min_score
    )
    key = rows["recommendation_id"].astype(str).to_numpy()
    first = ~pd.Series(key).duplicated().to_numpy()
    paras = rows[first].reset_index(drop=True)
    if adv.empty:
        return pd.DataFrame(columns=list(OUTCOME_MATCH_COLUMNS))
    queries = adv["advocacy_text"].astype(str).tolist()
    texts = paras["text"].astype(str).tolist()
    sims = _similarities(queries, texts, corpus)
    score = np.mean([_standardized(S) for S in sims.values()], axis=0)
    ratio = process.cdist(
        queries,
        texts,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        dtype=np.uint8,
    )
    # "ratify the Optional Protocol to the CAT" does not carry "... to the
    # ICESCR": asks to join different instruments are at most "related"
    other = _different_instruments(queries, texts)
    verbatim = (ratio >= _VERBATIM) & (sims["word_similarity"] > 0.5) & ~other
    lexical = np.logical_or.reduce([sims[k] >= v for k, v in LEXICAL_FLOOR.items()])
    lexical &= ~other
    keep = (score >= threshold) | verbatim
    strength = strength_of(score, verbatim, lexical=lexical)
    # best first by score; an ask to join another instrument after the rest
    # (on the labelled reviews, sorting every "related" pair after the
    # "similar" ones lost more than it gained: MRR 1.00 -> 0.95 on Egypt 2014)
    order = np.argsort(
        np.where(keep, np.where(other, 1e6, 0.0) - score, np.inf),
        axis=1,
        kind="stable",
    )
    n_keep = keep.sum(axis=1)
    if top is not None:
        n_keep = np.minimum(n_keep, int(top))
    q_idx = np.repeat(np.arange(len(adv)), n_keep)
    p_idx = np.concatenate([order[i, :k] for i, k in enumerate(n_keep)]).astype(int)
    rank = np.concatenate([np.arange(1, k + 1) for k in n_keep]).astype(int)
    pairs = pd.DataFrame(
        {
            "advocacy_id": adv["advocacy_id"].to_numpy()[q_idx],
            "rank": rank,
            "score": score[q_idx, p_idx].round(3),
            "strength": strength[q_idx, p_idx],
            **{n: S[q_idx, p_idx].round(3) for n, S in sims.items()},
            "fuzzy_ratio": ratio[q_idx, p_idx].astype(int),
            "recommendation_id": paras["recommendation_id"]
            .astype(str)
            .to_numpy()[p_idx],
        }
    )
    states = rows.assign(recommendation_id=key)
    out = pairs.merge(
        adv[["advocacy_id", "issue", "advocacy_text", "targeted_states", "lobbied_on"]],
        on="advocacy_id",
        how="left",
    ).merge(states, on="recommendation_id", how="left", sort=False)
    out["targeted"] = [
        isinstance(rs, str) and rs in t
        for rs, t in zip(out["recommending_state"], out["targeted_states"], strict=True)
    ]
    missing = adv[~adv["advocacy_id"].isin(pairs["advocacy_id"])]
    if len(missing):
        # an NGO recommendation nothing carries keeps one row, without a match
        out = pd.concat(
            [out, missing.assign(strength="not taken up", targeted=False)],
            ignore_index=True,
        )
    order_q = {a: i for i, a in enumerate(adv["advocacy_id"])}
    out = (
        out.assign(_q=out["advocacy_id"].map(order_q))
        .sort_values(["_q", "rank", "recommending_state"], kind="stable")
        .reset_index(drop=True)
    )
    out["rank"] = out["rank"].astype("Int64")
    out = out[list(OUTCOME_MATCH_COLUMNS)]
    if len(missing) == len(adv):
        import warnings

        warnings.warn(
            "None of the review's recommendations reaches min_score for any of "
            f"the NGO's {len(adv)} recommendations; lower min_score (now {threshold}).",
            UPRDataWarning,
            stacklevel=2,
        )
    return out
