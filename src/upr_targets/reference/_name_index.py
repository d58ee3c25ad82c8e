"""The index that name resolution searches: folded names, codes, fuzzy matches.

Every name of ``data/states.csv`` (canonical, formal, UN) and every alias of
``data/state_aliases.csv`` is folded with :func:`~upr_targets._utils.name_key`
into one dictionary; ISO codes are matched in upper case; country_converter's
regular expressions and rapidfuzz similarities serve the names that are not
in it. :mod:`upr_targets.reference._names` decides what to accept.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .._utils import name_key as state_key
from .._utils import read_package_csv
from ._states import by_iso3, state_table

__all__ = [
    "DISTINCT_MIN",
    "NOT_STATES",
    "by_converter",
    "by_ratio",
    "closest",
    "codes",
    "name_index",
    "keys_of",
]

DISTINCT_MIN = 80.0

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


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Folded key -> iso3, from the table and the alias file."""
    df = state_table()
    index: dict[str, str] = {}
    for col in ("un_name", "official_name", "name"):
        for value, iso3 in zip(df[col], df["iso3"], strict=True):
            index[state_key(value)] = iso3
    aliases = read_package_csv("state_aliases.csv")
    unknown = set(aliases["iso3"]) - set(df["iso3"])
    if unknown:  # pragma: no cover - guards the data file
        raise ValueError(f"state_aliases.csv names unknown ISO codes {sorted(unknown)}")
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"], strict=True):
        index[state_key(alias)] = iso3
    return index


@lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """ISO 3166 alpha-2 and alpha-3 code -> iso3 (matched in upper case only)."""
    df = state_table()
    return {
        **dict(zip(df["iso2"], df["iso3"], strict=True)),
        **dict(zip(df["iso3"], df["iso3"], strict=True)),
    }


@lru_cache(maxsize=1)
def _converter():
    """A country_converter instance built from its own data file.

    country_converter 1.3 fails to parse its data with pandas 3 (empty ISO2
    codes become NaN and break its regular expressions); reading the file
    ourselves and passing the frame works around it.
    """
    import country_converter as coco

    path = resources.files("country_converter") / "country_data.tsv"
    with path.open("r", encoding="utf-8") as f:
        data = pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False)
    data = data.replace("", np.nan)
    for col in ("name_short", "name_official", "regex", "ISO2", "ISO3"):
        data[col] = data[col].fillna("").astype(object)
    for col in ("UNmember", "obsolete"):
        data[col] = pd.to_numeric(data[col], errors="coerce").astype("Int64")
    data = data[data["regex"] != ""].reset_index(drop=True)
    return coco.CountryConverter(country_data=data)


def by_converter(text: str) -> str | None:
    """The one State country_converter's regular expressions find in ``text``."""
    logger = logging.getLogger("country_converter.country_converter")
    level = logger.level
    logger.setLevel(logging.ERROR)  # it logs every value it does not find
    try:
        found = _converter().convert(
            text, src="regex", to="ISO3", not_found=None, enforce_list=True
        )
    finally:
        logger.setLevel(level)
    found = found[0] if found and isinstance(found[0], list) else found
    hits = {str(x) for x in found} & set(by_iso3())
    if len(found) == 1 and len(hits) == 1:
        return hits.pop()
    return None


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


def by_ratio(key: str) -> list[tuple[str, float]]:
    """States by their best plain similarity (rapidfuzz ratio) to ``key``.

    A State's score is the whole-key similarity, unless the words the two
    keys do not share are less than ``DISTINCT_MIN`` alike (see
    :func:`_distinct_ratio`): then it is that lower similarity, so that shared
    words such as "Republic of" do not make two different names look alike
    ("Republic of Narnia" is not Armenia; "Untied Kingdom" is the United
    Kingdom).
    """
    from rapidfuzz import fuzz, process

    keys, codes = _fuzzy_choices()
    best: dict[str, float] = {}
    for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, limit=30):
        distinct = _distinct_ratio(key, keys[i])
        if distinct < DISTINCT_MIN:
            score = min(score, distinct)
        best[codes[i]] = max(best.get(codes[i], 0.0), score)
    return sorted(best.items(), key=lambda kv: -kv[1])


def closest(key: str, limit: int = 3) -> list[tuple[str, float]]:
    """Closest States to ``key`` as (iso3, score), best first, one per State."""
    from rapidfuzz import fuzz, process

    keys, codes = _fuzzy_choices()
    best: dict[str, float] = {}
    for scorer in (fuzz.ratio, fuzz.WRatio):
        for _, score, i in process.extract(key, keys, scorer=scorer, limit=20):
            iso3 = codes[i]
            weight = score if scorer is fuzz.ratio else score - 5.0
            best[iso3] = max(best.get(iso3, 0.0), weight)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    return ranked[:limit]
