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
    "SPACES",
    "clean_text",
    "explode_states",
    "group_codes",
    "is_placeholder",
    "lists_from_parts",
    "map_responses",
    "map_theme_lists",
    "parse_action_category",
    "per_distinct",
    "split_multi",
]


def per_distinct(s: pd.Series, fn, dtype: str = "string") -> pd.Series:
    """Apply ``fn`` (Series -> Series) to the distinct values of ``s`` only.

    Source columns repeat their values (State names, labels, session
    numbers): each distinct value is parsed once and the result is spread
    back over the rows. NA stays NA.
    """
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    done = fn(pd.Series(uniques, dtype=s.dtype if len(uniques) else object))
    if dtype == "Int64":
        values = np.append(done.to_numpy(dtype="float64", na_value=np.nan), np.nan)
    else:
        values = np.append(done.to_numpy(dtype=object, na_value=pd.NA), pd.NA)
    return pd.Series(values[codes], index=s.index, dtype=dtype)


def group_codes(*columns) -> tuple[np.ndarray, np.ndarray]:
    """One integer per distinct combination of the columns' values, row by row.

    The codes count from 0 in the order the combinations first appear; a
    missing value is a value of its own. Also returns, for each code, the
    position of its first row.
    """
    grp = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        grp, _ = pd.factorize(grp * (len(uniques) + 1) + codes)
    return grp, np.unique(grp, return_index=True)[1]


SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""The characters ``str.split()`` splits on (``str.isspace``), space included."""

# a cell needs Python's cleaning when it holds an entity, white space other
# than a space, or two spaces in a row; any other cell at most needs trimming
_NEEDS_CLEANING = (
    "&|  |[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACES if c != " ") + "]"
)


def _clean_values(values) -> list:
    out = []
    for v in values:
        if v is pd.NA or v is None:
            out.append(pd.NA)
            continue
        if "&" in v:
            v = html.unescape(v)
        out.append(" ".join(v.split()))
    return out


def _clean_arrow(arr):
    import pyarrow as pa
    import pyarrow.compute as pc

    dirty = pc.fill_null(pc.match_substring_regex(arr, _NEEDS_CLEANING), False)
    at = np.flatnonzero(dirty.to_numpy(zero_copy_only=False))
    if at.size:
        codes, uniques = pd.factorize(pd.Series(arr.take(at), dtype="string"))
        cleaned = pa.array(_clean_values(np.asarray(uniques, dtype=object)), arr.type)
        arr = pc.replace_with_mask(arr, dirty, cleaned.take(codes))
    return pc.utf8_trim(arr, " ")


_SHORT = 40
"""Cells shorter than this on average (names, labels) repeat: they are
cleaned once per distinct value; longer ones (texts) row by row."""


def clean_text(s: pd.Series) -> pd.Series:
    """Decode HTML entities and fold white space (NA stays NA).

    White space is what ``str.split()`` splits on. Cells that hold only
    single spaces are trimmed with Arrow; the others (entities, tabs, line
    breaks, runs of spaces) are cleaned in Python, each distinct value once.
    """
    import pyarrow as pa

    s = s.astype("string")
    arr = pa.array(s.array)
    if isinstance(arr, pa.ChunkedArray):  # a slice of a table read by Arrow
        arr = arr.combine_chunks()
    if len(s) and arr.nbytes < _SHORT * len(s):
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        arr = _clean_arrow(pa.array(uniques)).take(pa.array(codes, mask=codes < 0))
    else:
        arr = _clean_arrow(arr)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=s.index, dtype="string")


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


def _spread_lists(lists: list, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Each row's list (a copy of its own) from one list per distinct value.

    ``codes`` point into ``lists``; -1 (a missing value) gets an empty list.
    """
    spread = np.empty(len(lists) + 1, dtype=object)
    spread[:-1] = lists
    spread[-1] = []
    return pd.Series(list(map(list, spread[codes])), index=index, dtype=object)


def split_multi(s: pd.Series, pattern: str) -> pd.Series:
    """Split each string on ``pattern`` into a list of stripped, non-empty parts.

    Each distinct cell is split once (issue lists repeat a lot) and its parts
    cleaned as :func:`clean_text` does; every row gets a list of its own.
    """
    codes, uniques = pd.factorize(s.astype("string"), use_na_sentinel=True)
    split = re.compile(pattern).split
    cells = [split(cell) for cell in np.asarray(uniques, dtype=object)]
    # the parts repeat too ("Justice" in many lists): each is cleaned once
    distinct = list(dict.fromkeys(p for parts in cells for p in parts))
    clean = dict(zip(distinct, _clean_values(distinct), strict=True))
    lists = [
        [c for c in map(clean.__getitem__, parts) if c is not pd.NA and c != ""]
        for parts in cells
    ]
    return _spread_lists(lists, codes, s.index)


_PLACEHOLDER = re.compile(
    r"^\W*(?:unknown|n/?a|none|not specified|unspecified|no state|-+)?\W*$", re.I
)


def is_placeholder(s: pd.Series) -> np.ndarray:
    """True where a State cell is blank or a placeholder such as ``(Unknown)``.

    Each distinct value is matched once (the pattern needs Python's ``re``).
    """
    codes, uniques = pd.factorize(s.astype("string"), use_na_sentinel=True)
    matched = pd.Series(uniques, dtype="string").str.match(_PLACEHOLDER)
    return np.append(matched.fillna(True).to_numpy(dtype=bool), True)[codes]


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


_CATEGORY = re.compile(r"^(?:category|cat\.?|action)?\s*([1-5])(?:\.0+)?(?:\b|$)", re.I)


def parse_action_category(s: pd.Series) -> pd.Series:
    """``"4"``, ``4.0``, ``"Category 4"``, ``"4 - general action"`` -> 4; else NA."""

    def parse(text: pd.Series) -> pd.Series:
        digit = text.astype("string").str.strip().str.extract(_CATEGORY)[0]
        return pd.to_numeric(digit, errors="coerce")

    return per_distinct(s.astype("string"), parse, dtype="Int64")


def map_theme_lists(lists: pd.Series, vocabulary: str):
    """Map source labels (lists) to themes, once per distinct list of labels.

    Returns
    -------
    themes : pandas.Series
        A list of themes per row (each once, in the order of its labels).
    unknown : pandas.Series
        The labels that map to no theme, one entry per row and label, indexed
        by the row's label.
    """
    values = lists.to_numpy(dtype=object)
    if set(map(type, values)) <= {list, tuple}:  # as the readers give them
        keys = list(map(tuple, values))
    else:  # missing values (NaN, None) count as no labels
        keys = [tuple(v) if isinstance(v, (list, tuple)) else () for v in values]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    distinct = [
        [str(lab) for lab in u if isinstance(lab, str) or not pd.isna(lab)]
        for u in uniques
    ]
    labels = dict.fromkeys(lab for u in distinct for lab in u)
    mapping = {lab: map_source_themes([lab], vocabulary) for lab in labels}
    themes = [
        list(dict.fromkeys(t for lab in u for t in mapping[lab])) for u in distinct
    ]
    out = _spread_lists(themes, codes, lists.index)
    unknown_u = [[lab for lab in u if not mapping[lab]] for u in distinct]
    rows = np.flatnonzero(np.array([bool(u) for u in unknown_u] + [False])[codes])
    bad = pd.Series(
        [unknown_u[codes[k]] for k in rows], index=lists.index[rows], dtype=object
    ).explode()
    return out, bad.astype(str)


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
