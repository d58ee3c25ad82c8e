"""Arrow's C++ CSV parser for the clean text exports, the careful reader for the rest.

Most exports are clean: one record per line, every record with the header's
number of fields, quotes balanced. For those, Arrow's parser (pyarrow, a
dependency already) reads the records at about the speed of
``pandas.read_csv``; the result is what Python's ``csv`` module gives (with
``skipinitialspace``), record numbers included. Anything else (a record over
several lines, a short or long record, an unbalanced quote, a value after
spaces, blank lines before the header) returns None, and the careful
reader of :mod:`._text_table` reads the file, naming every broken record.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

__all__ = ["fast_records"]

_LEADING_BLANK = re.compile(r"^[ \t]*(?:\r\n|\r|\n)")


def fast_records(
    text: str, encoded: bytes, sep: str, n_lines: int
) -> tuple[list[str], pd.DataFrame, np.ndarray] | None:
    """Header, body (positional ``str`` columns) and record numbers, or None.

    ``encoded`` is ``text`` in UTF-8; ``n_lines`` the number of lines of the
    stripped text (a clean file has as many records).
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    if encoded.count(b'"') % 2 or _LEADING_BLANK.match(text):
        return None
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    n_fields = len(next(csv.reader([first], delimiter=sep)))
    broken = []

    def invalid(row) -> str:
        broken.append(row)
        return "skip"

    if b"\n" not in encoded:  # CR-only lines (old Mac): Arrow splits LF faster
        encoded = encoded.replace(b"\r", b"\n")
    try:
        table = pa_csv.read_csv(
            io.BytesIO(encoded),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep,
                newlines_in_values=False,
                ignore_empty_lines=False,
                invalid_row_handler=invalid,
            ),
            convert_options=pa_csv.ConvertOptions(
                # every value as written: no type inference ("007", "95.10")
                column_types={f"f{i}": pa.string() for i in range(n_fields)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                auto_dict_encode=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if broken or table.num_rows != n_lines or table.num_columns != n_fields:
        return None
    columns = [table.column(i) for i in range(table.num_columns)]
    # a value after spaces: csv's skipinitialspace drops them (and reads
    # `a, "b"` as quoted), Arrow does not; such a file takes the careful path
    if any(pc.any(pc.starts_with(c, " ")).as_py() for c in columns):
        return None
    header = [h.strip() for h in (c[0].as_py() for c in columns)]
    # blank records: white space in the first column, then in every other one
    # (checked on those records only)
    at = np.flatnonzero(_blank(columns[0]))
    for c in columns[1:]:
        if not at.size:
            break
        at = at[_blank(c.take(pa.array(at)))]
    if at.size and at[0] == 0:
        return None
    if at.size:
        keep = np.setdiff1d(np.arange(1, table.num_rows), at)
        columns = [c.take(pa.array(keep)) for c in columns]
    else:
        keep = np.arange(1, table.num_rows)
        columns = [c.slice(1) for c in columns]
    body = pd.DataFrame({i: pd.array(c, dtype="str") for i, c in enumerate(columns)})
    return header, body, keep + 1  # record numbers, the header being 1


def _blank(values) -> np.ndarray:
    import pyarrow.compute as pc

    trimmed = pc.utf8_trim_whitespace(values)
    return pc.equal(trimmed, "").to_numpy(zero_copy_only=False)
