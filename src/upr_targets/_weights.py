"""The weights of the score components: given, default, or learned from reviews.

Learning predicts, from the components of every candidate State at a past
review, which States recommended on a theme to that SuR (the relevant items
of :func:`~upr_targets._reviews.review_queries`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ._components import COMPONENTS, DEFAULT_WEIGHTS, DYADIC
from ._errors import UPRDataWarning
from ._features import CountTensors
from ._reviews import iter_reviews, review_queries, sample_reviews

__all__ = ["check_weight_params", "learn_dyadic", "learn_weights", "resolve_weights"]


def weight_vector(weights) -> np.ndarray:
    """Weights (a Series or dict by component) as an array in ``COMPONENTS`` order.

    A component without a weight weighs 0.
    """
    return (
        pd.Series(weights, dtype=float).reindex(list(COMPONENTS)).fillna(0.0).to_numpy()
    )


def check_weight_params(weights, dyadic) -> None:
    """Fail early on a ``weights=`` or ``dyadic=`` a ranker does not understand."""
    if isinstance(weights, str) and weights != "learn":
        raise ValueError(
            f"weights={weights!r} is not understood; use None, a dict "
            "of component weights or 'learn'"
        )
    if not isinstance(weights, str):
        resolve_weights(weights)  # unknown components
    if dyadic not in ("auto", None):
        raise ValueError(
            f"dyadic={dyadic!r} is not understood; use 'auto' or None "
            "(the weights of weights= or the defaults)"
        )


def resolve_weights(weights) -> pd.Series:
    """The default weights, updated with ``weights`` (a dict or Series) if given."""
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


def _logistic_coef(
    F: np.ndarray, y: np.ndarray, C: float = 1.0, max_iter: int = 100
) -> np.ndarray:
    """Coefficients of an L2-penalised logistic regression with intercept.

    The objective of scikit-learn's ``LogisticRegression(C=C)``:
    ``0.5 * |w|^2 + C * sum(log-loss)``, the intercept not penalised, solved
    by Newton's method (a handful of features: a small dense solve per
    step, no scikit-learn import).
    """
    X = np.column_stack([np.asarray(F, dtype=float), np.ones(len(F))])
    y = np.asarray(y, dtype=float)
    k = X.shape[1]
    penalty = np.ones(k)
    penalty[-1] = 0.0  # the intercept
    w = np.zeros(k)
    for _ in range(max_iter):
        z = X @ w
        p = 0.5 * (1.0 + np.tanh(0.5 * z))  # the logistic function, stable
        grad = C * (X.T @ (p - y)) + penalty * w
        h = C * (X.T * (p * (1.0 - p))) @ X + np.diag(penalty)
        step = np.linalg.solve(h + 1e-12 * np.eye(k), grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w[:-1]


def learn_weights(
    tensors: CountTensors,
    sessions,
    *,
    half_life: float,
    recent: int,
    smoothing: float,
    max_queries: int,
    random_state: int,
) -> pd.Series:
    """All the weights, by a logistic regression on the reviews of ``sessions``."""
    queries = review_queries(tensors, sessions, min_relevant=1)
    if len(queries) == 0:
        warnings.warn(
            "No reviews to learn the weights from in sessions "
            f"{list(sessions)}; using the default weights.",
            UPRDataWarning,
            stacklevel=4,
        )
        return resolve_weights(None)
    queries = sample_reviews(queries, max_queries, random_state)
    feats, labels = [], []
    reviews = iter_reviews(
        tensors, queries, half_life=half_life, recent=recent, smoothing=smoothing
    )
    for _grp, _q, comp, rel, ci in reviews:
        feats.append(comp[:, ci, :].reshape(-1, len(COMPONENTS)))
        labels.append(rel.ravel())
    coef = _logistic_coef(np.vstack(feats), np.concatenate(labels))
    return pd.Series(coef, index=list(COMPONENTS), name="weight")


def learn_dyadic(
    tensors: CountTensors,
    before_session,
    base_weights: pd.Series,
    *,
    half_life: float,
    recent: int,
    smoothing: float,
    max_queries: int,
    random_state: int,
) -> np.ndarray:
    """Weights of the dyadic components, from repeat reviews before a session.

    A logistic regression predicts which States recommend on a theme to a
    SuR at its repeat review from two things: the score of the other
    components (fixed weights) and the dyadic components. Their
    coefficients relative to the score's are the dyadic weights (zero, and
    no harm done, when the data hold no repeat review).
    """
    X = tensors
    p = X.session_cut(before_session)
    queries = review_queries(X, X.sessions[:p], min_relevant=1)
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
    queries = sample_reviews(queries, max_queries, random_state)
    dy = [COMPONENTS.index(c) for c in DYADIC]
    w = weight_vector(base_weights).copy()  # set below
    w[dy] = 0.0
    feats, labels = [], []
    reviews = iter_reviews(
        X, queries, half_life=half_life, recent=recent, smoothing=smoothing
    )
    for _grp, _q, comp, rel, ci in reviews:
        c = comp[:, ci, :]
        feats.append(np.concatenate([(c @ w)[..., None], c[..., dy]], axis=-1))
        labels.append(rel)
    F = np.concatenate([f.reshape(-1, 1 + len(dy)) for f in feats])
    y = np.concatenate([r.ravel() for r in labels])
    coef = _logistic_coef(F, y)
    if coef[0] <= 0:
        return np.zeros(len(DYADIC))
    return np.round(np.clip(coef[1:] / coef[0], 0.0, None), 3)
