"""UN member and observer States: canonical names, ISO codes, groups, blocs.

The table lives in ``data/states.csv`` (193 member States and the two
non-member observer States); other spellings of their names in
``data/state_aliases.csv``. See ``docs/reference-data.md`` for the sources.

Name resolution (:func:`normalize_state`, :func:`resolve_states`) goes, for
each distinct value, through:

1. ISO 3166 alpha-2 and alpha-3 codes, in upper case ("GB", "GBR", "NA");
2. an exact lookup of a folded key (case, accents, punctuation, "&"/"and",
   "St"/"Saint" and "the" ignored; "Iran (Islamic Republic of)" and
   "Korea, Republic of" also tried as "Islamic Republic of Iran", "Republic of
   Korea") in the canonical, formal and UN names and the aliases; values that
   are not States ("(Unknown)", "European Union", former States) and values
   naming two States or more ("France, Germany") stop here, unresolved;
3. country_converter's regular expressions, kept only when they give exactly
   one State of the table and no other State is closer by spelling;
4. a fuzzy match (rapidfuzz) of the key, accepted only when it is close
   (similarity >= 85) and clearly better than the next State (by 4 points).

Anything else raises :class:`~upr_targets.UnknownStateError` with the three
closest canonical names. Results are cached, so that a column of 33,000 rows
costs one lookup per distinct value.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ._errors import UnknownStateError
from ._schema import REGIONAL_GROUPS

__all__ = ["normalize_group", "normalize_state", "resolve_states", "states"]

_FUZZY_MIN = 85.0
_FUZZY_MARGIN = 4.0
_DISTINCT_MIN = 80.0

# Folded keys of values that are not States although exports put them where a
# State belongs: unknown recommending States, groups and organisations.
_NOT_STATES = frozenset(
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


# ---------------------------------------------------------------- the table


def _data_file(name: str):
    return resources.files("upr_targets") / "data" / name


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    with _data_file("states.csv").open("r", encoding="utf-8") as f:
        df = pd.read_csv(f, comment="#", dtype=str, keep_default_na=False)
    df["group"] = df["group"].replace("", pd.NA).astype("string")
    for col in df.columns.drop("group"):
        df[col] = df[col].astype("string")
    df["memberships"] = [m.split(";") if m else [] for m in df["memberships"]]
    return df


def states() -> pd.DataFrame:
    """Return the UN member and observer States with their groups and blocs.

    Returns
    -------
    pandas.DataFrame
        One row per State (193 members, then the Holy See and the State of
        Palestine as observers), columns:

        - ``name``: canonical short name, the UN short name with parenthetical
          qualifiers dropped ("Iran", "United Kingdom", "Bolivia", "Türkiye");
          this is the name used everywhere in upr_targets;
        - ``official_name``: the UN formal name ("Islamic Republic of Iran");
        - ``un_name``: the short name as UN documents print it
          ("Iran (Islamic Republic of)");
        - ``iso3``, ``iso2``: ISO 3166-1 codes;
        - ``group``: UN regional group, one of ``REGIONAL_GROUPS`` (missing
          for the Holy See); the United States is counted in WEOG;
        - ``status``: "member" or "observer";
        - ``memberships``: list of bloc codes ("EU", "AU", "OIC", "AL",
          "GCC", "ASEAN", "OAS", "Commonwealth", "OIF", "CIS", "PIF",
          "CARICOM", "NAM", "OECD").

        A fresh copy: changing it does not change the library's table.

    See Also
    --------
    normalize_state : resolve any spelling of a State's name.

    Examples
    --------
    >>> from upr_targets import states
    >>> df = states()
    >>> int((df["status"] == "member").sum())
    193
    >>> row = df.set_index("iso3").loc["GBR"]
    >>> row["name"], row["group"], "Commonwealth" in row["memberships"]
    ('United Kingdom', 'WEOG', True)
    """
    df = _table().copy()
    df["memberships"] = [list(m) for m in df["memberships"]]
    return df


# ------------------------------------------------------------- name folding

_PUNCT = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name."""
    text = html.unescape(str(text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = text.replace("'", "")
    text = _PUNCT.sub(" ", text)
    words = [w for w in text.split() if w != "the"]
    words = ["saint" if w in ("st", "ste") else w for w in words]
    return " ".join(words)


_PAREN = re.compile(r"^\s*(?P<a>[^(]+?)\s*\((?P<b>[^)]+)\)\s*$")
_COMMA = re.compile(r"^\s*(?P<a>[^,]+?)\s*,\s*(?P<b>[^,]+?)\s*$")


def _keys(text: str) -> list[str]:
    """Folded keys to try for ``text``: as is, then qualifier-first forms."""
    text = html.unescape(str(text)).strip()
    keys = [_fold(text)]
    for pattern in (_PAREN, _COMMA):
        m = pattern.match(text)
        if m:
            a, b = m.group("a"), m.group("b")
            keys.append(_fold(f"{b} {a}"))
    return keys


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded key -> iso3, from the table and the alias file."""
    df = _table()
    index: dict[str, str] = {}
    for col in ("un_name", "official_name", "name"):
        for value, iso3 in zip(df[col], df["iso3"], strict=True):
            index[_fold(value)] = iso3
    with _data_file("state_aliases.csv").open("r", encoding="utf-8") as f:
        aliases = pd.read_csv(f, comment="#", dtype=str, keep_default_na=False)
    unknown = set(aliases["iso3"]) - set(df["iso3"])
    if unknown:  # pragma: no cover - guards the data file
        raise ValueError(f"state_aliases.csv names unknown ISO codes {sorted(unknown)}")
    for alias, iso3 in zip(aliases["alias"], aliases["iso3"], strict=True):
        index[_fold(alias)] = iso3
    return index


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """ISO 3166 alpha-2 and alpha-3 code -> iso3 (matched in upper case only)."""
    df = _table()
    return {
        **dict(zip(df["iso2"], df["iso3"], strict=True)),
        **dict(zip(df["iso3"], df["iso3"], strict=True)),
    }


@lru_cache(maxsize=1)
def _by_iso3() -> dict[str, tuple[str, str, object]]:
    df = _table()
    return {
        iso3: (name, iso3, group)
        for name, iso3, group in zip(df["name"], df["iso3"], df["group"], strict=True)
    }


@lru_cache(maxsize=1)
def _converter():
    """A country_converter instance, or None when it cannot be built.

    country_converter 1.3 fails to parse its own data with pandas 3 (empty
    ISO2 codes become NaN); reading the data file ourselves and passing the
    frame works around it.
    """
    try:
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
    except Exception:  # pragma: no cover - optional helper
        return None


def _by_converter(text: str) -> str | None:
    conv = _converter()
    if conv is None:  # pragma: no cover
        return None
    logger = logging.getLogger("country_converter.country_converter")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        found = conv.convert(
            text, src="regex", to="ISO3", not_found=None, enforce_list=True
        )
    except Exception:  # pragma: no cover - defensive: never fail here
        return None
    finally:
        logger.setLevel(level)
    found = found[0] if found and isinstance(found[0], list) else found
    hits = {str(x) for x in found} & set(_by_iso3())
    if len(found) == 1 and len(hits) == 1:
        return hits.pop()
    return None


@lru_cache(maxsize=1)
def _fuzzy_choices() -> tuple[list[str], list[str]]:
    index = _index()
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


def _by_ratio(key: str) -> list[tuple[str, float]]:
    """States by their best plain similarity (rapidfuzz ratio) to ``key``.

    A State's score is the whole-key similarity, unless the words the two
    keys do not share are less than ``_DISTINCT_MIN`` alike (see
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
        if distinct < _DISTINCT_MIN:
            score = min(score, distinct)
        best[codes[i]] = max(best.get(codes[i], 0.0), score)
    return sorted(best.items(), key=lambda kv: -kv[1])


def _closest(key: str, limit: int = 3) -> list[tuple[str, float]]:
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


# ------------------------------------------------------------------ lookup

# raw value -> iso3, or None when unresolved
_CACHE: dict[str, str | None] = {}


def _lookup(value: str) -> str | None:
    """ISO3 code of ``value`` or None; never raises."""
    try:
        return _CACHE[value]
    except KeyError:
        pass
    iso3 = _lookup_uncached(value)
    _CACHE[value] = iso3
    return iso3


_JOINT = re.compile(r"\s*(?:[,;/+|&]|\band\b)\s*", flags=re.IGNORECASE)


def _is_joint(value: str) -> bool:
    """Whether ``value`` names several States ("Sudan and South Sudan")."""
    index = _index()
    parts = (_fold(p) for p in _JOINT.split(html.unescape(value)))
    found = {index[p] for p in parts if p in index}
    return len(found) >= 2


# Words of formal-name qualifiers ("Iran, Islamic Rep.", "Congo, Dem. Rep.").
_QUALIFIER_WORDS = frozenset(
    "republic rep of islamic democratic dem peoples people federal federated "
    "states state plurinational bolivarian united kingdom arab socialist "
    "principality grand duchy sultanate commonwealth independent hashemite "
    "union and".split()
)
_PARTS = re.compile(r"\s*[,;/|]\s*")


def _has_unknown_part(value: str) -> bool:
    """Whether a list-like value has a part that is neither a State nor a qualifier.

    "Chile, Westerosia" names an unknown entity beside Chile: country_converter
    would find Chile inside it and drop the rest, so such values stay
    unresolved. "Iran, Islamic Rep." is a State with its qualifier.
    """
    parts = [p for p in _PARTS.split(html.unescape(value)) if p.strip()]
    if len(parts) < 2:
        return False
    index = _index()
    for part in parts:
        key = _fold(part)
        if key in index or set(key.split()) <= _QUALIFIER_WORDS:
            continue
        return True
    return False


def _lookup_uncached(value: str) -> str | None:
    index = _index()
    stripped = value.strip()
    if stripped in _codes():  # "GB", "GBR"; "NA" is Namibia, "na" is not
        return _codes()[stripped]
    keys = _keys(value)
    if keys[0] in _NOT_STATES:
        return None
    for key in keys:
        if key in index:
            return index[key]
    if _is_joint(value) or _has_unknown_part(value):
        return None
    ranked = _by_ratio(keys[0])
    iso3 = _by_converter(html.unescape(value).strip())
    if iso3 is not None:
        # country_converter's regexes search within the text, so they read
        # "Nigerai" as Niger; keep them only when no other State is as close.
        if not ranked or ranked[0][0] == iso3 or ranked[0][1] < _FUZZY_MIN - 10:
            return iso3
    top = ranked[0][1] if ranked else 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= _FUZZY_MIN and top - second >= _FUZZY_MARGIN:
        return ranked[0][0]
    return None


def _error(value, *, source=None, row=None, column=None) -> UnknownStateError:
    key = _fold(value) if isinstance(value, str) else ""
    names = _by_iso3()
    if key in _NOT_STATES:
        hint = (
            "It is not a UN member or observer State (an unknown, blank, group, "
            "organisation or former State); drop or report such rows, or map them with "
            "resolve_states(..., errors='coerce')."
        )
        candidates: list[str] = []
    else:
        candidates = [names[iso3][0] for iso3, _ in _closest(key)] if key else []
        hint = (
            "Use the State's UN short name (see upr_targets.states()) or its ISO "
            "3166 code."
        )
    return UnknownStateError(
        value, candidates, source=source, row=row, column=column, hint=hint
    )


def normalize_state(
    name: str,
    *,
    source: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> str:
    """Return the canonical short name of a UN member or observer State.

    Parameters
    ----------
    name : str
        Any usual spelling: the canonical, UN or formal name, ISO 3166 alpha-2
        or alpha-3 code, with or without accents, case, punctuation, "&",
        "St" or a leading "the"; former names ("Swaziland", "Turkey", "the
        former Yugoslav Republic of Macedonia", "Burma"); small typos
        ("Untied Kingdom").
    source, row, column : optional
        Where ``name`` was read (file, spreadsheet row, column); only used in
        the error message.

    Returns
    -------
    str
        The name in ``states()["name"]``.

    Raises
    ------
    UnknownStateError
        When ``name`` is not a State (e.g. "(Unknown)", "European Union") or
        is too far from every State's names; the message names the value,
        where it was read and the three closest States (``.candidates``).

    Examples
    --------
    >>> from upr_targets import normalize_state
    >>> normalize_state("Iran (Islamic Republic of)")
    'Iran'
    >>> normalize_state("St Kitts & Nevis")
    'Saint Kitts and Nevis'
    >>> normalize_state("Untied Kingdom")
    'United Kingdom'
    >>> normalize_state("Atlantis", source="recs.csv", row=12, column="From")
    Traceback (most recent call last):
    ...
    upr_targets._errors.UnknownStateError: Unknown State 'Atlantis' in column 'From', row 12 of recs.csv — ...
    """
    if not isinstance(name, str):
        raise _error(name, source=source, row=row, column=column)
    iso3 = _lookup(name)
    if iso3 is None:
        raise _error(name, source=source, row=row, column=column)
    return _by_iso3()[iso3][0]


def resolve_states(
    values: pd.Series,
    *,
    source: str | None = None,
    column: str | None = None,
    rows: pd.Series | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Resolve a column of State names to canonical name, ISO3 code and group.

    Each distinct value is resolved once (and cached across calls), so this
    takes milliseconds on a 33,000-row column.

    Parameters
    ----------
    values : pandas.Series
        State names in any spelling :func:`normalize_state` accepts. Missing
        values (NA) give missing results without error.
    source, column : str, optional
        File and column the values come from, for error messages.
    rows : pandas.Series, optional
        Row numbers to report (aligned with ``values``), e.g. the spreadsheet
        row; by default the index of ``values``.
    errors : {"raise", "coerce"}
        "raise": the first unresolved value raises ``UnknownStateError``
        naming its row; "coerce": unresolved values give NA.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``values``, string columns ``name``, ``iso3``, ``group``.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets._states import resolve_states
    >>> s = pd.Series(["UK", "Cote d'Ivoire", "(Unknown)", "UK"])
    >>> resolve_states(s, errors="coerce")
                 name  iso3    group
    0  United Kingdom   GBR     WEOG
    1   Côte d'Ivoire   CIV  African
    2            <NA>  <NA>     <NA>
    3  United Kingdom   GBR     WEOG
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    values = pd.Series(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = np.array([_lookup(str(u)) for u in uniques], dtype=object)
    if errors == "raise":
        missing = np.flatnonzero(pd.isna(found))
        if missing.size:
            first = int(np.flatnonzero(np.isin(codes, missing))[0])
            where = rows.iloc[first] if rows is not None else values.index[first]
            where = where.item() if hasattr(where, "item") else where
            raise _error(values.iloc[first], source=source, row=where, column=column)
    table = _table().set_index("iso3")
    iso3 = np.append(found, None)[codes]  # code -1 (NA) -> None
    iso3 = pd.array(iso3, dtype="string")
    out = pd.DataFrame(
        {
            "name": table["name"].reindex(iso3).to_numpy(),
            "iso3": iso3,
            "group": table["group"].reindex(iso3).to_numpy(),
        },
        index=values.index,
    )
    return out.astype("string")


# ------------------------------------------------------------------ groups

_GROUP_KEYS: dict[str, str | None] = {}
for _label, _keys_ in {
    "African": (
        "africa",
        "african",
        "african group",
        "african states",
        "group of african states",
        "africa african group",
    ),
    "Asia-Pacific": (
        "asia",
        "asian",
        "asian group",
        "asia pacific",
        "asia pacific group",
        "asia pacific states",
        "asian states",
        "group of asian states",
        "group of asia pacific states",
        "asia and pacific",
        "asia and pacific group",
        "asia asian group",
        "asia pacific asian group",
    ),
    "Eastern European": (
        "eeg",
        "eastern europe",
        "eastern european",
        "eastern european group",
        "eastern european states",
        "group of eastern european states",
        "eastern europe eastern european group",
        "eastern european group eeg",
        "eeg eastern european group",
    ),
    "GRULAC": (
        "grulac",
        "latin america",
        "latin america and caribbean",
        "latin american and caribbean",
        "latin american and caribbean group",
        "latin american and caribbean states",
        "group of latin american and caribbean states",
        "latin america and caribbean group",
        "latin american and caribbean group grulac",
        "grulac latin american and caribbean group",
        "latin america and caribbean grulac",
    ),
    "WEOG": (
        "weog",
        "western europe and others",
        "western european and others",
        "western european and others group",
        "western european and other states",
        "western european and others states",
        "group of western european and other states",
        "western european and others group weog",
        "weog western european and others group",
        "western europe and others weog",
        "western european and other states group",
    ),
    None: ("observer", "observers", "none", "unknown", "", "na", "nan", "no group"),
}.items():
    for _k in _keys_:
        _GROUP_KEYS[_k] = _label
for _g in REGIONAL_GROUPS:
    _GROUP_KEYS[_fold(_g)] = _g


@lru_cache(maxsize=256)
def _group(label: str):
    key = _fold(label)
    if key in _GROUP_KEYS:
        return _GROUP_KEYS[key]
    m = _PAREN.match(html.unescape(label))
    if m:  # "Asia (Asian Group)": try each part
        for part in (m.group("a"), m.group("b")):
            k = _fold(part)
            if _GROUP_KEYS.get(k) is not None:
                return _GROUP_KEYS[k]
    raise ValueError(
        f"Unknown regional group {label!r}; expected one of {list(REGIONAL_GROUPS)} "
        "or a usual spelling of them ('Africa', 'Asia (Asian Group)', 'EEG', "
        "'Latin American and Caribbean Group', 'Western European and others "
        "Group'), or 'Observer' for no group."
    )


def normalize_group(label: str | None | pd.Series) -> str | pd.Series:
    """Map a regional group label, as exports write it, to ``REGIONAL_GROUPS``.

    Parameters
    ----------
    label : str, None or pandas.Series
        "Africa", "Asia", "EEG", "GRULAC", "WEOG" (UPR Info), "Asia (Asian
        Group)" (UPR Info's Uwazi database), "African Group", "Asia-Pacific
        Group", "Eastern European Group", "Latin American and Caribbean
        Group", "Western European and others Group", and so on. A Series is
        mapped value by value (each distinct label once).

    Returns
    -------
    str, pandas.NA or pandas.Series
        One of ``REGIONAL_GROUPS``; NA for "Observer", unknown or missing. For
        a Series, a string Series with the same index.

    Raises
    ------
    ValueError
        For a label that names no regional group.

    Examples
    --------
    >>> from upr_targets import normalize_group
    >>> normalize_group("Asia (Asian Group)")
    'Asia-Pacific'
    >>> normalize_group("EEG")
    'Eastern European'
    >>> normalize_group("Observer")
    <NA>
    """
    if isinstance(label, pd.Series):
        codes, uniques = pd.factorize(label, use_na_sentinel=True)
        mapped = [normalize_group(u) for u in uniques] + [pd.NA]
        out = pd.array(mapped, dtype="string")[codes]
        return pd.Series(out, index=label.index, name=label.name, dtype="string")
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return pd.NA
    group = _group(str(label))
    return pd.NA if group is None else group
