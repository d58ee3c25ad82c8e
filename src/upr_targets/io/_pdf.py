"""Reader for UN Working Group reports (PDF): the "outcome report" of one review.

Section II, "Conclusions and/or recommendations", lists numbered
recommendations (``95.12 Ratify ... (Portugal) (Spain);``) under paragraphs
that say whether the State under review supports them, has noted them or
will examine them later. :func:`parse_un_report_text` turns the pages' text
into raw rows; :func:`read_un_report_pdf` hands them to ``finalize``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .._errors import LoadError, UPRDataWarning
from .._utils import plural, squeeze_space
from ._documents import pieces, typed
from ._finalize import finalize
from ._log import LoadReport
from ._pdf_pages import PRIVATE_USE, clean_page, dehyphenate, first_page_facts

__all__ = [
    "classify_response",
    "expand_refs",
    "parse_un_report_text",
    "read_un_report_pdf",
]

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
    >>> from upr_targets.io._pdf import classify_response
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
    return set(expand_refs(m.group(1))) or None


def expand_refs(text: str) -> list[str]:
    """Paragraph numbers named in ``text``, ranges expanded, in order.

    Examples
    --------
    >>> from upr_targets.io._pdf import expand_refs
    >>> expand_refs("95.1, 95.3 to 95.5 and 95.9")
    ['95.1', '95.3', '95.4', '95.5', '95.9']
    """
    out: dict[str, None] = {}
    for a, b in re.findall(
        r"(\d{1,3}(?:\.\d{1,3})?)(?:\s*(?:to|-|–)\s*(\d{1,3}(?:\.\d{1,3})?))?",
        text,
    ):
        if b:
            pa, _, na = a.rpartition(".")
            pb, _, nb = b.rpartition(".")
            if pa == pb and int(nb) >= int(na) and int(nb) - int(na) < 500:
                out.update(
                    dict.fromkeys(
                        f"{pa}.{k}" if pa else str(k)
                        for k in range(int(na), int(nb) + 1)
                    )
                )
                continue
        out[a] = None
        if b:
            out[b] = None
    return list(out)


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
    >>> from upr_targets.io._pdf import parse_un_report_text
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
    facts = first_page_facts(pages, source)
    cleaned = [clean_page(p) for p in pages]
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
        b["text"] = squeeze_space(dehyphenate(b["lines"], vocabulary))

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
        for rid, body, names in pieces(r["text"], base):
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
    return typed(raw)


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
    if sum(len(re.sub(r"\s+", "", PRIVATE_USE.sub("", p))) for p in pages) < 20:
        raise LoadError(
            f"{path.name} has no text layer ({plural(len(pages), 'page')} of images): it "
            "looks like a scanned PDF. Download the born-digital report from "
            "documents.un.org, or run OCR first (e.g. `ocrmypdf in.pdf out.pdf`)."
        )
    return pages


def read_un_report_pdf(
    path: str | Path, report: LoadReport, *, on_unknown: str = "raise"
) -> pd.DataFrame:
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
    path = Path(path)
    raw = parse_un_report_text(extract_pdf_pages(path), source=path.name)
    responses = raw.drop_duplicates("recommendation_id")["response"].value_counts()
    n_paragraphs = raw["paragraph"].nunique()
    report.note(
        f"{path.name}: {n_paragraphs} numbered paragraphs (last "
        f"{raw['paragraph'].iloc[-1]}), {raw['recommendation_id'].nunique()} "
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
        on_unknown=on_unknown,
        fmt="un-report-pdf",
        file=path,
        report=report,
        source_columns=_PDF_COLUMNS,
        records_read=n_paragraphs,
    )


# how messages name the places values come from ("row" is the page for PDFs)
_PDF_COLUMNS = {
    "text": "recommendation text (row = page)",
    "recommending_state": "State(s) in parentheses after the recommendation (row = page)",
    "sur": "report title (row = page)",
    "response": "paragraph introducing the list (row = page)",
}
