"""What the document readers share: recommending States in parentheses, raw rows.

UN documents (Working Group reports, OHCHR matrices) end each
recommendation with the States that made it, in parentheses: ``95.12 Ratify
... (Portugal) (Spain);``. :func:`split_states` and :func:`split_cluster`
take them apart; :func:`pieces` turns a paragraph into its recommendations
and :func:`typed` gives the raw frame the dtypes ``finalize`` expects.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import pandas as pd

from ..reference import resolve_states

__all__ = ["RAW_COLUMNS", "pieces", "split_cluster", "split_states", "typed"]

RAW_COLUMNS = [
    "text",
    "sur",
    "recommending_state",
    "response",
    "source_themes",
    "sdgs",
    "session",
    "cycle",
    "year",
    "document",
    "paragraph",
    "source_row",
    "recommendation_id",
]

# --------------------------------------------------------------------------
# Recommending States written in parentheses at the end of a recommendation
# --------------------------------------------------------------------------

# Words that never occur in a State's name but often in parenthesised asides
# such as "(No. 169)", "(ICRMW)" or "(Palermo Protocol)".
_NOT_STATE_WORDS = re.compile(
    r"\b(?:convention|protocol|covenant|committee|law|act|council|commission|"
    r"office|plan|programme|program|strategy|code|statute|organi[sz]ation|"
    r"agreement|treaty|declaration|rules|principles|goals?|article|paragraph|"
    r"recommendation|resolution|para|annex|no|ilo|cedaw|crc|crpd|cat|"
    r"iccpr|icescr|ohchr|unhcr|unicef|unesco|undp|mechanism|persons|women|"
    r"children|rights|human|and/or|inter alia|e\.g|i\.e|etc)\b",
    re.IGNORECASE,
)


def _split_top_level(inner: str, sep: str = ",") -> list[str]:
    """Split ``inner`` on ``sep`` outside nested parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and inner.startswith(sep, i):
            parts.append(inner[start:i])
            start = i + len(sep)
    parts.append(inner[start:])
    return [p.strip(" \t;.") for p in parts if p.strip(" \t;.")]


def _group_names(inner: str) -> list[str]:
    """State names of one parenthesised group: "Portugal, Spain" -> 2 names."""
    names = []
    for part in _split_top_level(inner.replace(";", ","), ","):
        part = re.sub(r"^(?:and\s+)?(?:the\s+(?=[A-Z]))?", "", part.strip())
        if part:
            names.append(part)
    return names


def _looks_like_state(name: str) -> bool:
    """Cheap shape test: capitalised words, no digits, no treaty vocabulary."""
    name = re.sub(r"^the\s+", "", name)  # "the former Yugoslav Republic of ..."
    if not name or not name[0].isalpha() or re.search(r"\d", name):
        return False
    if not (name[0].isupper() or name.startswith("former ")):
        return False
    words = name.split()
    if len(words) > 9 or (len(words) == 1 and len(name) > 1 and name.isupper()):
        return False
    return _NOT_STATE_WORDS.search(re.sub(r"\([^)]*\)", "", name)) is None


@functools.lru_cache(maxsize=4096)
def _is_known_state(name: str) -> bool:
    """Whether the States registry resolves ``name``."""
    resolved = resolve_states(pd.Series([name], dtype="string"), errors="coerce")
    return bool(resolved["name"].notna().iloc[0])


def _known_states(names: Sequence[str]) -> list[bool]:
    """Which ``names`` are States: shape test, then the States registry."""
    return [_looks_like_state(n) and _is_known_state(n) for n in names]


def _matching_open(text: str, close: int) -> int:
    """Index of the "(" matching the ")" at ``close`` (or -1)."""
    depth = 0
    for i in range(close, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1


_TRAILING_PUNCT = " \t\n;,.:"


def _top_level_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) indices of the outermost balanced parentheses."""
    groups, depth, start = [], 0, -1
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    return groups


def split_states(text: str) -> tuple[str, list[str]]:
    """Split a recommendation into its text and the recommending States.

    Handles ``(Portugal) (Spain);``, ``(Portugal, Spain).``, ``(Portugal);``,
    names with nested parentheses (``(Iran (Islamic Republic of))``) and, in
    cycle 1 reports, States named inside the text (``... moratorium (Belgium,
    Italy) and to progress ... (Mexico)``): all are returned, in order of
    first mention, without duplicates. Only the trailing groups are removed
    from the text.

    Parameters
    ----------
    text : str
        One recommendation, white space folded, paragraph number removed.

    Returns
    -------
    text : str
        The recommendation without the trailing States and punctuation.
    states : list of str
        The recommending States as written.

    Examples
    --------
    >>> from upr_targets.io._documents import split_states
    >>> split_states("Ratify the OP-CAT (Portugal) (Spain);")
    ('Ratify the OP-CAT', ['Portugal', 'Spain'])
    >>> split_states("Abolish the death penalty (Iran (Islamic Republic of), Italy).")
    ('Abolish the death penalty', ['Iran (Islamic Republic of)', 'Italy'])
    """
    body = text.rstrip(_TRAILING_PUNCT)
    # footnote markers glued to the last parenthesis: "(Spain)1" or "(Spain)*"
    body = re.sub(r"\)\s*[;,.]?\s*(?:\d{1,2}|\*+)$", ")", body).rstrip(_TRAILING_PUNCT)
    trailing: list[list[str]] = []
    while body.endswith(")"):
        start = _matching_open(body, len(body) - 1)
        if start < 0:
            break
        names = _group_names(body[start + 1 : -1])
        if not names or not all(_looks_like_state(n) for n in names):
            break
        trailing.insert(0, names)
        body = body[:start].rstrip(_TRAILING_PUNCT + " ")
        body = re.sub(r"\s+and$", "", body)
    # inline attributions (cycle 1): groups of States followed by more text
    inline: list[str] = []
    candidates = []
    for start, close in _top_level_groups(body):
        after = body[close + 1 : close + 8]
        if not re.match(r"\s*(?:,|;|and\b|\.|$)", after):
            continue
        names = _group_names(body[start + 1 : close])
        if names and all(_looks_like_state(n) for n in names):
            candidates.append(names)
    if candidates:
        flat = [n for names in candidates for n in names]
        known = dict(zip(flat, _known_states(flat), strict=True))
        for names in candidates:
            if all(known[n] for n in names):
                inline.extend(names)
    ordered: list[str] = []
    for name in inline + [n for names in trailing for n in names]:
        name = re.sub(r"\s+", " ", name).strip()
        if name not in ordered:
            ordered.append(name)
    return body.strip(), ordered


def split_cluster(text: str) -> list[tuple[str, list[str]]]:
    """Split a paragraph that clusters several recommendations.

    OHCHR matrices (and some reports) put several States' recommendations
    in one paragraph: ``Ratify ICCPR (Albania); Ratify ICCPR and CPED
    (Chile); ...``. The paragraph is cut after each group of States followed
    by ``;`` and a capital letter, and each piece goes through
    :func:`split_states`.

    Examples
    --------
    >>> from upr_targets.io._documents import split_cluster
    >>> split_cluster("Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile, Spain);")
    [('Ratify ICCPR', ['Albania']), ('Ratify ICCPR and CPED', ['Chile', 'Spain'])]
    """
    cuts = [0]
    for m in re.finditer(r"\)\s*;\s*(?=[A-Z])", text):
        start = _matching_open(text, m.start())
        names = _group_names(text[start + 1 : m.start()]) if start >= 0 else []
        if names and all(_known_states(names)):
            cuts.append(m.end())
    cuts.append(len(text))
    pieces = [text[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    return [split_states(p) for p in pieces if p.strip(_TRAILING_PUNCT)]


def pieces(text: str, base_id: str) -> list[tuple[str, str, list[str]]]:
    """(recommendation_id, text, States) of each recommendation in a paragraph.

    A paragraph clustering several recommendations gets ids ``base/1``,
    ``base/2``...; a single recommendation keeps ``base``.
    """
    parts = split_cluster(text) or [split_states(text)]
    if len(parts) == 1:
        return [(base_id, parts[0][0], parts[0][1])]
    return [(f"{base_id}/{k}", body, names) for k, (body, names) in enumerate(parts, 1)]


def typed(raw: pd.DataFrame) -> pd.DataFrame:
    for col in ("session", "cycle", "year", "source_row"):
        raw[col] = pd.to_numeric(raw[col], errors="coerce").astype("Int64")
    for col in (
        "text",
        "sur",
        "recommending_state",
        "response",
        "document",
        "paragraph",
    ):
        raw[col] = raw[col].astype("string")
    extra = [c for c in raw.columns if c not in RAW_COLUMNS]
    return raw[RAW_COLUMNS + extra]
