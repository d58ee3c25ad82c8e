"""Reading a table file (CSV/TSV or Excel) into a header and string records."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import LoadError
from ._decode import decode_bytes, sniff_delimiter
from ._log import LoadReport

__all__ = ["RawTable", "excel_engine", "peek_header", "read_table"]

PathLike = str | Path

TABLE_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """A file's header and records, all values as strings (or objects for Excel)."""

    file: Path
    header: list[str]
    body: pd.DataFrame  # positional columns 0..n-1
    rows: pd.Series  # spreadsheet row numbers (header = 1)
    encoding: str | None = None
    records_read: int = 0

    def column(self, pos: int | None) -> pd.Series:
        if pos is None:
            return pd.Series(pd.NA, index=self.body.index, dtype="object")
        return self.body[pos]


def _read_text_table(path: Path, report: LoadReport, encoding=None) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(
            f"{path.name} is empty ({len(data)} bytes); download the export again."
        )
    text, enc = decode_bytes(data, encoding)
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    sep = sniff_delimiter(first_line)
    records = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    )
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(v.strip() for v in r)]
    header = [h.strip() for h in numbered[0][1]]
    body = numbered[1:]
    n_fields = len(header)
    row_no = np.fromiter((i for i, _ in body), dtype=np.int64, count=len(body))
    lengths = np.fromiter((len(r) for _, r in body), dtype=np.int64, count=len(body))
    # an odd number of quotes in a file that does not end with a line break:
    # the file was cut inside a quoted field (the reader then silently returns
    # the partial record)
    truncated_quote = text.count('"') % 2 == 1 and not text.endswith(("\n", "\r"))
    ok = lengths == n_fields
    bad = np.flatnonzero(~ok)
    for j in bad:
        fields = body[j][1]
        if j == len(body) - 1 and (truncated_quote or lengths[j] < n_fields):
            reason = (
                "file ends inside this record (cut mid-field?): "
                f"{lengths[j]} of {n_fields} fields; download the export again"
            )
        elif lengths[j] < n_fields:
            reason = f"record has {lengths[j]} fields, the header has {n_fields}"
        else:
            reason = (
                f"record has {lengths[j]} fields, the header has {n_fields} "
                "(unquoted delimiter in a value?)"
            )
        value = sep.join(fields)
        report.reject(path, [row_no[j]], None, [value[:200]], reason)
    if truncated_quote and len(body) and ok[-1]:
        j = len(body) - 1
        ok[j] = False
        report.reject(
            path,
            [row_no[j]],
            None,
            [sep.join(body[j][1])[:200]],
            "file ends inside a quoted field (cut short?); download the export again",
        )
    kept = [r for (_, r), good in zip(body, ok, strict=True) if good]
    frame = (
        pd.DataFrame(kept, columns=range(n_fields), dtype="str")
        if kept
        else (pd.DataFrame({i: pd.Series([], dtype="str") for i in range(n_fields)}))
    )
    table = RawTable(
        path,
        header,
        frame,
        pd.Series(row_no[ok], index=frame.index, dtype="Int64"),
        enc,
        len(body),
    )
    report.note(
        f"{path.name}: read as text, encoding {enc!r}, delimiter {sep!r}, "
        f"{len(body):,} records"
    )
    return table


def excel_engine() -> str:
    """``"calamine"`` when python-calamine is installed (about 7x faster), else
    ``"openpyxl"``."""
    from importlib.util import find_spec

    return "calamine" if find_spec("python_calamine") is not None else "openpyxl"


def _read_excel_table(path: Path, report: LoadReport) -> RawTable:
    engine = excel_engine()
    try:
        raw = pd.read_excel(path, header=None, dtype=object, engine=engine)
    except Exception as exc:  # openpyxl raises many types on broken files
        raise LoadError(
            f"{path.name} cannot be read as an Excel workbook ({exc}); "
            "open it in Excel and save it again as .xlsx."
        ) from exc
    raw = raw.dropna(how="all")
    if raw.empty:
        raise LoadError(f"{path.name} has no rows; download the export again.")
    header_row = raw.index[0]
    header = [str(h).strip() if pd.notna(h) else "" for h in raw.loc[header_row]]
    body = raw.loc[raw.index > header_row].reset_index()
    rows = (body.pop("index") + 1).astype("Int64")
    body.columns = range(len(header))
    report.note(
        f"{path.name}: read as Excel workbook (first sheet, {engine}), "
        f"{len(body):,} records"
    )
    return RawTable(path, header, body, rows, None, len(body))


def read_table(
    path: PathLike, report: LoadReport, *, encoding: str | None = None
) -> RawTable:
    """Read a CSV/TSV or Excel file into a :class:`RawTable`."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_EXTENSIONS:
        return _read_excel_table(path, report)
    return _read_text_table(path, report, encoding)


def peek_header(path: Path, *, encoding: str | None = None) -> list[str]:
    """Return the header labels of a table file (reads only its start)."""
    if path.suffix.lower() in EXCEL_EXTENSIONS:
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # BadZipFile, InvalidFileException, KeyError...
            raise LoadError(
                f"{path.name} cannot be read as an Excel workbook ({exc}); "
                "download it again, or open it in Excel and save it as .xlsx."
            ) from exc
        try:
            for row in wb.worksheets[0].iter_rows(values_only=True):
                if any(v is not None and str(v).strip() for v in row):
                    return [str(v).strip() if v is not None else "" for v in row]
        finally:
            wb.close()
        return []
    with open(path, "rb") as fh:
        data = fh.read(65536)
    if not data.strip():
        raise LoadError(
            f"{path.name} is empty ({path.stat().st_size} bytes); download the export again."
        )
    if encoding is None:
        try:
            text, _ = decode_bytes(data)
        except UnicodeDecodeError:  # cut in the middle of a multi-byte character
            text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode(encoding, errors="replace")
    text = text.lstrip("\ufeff")
    first = next(
        csv.reader(
            io.StringIO(text, newline=""),
            delimiter=sniff_delimiter(re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]),
            skipinitialspace=True,
        ),
        [],
    )
    return [h.strip() for h in first]
