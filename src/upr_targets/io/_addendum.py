"""The addendum to a Working Group report: the State's responses (A/HRC/xx/yy/Add.1).

When a State defers its responses, the report lists the recommendations as
"will be examined" (``response`` "unclear") and the addendum, published
before the Council adopts the outcome, gives the positions: in sentences
("Albania supports recommendations 95.1-95.15 and 95.20"), in lists under a
heading ("The following recommendations are noted: ..."), or in a table (a
paragraph number and "Supported"/"Noted" per row). :func:`read_responses`
reads all three; :func:`load_recommendations` applies them to the report's
rows when both files are loaded together.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .._errors import LoadError
from ._pdf import classify_response, expand_refs

__all__ = [
    "apply_responses",
    "is_addendum",
    "opening_text",
    "read_responses",
    "responses_from_text",
]

_ADDENDUM = re.compile(r"/Add\.\s?\d|\baddendum\b", re.IGNORECASE)
_VIEWS = re.compile(r"views\s+on\s+conclusions", re.IGNORECASE)
_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})/Add\.\s?\d\b")
# a position written on its own, as a table cell or at the end of an item
_LABEL = re.compile(
    r"(?:^|[\s(\-–—:|])(partially\s+supported|not\s+supported|supported|accepted|noted|rejected)"
    r"\s*[.)]?\s*$",
    re.IGNORECASE,
)
_NOTES = re.compile(r"\b(?:notes|take[sn]?\s+note|took\s+note)\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\bpartially\b|\bin\s+part\b", re.IGNORECASE)
_LABELS = {
    "supported": "supported",
    "accepted": "supported",
    "partially supported": "supported",
    "noted": "noted",
    "rejected": "noted",
    "not supported": "noted",
}


def _text_of(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from ._pdf import extract_pdf_pages

        return extract_pdf_pages(path)
    if suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            lines += [
                " | ".join(c.text.strip() for c in row.cells) for row in table.rows
            ]
        return ["\n".join(lines)]
    return [path.read_text(encoding="utf-8", errors="replace")]


def opening_text(path: Path) -> list[str] | None:
    """The first two pages of a PDF, Word or text file (None for other files)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(path)
            return [p.extract_text() or "" for p in reader.pages[:2]]
        except (PdfReadError, OSError, ValueError, KeyError):
            return None  # the PDF reader says what is wrong
    if suffix == ".docx":  # the document's XML head, without parsing the whole file
        import zipfile

        try:
            with zipfile.ZipFile(path) as z, z.open("word/document.xml") as fh:
                xml = fh.read(200_000).decode("utf-8", errors="replace")
        except (OSError, KeyError, zipfile.BadZipFile):
            return None  # the Word reader says what is wrong
        return [re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))[:6000]]
    if suffix in (".txt", ".text"):
        try:
            return [_text_of(path)[0][:6000]]
        except (OSError, ValueError):
            return None
    return None


def is_addendum(pages: list[str]) -> bool:
    """Whether the opening pages are those of a report's addendum (the responses)."""
    head = " ".join(pages[:2])[:4000]
    return bool(_ADDENDUM.search(head) and _VIEWS.search(head))


def responses_from_text(pages: list[str], source: str = "addendum") -> pd.DataFrame:
    """The positions an addendum gives, one row per paragraph named.

    Each line (a table row, an item, a sentence) is read in turn: a position
    written on its own at its end ("95.3 ... Supported") applies to the
    paragraph numbers of that line; a sentence with a position verb ("Albania
    supports recommendations 95.1 to 95.5") to the numbers it names; a line
    with a position and no number ("The following recommendations are
    noted:") to the numbers of the lines after it, up to the next position.

    Examples
    --------
    >>> from upr_targets.io._addendum import responses_from_text
    >>> text = '''Albania supports recommendations 95.1 to 95.3 and 95.7.
    ... The following recommendations are noted:
    ... 95.4, 95.5
    ... 95.6 Ratify the Treaty | Partially supported'''
    >>> responses_from_text([text])[["paragraph", "response", "partial"]].values.tolist()
    [['95.1', 'supported', False], ['95.2', 'supported', False], ['95.3', 'supported', False], ['95.7', 'supported', False], ['95.4', 'noted', False], ['95.5', 'noted', False], ['95.6', 'supported', True]]
    """
    rows: list[tuple[str, str, bool, int]] = []
    seen: set[str] = set()
    context: str | None = None
    for page_no, page in enumerate(pages, start=1):
        lines = re.split(r"\n|(?<=[\w)\]])\.\s+(?=[A-Z])", page)
        for line in lines:
            line = " ".join(line.split())
            if not line:
                continue
            refs = [r for r in expand_refs(line) if "." in r]
            label = _LABEL.search(line)
            if label:
                response = _LABELS[" ".join(label.group(1).lower().split())]
                partial = bool(_PARTIAL.search(label.group(1)))
            else:
                found = "noted" if _NOTES.search(line) else classify_response(line)
                response = found if found in ("supported", "noted") else None
                partial = bool(response and _PARTIAL.search(line))
            if response and not refs:
                context = response  # a heading for the lines below
                continue
            use = response or context
            if use is None:
                continue
            for ref in refs:
                if ref not in seen:
                    seen.add(ref)
                    rows.append((ref, use, partial, page_no))
    out = pd.DataFrame(rows, columns=["paragraph", "response", "partial", "page"])
    out["source"] = source
    return out


def read_responses(path) -> pd.DataFrame:
    """Read an addendum (PDF, Word or text) into (paragraph, response) rows.

    The table has columns ``paragraph``, ``response`` ("supported" or
    "noted"), ``partial`` (partially supported: counted as supported),
    ``page``, ``source`` and, in ``attrs["document"]``, the report's symbol
    (A/HRC/42/4 for A/HRC/42/4/Add.1) when the addendum names it.
    """
    path = Path(path)
    pages = _text_of(path)
    if not is_addendum(pages):
        raise LoadError(
            f"{path.name} is not an addendum to a Working Group report: its first "
            "pages lack 'Addendum' and 'Views on conclusions and/or recommendations'."
        )
    out = responses_from_text(pages, source=path.name)
    m = _SYMBOL.search(" ".join(pages[:2])) or _SYMBOL.search(
        path.name.replace("_", "/")
    )
    out.attrs["document"] = f"A/HRC/{m.group(1)}/{m.group(2)}" if m else None
    if out.empty:
        raise LoadError(
            f"{path.name}: an addendum, but no position found for any numbered "
            "recommendation (expected e.g. 'supports recommendations 95.1-95.5' or "
            "a table of paragraph numbers with 'Supported'/'Noted')."
        )
    return out


def apply_responses(
    df: pd.DataFrame, responses: pd.DataFrame, report, file: str
) -> pd.DataFrame:
    """Fill ``response`` of the report's rows from an addendum's positions."""
    document = responses.attrs.get("document")
    mine = (
        df["document"].eq(document).fillna(False)
        if document
        else df["source"].eq("un-report-pdf")
    )
    if not mine.any():
        raise LoadError(
            f"{file}: the addendum's report ({document or 'symbol unknown'}) is not among "
            "the files loaded; load it with its report: "
            "load_recommendations([report.pdf, addendum.pdf])."
        )
    given = responses.drop_duplicates("paragraph").set_index("paragraph")["response"]
    new = df.loc[mine, "paragraph"].map(given)
    filled = new.notna()
    df = df.copy()
    df.loc[new.index[filled], "response"] = new[filled].to_numpy()
    counts = new[filled].value_counts().to_dict()
    # the report's "no clear response" flags are settled; what stays pending
    # is flagged again, one flag per paragraph (a PDF row is a page of many)
    for source_file, rows in df.loc[new.index].groupby("source_file")["source_row"]:
        report.clear_flags(source_file, rows.dropna().astype(int), "no clear response")
    rows = df.loc[new.index]
    pending = rows[rows["response"] == "unclear"]
    for source_file, sub in pending.groupby("source_file"):
        report.flag(
            source_file,
            sub["source_row"],
            "response",
            "paragraph " + sub["paragraph"].astype(str),
            f"no clear response in the report, and none in its addendum {file}; "
            "stays 'unclear'",
        )
    n_paras = df.loc[mine, "paragraph"].nunique()
    n_named = df.loc[new.index[filled], "paragraph"].nunique()
    missing = sorted(set(pending["paragraph"]))
    unknown = sorted(set(given.index) - set(df.loc[mine, "paragraph"]))
    report.note(
        f"{file}: responses to {n_named} of the {n_paras} paragraphs of "
        f"{document or 'the report'} ("
        + ", ".join(f"{k} {v} rows" for k, v in counts.items())
        + f"; {int(responses['partial'].sum())} partially supported, counted as supported)"
        + (
            f"; {len(missing)} paragraphs pending in the report and not named stay "
            f"'unclear' ({', '.join(missing[:8])})"
            if missing
            else ""
        )
        + (
            f"; {len(unknown)} numbers not in the report ignored ({', '.join(unknown[:8])})"
            if unknown
            else ""
        )
    )
    return df
