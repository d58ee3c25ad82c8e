"""Parsing the values of source cells: text, lists, responses, categories, themes.

Each function works on a whole column (pandas Series) and parses each
distinct value once.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from .._utils import compact_key
from ..reference import map_source_themes

__all__ = [
    "PARTIAL_RESPONSES",
    "clean_text",
    "explode_states",
    "is_placeholder",
    "lists_from_parts",
    "map_responses",
    "map_theme_lists",
    "parse_action_category",
    "split_multi",
]


_WS = re.compile(r"\s+")


def clean_text(s: pd.Series) -> pd.Series:
    """Decode HTML entities and fold white space (vectorised; NA stays NA).

    Columns with repeated values (State names, labels) are cleaned once per
    distinct value.
    """
    s = s.astype("string")
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if len(uniques) < 0.5 * len(s):
        cleaned = clean_text(pd.Series(uniques, dtype="string")).to_numpy()
        values = np.append(cleaned.astype(object), pd.NA)[codes]
        return pd.Series(values, index=s.index, dtype="string")
    has_entity = s.str.contains("&", regex=False, na=False)
    if has_entity.any():
        s = s.copy()
        s[has_entity] = s[has_entity].map(html.unescape)
    return s.str.replace(_WS, " ", regex=True).str.strip()


def lists_from_parts(parts: pd.Series, index: pd.Index) -> pd.Series:
    """Gather an exploded Series back into one list per label of ``index``.

    ``parts`` is indexed by labels of ``index`` (repeated, in order, as
    ``explode`` leaves them); labels without parts get an empty list.
    """
    if len(index) == 0:
        return pd.Series([], index=index, dtype=object)
    pos = index.get_indexer(parts.index)
    order = np.argsort(pos, kind="stable")
    counts = np.bincount(pos, minlength=len(index))
    chunks = np.split(parts.to_numpy(dtype=object)[order], np.cumsum(counts)[:-1])
    return pd.Series([c.tolist() for c in chunks], index=index, dtype=object)


def split_multi(s: pd.Series, pattern: str) -> pd.Series:
    """Split each string on ``pattern`` into a list of stripped, non-empty parts.

    Each distinct cell is split once (issue lists repeat a lot); every row
    gets a list of its own.
    """
    codes, uniques = pd.factorize(s.astype("string"), use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype="string")
    parts = distinct.str.split(pattern, regex=True).explode()
    parts = clean_text(parts)
    parts = parts[parts.notna() & (parts != "")]
    split = lists_from_parts(parts.astype(object), distinct.index).tolist() + [[]]
    return pd.Series([list(split[c]) for c in codes], index=s.index, dtype=object)


_PLACEHOLDER = re.compile(
    r"^\W*(?:unknown|n/?a|none|not specified|unspecified|no state|-+)?\W*$", re.I
)


def is_placeholder(s: pd.Series) -> np.ndarray:
    """True where a State cell is blank or a placeholder such as ``(Unknown)``."""
    s = s.astype("string")
    return (s.isna() | s.str.match(_PLACEHOLDER).fillna(True)).to_numpy(dtype=bool)


_RESPONSES = {
    "supported": "supported",
    "accepted": "supported",
    "a": "supported",
    "s": "supported",
    "supportedaccepted": "supported",
    "acceptedsupported": "supported",
    "noted": "noted",
    "rejected": "noted",
    "n": "noted",
    "notaccepted": "noted",
    "notsupported": "not supported",
    "ns": "not supported",
    # "Supported/Noted" (OHCHR matrices): the SuR supported part of it only;
    # counted as noted (not all of it was supported), and flagged
    "supportednoted": "noted",
    "partiallysupported": "noted",
    "partlysupported": "noted",
}

PARTIAL_RESPONSES = frozenset(
    {"supportednoted", "partiallysupported", "partlysupported"}
)
"""Written responses that say "supported in part": read as noted, flagged."""


_UNCLEAR_RESPONSES = frozenset(
    {"unclear", "pending", "deferred", "examinelater", "tobeexamined", "partially"}
)


def _norm_distinct(s: pd.Series) -> pd.Series:
    """``norm_label`` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(s.astype("string"), use_na_sentinel=True)
    keys = np.array([compact_key(u) for u in uniques] + [""], dtype=object)
    return pd.Series(keys[codes], index=s.index, dtype="string")


def map_responses(s: pd.Series) -> pd.Series:
    """Map source responses to ``RESPONSES`` (anything else: ``"unclear"``)."""
    return _norm_distinct(s).map(_RESPONSES).fillna("unclear").astype("string")


def parse_action_category(s: pd.Series) -> pd.Series:
    """``"4"``, ``4.0``, ``"Category 4"``, ``"4 - general action"`` -> 4; else NA."""
    text = s.astype("string").str.strip()
    digit = text.str.extract(
        r"^(?:category|cat\.?|action)?\s*([1-5])(?:\.0+)?(?:\b|$)", flags=re.I
    )[0]
    return pd.to_numeric(digit, errors="coerce").astype("Int64")


def map_theme_lists(lists: pd.Series, vocabulary: str):
    """Map source labels (lists) to themes, once per distinct list of labels."""
    keys = [tuple(v) if isinstance(v, (list, tuple)) else () for v in lists]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    ex = lists.explode()
    ex = ex[ex.notna()].astype(str)
    if len(uniques) < 0.5 * len(lists):  # map each distinct list once
        distinct = pd.Series([list(u) for u in uniques], dtype=object)
        mapped, bad = map_theme_lists(distinct, vocabulary)
        mapped = mapped.tolist()
        out = pd.Series(
            [list(mapped[c]) for c in codes], index=lists.index, dtype=object
        )
        return out, ex[ex.isin(set(bad))]
    mapping = {lab: map_source_themes([lab], vocabulary) for lab in ex.unique()}
    unknown = {lab for lab, t in mapping.items() if not t}
    themes = ex.map(mapping).explode().dropna()
    pos = lists.index.get_indexer(themes.index)
    keep = ~pd.DataFrame({"i": pos, "t": themes.to_numpy()}).duplicated().to_numpy()
    out = lists_from_parts(themes[keep], lists.index)
    bad = ex[ex.isin(unknown)]
    return out, bad


# Several recommending States in one Uwazi cell: "|", ";", new lines or commas
# (except the comma of "Korea, Republic of": see split_states).
_STATE_SEP = r"\s*(?:\||;|\n|\r)\s*"

# "Korea, Republic of", "Congo, Democratic Republic of the": the ISO-style
# inverted names are the only State names holding a comma.
_INVERTED_TAIL = r"(?i)^[^,]*\bof(?:\s+the)?$"


def split_states(cells: pd.Series) -> pd.Series:
    """Split multi-State cells into lists of names (one entry per State).

    Cells are split on ``|``, ``;``, new lines and commas, except the comma of
    an inverted name (``"Korea, Republic of"`` stays one name). Each name is
    then resolved by :func:`finalize`, which names any unknown one.
    """
    pieces = split_multi(cells, _STATE_SEP).explode().dropna().astype("string")
    parts = pieces.str.split(r"\s*,\s*", regex=True).explode()
    parts = parts[parts.notna() & (parts != "")]
    # glue an inverted tail ("Republic of") to the part before it
    tail = parts.str.contains(_INVERTED_TAIL, regex=True).fillna(False).to_numpy()
    if tail.any():
        values = parts.to_numpy(dtype=object)
        labels = parts.index.to_numpy()
        for k in np.flatnonzero(tail):  # rare: a few names per file
            if k > 0 and labels[k - 1] == labels[k] and values[k - 1] is not None:
                values[k - 1] = f"{values[k - 1]}, {values[k]}"
                values[k] = None
        parts = pd.Series(values, index=parts.index, dtype=object)
        parts = parts[parts.notna()]
    return lists_from_parts(parts.astype(object), cells.index)


def explode_states(
    raw: pd.DataFrame, column: str = "recommending_state"
) -> pd.DataFrame:
    """One row per recommending State; records naming none keep one row (NA)."""
    lists = split_states(raw[column])
    raw = raw.copy()
    raw[column] = lists.map(lambda v: v if v else [pd.NA])
    return raw.explode(column)
