"""The index that name resolution searches: folded names, codes, cores, fuzzy matches.

Every name of ``data/states.csv`` (canonical, formal, UN) and every alias of
``data/state_aliases.csv`` is folded with :func:`~upr_targets._utils.name_key`
into one dictionary; ISO codes are matched in upper case; a name's *core*
(its words without the qualifiers of formal names: "republic", "of",
"federal", ...) identifies it when exactly one State has that core; rapidfuzz
similarities serve misspellings. :mod:`upr_targets.reference._names` decides
what to accept.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .._utils import name_key as state_key
from .._utils import read_package_csv
from ._states import state_table

__all__ = [
    "NOT_STATES",
    "QUALIFIER_WORDS",
    "closest",
    "codes",
    "core",
    "core_index",
    "fuzzy_ranking",
    "keys_of",
    "name_index",
    "names_only",
]

# Folded keys of values that are not States although exports put them where a
# State belongs: unknown recommending States, groups and organisations.
NOT_STATES = frozenset(
    {
        "",
        "unknown",
        "na",
        "n a",
        "none",
        "nan",
        "european union",
        "eu",
        "african union",
        "african group",
        "arab group",
        "group of arab states",
        "nordic countries",
        "nordic states",
        "benelux",
        "organisation of islamic cooperation",
        "organization of islamic cooperation",
        "oic",
        "league of arab states",
        "arab league",
        "observer",
        "kosovo",
        "taiwan",
        "sovereign order of malta",
        "order of malta",
        # former States
        "czechoslovakia",
        "yugoslavia",
        "federal republic of yugoslavia",
        "serbia and montenegro",
        "ussr",
        "soviet union",
        "union of soviet socialist republics",
        "east germany",
        "german democratic republic",
        "netherlands antilles",
    }
)

# Words of formal-name qualifiers ("Republic of", "Iran, Islamic Rep.",
# "Congo, Dem. Rep."): a name without them is its core.
QUALIFIER_WORDS = frozenset(
    "republic rep of islamic democratic dem peoples people federal federated "
    "states state plurinational bolivarian united kingdom arab socialist "
    "principality grand duchy sultanate commonwealth independent hashemite "
    "union and the".split()
)

DISTINCT_MIN = 80.0
"""Words two keys do not share must be this alike for the keys to count as alike."""

_PAREN = re.compile(r"^\s*(?P<a>[^(]+?)\s*\((?P<b>[^)]+)\)\s*$")
_COMMA = re.compile(r"^\s*(?P<a>[^,]+?)\s*,\s*(?P<b>[^,]+?)\s*$")


def keys_of(text: str) -> list[str]:
    """Folded keys to try for ``text``: as is, then qualifier-first forms."""
    text = html.unescape(str(text)).strip()
    keys = [state_key(text)]
    for pattern in (_PAREN, _COMMA):
        m = pattern.match(text)
        if m:
            a, b = m.group("a"), m.group("b")
            keys.append(state_key(f"{b} {a}"))
    return keys


def core(key: str) -> str:
    """A folded name without its qualifier words ("republic of niger" -> "niger")."""
    return " ".join(w for w in key.split() if w not in QUALIFIER_WORDS)


@lru_cache(maxsize=1)
def names_only() -> dict[str, str]:
    """Folded canonical, formal and UN names -> iso3 (no aliases)."""
    df = state_table()
    index: dict[str, str] = {}
    for col in ("un_name", "official_name", "name"):
        for value, iso3 in zip(df[col], df["iso3"], strict=True):
            index[state_key(value)] = iso3
    return index


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Folded key -> iso3, from the table and the alias file."""
    df = state_table()
    index = dict(names_only())
    aliases = read_package_csv("state_aliases.csv")
    unknown = set(aliases["iso3"]) - set(df["iso3"])
    if unknown:  # pragma: no cover - guards the data file
        raise ValueError(f"state_aliases.csv names unknown ISO codes {sorted(unknown)}")
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"], strict=True):
        index.setdefault(state_key(alias), iso3)
    return index


@lru_cache(maxsize=1)
def core_index() -> dict[str, str]:
    """Core of a name or alias -> iso3, for the cores that only one State has."""
    found: dict[str, set[str]] = {}
    for key, iso3 in name_index().items():
        c = core(key)
        if len(c) >= 4:
            found.setdefault(c, set()).add(iso3)
    return {c: next(iter(s)) for c, s in found.items() if len(s) == 1}


@lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """ISO 3166 alpha-2 and alpha-3 code -> iso3 (matched in upper case only)."""
    df = state_table()
    return {
        **dict(zip(df["iso2"], df["iso3"], strict=True)),
        **dict(zip(df["iso3"], df["iso3"], strict=True)),
    }


@lru_cache(maxsize=1)
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    index = name_index()
    keys = [k for k in index if len(k) > 3]  # no fuzzy match on ISO codes
    return keys, [index[k] for k in keys]


def _distinct_ratio(a: str, b: str) -> float:
    """Similarity of what two keys do not share word for word.

    "republic of narnia" and "republic of armenia" are close as wholes only
    because of their common words; compared on "narnia" / "armenia" they are
    not. Keys with no word in common are compared whole.
    """
    from rapidfuzz import fuzz

    wa, wb = a.split(), b.split()
    common = set(wa) & set(wb)
    ra = " ".join(w for w in wa if w not in common)
    rb = " ".join(w for w in wb if w not in common)
    if not ra or not rb:
        return fuzz.ratio(a, b)
    return fuzz.ratio(ra, rb)


def fuzzy_ranking(key: str) -> list[tuple[str, float, str]]:
    """States by their best similarity to ``key``: (iso3, score, the key matched).

    A State's score is the rapidfuzz ratio of the whole keys, capped by the
    similarity of the words they do not share when that is below
    ``DISTINCT_MIN`` (see :func:`_distinct_ratio`), so that common words such as "Republic of" do not make two different
    names look alike ("Republic of Narnia" is not Armenia; "Untied Kingdom"
    is the United Kingdom).
    """
    from rapidfuzz import fuzz, process

    keys, iso3s = _fuzzy_choices()
    best: dict[str, tuple[float, str]] = {}
    for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, limit=30):
        distinct = _distinct_ratio(key, keys[i])
        if distinct < DISTINCT_MIN:
            score = min(score, distinct)
        if score > best.get(iso3s[i], (-1.0, ""))[0]:
            best[iso3s[i]] = (score, keys[i])
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    return [(iso3, score, matched) for iso3, (score, matched) in ranked]


def closest(key: str, limit: int = 3) -> list[tuple[str, float]]:
    """Closest States to ``key`` as (iso3, score), best first, one per State.

    For suggestions in error messages: rapidfuzz's plain and weighted ratios.
    """
    from rapidfuzz import fuzz, process

    keys, iso3s = _fuzzy_choices()
    best: dict[str, float] = {}
    for scorer in (fuzz.ratio, fuzz.WRatio):
        for _, score, i in process.extract(key, keys, scorer=scorer, limit=20):
            weight = score if scorer is fuzz.ratio else score - 5.0
            best[iso3s[i]] = max(best.get(iso3s[i], 0.0), weight)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return ranked[:limit]
