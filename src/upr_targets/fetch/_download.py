"""Downloading a source file into the cache: pooch for the transfer, never a broken copy.

A download goes to ``NAME.part`` in the cache folder (pooch does the
transfer); it is then checked (``validate``) and only then renamed over the
cached copy, so an interrupted, truncated or corrupt download never replaces
a good file. Network errors and 5xx answers are retried with exponential
backoff; a transfer cut off is resumed from where it stopped (HTTP ``Range``,
when the server serves ranges and the file has not changed). A cached copy younger than
``max_age`` is used as it is; an older one is kept when the server says it
has not changed (same ``ETag``, ``Last-Modified`` or size).
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._cache import cache_dir as _cache_dir
from .._errors import FetchError, UPRDataWarning

__all__ = ["Fetched", "downloads_dir", "fetch_file"]

RETRIES = 4
"""Attempts per download (network errors and 5xx answers)."""
BACKOFF = 0.5
"""Seconds before the second attempt; doubled each time."""
CHUNK = 65536
"""Bytes written at a time: a transfer cut off keeps every whole chunk."""


@dataclass(frozen=True)
class Fetched:
    """A cached source file: where it is, when it was fetched, how."""

    path: Path
    fetched_at: float  # seconds since the epoch
    how: str  # "downloaded", "cached", "not modified", "offline", "fallback"

    @property
    def age_days(self) -> float:
        return (time.time() - self.fetched_at) / 86400.0

    def describe(self) -> str:
        day = time.strftime("%Y-%m-%d", time.localtime(self.fetched_at))
        return f"{self.path.name}: {self.how}, fetched on {day} ({self.age_days:.0f} days ago)"


def downloads_dir(cache_dir=None) -> Path:
    """The folder of downloaded source files (``<cache>/downloads``)."""
    path = _cache_dir(cache_dir) / "downloads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _read_meta(path: Path) -> dict:
    try:
        return json.loads(_meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _validators(headers) -> dict:
    return {
        k: headers.get(k)
        for k in ("ETag", "Last-Modified", "Content-Length")
        if headers.get(k)
    }


def _head(url: str, timeout: float):
    """The server's headers for ``url`` (one HEAD request), or None."""
    import requests

    try:
        head = requests.head(url, timeout=timeout, allow_redirects=True)
    except requests.RequestException:
        return None
    return head if head.ok or head.status_code == 304 else None


def _unchanged(head, meta: dict) -> bool:
    known = meta.get("validators") or {}
    if not known or head is None:
        return False
    if head.status_code == 304:
        return True
    now = _validators(head.headers)
    # the strongest validator both sides have decides: ETag, then date, then size
    for key in ("ETag", "Last-Modified", "Content-Length"):
        if key in known and key in now:
            return now[key] == known[key]
    return False


def _resume_from(tmp: Path, head) -> int:
    """Bytes of an earlier, interrupted transfer that can be kept (else 0).

    A partial file is resumed only when the server takes byte ranges and the
    file has not changed since (same ETag or Last-Modified as when the
    partial transfer started).
    """
    if head is None or not tmp.exists():
        return 0
    if head.headers.get("Accept-Ranges", "").lower() != "bytes":
        return 0
    started = _read_meta(tmp).get("validators") or {}
    now = _validators(head.headers)
    same = [started[k] == now[k] for k in ("ETag", "Last-Modified") if k in started]
    if not same or not all(same):
        return 0
    return tmp.stat().st_size


def _download(url: str, target: Path, head, progressbar: bool, timeout: float) -> dict:
    """Transfer ``url`` to ``target.part`` with pooch, retried and resumed.

    A transfer cut off (network error) is resumed from where it stopped, on
    the next attempt or the next call, with an HTTP ``Range`` request; a
    resumed transfer that does not add up to the size the server gave is
    thrown away and made again from the start. Returns the validators of
    the file (ETag, Last-Modified, size).
    """
    import pooch
    import requests

    tmp = target.with_name(target.name + ".part")
    validators = _validators(head.headers) if head is not None else {}
    expected = int(validators.get("Content-Length", 0)) or None
    last: Exception | None = None
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(BACKOFF * 2 ** (attempt - 1))
        offset = _resume_from(tmp, head)
        if not offset:
            tmp.unlink(missing_ok=True)
        _write_meta(tmp, url, validators)
        try:
            if not (offset and offset == expected):  # else: already complete
                extra = {"headers": {"Range": f"bytes={offset}-"}} if offset else {}
                downloader = pooch.HTTPDownloader(
                    progressbar=progressbar, chunk_size=CHUNK, timeout=timeout, **extra
                )
                with open(tmp, "ab" if offset else "wb") as fh:
                    downloader(url, fh, None)
            size = tmp.stat().st_size
            if expected and size != expected:
                if offset:  # the server sent more or less than the rest: start over
                    tmp.unlink()
                raise FetchError(f"{url}: got {size:,} of {expected:,} bytes")
            _meta_path(tmp).unlink(missing_ok=True)
            return validators
        except requests.HTTPError as exc:
            last = exc
            status = exc.response.status_code if exc.response is not None else 0
            if status == 416:  # range not satisfiable: start over
                tmp.unlink(missing_ok=True)
            elif status < 500:
                break  # 404 and the like: retrying will not help
        except (requests.RequestException, FetchError, OSError) as exc:
            last = exc  # the partial file stays, to be resumed
    raise FetchError(f"downloading {url} failed after retries: {last}")


def fetch_file(
    url: str,
    name: str,
    *,
    validate: Callable[[Path], None],
    cache_dir=None,
    offline: bool = False,
    refresh: bool = False,
    max_age_days: float = 7.0,
    progressbar: bool = True,
    timeout: float = 60.0,
) -> Fetched:
    """The cached copy of ``url`` (as ``name``), downloaded when needed.

    ``validate(path)`` raises on a file that is not what is expected (a
    truncated workbook); a cached copy that fails it is downloaded again.

    Raises
    ------
    FetchError
        When there is neither network (or a good answer) nor a usable cache.
    """
    path = downloads_dir(cache_dir) / name
    meta = _read_meta(path)
    good = path.exists() and _valid(path, validate)
    if good and offline:
        return Fetched(path, meta.get("fetched_at", path.stat().st_mtime), "offline")
    if offline:
        raise FetchError(
            f"offline and no usable cached copy of {url} in {path.parent}: connect "
            "and run again, or download the file by hand and load it with "
            "upr_targets.load_recommendations(path)."
        )
    fetched_at = meta.get("fetched_at", 0.0)
    if good and not refresh and (time.time() - fetched_at) < max_age_days * 86400:
        return Fetched(path, fetched_at, "cached")
    head = _head(url, timeout)
    if good and _unchanged(head, meta):
        _write_meta(path, url, meta.get("validators", {}))
        return Fetched(path, time.time(), "not modified")
    try:
        validators = _download(url, path, head, progressbar, timeout)
        fresh = path.with_name(path.name + ".part")
        validate(fresh)  # raises on a corrupt transfer: the cache stays as it was
    except ValueError as exc:  # a complete transfer that is not the file expected
        _discard_partial(path)
        return _fallback(exc, path, url, good, fetched_at)
    except FetchError as exc:  # the partial transfer is kept, to be resumed
        return _fallback(exc, path, url, good, fetched_at)
    os.replace(fresh, path)
    _write_meta(path, url, validators)
    return Fetched(path, time.time(), "downloaded")


def _discard_partial(path: Path) -> None:
    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    _meta_path(part).unlink(missing_ok=True)


def _fallback(exc: Exception, path: Path, url: str, good: bool, fetched_at: float):
    """The cached copy, with a warning, when a download failed; else the error."""
    if good:
        warnings.warn(
            f"{exc}; using the copy cached on "
            f"{time.strftime('%Y-%m-%d', time.localtime(fetched_at))}.",
            UPRDataWarning,
            stacklevel=4,
        )
        return Fetched(path, fetched_at, "fallback")
    raise FetchError(
        f"{exc}. No cached copy either: check the connection (or the address), "
        "or download the file by hand and load it with "
        "upr_targets.load_recommendations(path)."
    ) from None


def _valid(path: Path, validate) -> bool:
    try:
        validate(path)
    except ValueError:
        return False
    return True


def _write_meta(path: Path, url: str, validators: dict) -> None:
    meta = {"url": url, "fetched_at": time.time(), "validators": validators}
    tmp = _meta_path(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, _meta_path(path))
