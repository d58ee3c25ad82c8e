"""``load_advocacy``: the NGO's own issues and recommendations, from what it has.

An advocacy paper holds a few issues (at most four, the guides advise) with
one or two recommendations each, and sometimes the States lobbied on them.
NGOs keep it as a table (CSV/XLSX), a Word or Markdown/plain-text paper, or a
Python list; all give the same table (``ADVOCACY_COLUMNS``).
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .._errors import LoadError, UPRDataWarning
from .._utils import compact_key
from ..reference import resolve_states
from ._values import _INVERTED_TAIL

__all__ = ["ADVOCACY_COLUMNS", "load_advocacy"]

ADVOCACY_COLUMNS = (
    "advocacy_id",
    "issue",
    "advocacy_text",
    "targeted_states",
    "lobbied_on",
    "source",
    "line",
)
"""``advocacy_id`` (the table's ``id`` column, or "R1", "R2", ...), ``issue``, ``advocacy_text`` (the
recommendation), ``targeted_states`` (canonical names, list), ``lobbied_on``
(list of the days each of those States was lobbied, aligned with them; NaT
when not given), ``source`` (file name or "python") and ``line`` (line or
spreadsheet row, 1-based)."""

_ISSUE_KEYS = ("issue", "theme", "topic", "issues")
_TEXT_KEYS = (
    "recommendation",
    "ourrecommendation",
    "text",
    "recommendations",
    "advocacytext",
)
_STATES_KEYS = ("targetedstates", "targetstates", "states", "lobbiedstates", "targets")
_ID_KEYS = ("advocacyid", "id", "ref", "reference", "no", "number")
_DATE_KEYS = ("lobbiedon", "datelobbied", "lobbyingdate", "lobbydate", "date", "when")
# "Germany (12 March 2019)": a State with the day it was lobbied
_WITH_DATE = re.compile(r"^(.*?)\s*[(\[]\s*([^()\[\]]*\d[^()\[\]]*)\s*[)\]]\s*$")
# "States lobbied: Germany, France (2019-03-12)" under an issue of a paper
_TARGETS_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:states?\s+)?(?:targeted|lobbied|targets?)"
    r"(?:\s+states?)?\s*[:=-]\s*(.+)$",
    re.I,
)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*•+]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(.+)$")
_LABELLED = re.compile(r"^\s*(?:issue|theme)\s*\d*\s*[:.-]\s*(.+)$", re.I)


def _pick(columns, keys) -> str | None:
    found = {compact_key(c): c for c in columns}
    return next((found[k] for k in keys if k in found), None)


def _day(value, source: str, line: int) -> pd.Timestamp:
    """A lobbying date as written ("2019-03-12", "12 March 2019", "12/03/2019")."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NaT
    if isinstance(value, pd.Timestamp | _dt.date):
        return pd.Timestamp(value)
    text = str(value).strip()
    if not text:
        return pd.NaT
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    day = iso if pd.notna(iso) else pd.to_datetime(text, dayfirst=True, errors="coerce")
    if pd.isna(day):
        raise LoadError(
            f"{source}, line {line}: lobbying date {text!r} is not a date; write it "
            "as 2019-03-12 or 12 March 2019."
        )
    return day


def _states(cell, source: str, line: int, when=None) -> tuple[list[str], list]:
    """Targeted States of a cell (names; each may carry its date) and the dates.

    ``when`` is the row's own lobbying date, for the States without one.
    """
    if cell is None or (not isinstance(cell, (list, tuple)) and pd.isna(cell)):
        return [], []
    names = (
        cell
        if isinstance(cell, (list, tuple))
        else re.split(r"\s*[;|\n]\s*", str(cell))
    )
    names = [str(n).strip() for n in names if str(n).strip()]
    names = [part for name in names for part in _comma_list(name)]
    if not names:
        return [], []
    default = _day(when, source, line)
    dates = []
    for k, name in enumerate(names):
        m = _WITH_DATE.match(name)
        if m:
            names[k] = m.group(1)
        dates.append(_day(m.group(2), source, line) if m else default)
    found = resolve_states(
        pd.Series(names, dtype="string"),
        source=source,
        column="targeted_states",
        rows=pd.Series([line] * len(names)),
    )
    return found["name"].astype(str).tolist(), dates


def _comma_list(text: str) -> list[str]:
    """Split "Germany, France (12 March 2019)" on the commas outside brackets,
    keeping inverted names ("Korea, Republic of") whole."""
    parts = [p.strip() for p in re.split(r",(?![^()\[\]]*[)\]])", text)]
    out: list[str] = []
    for part in parts:
        # "Korea, Republic of": an inverted name's tail, glued back to its head
        if out and re.match(_INVERTED_TAIL, re.sub(r"\s*[(\[].*$", "", part)):
            out[-1] = f"{out[-1]}, {part}"
        elif part:
            out.append(part)
    return out


def _from_table(df: pd.DataFrame, source: str, first_row: int) -> list[dict]:
    issue_col = _pick(df.columns, _ISSUE_KEYS)
    text_col = _pick(df.columns, _TEXT_KEYS)
    states_col = _pick(df.columns, _STATES_KEYS)
    id_col = _pick(df.columns, _ID_KEYS)
    date_col = _pick(df.columns, _DATE_KEYS)
    if text_col is None:
        raise LoadError(
            f"{source}: no recommendation column; columns seen: {list(df.columns)}. "
            "Expected a table with 'issue' and 'recommendation' columns (and "
            "optionally 'targeted_states', names separated by ';')."
        )
    rows = []
    issue = None
    for i, rec in enumerate(df.to_dict("records")):
        line = first_row + i
        text = rec.get(text_col)
        if (
            issue_col is not None
            and isinstance(rec.get(issue_col), str)
            and rec[issue_col].strip()
        ):
            issue = rec[issue_col].strip()  # blank cells repeat the issue above
        if not isinstance(text, str) or not text.strip():
            continue
        targeted, dates = (
            _states(rec.get(states_col), source, line, rec.get(date_col))
            if states_col
            else ([], [])
        )
        rows.append(
            {
                "advocacy_id": str(rec[id_col]).strip()
                if id_col and pd.notna(rec.get(id_col)) and str(rec[id_col]).strip()
                else None,
                "issue": issue or "(no issue named)",
                "advocacy_text": " ".join(text.split()),
                "targeted_states": targeted,
                "lobbied_on": dates,
                "source": source,
                "line": line,
            }
        )
    return rows


def _from_lines(lines: Sequence[tuple[int, str, str]], source: str) -> list[dict]:
    """Headings as issues, numbered or bulleted items as recommendations.

    ``lines`` are (line number, text, kind): kind "heading" and "item" come
    from Word's heading and list styles, "text" from everything else;
    Markdown ``#`` lines, "Issue 2: ..." lines and numbered or bulleted lines
    are recognised here. A paragraph under a heading with no item at all is taken
    as that issue's recommendation.
    """
    rows: list[dict] = []
    issue = None
    loose: list[tuple[int, str]] = []
    current: dict | None = None
    targets: dict = {}  # issue -> (States, dates) from a "States lobbied:" line

    def close_issue():
        if issue is not None and not any(r["issue"] == issue for r in rows):
            for n, text in loose:
                rows.append(_row(issue, text, source, n))

    for n, text, kind in lines:
        if not text.strip():
            current = None
            continue
        m = _HEADING.match(text)
        labelled = _LABELLED.match(text)
        if kind == "heading" or m or labelled:
            close_issue()
            title = (m.group(2) if m else text).strip()
            named = _LABELLED.match(title)  # "Issue 1: the death penalty"
            issue = (named.group(1) if named else title).strip()
            loose, current = [], None
            continue
        lobbied = _TARGETS_LINE.match(text)
        if lobbied:
            targets[issue] = _states(lobbied.group(1), source, n)
            current = None
            continue
        item = _ITEM.match(text)
        if item or kind == "item":
            body = item.group(1) if item else text
            current = _row(issue or "(no issue named)", body, source, n)
            rows.append(current)
        elif current is not None:  # a wrapped line of the item above
            current["advocacy_text"] += " " + " ".join(text.split())
        else:
            loose.append((n, " ".join(text.split())))
    close_issue()
    for row in rows:
        states, days = targets.get(row["issue"], ([], []))
        row["targeted_states"], row["lobbied_on"] = list(states), list(days)
    return rows


def _row(issue, text, source, line) -> dict:
    return {
        "issue": issue,
        "advocacy_text": " ".join(str(text).split()),
        "targeted_states": [],
        "lobbied_on": [],
        "source": source,
        "line": line,
    }


def _read_path(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise LoadError(f"file not found: {path}")
    if suffix in (".csv", ".tsv"):
        sep = "\t" if suffix == ".tsv" else ","
        return _from_table(pd.read_csv(path, dtype=str, sep=sep), path.name, 2)
    if suffix in (".xlsx", ".xlsm"):
        from ._workbook import read_workbook

        sheet = read_workbook(path)
        df = pd.DataFrame(
            [r[: len(sheet.header)] for r in sheet.rows], columns=sheet.header
        )
        return _from_table(df, path.name, sheet.header_row + 1)
    if suffix == ".docx":
        import docx

        doc = docx.Document(str(path))

        def kind(p) -> str:
            style = (p.style.name if p.style is not None else "").lower()
            if style.startswith(("heading", "title")):
                return "heading"
            return "item" if style.startswith("list") else "text"

        lines = [(i + 1, p.text, kind(p)) for i, p in enumerate(doc.paragraphs)]
        return _from_lines(lines, path.name)
    if suffix in (".md", ".markdown", ".txt", ""):
        text = path.read_text(encoding="utf-8-sig")
        numbered = [(i + 1, t, "text") for i, t in enumerate(text.splitlines())]
        return _from_lines(numbered, path.name)
    raise LoadError(
        f"{path.name}: cannot read an advocacy paper from a {suffix} file; use .csv, "
        ".xlsx, .docx, .md or .txt, or pass a DataFrame or a list."
    )


def load_advocacy(source) -> pd.DataFrame:
    """Read the NGO's issues and recommendations into one table.

    Parameters
    ----------
    source : path, DataFrame or list
        A CSV/XLSX table (``issue``, ``recommendation``, optional
        ``targeted_states``: names separated by ";", each with the day it
        was lobbied in brackets if known, "Germany (2019-03-12)"; optional
        ``lobbied_on``: the day, for the row's States without one; a blank
        issue cell repeats the one above), a Word (.docx) or
        Markdown/plain-text paper (headings, ``#`` lines or "Issue 1: ..."
        lines are the issues; numbered or bulleted lines under them the
        recommendations; a "States lobbied: Germany (12 March 2019), France"
        line gives the issue's targeted States), a
        DataFrame with those columns, or a list of ``(issue, recommendation)``
        pairs, of dicts, or of recommendation strings.

    Returns
    -------
    pandas.DataFrame
        ``ADVOCACY_COLUMNS``, one row per recommendation, in order.

    Raises
    ------
    LoadError
        No recommendation found, a table without a recommendation column,
        or a lobbying date that is not a date (naming the file, the line and
        what is expected).
    UnknownStateError
        A targeted State that is not a State (naming the file and row).

    Warns
    -----
    UPRDataWarning
        More than four issues (the advocacy guides advise at most four).

    Examples
    --------
    >>> from upr_targets import load_advocacy
    >>> paper = load_advocacy([("Death penalty", "Abolish the death penalty"),
    ...                        ("Death penalty", "Commute all death sentences")])
    >>> paper[["advocacy_id", "issue", "advocacy_text"]].values.tolist()[1]
    ['R2', 'Death penalty', 'Commute all death sentences']
    """
    if isinstance(source, pd.DataFrame):
        rows = _from_table(source, "python", 1)
    elif isinstance(source, (str, Path)):
        rows = _read_path(Path(source))
    elif isinstance(source, Sequence):
        items = list(source)
        if items and all(isinstance(x, dict) for x in items):
            rows = _from_table(pd.DataFrame(items), "python", 1)
        else:
            rows = []
            for i, x in enumerate(items, start=1):
                issue, text = (
                    x if isinstance(x, (tuple, list)) and len(x) == 2 else (None, x)
                )
                if isinstance(text, str) and text.strip():
                    rows.append(_row(issue or "(no issue named)", text, "python", i))
    else:
        raise LoadError(
            f"load_advocacy needs a file path, a DataFrame or a list, not "
            f"{type(source).__name__}"
        )
    if not rows:
        where = source if isinstance(source, (str, Path)) else "the data given"
        raise LoadError(
            f"{where}: no recommendation found. Expected issues as headings (or an "
            "'issue' column) and the recommendations as numbered or bulleted lines "
            "under them (or a 'recommendation' column)."
        )
    out = pd.DataFrame(rows)
    numbered = pd.Series([f"R{i}" for i in range(1, len(out) + 1)], index=out.index)
    if "advocacy_id" in out:
        out["advocacy_id"] = out["advocacy_id"].fillna(numbered)
    else:
        out.insert(0, "advocacy_id", numbered)
    repeated = out["advocacy_id"][out["advocacy_id"].duplicated(keep=False)]
    if len(repeated):
        first = out.loc[repeated.index[0]]
        raise LoadError(
            f"{first['source']}, line {first['line']}: recommendation id "
            f"{first['advocacy_id']!r} is used {len(repeated)} times; give each "
            "recommendation its own id (or leave the id column empty to number them R1, R2, ...)."
        )
    n_issues = out["issue"].nunique()
    if n_issues > 4:
        warnings.warn(
            f"{n_issues} issues: the advocacy guides advise at most four per review, "
            "with one or two recommendations each.",
            UPRDataWarning,
            stacklevel=2,
        )
    for c in ("advocacy_id", "issue", "advocacy_text", "source"):
        out[c] = out[c].astype("string")
    out["line"] = out["line"].astype("Int64")
    return out[list(ADVOCACY_COLUMNS)]
