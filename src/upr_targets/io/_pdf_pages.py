"""The text of a Working Group report's pages: clean lines and the title page's facts.

pypdf gives one string per page; :func:`clean_page` drops running headers,
footers and footnotes, :func:`dehyphenate` joins lines, and
:func:`first_page_facts` reads the document symbol, the State under review,
the session and the year.
"""

from __future__ import annotations

import re
from typing import Any

from .._errors import LoadError

__all__ = ["PRIVATE_USE", "clean_page", "dehyphenate", "first_page_facts", "ordinal"]

_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})(?:/Add\.\d+)?\b")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_HEADER_LINE = re.compile(
    r"^\s*(?:A/HRC/\d+/\d+(?:/Add\.\d+)?(?:\s+Page\s+\d+)?|Page\s+\d+|\d{1,3}"
    r"|GE\.\d{2}-\d+.*|-+\s*\d*\s*-+)\s*$"
)
# the UN job number of the footer ("GE.23-03422", "GE.23-03422 (E)"), with the
# page number beside it on even ("12 GE.23-03422") or odd pages; pypdf can put
# it on the last text line of the page, so it is removed wherever it is
_JOB_NUMBER = re.compile(
    r"\s*(?:\b\d{1,3}\s+)?\bGE\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:\s+\d{1,3}\b)?\s*"
)
_FOOTNOTE_LINE = re.compile(r"^\s*(\*+|\d{1,2})\s+\S")
_TITLE = "report of the working group on the universal periodic review"

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def ordinal(word: str) -> int | None:
    """'thirty-third' -> 33, '2nd' -> 2, 'eighth' -> 8."""
    word = word.lower().strip()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", word)
    if m:
        return int(m.group(1))
    if word in _UNITS:
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    ordinal_tens = {k[:-1] + "ieth": v for k, v in _TENS.items()}
    if word in ordinal_tens:
        return ordinal_tens[word]
    parts = re.split(r"[-\s]+", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def clean_page(page: str) -> list[str]:
    """Lines of one page without running headers, footers and footnotes."""
    page = PRIVATE_USE.sub("", page).replace("\u00ad", "")
    lines = [_JOB_NUMBER.sub(" ", ln).rstrip() for ln in page.splitlines()]
    # running headers/footers only at the top or bottom of the page
    keep = [True] * len(lines)
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    for i in nonblank[:3] + nonblank[-3:]:
        if _HEADER_LINE.match(lines[i]):
            keep[i] = False
    lines = [ln for ln, k in zip(lines, keep, strict=True) if k]
    # footnotes: a separator line, or "1 Text" lines at the page's end whose
    # marker is glued to a word above ("Review*", "Protocol1")
    for i, ln in enumerate(lines):
        if re.match(r"^\s*_{5,}\s*$", ln):
            return lines[:i]
    body = "\n".join(lines)
    refs = set(re.findall(r"(?<=[A-Za-z\)\.;,])(\d{1,2}|\*+)(?=[\s;,.:)]|$)", body))
    cut = None
    for i in range(len(lines) - 1, max(len(lines) - 12, 0) - 1, -1):
        m = _FOOTNOTE_LINE.match(lines[i])
        if m and m.group(1) in refs and not re.match(r"^\s*\d+\.", lines[i]):
            cut = i
        elif cut is not None and i < cut - 6:
            break
    if cut is not None:
        # every line from the first footnote to the page's end is footnote text
        head = lines[:cut]
        if head and any(ln.strip() for ln in head):
            lines = head
    return lines


def dehyphenate(lines: list[str], vocabulary: set[str]) -> str:
    """Join lines; rejoin words split by a hyphen at a line end.

    The hyphen is kept ("non-\\ndiscriminatory" -> "non-discriminatory")
    unless the document writes the word without it elsewhere.
    """
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        if out.endswith("-") and re.match(r"[a-z]", ln):
            left = re.search(r"(\w+)-$", out)
            right = re.match(r"(\w+)", ln)
            if left and right:
                joined = (left.group(1) + right.group(1)).lower()
                hyph = f"{left.group(1)}-{right.group(1)}".lower()
                if joined in vocabulary and hyph not in vocabulary:
                    out = out[:-1]
            out += ln
        else:
            out = f"{out} {ln}" if out else ln
    return out


def _symbol_from_name(name: str) -> str | None:
    m = re.search(r"A_HRC_(\d{1,2})_(\d{1,3})", name, re.IGNORECASE)
    return f"A/HRC/{m.group(1)}/{m.group(2)}" if m else None


def first_page_facts(pages: list[str], source: str) -> dict[str, Any]:
    """Document symbol, SuR, session and year from the report's opening pages."""
    first = "\n".join(pages[:2])
    lines = [ln.strip() for ln in first.splitlines()]
    flat = re.sub(r"\s+", " ", first).lower()
    if _TITLE not in flat:
        raise LoadError(
            f"{source} is not a Working Group report of the Universal Periodic "
            "Review: its first page lacks the English title 'Report of the Working "
            "Group on the Universal Periodic Review'. Format 'un-report-pdf' expects the "
            "report of one review (symbol like A/HRC/42/4) as downloaded from "
            "the UN Official Document System; for other files choose another format."
        )
    sur = None
    for i, ln in enumerate(lines):
        if "working group on the universal periodic" in ln.lower():
            rest = ln.lower().split("periodic", 1)[1]
            j = i + (0 if "review" in rest else 1)
            for cand in lines[j + 1 : j + 8]:
                cand = re.sub(r"[*\d]+$", "", cand).strip(" *\u2014\u2013-")
                if cand and not cand.lower().startswith(("review", "addendum", "*")):
                    sur = cand
                    break
            break
    if not sur:
        raise LoadError(
            f"{source}: found the title 'Report of the Working Group on the Universal "
            "Periodic Review' but no State name after it; expected the name of the "
            "State under review on the next line."
        )
    symbol = _symbol_from_name(source)
    if symbol is None:
        m = _SYMBOL.search(first)
        symbol = f"A/HRC/{m.group(1)}/{m.group(2)}" if m else None
    session = year = None
    text = re.sub(r"\s+", " ", "\n".join(pages[:3]))
    m = re.search(
        r"held its ([\w-]+) session\b(.{0,80}?)\b((?:19|20)\d{2})\b",
        text,
        re.IGNORECASE,
    )
    if m:
        session = ordinal(m.group(1))
        year = int(m.group(3))
    else:  # the report's date ("3 July 2019"); the calendar then finds the session
        d = re.search(r"\b\d{1,2} [A-Z][a-z]+ ((?:19|20)\d{2})\b", first)
        year = int(d.group(1)) if d else None
    return {"document": symbol, "sur": sur, "session": session, "year": year}
