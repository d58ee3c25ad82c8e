"""Reading an Excel workbook (python-calamine): the sheet with the data, its header.

A workbook is opened once per load (format detection and reading share it).
The sheet read is the one with the most data rows; its header is the first
of its top rows that is as wide as the table and holds only labels, so a
title or a note above the header ("UPR recommendations, exported 3 May
2024") is skipped, and said.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._errors import LoadError

__all__ = ["Sheet", "is_workbook", "read_workbook", "sheet_frame"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, or an old .xls


@dataclass(frozen=True)
class Sheet:
    """The data sheet of a workbook: header, body rows and where they were."""

    name: str
    header_row: int  # spreadsheet row of the header (1-based)
    header: list[str]
    rows: list[list[object]]  # the non-empty rows below the header, as read
    row_numbers: list[int]  # their spreadsheet row numbers (1-based)
    n_sheets: int


def magic(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(8)


def is_workbook(path: Path) -> bool:
    """True for a zip (xlsx) file, whatever its extension says."""
    return magic(path).startswith(_ZIP)


def _header_index(rows: list[list[object]]) -> int:
    def filled(row):
        return [v for v in row if v is not None and str(v).strip() != ""]

    top = rows[:30]
    widest = max((len(filled(r)) for r in top), default=0)
    for i, row in enumerate(top):
        values = filled(row)
        if len(values) >= max(2, 0.6 * widest) and all(
            isinstance(v, str) for v in values
        ):
            return i
    return 0


def read_workbook(path: Path) -> Sheet:
    """The data sheet of ``path`` (cached by path, size and modification time).

    Raises
    ------
    LoadError
        An encrypted workbook (says how to remove the password), a file that
        is not a workbook, or a workbook without rows.
    """
    stat = path.stat()
    return _read(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _read(name: str, size: int, mtime: int) -> Sheet:
    import python_calamine as calamine

    path = Path(name)
    head = magic(path)
    if head.startswith(_OLE):
        raise LoadError(
            f"{path.name} is password-protected (encrypted) or an old .xls workbook: "
            "open it in Excel, remove the password (File > Info > Protect Workbook) "
            "and save it as .xlsx, then load it again."
        )
    if not head.startswith(_ZIP):
        raise LoadError(
            f"{path.name} is not an Excel workbook (it does not start like an .xlsx "
            "file); if it is a CSV export, give it a .csv extension, else download it "
            "again."
        )
    try:
        book = calamine.CalamineWorkbook.from_path(name)
        sheets = [
            book.get_sheet_by_index(i).to_python(skip_empty_area=False)
            for i in range(len(book.sheet_names))
        ]
        names = list(book.sheet_names)
        book.close()
    except calamine.PasswordError:
        raise LoadError(
            f"{path.name} is password-protected: open it in Excel, remove the password "
            "and save it again, then load it."
        ) from None
    except (calamine.CalamineError, calamine.ZipError, calamine.XmlError) as exc:
        raise LoadError(
            f"{path.name} cannot be read as an Excel workbook ({exc}); open it in "
            "Excel and save it again as .xlsx, or download it again."
        ) from None
    tables = [
        [(i + 1, r) for i, r in enumerate(rows) if any(v not in (None, "") for v in r)]
        for rows in sheets
    ]
    best = max(range(len(tables)), key=lambda i: len(tables[i]), default=0)
    numbered = tables[best] if tables else []
    if not numbered:
        raise LoadError(f"{path.name} has no rows; download the export again.")
    rows = [r for _, r in numbered]
    at = _header_index(rows)
    header = [str(v).strip() if v not in (None, "") else "" for v in rows[at]]
    return Sheet(
        names[best],
        numbered[at][0],
        header,
        rows[at + 1 :],
        [n for n, _ in numbered[at + 1 :]],
        len(names),
    )


def sheet_frame(sheet: Sheet) -> pd.DataFrame:
    """The rows below the header as positional object columns."""
    width = len(sheet.header)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in sheet.rows]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    return frame.mask(frame.eq(""))  # empty cells are missing, as in pandas
