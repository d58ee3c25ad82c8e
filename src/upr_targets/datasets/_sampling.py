"""Vectorised sampling and text-building helpers of the demo-data generator."""

from __future__ import annotations

import gc
from functools import lru_cache

import numpy as np
import pandas as pd

from ..reference import theme_crosswalk
from ._profile import profile

__all__ = [
    "code_lists",
    "compose_texts",
    "gc_paused",
    "related_themes",
    "sample_related",
    "sample_rows",
    "sdg_lists",
    "solve_intercepts",
    "str_take",
]


def sample_rows(
    prob: np.ndarray, which: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """For each i, draw a column of ``prob[which[i]]`` (rows need not sum to 1)."""
    cum = np.cumsum(prob, axis=1)
    total = cum[:, -1:]
    cum = cum / total
    cum[:, -1] = 1.0
    m = prob.shape[1]
    flat = (cum + np.arange(len(prob))[:, None]).ravel()
    u = rng.random(len(which))
    idx = np.searchsorted(flat, which + u, side="right") - which * m
    return np.clip(idx, 0, m - 1)


def related_themes(theme_names: np.ndarray) -> np.ndarray:
    """(T, T) bool: themes raised together (a cluster in common)."""
    index = {t: i for i, t in enumerate(theme_names)}
    m = np.zeros((len(theme_names), len(profile()["clusters"])), dtype=bool)
    for c, members in enumerate(profile()["clusters"]):
        for t in members:
            m[index[t], c] = True
    rel = (m.astype(int) @ m.T.astype(int)) > 0
    ii = index["International instruments"]
    rel[ii, :] = rel[:, ii] = True
    return rel


def sample_related(prob, which, first, related, rng, tries: int = 4) -> np.ndarray:
    """A theme from ``prob`` related to ``first`` (rarely an unrelated one)."""
    out = np.full(len(which), -1)
    for _ in range(tries):
        cand = sample_rows(prob, which, rng)
        ok = (related[first, cand] | (rng.random(len(which)) < 0.1)) & (cand != first)
        take = (out < 0) & ok
        out[take] = cand[take]
    return out


def solve_intercepts(
    offsets: np.ndarray, groups: np.ndarray, targets: np.ndarray
) -> np.ndarray:
    """Intercept per group so that mean(sigmoid(b + offsets)) == target (bisection)."""
    lo = np.full(len(targets), -10.0)
    hi = np.full(len(targets), 10.0)
    counts = np.bincount(groups, minlength=len(targets)).astype(float)
    counts[counts == 0] = 1.0
    for _ in range(40):
        mid = (lo + hi) / 2
        p = 1 / (1 + np.exp(-(mid[groups] + offsets)))
        mean = np.bincount(groups, weights=p, minlength=len(targets)) / counts
        too_high = mean > targets
        hi = np.where(too_high, mid, hi)
        lo = np.where(too_high, lo, mid)
    return (lo + hi) / 2


class gc_paused:
    """Pause the garbage collector while building millions of small lists."""

    def __enter__(self):
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.enabled:
            gc.enable()


def str_take(values: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``values[codes]`` as a pandas string array, converting only the distinct values."""
    arr = pd.array([v if isinstance(v, str) else pd.NA for v in values], dtype="string")
    return arr.take(np.asarray(codes, dtype=np.intp))


def _unique_rows(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(codes, axis=0) for small non-negative-or-(-1) integer codes, fast."""
    base = int(codes.max()) + 2
    key = np.zeros(len(codes), dtype=np.int64)
    for j in range(codes.shape[1]):
        key = key * base + (codes[:, j] + 1)
    ukey, first, inv = np.unique(key, return_index=True, return_inverse=True)
    return codes[first], inv.ravel()


def code_lists(codes: np.ndarray, names: np.ndarray) -> list[list[str]]:
    """Rows of theme codes (-1 = none) to fresh lists of names, via unique combos."""
    if len(codes) == 0:
        return []
    combos, inv = _unique_rows(codes)
    lists = [[names[c] for c in row if c >= 0] for row in combos]
    return _fresh_lists(lists, inv)


def _fresh_lists(lists: list[list[str]], inv: np.ndarray) -> list[list[str]]:
    """``[list(lists[i]) for i in inv]``, faster: one new list object per row."""
    objs = np.empty(len(lists), dtype=object)
    objs[:] = lists
    return list(map(list, objs[inv]))


@lru_cache(maxsize=1)
def _theme_goals() -> dict[str, list[str]]:
    cw = theme_crosswalk()
    cw = cw[(cw["source"] == "sdg") & ~cw["code"].str.contains(".", regex=False)]
    return cw.groupby("theme")["code"].agg(list).to_dict()


def sdg_lists(codes: np.ndarray, names: np.ndarray) -> list[list[str]]:
    if len(codes) == 0:
        return []
    goals = _theme_goals()
    combos, inv = _unique_rows(codes)
    lists = []
    for row in combos:
        out: list[str] = []
        for c in row:
            if c >= 0:
                for g in goals.get(names[c], []):
                    if g not in out:
                        out.append(g)
        lists.append(sorted(out, key=int))
    return _fresh_lists(lists, inv)


def compose_texts(t1, t2, t3, cat, sur_names, rng) -> np.ndarray:
    """Texts from category openings and theme wordings, vectorised over rows."""
    phrases, openings = profile()["phrases"], profile()["openings"]
    theme_names = list(profile()["theme_profile"])
    n = len(t1)
    if n == 0:
        return np.array([], dtype=object)
    # choose a wording of the main theme and an opening of the category
    n_verbs = np.array([len(phrases[t]["verbs"]) for t in theme_names])
    verb_i = (rng.random(n) * n_verbs[t1]).astype(int)
    n_open = np.array([len(openings[str(c + 1)]) for c in range(5)])
    open_i = (rng.random(n) * n_open[cat]).astype(int)
    # Build the distinct (theme, wording, category, opening) sentences once.
    key = ((t1 * 8 + verb_i) * 5 + cat) * 8 + open_i
    ukey, inv = np.unique(key, return_inverse=True)
    heads = []
    for kk in ukey:
        oi = kk % 8
        c = (kk // 8) % 5
        vi = (kk // 40) % 8
        ti = kk // 320
        noun = phrases[theme_names[ti]]["noun"]
        verb = phrases[theme_names[ti]]["verbs"][vi]
        opening = openings[str(c + 1)][oi]
        s = opening.replace("{verb}", verb).replace("{noun}", noun)
        s = s.replace("{Verb}", verb[:1].upper() + verb[1:])
        heads.append(s)
    head = np.array(heads, dtype=object)[inv]
    # split on the SuR placeholder and glue the name in
    parts = np.array([h.partition("{sur}") for h in heads], dtype=object)
    has_sur = parts[:, 1] == "{sur}"
    before = parts[:, 0][inv]
    after = parts[:, 2][inv]
    text = np.where(has_sur[inv], before + sur_names + after, head)
    # secondary themes as "in particular" clauses
    nouns = np.array([phrases[t]["noun"] for t in theme_names] + [""], dtype=object)
    t2n = np.where(t2 >= 0, t2, len(theme_names))
    t3n = np.where(t3 >= 0, t3, len(theme_names))
    clause2 = np.where(t2 >= 0, ", in particular with regard to " + nouns[t2n], "")
    clause3 = np.where(t3 >= 0, " and " + nouns[t3n], "")
    return text + clause2.astype(object) + clause3.astype(object) + "."
