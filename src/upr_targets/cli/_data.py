"""What the commands read: the ``--data`` files (or the demo), ``--sur``, ``--theme``."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .._cache import Cache, files_key
from .._errors import LoadError, UnknownStateError, UnknownThemeError
from .._version import __version__
from ..datasets import load_demo
from ..io import load_recommendations
from ..reference import check_reviewed, match_state, normalize_state, normalize_theme
from ._parser import PROG
from ._terminal import err, format_table, progress, terminal_width

__all__ = [
    "SYNTHETIC_NOTE",
    "load_data",
    "note_resolved",
    "resolve_sur",
    "resolve_themes",
]

SYNTHETIC_NOTE = (
    "NOTE: no --data given, using the bundled SYNTHETIC demo data "
    "(not real UPR recommendations)."
)

_GLOB = re.compile(r"[*?\[]")
_SUMMARY_COLUMNS = (
    "file",
    "format",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "rows_flagged",
)


@dataclass
class Data:
    """The table a command works on, and where its derived models are cached."""

    table: pd.DataFrame
    key: str
    cache: Cache

    @property
    def synthetic(self) -> bool:
        """Whether the table is (or holds) the synthetic demo data."""
        return bool((self.table["source"] == "demo").any())

    def fitted(self, name: str, make: Callable[[], Any]) -> tuple[Any, bool]:
        """The model ``name`` fitted on the table, from the cache or ``make()``.

        Returns the model and whether it was just fitted (then cached).
        """
        model = self.cache.load_model(name, self.key, self.table)
        if model is not None:
            return model, False
        model = make()
        self.cache.save_model(name, self.key, model, self.table)
        return model, True

    def remember(self, name: str, model) -> None:
        """Store ``model`` again (it learned something since it was loaded)."""
        self.cache.save_model(name, self.key, model, self.table)


def load_data(args: argparse.Namespace) -> Data:
    """Load --data files (printing the load summary) or the demo data."""
    cache = Cache(args.cache_dir, enabled=args.cache)
    files: list[Path] = list(args.data)
    if not files:
        err(SYNTHETIC_NOTE)
        with progress("Loading the demo data"):
            df = load_demo()
        return Data(df, files_key([], demo=__version__), cache)
    missing = [f for f in files if not f.exists() and not _GLOB.search(str(f))]
    if missing:
        raise LoadError(
            f"File not found: {missing[0]} (given with --data); check the path"
        )
    label = f"Loading {len(files)} file{'s' if len(files) > 1 else ''}"
    with progress(label):
        df = load_recommendations(
            [str(f) for f in files],
            cache=args.cache,
            cache_dir=args.cache_dir,
            drop_duplicates=args.drop_duplicates,
        )
    report = df.attrs["load_report"]
    err("Load summary:")
    err(format_table(report.summary[list(_SUMMARY_COLUMNS)], width=terminal_width()))
    rejected = report.rejected
    if len(rejected):
        shown = rejected.head(5)
        more = f", the first {len(shown)}" if len(rejected) > len(shown) else ""
        err(f"Rejected rows ({len(rejected):,}{more}):")
        err(format_table(shown, width=terminal_width(), wrap=shown.columns[-1]))
        if more:
            err(
                "All of them: load_recommendations(...).attrs['load_report']"
                ".rejected in Python."
            )
    # the table is what these files give (their paths, sizes and times, and the
    # options): no need to hash its content to key the fitted models
    from ..io._load import _expand_paths

    key = files_key(
        _expand_paths([str(f) for f in files]), drop_duplicates=args.drop_duplicates
    )
    return Data(df, key, cache)


def resolve_sur(name: str, *, reviewed: bool = False) -> str:
    """Canonical name of the SuR; unknown names raise with suggestions.

    With ``reviewed``, an observer State (not reviewed) raises before any
    data is read.
    """
    try:
        resolved = normalize_state(name)
    except UnknownStateError as exc:
        exc.message = (
            f"{exc.message} (given with --sur; list the names with `{PROG} states`)"
        )
        exc.args = (exc.message,)
        raise
    note_resolved(name, resolved, "--sur")
    if reviewed:
        check_reviewed(match_state(resolved).iso3)
    return resolved


def note_resolved(given: str, resolved: str, option: str) -> None:
    """Say on stderr when a name was read as a different one (alias, typo)."""
    if " ".join(given.casefold().split()) != resolved.casefold():
        err(f"{option} {given!r} read as {resolved!r}".lstrip())


def resolve_themes(labels: Sequence[str]) -> list[str]:
    out = []
    for label in labels:
        try:
            resolved = normalize_theme(label)
        except UnknownThemeError as exc:
            exc.message = f"{exc.message} (given with --theme; find labels with `{PROG} themes TEXT`)"
            exc.args = (exc.message,)
            raise
        note_resolved(label, resolved, "--theme")
        out.append(resolved)
    return out
