"""The implementation tracker: a workbook the NGO keeps for years.

:func:`write_tracker` writes one row per recommendation of interest with the
columns the NGO fills in (a status dropdown, evidence, source, date, notes);
:func:`load_tracker` reads it back and checks the statuses. Writing a
tracker over an older one keeps every status and note entered in it: rows
are matched by ``recommendation_id``, and rows the new data no longer hold
are kept, not dropped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .._errors import LoadError
from .._outcome_schema import IMPLEMENTATION_STATUSES, TRACKER_COLUMNS, TRACKER_EDITABLE

__all__ = ["load_tracker", "tracker_rows", "write_tracker"]

SHEET = "Tracker"
_STRENGTH_ORDER = {"very similar": 0, "similar": 1, "related": 2}


def _join(s: pd.Series) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in s.dropna() if str(v)))


def tracker_rows(source) -> pd.DataFrame:
    """The tracker's rows (``TRACKER_COLUMNS``) from matches or an outcome table.

    ``source`` is a table from :func:`match_outcome` (the recommendations
    that carry the NGO's, rows of strength "not taken up" left out), an
    :class:`OutcomeSummary` (the matches it counts as taken up), or a
    normalized outcome table (every recommendation of the review).
    """
    if hasattr(source, "by_recommendation"):  # an OutcomeSummary
        source = source.matches
    df = pd.DataFrame(source)
    if "recommendation_id" not in df or "text" not in df:
        raise ValueError(
            "write_tracker needs matches from match_outcome() or a normalized outcome "
            f"table (load_recommendations); columns given: {list(df.columns)}"
        )
    if "advocacy_id" in df:
        df = df[df["strength"].isin(list(_STRENGTH_ORDER))]
        df = df.assign(_order=df["strength"].map(_STRENGTH_ORDER))
        df = df.sort_values(["_order", "rank"], kind="stable")
    else:
        df = df.assign(issue="", advocacy_id="", strength="")
    grouped = df.groupby("recommendation_id", sort=False).agg(
        paragraph=("paragraph", "first"),
        text=("text", "first"),
        recommending_states=("recommending_state", _join),
        response=("response", "first"),
        issue=("issue", _join),
        advocacy_ids=("advocacy_id", _join),
        strength=("strength", "first"),
    )
    out = grouped.reset_index()
    for col in TRACKER_EDITABLE:
        out[col] = ""
    return _by_paragraph(out[list(TRACKER_COLUMNS)])


def _by_paragraph(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the report's order: 95.2 before 95.10, unnumbered rows last."""
    parts = df["paragraph"].fillna("").astype(str).str.extract(r"^(\d+)\.(\d+)")
    order = parts.apply(pd.to_numeric, errors="coerce").reset_index(drop=True)
    position = order.sort_values([0, 1], kind="stable", na_position="last").index
    return df.iloc[position].reset_index(drop=True)


def _clean_status(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split()).lower()


def load_tracker(path) -> pd.DataFrame:
    """Read a tracker written by :func:`write_tracker` (and edited by the NGO).

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file.

    Returns
    -------
    pandas.DataFrame
        ``TRACKER_COLUMNS`` (see :mod:`upr_targets._outcome_schema`), one row
        per recommendation; ``status`` lower case, one of
        ``IMPLEMENTATION_STATUSES`` or "" (not assessed); ``date`` as
        written, dates as ``YYYY-MM-DD``.

    Raises
    ------
    LoadError
        If the sheet or a column is missing, or a status is not one of the
        allowed values (naming the sheet, row, column and allowed values).
    """
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.is_file():
        raise LoadError(
            f"{path}: no such tracker file; write one with write_tracker()."
        )
    book = CalamineWorkbook.from_path(str(path))
    if SHEET not in book.sheet_names:
        raise LoadError(
            f"{path.name}: no sheet {SHEET!r} (sheets: {book.sheet_names}); "
            "is this a tracker written by upr_targets.write_tracker()?"
        )
    rows = book.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    header = [str(h).strip() for h in rows[0]] if rows else []
    missing = [c for c in TRACKER_COLUMNS if c not in header]
    if missing:
        raise LoadError(
            f"{path.name}, sheet {SHEET!r}, row 1: columns {missing} are missing "
            f"(header: {header}); keep the header row as write_tracker() wrote it."
        )
    body = [r for r in rows[1:]]
    df = pd.DataFrame(body, columns=header)[list(TRACKER_COLUMNS)]
    df.index = pd.RangeIndex(2, 2 + len(df))  # spreadsheet rows
    filled = df.astype("string").apply(lambda c: c.str.strip().fillna("") != "")
    df = df[filled.any(axis=1)]
    df["status"] = df["status"].map(_clean_status)
    bad = df[~df["status"].isin(("",) + IMPLEMENTATION_STATUSES)]
    if len(bad):
        letter = chr(ord("A") + header.index("status"))
        where = ", ".join(f"row {r} ({v!r})" for r, v in bad["status"].head(5).items())
        raise LoadError(
            f"{path.name}, sheet {SHEET!r}, column {letter} ('status'): {where}"
            f"{' and more' if len(bad) > 5 else ''} "
            f"{'is not a status' if len(bad) == 1 else 'are not statuses'}; allowed: "
            f"{list(IMPLEMENTATION_STATUSES)} or empty. Pick one from the cell's dropdown."
        )
    df["date"] = df["date"].map(
        lambda v: (
            v.strftime("%Y-%m-%d")
            if hasattr(v, "strftime")
            else ("" if v is None else str(v))
        )
    )
    for col in TRACKER_COLUMNS:
        if col != "date":
            df[col] = (
                df[col].map(lambda v: "" if v is None else str(v)).astype("string")
            )
    df["date"] = df["date"].astype("string")
    out = df.reset_index(names="row")
    return out[list(TRACKER_COLUMNS) + ["row"]]


def _merge(new: pd.DataFrame, old: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``new`` with the NGO's edits from ``old``; rows only in ``old`` kept."""
    old = old.drop(columns="row").set_index("recommendation_id")
    new = new.set_index("recommendation_id")
    common = new.index.intersection(old.index)
    for col in TRACKER_EDITABLE:
        new.loc[common, col] = old.loc[common, col].to_numpy()
    gone = old.loc[old.index.difference(new.index)]
    out = pd.concat([new, gone]).reset_index()
    return _by_paragraph(out[list(TRACKER_COLUMNS)]), len(gone)


def write_tracker(source, path, *, overwrite_edits: bool = False) -> pd.DataFrame:
    """Write (or update) the implementation tracker workbook.

    Parameters
    ----------
    source : DataFrame or OutcomeSummary
        Matches from :func:`match_outcome`, an :class:`OutcomeSummary`, or a
        normalized outcome table (every recommendation of the review).
    path : str or Path
        The ``.xlsx`` file. If it exists, the statuses, evidence, sources,
        dates and notes entered in it are kept (rows matched by
        ``recommendation_id``; rows no longer in ``source`` kept too).
    overwrite_edits : bool, default False
        Start from empty editable columns even if ``path`` holds edits.

    Returns
    -------
    pandas.DataFrame
        The rows written (``TRACKER_COLUMNS``).

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> demo = upr_targets.load_demo()
    >>> review = demo[(demo["sur"] == "Kenya") & (demo["session"] == 35)]
    >>> m = upr_targets.match_outcome(["Abolish the death penalty"], review)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tracker.xlsx"
    >>> rows = upr_targets.write_tracker(m, path)
    >>> upr_targets.load_tracker(path)["status"].eq("").all()
    True
    """
    path = Path(path)
    rows = tracker_rows(source)
    kept = 0
    if path.exists() and not overwrite_edits:
        rows, kept = _merge(rows, load_tracker(path))
    _write_xlsx(rows, path)
    rows.attrs["kept_rows"] = kept
    return rows


_WIDTHS = {
    "paragraph": 10,
    "text": 70,
    "recommending_states": 24,
    "response": 11,
    "issue": 22,
    "advocacy_ids": 12,
    "strength": 12,
    "status": 20,
    "evidence": 40,
    "source": 28,
    "date": 12,
    "notes": 40,
    "recommendation_id": 22,
}


def _write_xlsx(rows: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(TRACKER_COLUMNS))
    for values in rows.astype(object).where(rows.notna(), "").itertuples(index=False):
        sheet.append([str(v) for v in values])
    editable = PatternFill("solid", fgColor="FFF7E0")
    for j, col in enumerate(TRACKER_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=j)
        cell.font = Font(bold=True)
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = _WIDTHS.get(col, 14)
        if col in TRACKER_EDITABLE:
            for r in range(2, len(rows) + 2):
                sheet.cell(row=r, column=j).fill = editable
        if col in ("text", "evidence", "notes"):
            for r in range(2, len(rows) + 2):
                sheet.cell(row=r, column=j).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
    status_col = sheet.cell(
        row=1, column=TRACKER_COLUMNS.index("status") + 1
    ).column_letter
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(IMPLEMENTATION_STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Implementation status",
        error="Pick a status from the list: " + ", ".join(IMPLEMENTATION_STATUSES),
    )
    check.add(f"{status_col}2:{status_col}{max(len(rows) + 200, 2)}")
    sheet.add_data_validation(check)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    about = book.create_sheet("About")
    for line in (
        ["upr_targets implementation tracker"],
        [
            "Fill in the shaded columns: status (dropdown), evidence, source, date, notes."
        ],
        [
            "Statuses: "
            + ", ".join(IMPLEMENTATION_STATUSES)
            + " (blank = not assessed)."
        ],
        [
            "Writing the tracker again with upr_targets.write_tracker keeps what you entered."
        ],
        [
            "Do not rename the sheet 'Tracker' or its header row; recommendation_id links the rows."
        ],
    ):
        about.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".xlsx.tmp")
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
