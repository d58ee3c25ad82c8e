"""The cache: what is expensive to derive, kept on disk and keyed by its sources.

Two kinds of entries:

- *tables*: a normalized table in Arrow's file format (Feather, compressed
  with zstd: pyarrow keeps every dtype and reads it back several times faster
  than Parquet), its list columns and its :class:`~upr_targets.LoadReport`
  pickled beside it;
- *models*: a fitted estimator (ranker, matcher, acceptance model), pickled
  without the table it was fitted on: the table is stored once, as a table,
  and put back into the model when it is loaded.

Keys are SHA-256 digests of what the entry was derived from (the source
files' path, size and modification time, or the table's content, and the
estimator's parameters) together with the versions of upr_targets, pandas
and scikit-learn: change any of them and the entry is not found. Writes go
to a temporary file in the cache folder, renamed into place, so that two
processes never see a half-written entry; a file that cannot be read is
ignored (and replaced at the next write).

The folder is ``$UPR_TARGETS_CACHE`` when set, else the user's cache folder
(``platformdirs.user_cache_dir("upr_targets")``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._schema import COLUMNS
from ._utils import collector_paused

__all__ = ["CACHE_ENV", "Cache", "cache_dir", "files_key", "table_key"]

CACHE_ENV = "UPR_TARGETS_CACHE"
"""Environment variable naming the cache folder."""

_LIST_COLUMNS = tuple(c.name for c in COLUMNS if c.dtype == "list")


def cache_dir(path: str | os.PathLike | None = None) -> Path:
    """The cache folder: ``path``, else ``$UPR_TARGETS_CACHE``, else the user's.

    Parameters
    ----------
    path : str or path-like, optional
        A folder to use instead.

    Returns
    -------
    Path
        The folder (not created).

    Examples
    --------
    >>> from upr_targets._cache import cache_dir
    >>> cache_dir("/tmp/upr-cache").as_posix()
    '/tmp/upr-cache'
    """
    if path is not None:
        return Path(path)
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("upr_targets", appauthor=False))


@lru_cache(maxsize=1)
def _code() -> str:
    """Fingerprint of the package's own files (size and modification time):
    an edited or reinstalled package never reads entries written by another."""
    root = Path(__file__).parent
    stats = sorted(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.suffix in (".py", ".csv", ".json", ".gz")
    )
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    """The versions a key depends on (read once per process; not to be changed)."""
    from importlib.metadata import version

    from ._version import __version__

    return {
        "upr_targets": __version__,
        "code": _code(),
        "pandas": version("pandas"),
        "scikit-learn": version("scikit-learn"),
    }


def _digest(parts: Any) -> str:
    text = json.dumps([parts, _versions()], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def files_key(paths: Iterable[str | os.PathLike], **options: Any) -> str:
    """Key of a table read from files: their paths, sizes and modification times.

    Parameters
    ----------
    paths : iterable of path-like
        The files read.
    **options
        Whatever else decides the table (format, encoding, ...).

    Returns
    -------
    str
        A hexadecimal digest.
    """
    stats = []
    for p in paths:
        p = Path(p).resolve()
        st = p.stat()
        stats.append((str(p), st.st_size, st.st_mtime_ns))
    return _digest({"files": stats, "options": options})


def table_key(table, **options: Any) -> str:
    """Key of a table by its content (every column that the models read).

    Parameters
    ----------
    table : pandas.DataFrame
        A normalized table.
    **options
        Whatever else decides the entry (an estimator's parameters, ...).

    Returns
    -------
    str
        A hexadecimal digest.
    """
    import pandas as pd

    cols = [c for c in table.columns if c not in _LIST_COLUMNS]
    flat = table[cols].astype("string")
    for c in _LIST_COLUMNS:
        if c in table.columns:
            flat[c] = table[c].map("|".join)
    rows = pd.util.hash_pandas_object(flat, index=False).to_numpy()
    content = hashlib.sha256(rows.tobytes()).hexdigest()
    return _digest({"table": content, "columns": list(table.columns), **options})


class _Pickler(pickle.Pickler):
    def __init__(self, file, table):
        super().__init__(file, protocol=5)
        self._table = table

    def persistent_id(self, obj):
        return "table" if obj is self._table else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, table):
        super().__init__(file)
        self._table = table

    def persistent_load(self, pid):
        if pid != "table":  # pragma: no cover - only this module writes entries
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self._table


class Cache:
    """Derived tables and fitted models on disk (see the module's doc).

    Parameters
    ----------
    root : path-like, optional
        The folder; default :func:`cache_dir`.
    enabled : bool
        When False, nothing is read or written (every ``load_*`` misses).

    Examples
    --------
    >>> import tempfile, upr_targets
    >>> from upr_targets._cache import Cache
    >>> cache = Cache(tempfile.mkdtemp())
    >>> demo = upr_targets.load_demo()
    >>> cache.save_table("k", demo)
    >>> cache.load_table("k").equals(demo)
    True
    """

    def __init__(self, root: str | os.PathLike | None = None, *, enabled: bool = True):
        self.root = cache_dir(root)
        self.enabled = enabled

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        return self.root / kind / f"{key}{suffix}"

    def _write(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` atomically (temporary file, then rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- tables ----------------------------------------------------------------
    def save_table(self, key: str, table) -> None:
        """Store a normalized table (and its load report) under ``key``."""
        if not self.enabled:
            return
        import pyarrow as pa
        import pyarrow.feather as feather

        lists = {c: table[c].tolist() for c in _LIST_COLUMNS if c in table.columns}
        plain = table.drop(columns=list(lists))
        plain.attrs = {}
        buf = io.BytesIO()
        arrow = pa.Table.from_pandas(plain, preserve_index=False)
        feather.write_feather(arrow, buf, compression="zstd")
        # list columns are pickled: reading them back from Arrow (as arrays,
        # made lists one by one) costs more than the rest of the table together
        report = pickle.dumps((table.attrs.get("load_report"), lists), protocol=5)
        self._write(self._path("tables", key, ".report.pickle"), report)
        self._write(self._path("tables", key, ".arrow"), buf.getvalue())

    def load_table(self, key: str):
        """The table stored under ``key``, or None."""
        path = self._path("tables", key, ".arrow")
        if not self.enabled or not path.is_file():
            return None
        import pyarrow.feather as feather

        from ._schema import conform

        try:
            data = feather.read_table(path)
            pickled = self._path("tables", key, ".report.pickle").read_bytes()
            with collector_paused():  # the list columns: lists by the thousand
                report, lists = pickle.loads(pickled)
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
            return None  # half-written by an older version or damaged: rebuild
        table = data.to_pandas()
        for c, values in lists.items():
            table[c] = values
        table = conform(table)
        if report is not None:
            table.attrs["load_report"] = report
        return table

    # -- models ----------------------------------------------------------------
    def save_model(self, name: str, key: str, model, table=None) -> None:
        """Store a fitted model; references to ``table`` are kept out of it."""
        if not self.enabled:
            return
        buf = io.BytesIO()
        _Pickler(buf, table).dump(model)
        self._write(self._path("models", f"{name}-{key}", ".pickle"), buf.getvalue())

    def load_model(self, name: str, key: str, table=None):
        """The model stored under ``name`` and ``key`` (with ``table`` put back), or None."""
        path = self._path("models", f"{name}-{key}", ".pickle")
        if not self.enabled or not path.is_file():
            return None
        try:
            with path.open("rb") as fh:
                return _Unpickler(fh, table).load()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # damaged, or written by another version: refit
