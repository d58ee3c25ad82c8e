"""Reading a delimited text export (CSV/TSV) into a header and string records.

What is checked on the way, so that nothing is lost or misread silently:

- the encoding is chosen by evidence and said, with how sure it is;
- NUL and other control characters (not tab or line breaks) are removed,
  and counted;
- fields of any length are read (no ``field larger than field limit``);
- a stray quote that swallows the records after it (a field spanning lines
  that each look like a record) is undone: the lines it swallowed are read
  as the records they are, and the record with the stray quote and the one
  where the quote closes are rejected, named;
- a file cut inside a quoted field has its last record rejected;
- records with too few or too many fields, and the header repeated further
  down (files joined together), are rejected with the reason;
- a header label used twice is said, with which column is read.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import LoadError
from ._decode import decode_text, sniff_delimiter
from ._fast_csv import fast_records
from ._log import LoadReport

__all__ = ["read_text_table"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_LINE = re.compile(r"\r\n|\r|\n")


def _records(text: str, sep: str) -> list[list[str]]:
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        return list(
            csv.reader(
                io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True
            )
        )
    finally:
        csv.field_size_limit(limit)


def _one_line(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep, skipinitialspace=True), [])


def _swallowed(
    fields: list[str], n_fields: int, sep: str
) -> tuple[int, list[str]] | None:
    """The field of a record that swallowed whole records, and its lines."""
    for k, value in enumerate(fields):
        if "\n" not in value and "\r" not in value:
            continue
        lines = _LINE.split(value)
        inner = [ln for ln in lines[1:-1] if len(_one_line(ln, sep)) == n_fields]
        last_alone = len(_one_line(lines[-1], sep)) == n_fields
        if (
            len(inner) >= 2
            or (inner and len(fields) != n_fields)
            or (len(lines) >= 2 and last_alone and len(fields) != n_fields)
        ):
            return k, lines
    return None


def _unswallow(body, n_fields: int, sep: str, path: Path, report: LoadReport, unclosed):
    """Split records that swallowed others; reject the broken ends, named.

    Returns the records and how many were rejected here.
    """
    out = []
    shift = 0
    n_rejected = 0
    for at, (row, fields) in enumerate(body):
        row += shift
        hit = _swallowed(fields, n_fields, sep) if len(fields) else None
        if hit is None:
            out.append((row, fields))
            continue
        k, lines = hit
        n_rejected += 1
        # the record with the stray quote, cut at it
        report.reject(
            path,
            [row],
            None,
            [sep.join(fields[:k] + [lines[0]])[:200]],
            f'stray quote (") at the start of field {k + 1}: it swallowed the '
            f"{len(lines) - 1} lines after it, read again one record per line",
        )
        to_end = unclosed and at == len(body) - 1  # the quote never closes
        if to_end:
            while len(lines) > 1 and not lines[-1].strip():
                lines.pop()
        inner = lines[1:] if to_end else lines[1:-1]
        for j, line in enumerate(inner, start=1):
            out.append((row + j, _one_line(line, sep)))
        if not to_end:  # the record where the quote closed
            n_rejected += 1
            closing = lines[-1] + '"' + sep + sep.join(fields[k + 1 :])
            report.reject(
                path,
                [row + len(lines) - 1],
                None,
                [closing[:200]],
                "record where the stray quote closed: its first fields were joined "
                "to the quoted text; check it in the file",
            )
        shift += len(lines) - 1
    return out, n_rejected


def _reason(n: int, n_fields: int, last: bool, cut: bool) -> str:
    if last and (cut or n < n_fields):
        return (
            f"file ends inside this record (cut mid-field?): {n} of {n_fields} "
            "fields; download the export again"
        )
    if n < n_fields:
        return f"record has {n} fields, the header has {n_fields}"
    return f"record has {n} fields, the header has {n_fields} (unquoted delimiter in a value?)"


def _breaks(text) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _count_lines(text: str, raw: bytes) -> int:
    """Lines of ``text`` once stripped (``raw``: ``text`` in UTF-8).

    The line breaks (``\\r\\n``, ``\\r``, ``\\n``) are counted on the bytes,
    less those of the white space around the text.
    """
    stripped = len(text.strip())
    if not stripped:
        return 1
    lead = len(text) - len(text.lstrip())
    cr, lf = raw.count(b"\r"), raw.count(b"\n")
    n = cr + lf - (raw.count(b"\r\n") if cr and lf else 0)
    return 1 + n - _breaks(text[:lead]) - _breaks(text[lead + stripped :])


def read_text_table(
    path: Path, report: LoadReport, encoding: str | None = None
) -> tuple[list[str], pd.DataFrame, pd.Series, str, int]:
    """Header, body (positional string columns), row numbers, encoding, records read."""
    data = path.read_bytes()
    if not data or data.isspace():
        raise LoadError(
            f"{path.name} is empty ({len(data)} bytes); download the export again."
        )
    decoded = decode_text(data, encoding, name=path.name)
    text = decoded.text.lstrip("\ufeff")
    raw = text.encode("utf-8", "surrogatepass")  # control bytes are ASCII in UTF-8
    n_control = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if n_control:
        text = _CONTROL.sub("", text)
        raw = text.encode("utf-8", "surrogatepass")
        report.note(
            f"{path.name}: {n_control:,} control characters (NUL and the like) removed"
        )
    sep = sniff_delimiter(_LINE.split(text, maxsplit=1)[0])
    n_lines = _count_lines(text, raw)
    fast = fast_records(text, raw, sep, n_lines)
    if fast is not None:  # a clean file: Arrow's parser
        header, frame, row_no = fast
        rows = pd.Series(row_no, index=frame.index, dtype="Int64")
        return _finish(header, frame, rows, path, report, decoded, sep, len(frame))
    records = _records(text, sep)
    numbered = [
        (i + 1, r)
        for i, r in enumerate(records)
        if (r and r[0].strip()) or any(v.strip() for v in r)
    ]
    header = [h.strip() for h in numbered[0][1]]
    n_fields = len(header)
    body = numbered[1:]
    # a file cut inside a quoted field: an odd number of quotes and no line end
    unclosed = text.count('"') % 2 == 1
    cut = unclosed and not text.endswith(("\n", "\r"))
    n_broken = 0
    # a record spanning lines shows as fewer records than lines: only then look
    if len(records) != n_lines and any(
        len(r) != n_fields or any("\n" in v or "\r" in v for v in r) for _, r in body
    ):
        body, n_broken = _unswallow(body, n_fields, sep, path, report, unclosed)
        cut = cut and not n_broken
    n_body = len(body)
    lengths = np.fromiter((len(r) for _, r in body), dtype=np.int64, count=n_body)
    row_no = np.fromiter((i for i, _ in body), dtype=np.int64, count=n_body)
    ok = lengths == n_fields
    for j in np.flatnonzero(~ok):
        reason = _reason(int(lengths[j]), n_fields, j == n_body - 1, cut)
        report.reject(path, [row_no[j]], None, [sep.join(body[j][1])[:200]], reason)
    if cut and n_body and ok[-1]:
        ok[-1] = False
        report.reject(
            path,
            [row_no[-1]],
            None,
            [sep.join(body[-1][1])[:200]],
            "file ends inside a quoted field (cut short?); download the export again",
        )
    kept = [r for (_, r), good in zip(body, ok, strict=True) if good]
    columns = list(zip(*kept, strict=True)) if kept else [()] * n_fields
    frame = pd.DataFrame({i: pd.array(c, dtype="str") for i, c in enumerate(columns)})
    rows = pd.Series(row_no[ok], index=frame.index, dtype="Int64")
    return _finish(header, frame, rows, path, report, decoded, sep, n_body + n_broken)


def _finish(header, frame, rows, path, report, decoded, sep, n_records):
    """Checks common to both readers, and the file's note."""
    frame, rows = _drop_repeated_header(frame, rows, header, path, report)
    _say_duplicate_labels(header, path, report)
    report.note(
        f"{path.name}: read as text, encoding {decoded.encoding!r} "
        f"({decoded.confidence}: {decoded.why}), delimiter {sep!r}, "
        f"{n_records:,} records"
    )
    return header, frame, rows, decoded.encoding, n_records


def _drop_repeated_header(frame, rows, header, path, report):
    """Reject rows that repeat the header (two exports joined into one file)."""
    if frame.empty:
        return frame, rows
    labels = [h.casefold() for h in header]
    named = sum(bool(h) for h in labels) or 1
    # cheap first pass: a repeated header holds the first label (any case)
    first = next((i for i, h in enumerate(labels) if h), None)
    if first is None:
        return frame, rows
    column = frame[first].astype("string").str.strip().str.lower()
    if not (column == labels[first]).any():
        return frame, rows
    same = sum(
        (frame[i].str.strip().str.casefold() == h).to_numpy(dtype=bool)
        for i, h in enumerate(labels)
        if h
    )
    repeated = np.asarray(same) >= max(2, 0.6 * named)
    if not repeated.any():
        return frame, rows
    report.reject(
        path,
        rows[repeated],
        None,
        [", ".join(header)[:200]] * int(repeated.sum()),
        "the header row repeated (two exports joined into one file?)",
    )
    keep = ~repeated
    return frame.loc[keep].reset_index(drop=True), rows[keep].reset_index(drop=True)


def _say_duplicate_labels(header, path, report):
    """Flag header labels used twice (the first such column is read)."""
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        key = h.strip().casefold()
        if not key or key in ("rgrp", "org"):  # UPR Info's own repeats, read by place
            continue
        if key in seen:
            report.flag(
                path,
                [1],
                h,
                [h],
                f"header label used twice (columns {seen[key] + 1} and {i + 1}): "
                f"column {seen[key] + 1} is read, column {i + 1} is ignored",
            )
        else:
            seen[key] = i
