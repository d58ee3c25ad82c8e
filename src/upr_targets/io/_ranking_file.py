"""``load_ranking``: a ranking made before the review, read back from a file.

After the review, the NGO compares where the States that took its issues up
stood in the ranking it made months before (``outcome_summary(ranking=)``,
``upr-targets outcome --ranking``). That ranking was saved as a CSV or JSON
(``upr-targets rank --format csv|json``) or as a report (``.xlsx``: its
"Ranking" sheet; ``.html``: the rankings the page holds as JSON in a hidden
element, no script).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd

from .._errors import LoadError
from .._utils import compact_key

__all__ = ["RANKING_DATA_ID", "load_ranking"]

RANKING_DATA_ID = "upr-targets-ranking"
"""``id`` of the hidden element of an HTML report whose ``data-ranking``
attribute holds its rankings as JSON (``issue, rank, state, iso3, score``)."""

_COMBINED = "All issues"
"""The ``issue`` of a report's combined ranking (several issues)."""


def _from_html(path: Path) -> pd.DataFrame:
    text = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(rf'id="{RANKING_DATA_ID}" data-ranking="([^"]*)"', text)
    if m is None:
        raise LoadError(
            f"{path.name}: this HTML page holds no ranking data (it is not a "
            "ranking report of upr_targets 0.2 or later). Use the report's .xlsx, "
            "or `upr-targets rank --format csv --out ranking.csv`."
        )
    return pd.DataFrame(json.loads(html.unescape(m.group(1))))


def _from_workbook(path: Path) -> pd.DataFrame:
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine")
    for name in ("Ranking", *sheets):
        if name in sheets:
            df = sheets[name]
            keys = {compact_key(c) for c in df.columns}
            if {"state", "rank"} <= keys:
                return df
    raise LoadError(
        f"{path.name}: no sheet with 'State' and 'Rank' columns (sheets: "
        f"{list(sheets)}); save the ranking report as .xlsx, or use "
        "`upr-targets rank --format csv`."
    )


def load_ranking(path: str | Path, issue: str | None = None) -> pd.DataFrame:
    """Read a saved ranking back: ``state`` and ``rank`` (best first).

    Parameters
    ----------
    path : str or Path
        A ``.csv`` or ``.json`` from ``upr-targets rank --format csv|json``
        (or any table with ``state`` and ``rank`` columns), or a ranking
        report saved as ``.xlsx`` or ``.html``.
    issue : str, optional
        For a report on several issues: the issue whose ranking to read
        (default: the combined ranking).

    Returns
    -------
    pandas.DataFrame
        ``state, rank`` and, where the file has them, ``iso3``, ``score``
        and ``issue``; one row per State, best first.

    Raises
    ------
    LoadError
        A file that holds no ranking (naming it, its columns and what to
        save instead), or an ``issue`` the report does not hold.

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 22))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> _ = upr_targets.write_report(recs, "Kenya", "death penalty", out)
    >>> upr_targets.load_ranking(out)[["rank", "state"]].iloc[0]["rank"]
    np.int64(1)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise LoadError(f"file not found: {path}")
    if suffix in (".html", ".htm"):
        df = _from_html(path)
    elif suffix in (".xlsx", ".xlsm"):
        df = _from_workbook(path)
    elif suffix == ".json":
        df = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    elif suffix in (".csv", ".tsv", ".txt"):
        df = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",")
    else:
        raise LoadError(
            f"{path.name}: cannot read a ranking from a {suffix} file (a Markdown "
            "report cannot be read back); use the report's .html or .xlsx, or "
            "`upr-targets rank --format csv`."
        )
    df = df.rename(columns={c: compact_key(c) for c in df.columns})
    if not {"state", "rank"} <= set(df.columns):
        raise LoadError(
            f"{path.name}: no 'state' and 'rank' columns (columns: "
            f"{list(df.columns)}); save it with `upr-targets rank --format csv`."
        )
    if "issue" in df:
        issues = list(dict.fromkeys(df["issue"].astype(str)))
        wanted = issue or (_COMBINED if _COMBINED in issues else issues[0])
        if wanted not in issues:
            raise LoadError(
                f"{path.name}: no ranking for issue {wanted!r}; it holds {issues}."
            )
        df = df[df["issue"].astype(str) == wanted]
    keep = [c for c in ("state", "rank", "iso3", "score", "issue") if c in df]
    out = df[keep].copy()
    out["rank"] = pd.to_numeric(out["rank"], errors="coerce").astype("Int64")
    return out.sort_values("rank").reset_index(drop=True)
