"""``load_recommendations``: files, folders and globs to one normalized table."""

from __future__ import annotations

import glob as _glob
import logging
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .._cache import Cache, files_key
from .._errors import LoadError, UPRDataWarning
from .._utils import collector_paused, plural
from ._log import LoadReport

__all__ = ["load_recommendations"]

logger = logging.getLogger("upr_targets")

PathLike = str | Path

_NOT_WORD = re.compile(r"[\W_]+")  # Python's Unicode-aware \W, not ASCII-only
_ASCII_NOT_WORD = bytes(b for b in range(128) if not chr(b).isalnum())


def _fold_text(text: pd.Series) -> pd.Series:
    """Lower case, letters and digits only (of every script), as bytes.

    ASCII texts, nearly all, are folded with ``bytes.translate`` (ten times
    a regular expression); the others with Python's Unicode-aware ``\\W``.
    """
    out = [
        v.encode().translate(None, _ASCII_NOT_WORD).lower()
        if v.isascii()
        else _NOT_WORD.sub("", v.casefold()).encode()
        for v in text.to_numpy(dtype=object, na_value="\x00")
    ]
    return pd.Series(out, index=text.index, dtype=object)


def _as_path(item) -> Path:
    if isinstance(item, (str, os.PathLike)) and not isinstance(item, bytes):
        return Path(item)
    if isinstance(item, bytes):
        raise LoadError(
            f"path {item!r} is bytes; pass it as text: load_recommendations("
            f"{item.decode(errors='replace')!r})"
        )
    raise LoadError(
        f"path {item!r} ({type(item).__name__}) is not a file path; pass a str or "
        "pathlib.Path (a file, a folder or a glob such as 'exports/*.csv')"
    )


def _natural(path: Path) -> list:
    """Sort key of file names with numbers in them: sessions-6-9 before sessions-10-13."""
    return [int(p) if p.isdigit() else p.casefold() for p in _DIGITS.split(str(path))]


_DIGITS = re.compile(r"(\d+)")


def _known_extensions() -> set[str]:
    from ._formats import FORMATS  # the readers load only when a file is read

    return {e for f in FORMATS.values() for e in f.extensions}


def _expand_paths(path_or_paths) -> list[Path]:
    if not isinstance(path_or_paths, Iterable) or isinstance(
        path_or_paths, (str, bytes, os.PathLike)
    ):
        items: Iterable = [path_or_paths]
    else:
        items = list(path_or_paths)
    out: list[Path] = []
    for item in items:
        p = _as_path(item)
        if p.is_symlink() and not p.exists():
            raise LoadError(
                f"{p} is a symbolic link to nothing (or a loop of links); point it "
                "at the file, or give the file itself"
            )
        if p.is_dir():
            known_ext = _known_extensions()
            files = sorted(
                (
                    q
                    for q in p.iterdir()
                    if q.is_file()
                    and q.suffix.lower() in known_ext
                    and not q.name.startswith((".", "~$"))
                ),
                key=_natural,
            )
            if not files:
                raise LoadError(
                    f"directory {p} holds no file with a known extension {sorted(known_ext)}"
                )
            out.extend(files)
        elif p.exists():
            out.append(p)
        elif any(ch in str(item) for ch in "*?["):
            files = sorted((Path(q) for q in _glob.glob(str(item))), key=_natural)
            if not files:
                raise LoadError(f"no file matches {str(item)!r}")
            out.extend(files)
        else:
            raise LoadError(f"file not found: {p} (working directory {Path.cwd()})")
    if not out:
        raise LoadError("no file given")
    return out


def _flag_duplicates(
    df: pd.DataFrame, report: LoadReport, drop: bool = False
) -> pd.DataFrame:
    """Flag repeated recommendations; with ``drop``, reject those of another source.

    Two rows are the same recommendation when they have the same SuR,
    recommending State, session (or year) and text, ignoring case,
    punctuation and spacing (exports of one database word them alike).
    """
    from ._values import group_codes  # (not on the path of a cached table)

    keys = ["sur_iso3", "rs_iso3", "session", "year"]
    # one integer per distinct (SuR, State, session, year, folded text); the
    # letters of every script count (a Cyrillic or Arabic text is not empty)
    text = _fold_text(df["text"].astype("string"))
    grp, first = group_codes(*(df[c] for c in keys), text)
    first_at = first[grp]
    dup = first_at != np.arange(len(df))
    if not dup.any():
        return df
    # the repeats only: each with its first occurrence
    at = np.flatnonzero(dup)
    rep = df.iloc[at]
    first = df.iloc[first_at[at]].set_axis(rep.index)
    what = (
        "duplicate of "
        + first["source_file"].astype("string")
        + " row "
        + first["source_row"].astype("string").fillna("?")
    )
    other_source = (first["source"] != rep["source"]).to_numpy(dtype=bool)
    issues = np.where(
        other_source,
        "same recommendation as in another export already loaded; kept (loading "
        "both double-counts it: load one source per period)",
        "duplicate row (same SuR, recommending State, session and text); kept",
    )
    dropped_rep = other_source & drop
    for f, sub in rep[dropped_rep].groupby("source_file", sort=False):
        report.drop(
            f,
            sub["source_row"],
            what[sub.index],
            "same recommendation as in another export already loaded; left out "
            "(drop_duplicates=True)",
        )
    for (f, issue), sub in (
        rep[~dropped_rep]
        .assign(_issue=issues[~dropped_rep])
        .groupby(["source_file", "_issue"], sort=False)
    ):
        report.flag(f, sub["source_row"], None, what[sub.index], issue)
    dropped = np.zeros(len(df), dtype=bool)
    dropped[at[dropped_rep]] = True
    return df[~dropped].reset_index(drop=True) if dropped.any() else df


def load_recommendations(
    path_or_paths: PathLike | Sequence[PathLike],
    *,
    format: str = "auto",
    encoding: str | None = None,
    on_unknown: str = "raise",
    strict: bool = False,
    drop_duplicates: bool = False,
    cache: bool = False,
    cache_dir: PathLike | None = None,
) -> pd.DataFrame:
    """Load UPR recommendations from real exports into the normalized table.

    Parameters
    ----------
    path_or_paths : str, Path or list of them
        A file, a directory (its files with a known extension), a glob pattern
        (``"exports/*.csv"``) or a list of any of these.
    format : str, default "auto"
        One of ``FORMATS`` (``"upr-info"``, ``"upr-info-uwazi"``, ``"dihr"``,
        ``"uhri"``, ``"upr-targets"`` for a table written by
        :func:`save_recommendations`, and the document formats), or ``"auto"``
        to recognize each file from its header (the choice is logged and
        written to the report).
    encoding : str, optional
        Text encoding of CSV files; by default detected (UTF-8/16, then
        Windows cp1252 or Mac Roman, whichever reads as text).
    on_unknown : {"raise", "flag"}, default "raise"
        A State name that is not known raises one error naming every unknown
        value with its rows and the closest names; ``"flag"`` keeps the rows
        with the State missing and lists them in the load report (a row whose
        State under review is unknown cannot be used and is rejected).
    strict : bool, default False
        With several files, a file that cannot be read at all (an unknown
        layout, a broken workbook) is skipped and named in the load report and
        its warning, and the others are loaded; ``strict=True`` raises
        instead. A single file always raises.
    drop_duplicates : bool, default False
        Files of different sources that hold the same recommendations (UPR
        Info and DIHR both hold cycle 1) are flagged; ``True`` leaves out the
        repeats of a recommendation already read from another source (same
        SuR, recommending State, session and text, ignoring case and
        punctuation), and the report says how many.
    cache : bool, default False
        Keep the normalized table on disk and read it from there next time,
        as long as the files (path, size, modification time), the options
        and the library's version are the same. The load report and its
        warning are the same as for a fresh load.
    cache_dir : path, optional
        The cache folder (default ``$UPR_TARGETS_CACHE``, else the user's
        cache folder).

    Returns
    -------
    pandas.DataFrame
        One row per (recommendation, recommending State), all columns of
        :func:`upr_targets.schema_table`, and ``attrs["load_report"]``, a
        :class:`LoadReport`.

    Warns
    -----
    UPRDataWarning
        When rows were rejected or values guessed or set to missing, saying
        how many and why.

    Raises
    ------
    UnknownFormatError
        When a file matches no known layout.
    LoadError
        Empty or unreadable files, missing columns.
    UnknownStateError
        A State name that is neither known nor a placeholder such as
        ``(Unknown)``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from upr_targets import load_recommendations
    >>> csv = (
    ...     "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\\n"
    ...     "France,WEOG,EU,Ratify the OP-CAT,Brazil,GRULAC,,Accepted,5,Torture and other CID treatment,2\\n"
    ... )
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = path.write_text(csv)
    >>> df = load_recommendations(path)
    >>> df[["sur", "recommending_state", "response", "session", "year"]]
          sur recommending_state   response  session  year
    0  France             Brazil  supported        2  2008
    >>> df.attrs["load_report"].summary[["file", "format", "rows_read", "rows_kept"]]
             file    format  rows_read  rows_kept
    0  export.csv  upr-info          1          1
    """
    if format != "auto":  # the readers load only when a file is read
        from ._formats import FORMATS

        if format not in FORMATS:
            raise LoadError(
                f"unknown format {format!r}; use 'auto' or one of {list(FORMATS)}"
            )
    if on_unknown not in ("raise", "flag"):
        raise LoadError(f"on_unknown={on_unknown!r}; use 'raise' or 'flag'")
    paths = _expand_paths(path_or_paths)
    store = Cache(cache_dir, enabled=cache)
    key = (
        files_key(
            paths,
            format=format,
            encoding=encoding,
            on_unknown=on_unknown,
            strict=strict,
            drop_duplicates=drop_duplicates,
        )
        if cache
        else ""
    )
    df = store.load_table(key) if cache else None
    if df is None:
        with collector_paused():
            df = _load(paths, format, encoding, on_unknown, strict, drop_duplicates)
        store.save_table(key, df)
    _warn(df.attrs["load_report"], len(df))
    return df


def _load(
    paths: list[Path],
    format: str,
    encoding: str | None,
    on_unknown: str,
    strict: bool,
    drop_duplicates: bool = False,
) -> pd.DataFrame:
    from ._addendum import apply_responses, is_addendum, opening_text, read_responses
    from ._batch import read_files

    report = LoadReport()
    tables = []
    addenda = []
    for path in paths:
        opening = opening_text(path)
        if opening is not None and is_addendum(opening):
            addenda.append((path, read_responses(path)))
            report.note(f"{path.name}: an addendum (the State's responses)")
            continue
        tables.append(path)
    skip_bad = not (strict or len(paths) == 1)
    frames = read_files(tables, format, encoding, on_unknown, report, skip_bad=skip_bad)
    if addenda and not frames:
        raise LoadError(
            f"{addenda[0][0].name} is an addendum: it holds the State's responses, not "
            "the recommendations. Load it with its report: "
            "load_recommendations([report.pdf, addendum.pdf]); or read the responses "
            "alone with upr_targets.io.read_responses()."
        )
    if not frames:
        raise LoadError(
            "none of the files could be read: "
            + "; ".join(f"{f}: {why}" for f, why in report.skipped)
        )
    df = (
        pd.concat(frames, ignore_index=True)
        if len(frames) > 1
        else frames[0].reset_index(drop=True)
    )
    for path, responses in addenda:
        df = apply_responses(df, responses, report, path.name)
        # in the files read, with its positions as records (it adds no rows)
        report.add_file(
            path, format="addendum", rows_kept=0, records_read=len(responses)
        )
    df = _flag_duplicates(df, report, drop_duplicates)
    df.attrs["load_report"] = report
    return df


def _warn(report: LoadReport, n_rows: int) -> None:
    """Warn when rows were rejected or values flagged (stacklevel: the caller's)."""
    if report.n_rejected or report.n_flagged or report.skipped:
        warnings.warn(
            f"Loaded {n_rows:,} rows from {plural(report.n_files, 'file')}; "
            + "; ".join(report.problems()[:8])
            + ". See df.attrs['load_report'].",
            UPRDataWarning,
            stacklevel=3,
        )
