"""Readers for UN documents: Working Group report PDFs and OHCHR UPR matrices.

Two formats that users download from the UN's web sites rather than from a
database:

``"un-report-pdf"``
    The report of the Working Group on the UPR for one review (document
    symbol like ``A/HRC/42/4``). Section II, "Conclusions and/or
    recommendations", lists numbered recommendations (``95.12 Ratify ...
    (Portugal) (Spain);``) under paragraphs that say whether the State under
    review supports them, has noted them or will examine them later.
``"ohchr-matrix"``
    OHCHR's "thematic list of recommendations" (.docx): one table row per
    recommendation with the SuR's position and the UHRI themes, grouped under
    ``Theme: ...`` rows.

Each reader builds a *raw* frame (columns named as the schema, values as
written in the document) with :func:`parse_un_report_text` or
:func:`parse_matrix_tables`, then hands it to ``_loaders.finalize`` which
resolves States, responses, themes and sessions and validates the table.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ._errors import LoadError, UPRDataWarning

PDF_FORMAT = "un-report-pdf"
MATRIX_FORMAT = "ohchr-matrix"

_RAW_COLUMNS = [
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
def _is_known_state(name: str) -> bool | None:
    """Whether the States registry resolves ``name`` (None: registry absent)."""
    try:
        from ._states import resolve_states

        resolved = resolve_states(pd.Series([name], dtype="string"), errors="coerce")
    except (NotImplementedError, ImportError):  # registry not available
        return None
    return bool(resolved["name"].notna().iloc[0])


def _known_states(names: Sequence[str]) -> list[bool]:
    """Which ``names`` are States: shape test, then the States registry."""
    out = []
    for n in names:
        known = _is_known_state(n) if _looks_like_state(n) else False
        out.append(_looks_like_state(n) if known is None else known)
    return out


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
    >>> from upr_targets._load_documents import split_states
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
    >>> from upr_targets._load_documents import split_cluster
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


# --------------------------------------------------------------------------
# Response wording of the paragraphs that introduce each list
# --------------------------------------------------------------------------

_NOTED = re.compile(
    r"(?:did|do|does|would|could|can)\s*not\s+(?:enjoy|have|receive|accept|support)"
    r"|not\s+(?:enjoy|accepted|supported)\b|cannot\s+(?:accept|support)"
    r"|\bnoted\b|\btook\s+note|\btakes?\s+note|\breject(?:s|ed)?\b|\bdeclined?\b",
    re.IGNORECASE,
)
_SUPPORTED = re.compile(
    r"enjoys?\s+the\s+support|enjoyed\s+the\s+support|\baccept(?:s|ed)?\b"
    r"|\bsupport(?:s|ed)\b|already\s+(?:been\s+)?implemented"
    r"|in\s+the\s+process\s+of\s+(?:being\s+)?implement|\bagree[sd]?\b",
    re.IGNORECASE,
)
_DEFERRED = re.compile(
    r"will\s+(?:be\s+)?(?:examine|examined|consider|considered|studied|study|respond)"
    r"|will\s+provide\s+(?:its\s+)?responses?|responses?\b.{0,80}\bwill\s+be\s+included"
    r"|under\s+consideration|further\s+consideration|in\s+due\s+(?:time|course)"
    r"|will\s+be\s+included\s+in\s+the\s+outcome",
    re.IGNORECASE | re.DOTALL,
)


def classify_response(paragraph: str) -> str | None:
    """Response implied by an introductory paragraph, or None when it says none.

    Parameters
    ----------
    paragraph : str
        The paragraph that introduces (or follows) a list of recommendations.

    Returns
    -------
    str or None
        ``"supported"``, ``"noted"``, ``"unclear"`` (the SuR will respond
        later) or None (e.g. "the following recommendations were made").

    Examples
    --------
    >>> from upr_targets._load_documents import classify_response
    >>> classify_response("The following recommendations will be examined by Albania")
    'unclear'
    >>> classify_response("The recommendations below did not enjoy the support of Chad:")
    'noted'
    >>> classify_response("The following recommendations enjoy the support of Chad:")
    'supported'
    """
    text = re.sub(r"\s+", " ", paragraph)
    if _NOTED.search(text):
        return "noted"
    if _DEFERRED.search(text):
        return "unclear"
    if _SUPPORTED.search(text):
        return "supported"
    return None


# --------------------------------------------------------------------------
# Working Group report text
# --------------------------------------------------------------------------

_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})(?:/Add\.\d+)?\b")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_HEADER_LINE = re.compile(
    r"^\s*(?:A/HRC/\d+/\d+(?:/Add\.\d+)?(?:\s+Page\s+\d+)?|Page\s+\d+|\d{1,3}"
    r"|GE\.\d{2}-\d+.*|-+\s*\d*\s*-+)\s*$"
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


def _ordinal(word: str) -> int | None:
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


def _clean_page(page: str) -> list[str]:
    """Lines of one page without running headers, footers and footnotes."""
    page = _PRIVATE_USE.sub("", page).replace("\u00ad", "")
    lines = [ln.rstrip() for ln in page.splitlines()]
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


def _dehyphenate(lines: list[str], vocabulary: set[str]) -> str:
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


def _fold(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return re.sub(r"\s+([,;])", r"\1", text)


def _symbol_from_name(name: str) -> str | None:
    m = re.search(r"A_HRC_(\d{1,2})_(\d{1,3})", name, re.IGNORECASE)
    return f"A/HRC/{m.group(1)}/{m.group(2)}" if m else None


def _first_page_facts(pages: list[str], source: str) -> dict[str, Any]:
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
        session = _ordinal(m.group(1))
        year = int(m.group(3))
    else:  # the report's date ("3 July 2019"); the calendar then finds the session
        d = re.search(r"\b\d{1,2} [A-Z][a-z]+ ((?:19|20)\d{2})\b", first)
        year = int(d.group(1)) if d else None
    return {"document": symbol, "sur": sur, "session": session, "year": year}


_PARA = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_SUBPARA = re.compile(r"^\s*(\d{1,3})\.(\d{1,3})\.?\s+(\S.*)$")
_LETTER = re.compile(r"^\s*\(([a-z]{1,2})\)\s+(\S.*)$")
_SECTION_II = re.compile(
    r"^\s*II\.?\s+Conclusions\s+and(?:\s*/\s*or)?\s+recommendations\s*$", re.IGNORECASE
)
_END = re.compile(
    r"^\s*(?:Annex\b|\d{1,3}\.\s+All conclusions and/or recommendations contained)",
    re.IGNORECASE,
)


def _block(kind: str, number: str, page: int, first_line: str) -> dict:
    return {"kind": kind, "number": number, "page": page, "lines": [first_line]}


def _ends_with(block: dict, suffix: str) -> bool:
    """Whether the text of ``block`` so far ends in ``suffix`` (white space aside)."""
    return "".join(block["lines"]).rstrip().endswith(suffix)


def _blocks(lines: list[tuple[int, str]]) -> list[dict]:
    """Number the lines of section II into paragraphs and recommendations.

    ``lines`` holds (page, line) pairs. Returns blocks with ``kind`` ("para"
    or "rec"), ``number`` (str), ``page`` and ``lines``.
    """
    blocks: list[dict] = []
    para: int | None = None
    sub = 0
    letter = ""
    dotted = False  # "95.1" numbering (cycle 2+) rather than "1." under "64."
    for page, ln in lines:
        cur = blocks[-1] if blocks else None
        m2 = _SUBPARA.match(ln)
        if m2 and para is not None and int(m2.group(1)) == para:
            s = int(m2.group(2))
            if sub < s <= sub + 5:
                sub, dotted = s, True
                blocks.append(_block("rec", f"{para}.{s}", page, m2.group(3)))
                continue
        m1 = _PARA.match(ln)
        if m1:
            n = int(m1.group(1))
            prev_open = cur is not None and not _ends_with(cur, ".")
            in_list = cur is not None and (
                (cur["kind"] == "para" and _ends_with(cur, ":"))
                or (cur["kind"] == "rec" and not letter)
            )
            if (
                in_list
                and not dotted
                and n == sub + 1
                and (prev_open or para is None or n != para + 1)
            ):
                sub = n
                blocks.append(_block("rec", f"{para}.{n}", page, m1.group(2)))
                continue
            if (para is None or n == para + 1) and m1.group(2)[:1].isupper():
                para, sub, letter, dotted = n, 0, "", False
                blocks.append(_block("para", str(n), page, m1.group(2)))
                continue
        m3 = _LETTER.match(ln)
        if m3 and para is not None and cur is not None and sub == 0:
            want = chr(ord(letter) + 1) if letter else "a"
            opens = cur["kind"] == "para" and _ends_with(cur, ":")
            if m3.group(1) == want and (opens or letter):
                letter = want
                blocks.append(_block("rec", f"{para}({want})", page, m3.group(2)))
                continue
        if cur is not None:
            cur["lines"].append(ln)
    return blocks


def _referenced(paragraph: str) -> set[str] | None:
    """Recommendation numbers a status paragraph names ("recommendations 1, 3
    and 5", "64.2 to 64.4"), or None when it names none."""
    m = re.search(
        r"recommendations?\s+(?:contained\s+in\s+paragraphs?\s+)?((?:\d{1,3}(?:\.\d{1,3})?"
        r"(?:\s*(?:,|and|to|-|–)\s*)?)+)",
        paragraph,
    )
    if not m:
        return None
    out: set[str] = set()
    for a, b in re.findall(
        r"(\d{1,3}(?:\.\d{1,3})?)(?:\s*(?:to|-|–)\s*(\d{1,3}(?:\.\d{1,3})?))?",
        m.group(1),
    ):
        if b:
            pa, _, na = a.rpartition(".")
            pb, _, nb = b.rpartition(".")
            if pa == pb and int(nb) >= int(na) and int(nb) - int(na) < 500:
                out.update(
                    f"{pa}.{k}" if pa else str(k) for k in range(int(na), int(nb) + 1)
                )
                continue
        out.add(a)
        if b:
            out.add(b)
    return out or None


def parse_un_report_text(
    text: str | Sequence[str], *, source: str = "<text>"
) -> pd.DataFrame:
    """Parse the text of a Working Group report into raw recommendation rows.

    Parameters
    ----------
    text : str or sequence of str
        The report's text, one string per page (or one string with pages
        separated by form feeds ``"\\f"``), as extracted from the PDF.
    source : str
        File name, used in messages and to read the document symbol
        (``A_HRC_42_4-EN.pdf`` -> ``A/HRC/42/4``).

    Returns
    -------
    pandas.DataFrame
        One row per (recommendation, recommending State), columns named as
        the schema but holding raw values: ``text, sur, recommending_state,
        response, source_themes, sdgs, session, cycle, year, document,
        paragraph, source_row`` (the page where the recommendation starts)
        and ``recommendation_id`` (``"<document> <paragraph>"``). A
        recommendation without a State in parentheses is kept, with a missing
        ``recommending_state``.

    Raises
    ------
    LoadError
        When the text is not a UPR Working Group report or has no
        "Conclusions and/or recommendations" section.

    Examples
    --------
    >>> from upr_targets._load_documents import parse_un_report_text
    >>> page = '''Report of the Working Group on the Universal Periodic Review*
    ... Albania
    ... 1. The Working Group held its thirty-third session from 6 to 17 May 2019.
    ... II. Conclusions and/or recommendations
    ... 95. The following recommendations enjoy the support of Albania:
    ... 95.1 Ratify the Optional Protocol (Portugal) (Spain);
    ... 95.2 Abolish the death penalty (Italy).
    ... 96. All conclusions and/or recommendations contained in the present report'''
    >>> raw = parse_un_report_text([page], source="A_HRC_42_4-EN.pdf")
    >>> raw[["paragraph", "recommending_state", "response", "session"]]
      paragraph recommending_state   response  session
    0      95.1           Portugal  supported       33
    1      95.1              Spain  supported       33
    2      95.2              Italy  supported       33
    """
    pages = list(text.split("\f")) if isinstance(text, str) else list(text)
    facts = _first_page_facts(pages, source)
    cleaned = [_clean_page(p) for p in pages]
    numbered = [(i + 1, ln) for i, page in enumerate(cleaned) for ln in page]
    start = None
    for k, (_, ln) in enumerate(numbered):
        # the last match: a table of contents comes first
        if _SECTION_II.match(ln):
            start = k + 1
        elif k + 1 < len(numbered) and _SECTION_II.match(f"{ln} {numbered[k + 1][1]}"):
            start = k + 2  # heading broken over two lines
    if start is None:
        raise LoadError(
            f"{source}: no section 'II. Conclusions and/or recommendations' found. "
            "A Working Group report lists its recommendations there; the file may "
            "be an addendum or another UPR document (national report, compilation)."
        )
    section = []
    for page, ln in numbered[start:]:
        if _END.match(ln):
            break
        section.append((page, ln))
    vocabulary = set(re.findall(r"[\w-]+", " ".join(ln for _, ln in numbered).lower()))
    blocks = _blocks(section)
    for b in blocks:
        b["text"] = _fold(_dehyphenate(b["lines"], vocabulary))

    # response per recommendation, from the paragraph that introduces its list
    # or, when that paragraph is neutral, from the next paragraphs
    response: dict[str, str] = {}
    groups: list[tuple[dict, list[dict]]] = []
    for b in blocks:
        if b["kind"] == "para":
            groups.append((b, []))
        elif groups:
            groups[-1][1].append(b)
    pending: list[dict] = []
    for intro, recs in groups:
        status = classify_response(intro["text"])
        if recs:
            if status is not None:
                response.update({r["number"]: status for r in recs})
            else:
                pending.extend(recs)
        elif pending and status is not None:
            named = _referenced(intro["text"])
            for r in pending:
                num = r["number"]
                head, _, short = num.partition(".")  # "64.7": list 64, item 7
                if named is None or num in named or short in named or head in named:
                    response.setdefault(num, status)
    recs = [b for b in blocks if b["kind"] == "rec"]
    if not recs:
        raise LoadError(
            f"{source}: section 'Conclusions and/or recommendations' holds no "
            "numbered recommendations (expected lines like '95.1 Ratify ... "
            "(Portugal);')."
        )
    rows = []
    for r in recs:
        base = f"{facts['document'] or source} {r['number']}"
        for rid, body, names in _pieces(r["text"], base):
            for name in names or [None]:
                rows.append(
                    {
                        "text": body,
                        "recommending_state": name,
                        "response": response.get(r["number"], "unclear"),
                        "paragraph": r["number"],
                        "source_row": r["page"],
                        "recommendation_id": rid,
                    }
                )
    raw = pd.DataFrame(rows)
    raw["sur"] = facts["sur"]
    raw["document"] = facts["document"]
    raw["session"] = facts["session"]
    raw["year"] = facts["year"]
    raw["cycle"] = None
    raw["source_themes"] = [[] for _ in range(len(raw))]
    raw["sdgs"] = [[] for _ in range(len(raw))]
    _warn_gaps([r["number"] for r in recs], source)
    raw.attrs["n_paragraphs"] = len(recs)
    raw.attrs["n_recommendations"] = int(raw["recommendation_id"].nunique())
    raw.attrs["last_paragraph"] = recs[-1]["number"]
    return _typed(raw)


def _pieces(text: str, base_id: str) -> list[tuple[str, str, list[str]]]:
    """(recommendation_id, text, States) of each recommendation in a paragraph.

    A paragraph clustering several recommendations gets ids ``base/1``,
    ``base/2``...; a single recommendation keeps ``base``.
    """
    parts = split_cluster(text) or [split_states(text)]
    if len(parts) == 1:
        return [(base_id, parts[0][0], parts[0][1])]
    return [(f"{base_id}/{k}", body, names) for k, (body, names) in enumerate(parts, 1)]


def _warn_gaps(numbers: Iterable[str], source: str) -> list[str]:
    """Warn about missing numbers in each list (95.1, 95.2, 95.4: 95.3 missing)."""
    by_para: dict[str, list[int]] = {}
    for num in numbers:
        head, _, tail = num.partition(".")
        if tail.isdigit():
            by_para.setdefault(head, []).append(int(tail))
    missing = []
    for head, subs in by_para.items():
        have = set(subs)
        missing += [f"{head}.{k}" for k in range(1, max(subs) + 1) if k not in have]
    if missing:
        warnings.warn(
            f"{source}: recommendations {missing[:10]} are missing from the numbered "
            "lists; the text extraction may have merged them into their neighbours. "
            "Check those paragraphs in the PDF.",
            UPRDataWarning,
            stacklevel=3,
        )
    return missing


def _typed(raw: pd.DataFrame) -> pd.DataFrame:
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
    extra = [c for c in raw.columns if c not in _RAW_COLUMNS]
    return raw[_RAW_COLUMNS + extra]


def extract_pdf_pages(path: str | Path) -> list[str]:
    """Text of each page of a PDF (pypdf), or LoadError when it has none.

    pypdf and pdfplumber give the same words on the UN reports (a word-level
    diff of both shared reports differs only in dot leaders and the position of
    the first page's masthead); pypdf is about four times faster.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    path = Path(path)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise LoadError(
            f"{path.name} cannot be read as a PDF ({exc}); download the report "
            "again from the UN Official Document System (documents.un.org)."
        ) from exc
    if sum(len(re.sub(r"\s+", "", _PRIVATE_USE.sub("", p))) for p in pages) < 20:
        raise LoadError(
            f"{path.name} has no text layer ({len(pages)} page(s) of images): it "
            "looks like a scanned PDF. Download the born-digital report from "
            "documents.un.org, or run OCR first (e.g. `ocrmypdf in.pdf out.pdf`)."
        )
    return pages


def read_un_report_pdf(path: str | Path, report: Any) -> pd.DataFrame:
    """Read a UPR Working Group report (PDF) into the normalized table.

    Parameters
    ----------
    path : str or Path
        The report as downloaded, e.g. ``A_HRC_42_4-EN.pdf``.
    report : LoadReport
        The load report of the current :func:`upr_targets.load_recommendations`
        call; receives a note with the counts read.

    Returns
    -------
    pandas.DataFrame
        The normalized table (see ``upr_targets.schema_table()``).
    """
    from ._loaders import finalize

    path = Path(path)
    raw = parse_un_report_text(extract_pdf_pages(path), source=path.name)
    responses = raw.drop_duplicates("recommendation_id")["response"].value_counts()
    _note(
        report,
        f"{path.name}: {raw.attrs['n_paragraphs']} numbered paragraphs (last "
        f"{raw.attrs['last_paragraph']}), {raw.attrs['n_recommendations']} "
        f"recommendations, {len(raw)} rows; responses "
        + ", ".join(f"{k} {v}" for k, v in responses.items())
        + (
            " ('unclear': the report defers the response to a later addendum)"
            if "unclear" in responses
            else ""
        ),
    )
    return finalize(
        raw,
        fmt=PDF_FORMAT,
        file=path,
        report=report,
        source_columns=_PDF_COLUMNS,
        records_read=raw.attrs["n_paragraphs"],
    )


# how messages name the places values come from ("row" is the page for PDFs)
_PDF_COLUMNS = {
    "text": "recommendation text (row = page)",
    "recommending_state": "State(s) in parentheses after the recommendation (row = page)",
    "sur": "report title (row = page)",
    "response": "paragraph introducing the list (row = page)",
}
_MATRIX_COLUMNS = {
    "text": "Recommendation",
    "recommending_state": "Recommendation (State(s) in parentheses)",
    "response": "Position",
    "source_themes": "Full list of themes",
    "sur": "page header 'UPR of ...'",
}


def _note(report: Any, text: str) -> None:
    if hasattr(report, "note"):
        report.note(text)
    elif isinstance(getattr(report, "notes", None), list):
        report.notes.append(text)


# --------------------------------------------------------------------------
# OHCHR matrices (.docx)
# --------------------------------------------------------------------------

_MATRIX_HEADER = re.compile(
    r"UPR of (?P<sur>.+?)\s*\(\s*(?P<cycle>\d+)\w*\s+Cycle\s*[-\u2013\u2014]\s*"
    r"(?P<session>\d+)\w*\s+session\s*\)",
    re.IGNORECASE,
)
_MATRIX_FILE = re.compile(
    r"^(?P<sur>.+?)[-_]session[-_]?(?P<session>\d+)(?:[-_](?P<year>\d{4}))?"
)
_PARA_PREFIX = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+")
_SOURCE_OF_POSITION = re.compile(r"Source of position\s*:\s*(.*)", re.IGNORECASE)


def _unique_cells(row) -> list[Any]:
    """Cells of a table row, merged cells once (python-docx repeats them)."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _header_map(texts: list[str]) -> dict[str, int] | None:
    low = [re.sub(r"\s+", " ", t).strip().lower() for t in texts]
    if not low or not low[0].startswith("recommendation"):
        return None
    cols: dict[str, int] = {"recommendation": 0}
    for i, t in enumerate(low):
        if t.startswith("position") or t == "upr position":
            cols.setdefault("position", i)
        elif "theme" in t:
            cols.setdefault("themes", i)
        elif "source" in t:
            cols.setdefault("source", i)
        elif "sdg" in t or "sustainable development" in t:
            cols.setdefault("sdgs", i)
        elif "affected" in t:
            cols.setdefault("affected", i)
    return cols if "position" in cols else None


def _theme_cell(text: str) -> dict[str, list[str]]:
    """Split the 'Full list of themes' cell into themes, affected persons, SDGs."""
    out: dict[str, list[str]] = {"themes": [], "affected": [], "sdgs": []}
    key = "themes"
    for ln in text.splitlines():
        ln = ln.strip()
        if not ln:
            continue
        low = ln.lower().rstrip(":")
        if ln.endswith(":") or low in ("affected persons", "sdgs"):
            if "affected" in low:
                key = "affected"
            elif "sdg" in low or "sustainable development" in low:
                key = "sdgs"
            continue
        value = ln.lstrip("-\u2022 ").strip()
        if key == "sdgs":
            m = re.match(
                r"(?:goal\s+|sdg\s*)?(\d{1,2}(?:\.[\da-z]{1,2})?)\b", value, re.I
            )
            value = m.group(1) if m else value
        if value and value not in out[key]:
            out[key].append(value)
    return out


def _report_symbol(source_of_position: str) -> str | None:
    m = re.search(r"A/HRC/\d+/\d+", source_of_position)
    return m.group(0) if m else None


def parse_matrix_tables(doc: Any, *, source: str = "<docx>") -> pd.DataFrame:
    """Parse an OHCHR UPR matrix (python-docx Document) into raw rows.

    Parameters
    ----------
    doc : docx.Document or str or Path
        The matrix, opened with python-docx (or a path to open).
    source : str
        File name for messages and for the session/year fallback
        (``china-session17-2013.docx``).

    Returns
    -------
    pandas.DataFrame
        One row per (recommendation, recommending State), raw values:
        ``response`` as written ("Supported"/"Noted"), ``source_themes`` the
        UHRI themes as written ("A12 Acceptance of international norms"),
        ``document`` the Working Group report (the "Source of position"
        symbol without its "/Add.1"), ``source_row`` the table row (header =
        row 1), plus the extra columns ``affected_persons`` (list),
        ``matrix_theme`` (the section the row sits under),
        ``source_of_position`` and ``source_table`` (1 for the first table).

    Raises
    ------
    LoadError
        When no table has a "Recommendation" / "Position" header, or the
        State under review cannot be found.

    Examples
    --------
    >>> import docx
    >>> from upr_targets._load_documents import parse_matrix_tables
    >>> doc = docx.Document()
    >>> _ = doc.sections[0].header.add_paragraph("UPR of Chad (2nd Cycle – 17th session)")
    >>> t = doc.add_table(rows=3, cols=3)
    >>> for cell, v in zip(t.rows[0].cells, ["Recommendation", "Position", "Full list of themes"]):
    ...     cell.text = v
    >>> _ = t.rows[1].cells[0].merge(t.rows[1].cells[2])
    >>> t.rows[1].cells[0].text = "Theme: D22 Death penalty"
    >>> for cell, v in zip(t.rows[2].cells, ["98.1 Abolish it (France, Spain);", "Noted", "D22 Death penalty"]):
    ...     cell.text = v
    >>> parse_matrix_tables(doc)[["sur", "recommending_state", "response", "session"]]
        sur recommending_state response  session
    0  Chad             France    Noted       17
    1  Chad              Spain    Noted       17
    """
    if isinstance(doc, (str, Path)):
        source = Path(doc).name if source == "<docx>" else source
        doc = _open_docx(Path(doc))
    facts = _matrix_facts(doc, source)
    rows: list[dict] = []
    n_tables = 0
    skipped: list[str] = []
    # a table without its own header row continues the previous one
    cols: dict[str, int] | None = None
    section_theme = None
    for t_idx, table in enumerate(doc.tables):
        has_header = False
        for r_idx, row in enumerate(table.rows):
            cells = _unique_cells(row)
            texts = [c.text.strip() for c in cells]
            if not any(texts):
                continue
            header = _header_map(texts)
            if header is not None:
                cols, has_header = header, True
                continue
            if cols is None:
                skipped.append(f"table {t_idx + 1} row {r_idx + 1}")
                continue
            distinct = {t for t in texts if t}
            if len(distinct) == 1 and texts[0].lower().startswith("theme"):
                section_theme = re.sub(
                    r"^theme\s*:\s*", "", texts[0], flags=re.I
                ).strip()
                continue
            rows.extend(_matrix_row(texts, cols, section_theme, t_idx, r_idx, facts))
        n_tables += has_header
    if not n_tables:
        raise LoadError(
            f"{source} holds no OHCHR matrix table: format 'ohchr-matrix' expects a "
            "table whose header row reads 'Recommendation | Position | Full list of "
            "themes' (OHCHR's thematic list of UPR recommendations)."
        )
    raw = pd.DataFrame(
        rows,
        columns=[
            *_RAW_COLUMNS,
            "affected_persons",
            "matrix_theme",
            "source_of_position",
            "source_table",
        ],
    )
    if raw.empty:
        raise LoadError(
            f"{source}: the matrix table has a header but no recommendations."
        )
    if skipped:
        warnings.warn(
            f"{source}: {len(skipped)} table row(s) before the first 'Recommendation "
            f"| Position' header were not read ({', '.join(skipped[:5])}); check "
            "that they are not recommendations.",
            UPRDataWarning,
            stacklevel=2,
        )
    raw["sur"] = facts["sur"]
    raw["session"] = facts["session"]
    raw["cycle"] = facts["cycle"]
    raw["year"] = facts["year"]
    raw.attrs["n_paragraphs"] = int(
        raw["paragraph"].fillna(raw["recommendation_id"]).nunique()
    )
    raw.attrs["n_recommendations"] = int(raw["recommendation_id"].nunique())
    return _typed(raw)


def _matrix_row(texts, cols, section_theme, t_idx, r_idx, facts) -> list[dict]:
    def cell(key: str) -> str:
        i = cols.get(key)
        return texts[i] if i is not None and i < len(texts) else ""

    rec_lines, source_pos = [], ""
    for ln in cell("recommendation").splitlines():
        m = _SOURCE_OF_POSITION.search(ln)
        if m:
            source_pos = m.group(1).strip()
        else:
            rec_lines.append(ln)
    source_pos = source_pos or _fold(cell("source"))
    rec = _fold(" ".join(rec_lines))
    m = _PARA_PREFIX.match(rec)
    paragraph = m.group(1) if m else None
    rec = rec[m.end() :] if m else rec
    parsed = _theme_cell(cell("themes"))
    themes = parsed["themes"]
    if section_theme and section_theme not in themes:
        themes = [section_theme, *themes]
    sdgs = parsed["sdgs"] or _theme_cell("SDGs:\n" + cell("sdgs"))["sdgs"]
    affected = (
        parsed["affected"]
        or _theme_cell("Affected persons:\n" + cell("affected"))["affected"]
    )
    document = _report_symbol(source_pos) or facts["document"]
    where = paragraph or f"table {t_idx + 1} row {r_idx + 1}"
    return [
        {
            "text": body,
            "recommending_state": name,
            "response": cell("position").strip(),
            "source_themes": list(themes),
            "sdgs": list(sdgs),
            "document": document,
            "paragraph": paragraph,
            "source_row": r_idx + 1,
            "source_table": t_idx + 1,
            "recommendation_id": rid,
            "affected_persons": list(affected),
            "matrix_theme": section_theme,
            "source_of_position": source_pos or None,
        }
        for rid, body, names in _pieces(rec, f"{document or facts['source']} {where}")
        for name in (names or [None])
    ]


def _matrix_facts(doc: Any, source: str) -> dict[str, Any]:
    texts = []
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer):
            try:
                texts.extend(p.text for p in part.paragraphs)
            except (AttributeError, ValueError):  # part absent
                continue
    texts.extend(p.text for p in doc.paragraphs[:20])
    facts: dict[str, Any] = {"sur": None, "session": None, "cycle": None, "year": None}
    facts["source"] = source
    facts["document"] = None
    for t in texts:
        m = _MATRIX_HEADER.search(t)
        if m:
            facts.update(sur=m.group("sur").strip(), session=int(m.group("session")))
            facts["cycle"] = int(m.group("cycle"))
            break
    m = _MATRIX_FILE.match(Path(source).stem)
    if m:
        if facts["sur"] is None:
            facts["sur"] = m.group("sur").replace("-", " ").replace("_", " ").title()
        if facts["session"] is None:
            facts["session"] = int(m.group("session"))
        if m.group("year"):
            facts["year"] = int(m.group("year"))
    if facts["sur"] is None:
        raise LoadError(
            f"{source}: cannot tell which State was reviewed. An OHCHR matrix names it "
            "in its page header ('UPR of China (2nd Cycle – 17th session)'); rename "
            "the file like 'china-session17-2013.docx' to give it."
        )
    return facts


def _open_docx(path: Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise LoadError(
            f"{path.name} cannot be opened as a Word .docx file ({exc}); save it "
            "as .docx (Word 2007+) and try again."
        ) from exc


def read_ohchr_matrix(path: str | Path, report: Any) -> pd.DataFrame:
    """Read an OHCHR UPR matrix (.docx) into the normalized table.

    Parameters
    ----------
    path : str or Path
        The matrix, e.g. ``china-session17-2013.docx``.
    report : LoadReport
        The load report of the current :func:`upr_targets.load_recommendations`
        call; receives a note with the counts read.

    Returns
    -------
    pandas.DataFrame
        The normalized table; UHRI themes are in ``source_themes`` and mapped
        to the library's themes by the crosswalk.
    """
    from ._loaders import finalize

    path = Path(path)
    raw = parse_matrix_tables(_open_docx(path), source=path.name)
    _note(
        report,
        f"{path.name}: {raw.attrs['n_paragraphs']} numbered paragraphs, "
        f"{raw.attrs['n_recommendations']} recommendations (clustered paragraphs "
        f"split), {len(raw)} rows (one per recommending State)",
    )
    return finalize(
        raw,
        fmt=MATRIX_FORMAT,
        file=path,
        report=report,
        source_columns=_MATRIX_COLUMNS,
        theme_vocabulary="uhri",
        records_read=raw.attrs["n_paragraphs"],
    )
