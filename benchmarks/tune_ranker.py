"""Choose the ranker's default weights by cross-validation on sessions 7-12.

Run: ``python benchmarks/tune_ranker.py`` (about a minute). For each recency
half-life of a grid and each fold (test session v in 7..12), a logistic
regression learns the component weights from the reviews of sessions 3..v-1
(evidence strictly before each review) and is scored on the reviews of session
v. The half-life with the best mean NDCG@10 wins; the defaults are the mean of
its per-fold weights (rounded, negative ones set to 0), checked again on every
fold. The same folds compare the component set with and without
``theme_region_interest`` (added in the second round of tuning). Sessions
13-17 are never used here.

``theme_history`` and ``acceptance_history`` are not learned: their weights
came out negative in the first round of tuning (-0.03 and -0.12) and a
component is meant as evidence *for* a State, so they are fixed at 0.

Sessions 1-12 are the first UPR cycle: no SuR had a previous review, so the
two dyadic components (``sur_interest``, ``sur_theme_interest``) are zero and
their weights cannot be learned here; the ranker learns them at fit time from
the repeat reviews in its own data (``dyadic="auto"``, see
``docs/methodology.md``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from _data import load_upr_info
from sklearn.linear_model import LogisticRegression

from upr_targets import UPRDataWarning
from upr_targets._backtest import _metrics
from upr_targets._components import COMPONENTS, DYADIC
from upr_targets._ranking import TargetRanker
from upr_targets._reviews import iter_reviews, review_queries

HALF_LIVES = (0.5, 1.0, 1.5, 2.0, 4.0)
FOLDS = range(7, 13)
LEARN_FROM = 3
NON_DYADIC = [c for c in COMPONENTS if c not in DYADIC]
FIXED_ZERO = ("theme_history", "acceptance_history")
LEARNED = [c for c in NON_DYADIC if c not in FIXED_ZERO]
WITHOUT_NEW = [c for c in LEARNED if c != "theme_region_interest"]


def collect(df, half_life):
    ranker = TargetRanker(half_life=half_life, dyadic=None).fit(df)
    X = ranker.tensors_
    queries = review_queries(X, range(LEARN_FROM, max(FOLDS) + 1), min_relevant=1)
    items = []
    rng = np.random.default_rng(0)
    tiebreak = rng.permutation(len(X.states)).astype(float)
    for grp, _q, comp, rel, ci in iter_reviews(
        X,
        queries,
        half_life=ranker.half_life,
        recent=ranker.recent,
        smoothing=ranker.smoothing,
    ):
        session = int(grp["session"].iloc[0])
        for i in range(len(grp)):
            items.append(
                (session, comp[i][ci], rel[i], tiebreak[ci], grp["n_relevant"].iloc[i])
            )
    return items


def evaluate(items, w, sessions):
    out = {"ndcg@10": [], "map": []}
    for session, comp, rel, tb, n in items:
        if session in sessions and n >= 2:
            met = _metrics((comp @ w)[None, :], rel[None, :], tb)
            out["ndcg@10"].append(met["ndcg@10"][0])
            out["map"].append(met["map"][0])
    return {k: float(np.mean(v)) for k, v in out.items()}


def learn(items, sessions, learned=LEARNED):
    F = np.vstack([c for s, c, r, tb, n in items if s in sessions])
    y = np.concatenate([r for s, c, r, tb, n in items if s in sessions])
    cols = [COMPONENTS.index(c) for c in learned]
    model = LogisticRegression(C=1.0, max_iter=2000).fit(F[:, cols], y)
    w = np.zeros(len(COMPONENTS))
    w[cols] = model.coef_[0]
    return w


def main():
    warnings.simplefilter("ignore", UPRDataWarning)
    df = load_upr_info()
    rows, weights = [], {}
    for hl in HALF_LIVES:
        items = collect(df, hl)
        for v in FOLDS:
            w = learn(items, set(range(LEARN_FROM, v)))
            weights[(hl, v)] = w
            rows.append({"half_life": hl, "fold": v, **evaluate(items, w, {v})})
            if hl == 1.5:
                w0 = learn(items, set(range(LEARN_FROM, v)), WITHOUT_NEW)
                ev = evaluate(items, w0, {v})
                rows[-1].update({f"{k}_without_theme_region": x for k, x in ev.items()})
        print(f"half-life {hl}: done", flush=True)
    table = pd.DataFrame(rows)
    print("\nHalf-life 1.5, with and without theme_region_interest, by fold:")
    cmp = table[table["half_life"] == 1.5].drop(columns="half_life")
    print(cmp.round(4).to_string(index=False))
    print(cmp.drop(columns="fold").mean().round(4).to_string())
    print("\nPer-fold weights learned on sessions 3..v-1, scored on session v:")
    print(table.pivot(index="fold", columns="half_life", values="ndcg@10").round(4))
    mean = table.groupby("half_life")[["ndcg@10", "map"]].mean()
    print("\nMean over folds 7-12 (learned weights):")
    print(mean.round(4))
    best = mean["ndcg@10"].idxmax()
    mean_w = np.round(np.mean([weights[(best, v)] for v in FOLDS], axis=0), 2)
    # components are evidence *for* a State: a negative weight is set to 0
    w = np.clip(mean_w, 0.0, None)
    print(f"\nChosen half-life: {best}; weights (mean over folds, then clipped at 0):")
    print(pd.DataFrame({"mean_learned": mean_w, "default": w}, index=COMPONENTS))
    items = collect(df, best)
    fixed = pd.DataFrame(
        [
            {
                "fold": v,
                **evaluate(items, w, {v}),
                **{
                    f"{k}_unclipped": x for k, x in evaluate(items, mean_w, {v}).items()
                },
            }
            for v in FOLDS
        ]
    )
    print("\nFixed default weights on each fold (in-sample for the weights):")
    print(fixed.round(4).to_string(index=False))
    print(fixed.drop(columns="fold").mean().round(4).to_string())


if __name__ == "__main__":
    main()
