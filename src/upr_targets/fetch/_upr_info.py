"""``fetch_upr_info``: the UPR Info database through its search API, every page."""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import time
import warnings
from pathlib import Path

import pandas as pd

from .._errors import FetchError, UPRDataWarning
from ..io import load_recommendations
from ._download import BACKOFF, RETRIES, downloads_dir

__all__ = ["UPR_INFO_URL", "fetch_upr_info"]

UPR_INFO_URL = "https://upr-info-database.uwazi.io"
"""UPR Info's database (Uwazi); its search API is ``/api/search``."""

# API property -> the column of UPR Info's CSV export the Uwazi reader knows
_COLUMNS = {
    "title": "Title",
    "session": "Session",
    "cycle": "Cycle",
    "state_under_review": "State under Review",
    "state_under_review___regional_group": "State under Review - Regional Group",
    "recommendation": "Recommendation",
    "recommending_state": "Recommending State",
    "recommending_state___regional_group": "Recommending State - Regional Group",
    "response": "Response",
    "action_category": "Action Category",
    "issues": "Issues",
}


def _flat(value) -> str:
    """An API value as text: Uwazi lists of ``{value, label}`` joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(p for p in (_flat(v) for v in value) if p)
    if isinstance(value, dict):
        for key in ("label", "value"):
            if key in value:
                return _flat(value[key])
        return ""
    if isinstance(value, (int, float)) and value > 10**8:  # a Uwazi date, in seconds
        return _dt.datetime.fromtimestamp(value, _dt.timezone.utc).strftime("%d/%m/%Y")
    return str(value)


def _record(row: dict) -> dict:
    meta = row.get("metadata", {}) if isinstance(row.get("metadata"), dict) else {}
    merged = {**row, **meta}
    out = {col: _flat(merged.get(prop)) for prop, col in _COLUMNS.items()}
    out["_id"] = str(
        row.get("sharedId") or row.get("_id") or json.dumps(out, sort_keys=True)
    )
    return out


def _session(base_url: str, timeout: float):
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    s = requests.Session()
    retry = Retry(
        total=RETRIES,
        backoff_factor=BACKOFF,
        status_forcelist=(500, 502, 503, 504),
        allowed_methods=("GET",),
    )
    s.mount(base_url, HTTPAdapter(max_retries=retry))
    return s


def _all_pages(base_url, params, page_size, timeout) -> list[dict]:
    """Every row of the search, deduplicated; restarts when ``totalRows`` moves."""
    import requests

    session = _session(base_url, timeout)
    for _attempt in range(3):
        seen: dict[str, dict] = {}
        total = None
        start = 0
        moved = False
        while total is None or start < total:
            query = {**params, "from": start, "limit": page_size}
            try:
                answer = session.get(
                    f"{base_url}/api/search", params=query, timeout=timeout
                )
                answer.raise_for_status()
                page = answer.json()
            except (requests.RequestException, ValueError) as exc:
                raise FetchError(
                    f"UPR Info search failed at row {start:,}: {exc}"
                ) from None
            if total is not None and page.get("totalRows") != total:
                moved = True  # the database changed while paging: start again
                break
            total = int(page.get("totalRows", 0))
            rows = page.get("rows", [])
            if not rows:
                break
            for row in rows:
                rec = _record(row)
                seen.setdefault(rec["_id"], rec)
            start += len(rows)
        if not moved:
            if total is not None and len(seen) < total:
                raise FetchError(
                    f"UPR Info search: {len(seen):,} distinct rows of the {total:,} "
                    "announced; run again later"
                )
            return list(seen.values())
        time.sleep(BACKOFF)
    raise FetchError(
        "UPR Info's database kept changing while it was read; run again later"
    )


def fetch_upr_info(
    sur: str | None = None,
    cycle: int | None = None,
    *,
    base_url: str | None = None,
    page_size: int = 1000,
    cache_dir=None,
    offline: bool = False,
    max_age_days: float = 7.0,
    timeout: float = 60.0,
    on_unknown: str = "flag",
) -> pd.DataFrame:
    """All recommendations of UPR Info's database (no 10,000-row cap), normalized.

    The search API is read page by page (``from``/``limit``); rows repeated
    across pages are kept once, and a database that changes while it is read
    (``totalRows`` moves) is read again. The result is written to the cache
    as a CSV snapshot in UPR Info's export layout and loaded with the Uwazi
    reader.

    Parameters
    ----------
    sur : str, optional
        Only this State under review (the API's ``state_under_review``).
    cycle : int, optional
        Only this cycle.
    base_url : str, optional
        The database's address (default ``UPR_INFO_URL``, or
        ``$UPR_TARGETS_UPR_INFO_URL``).
    page_size : int
        Rows per request.
    cache_dir : path, optional
        The cache folder.
    offline : bool
        Use the cached snapshot only, and say how old it is.
    max_age_days : float
        A snapshot younger than this is used without asking the server.
    timeout : float
        Seconds per request.
    on_unknown : {"flag", "raise"}
        As for :func:`upr_targets.load_recommendations`.

    Returns
    -------
    pandas.DataFrame
        The normalized table; ``attrs["fetched"]`` says how it was obtained.

    Raises
    ------
    FetchError
        When the database cannot be read and there is no snapshot.
    """
    base = (
        base_url or os.environ.get("UPR_TARGETS_UPR_INFO_URL") or UPR_INFO_URL
    ).rstrip("/")
    params = {"types": "recommendation"}
    if sur is not None:
        params["state_under_review"] = sur
    if cycle is not None:
        params["cycle"] = int(cycle)
    key = "-".join(str(v) for v in (sur or "all", cycle or "all")).replace(" ", "_")
    path = downloads_dir(cache_dir) / f"upr-info-{key}.csv"
    age = (time.time() - path.stat().st_mtime) / 86400 if path.exists() else None
    how = "cached"
    if offline and age is None:
        raise FetchError(
            f"offline and no snapshot of UPR Info's database in {path.parent}: connect "
            "and run again"
        )
    if not offline and (age is None or age >= max_age_days):
        try:
            rows = _all_pages(base, params, page_size, timeout)
            _write_snapshot(rows, path)
            how, age = "downloaded", 0.0
        except FetchError as exc:
            if age is None:
                raise FetchError(f"{exc}. No snapshot in the cache either.") from None
            warnings.warn(
                f"{exc}; using the snapshot of {age:.0f} days ago.",
                UPRDataWarning,
                stacklevel=2,
            )
            how = "fallback"
    df = load_recommendations(path, format="upr-info-uwazi", on_unknown=on_unknown)
    df.attrs["load_report"].note(f"{path.name}: {how}, {age:.0f} days old")
    df.attrs["fetched"] = {"path": str(path), "how": how, "age_days": age}
    return df


def _write_snapshot(rows: list[dict], path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=list(_COLUMNS.values()), extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)
