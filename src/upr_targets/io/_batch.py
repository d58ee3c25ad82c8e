"""Reading the files of a load: several files of one format are finalized together.

UPR Info's exports are capped at 10,000 rows, so a load is often many files
of one format. Each file is read on its own (its encoding, its layout, the
records it rejects), up to its raw frame; the raw frames of consecutive files
of one format and header are then finalized as one (:func:`finalize_parts`):
each distinct State name, label or session is parsed once for all of them,
and the fixed cost of finalizing is paid once. The report is the same as
when the files are read one by one, each row naming its own file. Should the
batch fail, its files are finalized one by one, so that only the file at
fault is skipped (or raises), as it would alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .._errors import LoadError, UPRTargetsError
from ._finalize import RawPart, finalize_parts
from ._formats import FORMATS, detect_format
from ._log import LoadReport

__all__ = ["read_files"]

logger = logging.getLogger("upr_targets")


def read_files(
    paths: list[Path],
    format: str,
    encoding: str | None,
    on_unknown: str,
    report: LoadReport,
    *,
    skip_bad: bool,
) -> list[pd.DataFrame]:
    """The tables of ``paths``, in order; a file that cannot be read is skipped
    (``skip_bad``, said in ``report``) or raises."""
    frames: list[pd.DataFrame] = []
    pending: list[tuple[RawPart, LoadReport]] = []

    def flush():
        frames.extend(_finalize_batch(pending, on_unknown, report, skip_bad))
        pending.clear()

    for path in paths:
        try:
            read, own = _read_one(path, format, encoding, on_unknown)
        except (LoadError, OSError) as exc:  # layout, workbook, encoding, I/O
            if not skip_bad:
                raise
            _skip(report, path, exc)
            continue
        if isinstance(read, RawPart):
            if pending and (
                read.batch_key != pending[0][0].batch_key
                or read.file.name in {p.file.name for p, _ in pending}
            ):
                flush()
            pending.append((read, own))
            continue
        flush()
        _say_if_empty(own, path, len(read), own.n_rejected)
        report.extend(own)
        frames.append(read)
    flush()
    return frames


def _read_one(
    path, format, encoding, on_unknown
) -> tuple[pd.DataFrame | RawPart, LoadReport]:
    """One file's table, or its raw part when its format reads files together."""
    own = LoadReport()
    name = detect_format(path, encoding=encoding) if format == "auto" else format
    fmt = FORMATS[name]
    how = "given"
    if format == "auto":
        how = f"recognized from its {'header' if fmt.by_header else 'extension'}"
    own.note(f"{path.name}: format {name!r} ({how})")
    logger.info("upr_targets: reading %s as format %r (%s)", path.name, name, how)
    kwargs = {"encoding": encoding} if encoding and fmt.by_header else {}
    part_reader = fmt.load_part()
    if part_reader is not None:
        return part_reader(path, own, **kwargs), own
    return fmt.load()(path, own, on_unknown=on_unknown, **kwargs), own


def _finalize_batch(pending, on_unknown, report, skip_bad) -> list[pd.DataFrame]:
    if not pending:
        return []
    if len(pending) > 1:
        batch = LoadReport()
        try:
            df = finalize_parts([p for p, _ in pending], batch, on_unknown=on_unknown)
        except (UPRTargetsError, OSError):  # a file at fault: see below, one by one
            pass
        else:
            names = [p.file.name for p, _ in pending]
            for _, own in pending:
                report.extend(own)
            report.extend(batch, order=names)
            kept = df["source_file"].value_counts()
            rejected = batch.rejected_by_file()
            for part, own in pending:
                name = part.file.name
                n_rejected = own.n_rejected + int(rejected.get(name, 0))
                _say_if_empty(report, part.file, int(kept.get(name, 0)), n_rejected)
            return [df]
    frames = []
    for part, own in pending:
        try:
            df = finalize_parts([part], own, on_unknown=on_unknown)
        except (LoadError, OSError) as exc:
            if not skip_bad:
                raise
            _skip(report, part.file, exc)
            continue
        _say_if_empty(own, part.file, len(df), own.n_rejected)
        report.extend(own)
        frames.append(df)
    return frames


def _say_if_empty(report: LoadReport, path: Path, n_rows: int, n_rejected: int) -> None:
    """A file that gave no rows and rejected none holds a header only."""
    if n_rows == 0 and not n_rejected:
        report.note(f"{path.name}: a header and no records")
        report.skip_file(path, "a header and no records")


def _skip(report: LoadReport, path: Path, exc: Exception) -> None:
    report.skip_file(path, f"not read ({exc})")
    logger.warning("upr_targets: %s not read: %s", path.name, exc)
