"""Formatting report tables: cell text, headers, HTML and Markdown tables, templates.

Every text taken from the data is escaped: by Jinja2's autoescape in HTML, by
:func:`md_escape` in Markdown.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._utils import plural, pretty_label

__all__ = [
    "RANKING_EVIDENCE",
    "SPECIFIC_COUNTS",
    "SUFFIXES",
    "SYNTHETIC_TEXT",
    "MdSafe",
    "check_suffix",
    "environment",
    "header",
    "html_table",
    "is_percent",
    "md_escape",
    "md_table",
    "none_if_na",
]


SYNTHETIC_TEXT = (
    "This report was built from SYNTHETIC demo data. The States, recommendations and "
    "responses are made up: do not use it for advocacy. Load real data with "
    "upr_targets.load_recommendations()."
)


def none_if_na(value: Any) -> Any:
    try:
        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value


SUFFIXES = (".html", ".htm", ".md", ".markdown", ".xlsx", ".ics")


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"Cannot tell the report format from {str(path)!r}: use a file name ending "
            "in .html, .md, .xlsx (or .ics for the timeline alone)."
        )
    return suffix


class MdSafe(str):
    """A string already escaped for Markdown."""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def md_escape(value: Any) -> str:
    if isinstance(value, MdSafe):
        return value
    text = "" if value is None else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (MdSafe, int, float)):
        return value
    return md_escape(value)


def environment(*, html: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("upr_targets.report", "templates"),
        autoescape=html,
        finalize=None if html else _md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = plural
    return env


RANKING_EVIDENCE = ("n_theme_recs", "n_theme_to_sur", "n_to_sur", "acceptance")
"""Evidence columns of a ranking shown next to the score (when present)."""

SPECIFIC_COUNTS = {
    "n_theme_recs": "n_specific_theme_recs",
    "n_to_sur": "n_specific_to_sur",
}
"""The shown counts of a ranking of specific recommendations, renamed for their headers."""


def is_percent(col: str) -> bool:
    name = str(col).lower()
    return "share" in name or "accept" in name or name.startswith(("p_", "prob"))


def _format_value(
    col: str, value: Any, percent: bool = False, integral: bool = False
) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (pd.Timestamp, _dt.date)):
        return value.strftime("%Y-%m-%d") if not pd.isna(value) else ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if percent and 0.0 <= v <= 1.0:
            return f"{v:.0%}"
        if integral:
            return f"{int(v)}"
        if abs(v) < 0.0005:
            return "0.000"  # no "-0.000"
        return f"{v:.3f}" if abs(v) < 100 else f"{v:,.0f}"
    return str(value)


def _formatted(
    df: pd.DataFrame, plain: set[str] = frozenset()
) -> tuple[list[str], list[list[str]], list[bool]]:
    """Column names, cells as strings, and which columns are numeric.

    Columns named like shares or acceptance rates are shown as percentages,
    except those in ``plain`` (score components).
    """
    columns = [str(c) for c in df.columns]
    percent = [is_percent(c) and c not in plain for c in columns]
    integral = []
    for c in df.columns:
        s = df[c]
        ok = pd.api.types.is_float_dtype(s)
        if ok:
            v = pd.to_numeric(s, errors="coerce").dropna().to_numpy(dtype=float)
            ok = bool(len(v)) and bool(np.all(v == np.round(v))) and str(c) not in plain
        integral.append(ok)
    numeric = [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        for c in df.columns
    ]
    cols = [df[c].tolist() for c in df.columns]
    rows = [
        [
            _format_value(name, col[i], pct, whole)
            for name, col, pct, whole in zip(
                columns, cols, percent, integral, strict=False
            )
        ]
        for i in range(len(df))
    ]
    return columns, rows, numeric


_HEADERS = {
    "n_theme_recs": "Recs on the themes",
    "n_specific_theme_recs": "Specific recs on the themes",
    "n_specific_to_sur": "Specific recs to the SuR",
    "n_theme_to_sur": "… of which to the SuR",
    "n_to_sur": "Recs to the SuR",
    "n_recs": "Recs (all themes)",
    "recommendations_to_sur": "Recs to the SuR",
    "supported": "Supported",
    "share_supported": "Share supported",
    "estimated_acceptance": "Ranker's acceptance estimate",
    "p_supported": "Estimated P(supported)",
    "p_supported_specific": "… if specific (category 5)",
    "this SuR": "To the SuR",
    "other SuRs": "To other States",
    "n_states": "How many",
    "iso3": "ISO3",
    "acceptance": "Share supported by the SuR",
    "n_our_recommendations": "Our recommendations",
    "n_taken_up": "Taken up",
    "n_recommendations": "Recommendations carrying ours",
    "n_supported": "Supported",
    "n_noted": "Noted",
    "n_pending": "Pending",
    "advocacy_id": "Ours",
    "advocacy_ids": "Ours",
    "advocacy_text": "Our recommendation",
    "rank_before_review": "Rank before the review",
    "took_up_the_issue_otherwise": "Took up the issue otherwise",
    "lobbied_on": "Lobbied on",
    "recommending_states": "Recommending States",
}


def header(name: str) -> str:
    return _HEADERS.get(str(name), pretty_label(name))


def html_table(df: pd.DataFrame | None, plain: set[str] = frozenset()) -> dict | None:
    """Table data for the HTML macro (escaped by the template's autoescape)."""
    if df is None:
        return None
    columns, rows, numeric = _formatted(df, plain)
    return {
        "columns": [header(c) for c in columns],
        "rows": rows,
        "numeric": numeric,
        "wide": [c in ("text", "explanation", "what", "states") for c in columns],
        "nowrap": [c in ("state", "group", "sur", "start", "end") for c in columns],
    }


def md_table(df: pd.DataFrame | None, plain: set[str] = frozenset()) -> MdSafe | None:
    """A pipe table with every cell escaped."""
    if df is None:
        return None
    columns, rows, numeric = _formatted(df, plain)
    if not columns:
        return MdSafe("")
    lines = [
        "| " + " | ".join(md_escape(header(c)) for c in columns) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in rows]
    if not rows:
        lines.append("| " + " | ".join("" for _ in columns) + " |")
    return MdSafe("\n".join(lines))
