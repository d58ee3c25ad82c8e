"""Reader for OHCHR's UPR matrices (.docx): the thematic list of recommendations.

One table row per recommendation with the SuR's position and the UHRI themes,
grouped under ``Theme: ...`` rows. :func:`parse_matrix_tables` turns the
tables into raw rows; :func:`read_ohchr_matrix` hands them to ``finalize``.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from .._errors import LoadError, UPRDataWarning
from .._utils import plural, squeeze_space
from ._documents import RAW_COLUMNS, pieces, typed
from ._finalize import finalize
from ._log import LoadReport

__all__ = ["parse_matrix_tables", "read_ohchr_matrix"]

_MATRIX_COLUMNS = {
    "text": "Recommendation",
    "recommending_state": "Recommendation (State(s) in parentheses)",
    "response": "Position",
    "source_themes": "Full list of themes",
    "sur": "page header 'UPR of ...'",
}


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
        elif "affected" in t or "persons" in t:  # "Groups of Persons"
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
        if ln.endswith(":") or low in ("affected persons", "groups of persons", "sdgs"):
            if "affected" in low or "persons" in low:
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
    >>> from upr_targets.io._matrix import parse_matrix_tables
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
            # a section row, across the table: "Theme: A12 ..." (cycle 2) or
            # "Right or area: 2.1. Acceptance of international norms" (later)
            if len(distinct) == 1 and re.match(
                r"^\s*(?:theme|right or area)\s*:", texts[0], flags=re.I
            ):
                section_theme = re.sub(
                    r"^\s*(?:theme|right or area)\s*:\s*", "", texts[0], flags=re.I
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
            *RAW_COLUMNS,
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
            f"{source}: {plural(len(skipped), 'table row')} before the first 'Recommendation "
            f"| Position' header were not read ({', '.join(skipped[:5])}); check "
            "that they are not recommendations.",
            UPRDataWarning,
            stacklevel=2,
        )
    raw["sur"] = facts["sur"]
    raw["session"] = facts["session"]
    raw["cycle"] = facts["cycle"]
    raw["year"] = facts["year"]
    return typed(raw)


def _matrix_row(texts, cols, section_theme, t_idx, r_idx, facts) -> list[dict]:
    def cell(key: str) -> str:
        i = cols.get(key)
        return texts[i] if i is not None and i < len(texts) else ""

    rec_lines, source_pos = [], ""
    for ln in cell("recommendation").splitlines():
        m = _SOURCE_OF_POSITION.search(ln)
        if m:
            source_pos = m.group(1).strip()
        elif not re.match(r"^\s*comments?\s*:", ln, flags=re.I):  # OHCHR's notes
            rec_lines.append(ln)
    source_pos = source_pos or squeeze_space(cell("source"))
    rec = squeeze_space(" ".join(rec_lines))
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
        for rid, body, names in pieces(rec, f"{document or facts['source']} {where}")
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


def read_ohchr_matrix(
    path: str | Path, report: LoadReport, *, on_unknown: str = "raise"
) -> pd.DataFrame:
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
    path = Path(path)
    raw = parse_matrix_tables(_open_docx(path), source=path.name)
    n_paragraphs = raw["paragraph"].fillna(raw["recommendation_id"]).nunique()
    report.note(
        f"{path.name}: {n_paragraphs} numbered paragraphs, "
        f"{raw['recommendation_id'].nunique()} recommendations (clustered paragraphs "
        f"split), {len(raw)} rows (one per recommending State)",
    )
    return finalize(
        raw,
        on_unknown=on_unknown,
        fmt="ohchr-matrix",
        file=path,
        report=report,
        source_columns=_MATRIX_COLUMNS,
        theme_vocabulary="uhri",
        records_read=n_paragraphs,
    )
