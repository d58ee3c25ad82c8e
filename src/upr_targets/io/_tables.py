"""Reading a table file (CSV/TSV, Excel or Parquet) into a header and string records."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import LoadError
from ._decode import decode_text, sniff_delimiter
from ._log import LoadReport
from ._text_table import read_text_table
from ._workbook import is_workbook, read_workbook, sheet_frame

__all__ = ["RawTable", "join_lists", "peek_header", "read_table"]

PathLike = str | Path

TABLE_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
PARQUET_EXTENSIONS = (".parquet",)
LIST_SEPARATOR = "; "
"""How a list cell of a Parquet file is read: its items joined, as in a CSV."""


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


def _read_excel_table(path: Path, report: LoadReport) -> RawTable:
    sheet = read_workbook(path)
    body = sheet_frame(sheet)
    rows = pd.Series(sheet.row_numbers, index=body.index, dtype="Int64")
    where = f"sheet {sheet.name!r}"
    if sheet.n_sheets > 1:
        where += f" (the one with most rows, of {sheet.n_sheets})"
    if sheet.header_row > 1:
        where += f", header on row {sheet.header_row} (rows above it skipped)"
    report.note(f"{path.name}: read as Excel workbook, {where}, {len(body):,} records")
    return RawTable(path, sheet.header, body, rows, None, len(body))


def _parquet_file(path: Path):
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        return pq.ParquetFile(path)
    except (ArrowException, OSError) as exc:
        raise LoadError(
            f"{path.name} is not a readable Parquet file ({exc}); write it again "
            "(upr_targets.save_recommendations) or give the CSV/Excel file instead."
        ) from exc


def _read_parquet_table(path: Path, report: LoadReport) -> RawTable:
    import pyarrow as pa
    import pyarrow.compute as pc

    table = _parquet_file(path).read()
    body = {}
    for i, column in enumerate(table.columns):
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            column = pc.binary_join(column.cast(pa.list_(pa.string())), LIST_SEPARATOR)
        elif not pa.types.is_string(column.type):
            column = column.cast(pa.string())
        body[i] = column.to_pandas().astype("string")
    frame = pd.DataFrame(body)
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index, dtype="Int64")
    report.note(f"{path.name}: read as Parquet, {len(frame):,} records")
    return RawTable(path, list(table.column_names), frame, rows, None, len(frame))


def read_table(
    path: PathLike, report: LoadReport, *, encoding: str | None = None
) -> RawTable:
    """Read a CSV/TSV, Excel or Parquet file into a :class:`RawTable`.

    Parquet list cells are read as their items joined by ``"; "``.
    """
    path = Path(path)
    if path.suffix.lower() in PARQUET_EXTENSIONS:
        return _read_parquet_table(path, report)
    if path.suffix.lower() in EXCEL_EXTENSIONS or is_workbook(path):
        if path.suffix.lower() not in EXCEL_EXTENSIONS:
            report.note(
                f"{path.name}: an Excel workbook under a {path.suffix} name; read as one"
            )
        return _read_excel_table(path, report)
    header, body, rows, enc, n = read_text_table(path, report, encoding)
    return RawTable(path, header, body, rows, enc, n)


def peek_header(path: Path, *, encoding: str | None = None) -> list[str]:
    """Return the header labels of a table file (reads only its start)."""
    if path.suffix.lower() in PARQUET_EXTENSIONS:
        return list(_parquet_file(path).schema_arrow.names)
    if path.suffix.lower() in EXCEL_EXTENSIONS or is_workbook(path):
        return read_workbook(path).header
    with open(path, "rb") as fh:
        data = fh.read(65536)
    if not data.strip():
        raise LoadError(
            f"{path.name} is empty ({path.stat().st_size} bytes); download the export again."
        )
    if encoding is None:
        try:
            text = decode_text(data).text
        except UnicodeDecodeError:  # cut in the middle of a multi-byte character
            text = data.decode("utf-8", errors="replace")
    else:
        try:
            text = decode_text(data, encoding, name=path.name).text
        except LoadError:
            if len(data) < 65536:
                raise
            text = data.decode(encoding, errors="replace")  # cut mid-character
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


def join_lists(df: pd.DataFrame) -> pd.DataFrame:
    """The table with each list cell as its items joined by ``"; "``.

    What a CSV or spreadsheet cell holds of a list (``"Torture; Detention"``),
    and what :func:`read_table` gives of a Parquet list cell. Other cells are
    kept; each distinct list is joined once.
    """
    out = df.copy()
    for c in out.columns:
        if out[c].dtype != object:
            continue
        values = out[c].to_numpy(dtype=object)
        is_list = np.fromiter(
            (isinstance(v, (list, tuple)) for v in values),
            dtype=bool,
            count=len(values),
        )
        if not is_list.any():
            continue
        codes, uniques = pd.factorize(
            pd.Series([tuple(v) for v in values[is_list]], dtype=object)
        )
        joined = [LIST_SEPARATOR.join(map(str, u)) for u in uniques]
        values = values.copy()
        values[is_list] = np.array(joined, dtype=object)[codes]
        out[c] = pd.Series(values, index=out.index, dtype=object)
    return out
