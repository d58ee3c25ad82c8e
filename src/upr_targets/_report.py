"""Ranking reports: HTML (self-contained), Markdown and Excel.

:func:`build_report` gathers, for one State under review (SuR) and up to four
issues, everything an NGO needs to plan its lobbying: the data used, the
themes each issue matched, the ranked States with the reasons behind each
score, the evidence (each top State's past recommendations), how the SuR
responded in the past, groupings for joint briefings and the advocacy
timeline of the next review. :class:`Report` holds these tables and writes
them in three formats. See ``docs/report.md``.
"""

from __future__ import annotations

import base64
import datetime as _dt
import io
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._plotting import (
    acceptance_table,
    plot_acceptance,
    plot_interest_heatmap,
    plot_ranking,
    ranking_components,
)

__all__ = ["MAX_ISSUES", "Report", "build_report", "write_report"]

MAX_ISSUES = 4
"""Most issues in one report: UPR advocacy guides advise focusing on a few."""

N_EVIDENCE_STATES = 10
"""Top States whose past recommendations are listed as evidence."""

N_EVIDENCE_SHOWN = 5
"""Recommendations per State and target (this SuR / others) shown in HTML and
Markdown; the Excel file lists up to ``N_EVIDENCE_KEPT``."""

N_EVIDENCE_KEPT = 50

SECTIONS: tuple[tuple[str, str], ...] = (
    ("data", "Data used"),
    ("issues", "Issues and themes"),
    ("ranking", "States to lobby"),
    ("evidence", "Evidence for the top States"),
    ("acceptance", "How the State under review responds"),
    ("groupings", "Joint briefings"),
    ("timeline", "Advocacy timeline"),
)
"""Section ids and titles, in report order (the same in every format)."""

_EVIDENCE_COLUMNS = (
    "state",
    "target",
    "sur",
    "session",
    "year",
    "response",
    "themes",
    "text",
)


# --------------------------------------------------------------------------
# The Report object
# --------------------------------------------------------------------------


@dataclass(repr=False)
class Report:
    """A ranking report for one State under review and up to four issues.

    Built by :func:`build_report`; every attribute is a plain DataFrame that
    can be inspected in a notebook. Write it with :meth:`save` (format from
    the extension), :meth:`to_html`, :meth:`to_markdown` or :meth:`to_excel`.

    Attributes
    ----------
    sur : str
        The State under review.
    issues : list of str
        The issues as given.
    themes : DataFrame
        ``issue, theme, score, used``: the themes each issue matched (with
        the matcher's score) and whether they were used to rank.
    data_summary : DataFrame
        ``item, value``: sources, sessions, years and row counts.
    load_summary : DataFrame or None
        The loader's per-file report (``file, format, rows_read, ...``).
    ranking : DataFrame
        The combined ranking over all issues (``rank, state, iso3, group,
        score``, the score components, evidence columns, ``explanation``).
    rankings : dict of str to DataFrame
        One ranking per issue.
    evidence : DataFrame
        ``state, target, sur, session, year, response, themes, text``: the
        top States' past recommendations on these themes (``target`` is
        "this SuR" or "other SuRs").
    evidence_counts : DataFrame
        Per top State, how many such recommendations there are in total.
    acceptance_by_group, acceptance_by_category : DataFrame
        The SuR's past responses by recommending group / action category.
    acceptance_estimates : DataFrame
        For the top States: their past recommendations to the SuR, the share
        supported, the ranker's acceptance estimate when it gives one, and
        :class:`AcceptanceModel`'s probability that the SuR supports a
        recommendation from the State on one of these themes
        (``p_supported``: themes weighted equally, action categories as the
        SuR received them; ``p_supported_specific``: a specific one, action
        category 5).
    themes_acceptance : (int, float)
        Recommendations to the SuR on the report's themes and the share it
        supported.
    groupings : DataFrame
        ``kind, grouping, n_states, states``: top States sharing a regional
        group or a bloc, for joint briefings.
    timeline : DataFrame
        ``phase, start, end, status, what``: the advocacy calendar.
    figures : dict of str to bytes
        PNG images: ``ranking``, ``acceptance_group``, ``acceptance_category``,
        ``interest``; drawn on first access from ``figure_data`` (the small
        frames they need).
    synthetic : bool
        True for synthetic (demo) data: every format then carries a banner.
    notes : list of str
        Caveats met while building the report.

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> recs = upr_targets.load_demo()
    >>> report = upr_targets.build_report(
    ...     recs, "Kenya", ["torture in prisons", "child marriage"], top=10
    ... )
    >>> report.synthetic  # the demo data are made up: every format says so
    True
    >>> list(report.ranking.columns[:4])
    ['rank', 'state', 'iso3', 'group']
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [report.save(folder / f"kenya.{ext}").name for ext in ("html", "md", "xlsx")]
    ['kenya.html', 'kenya.md', 'kenya.xlsx']
    >>> report.to_html().startswith("<!DOCTYPE html>")
    True
    >>> "## 7. Advocacy timeline" in report.to_markdown()
    True
    >>> list(report.excel_sheets())[:3]
    ['Summary', 'Ranking', 'Evidence']
    """

    sur: str
    issues: list[str]
    themes: pd.DataFrame
    data_summary: pd.DataFrame
    load_summary: pd.DataFrame | None
    ranking: pd.DataFrame
    rankings: dict[str, pd.DataFrame]
    evidence: pd.DataFrame
    evidence_counts: pd.DataFrame
    acceptance_by_group: pd.DataFrame
    acceptance_by_category: pd.DataFrame
    acceptance_estimates: pd.DataFrame
    groupings: pd.DataFrame
    timeline: pd.DataFrame
    next_review: pd.Series | None = None
    themes_acceptance: tuple[int, float] = (0, float("nan"))
    figure_data: dict | None = field(default=None, repr=False)
    synthetic: bool = False
    notes: list[str] = field(default_factory=list)
    today: _dt.date = field(default_factory=_dt.date.today)
    top: int = 20
    _figures: dict[str, bytes] | None = field(default=None, repr=False)

    @property
    def figures(self) -> dict[str, bytes]:
        """PNG images, drawn on first use (Excel output does not need them)."""
        if self._figures is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # layout notices
                self._figures = _figures(**self.figure_data) if self.figure_data else {}
        return self._figures

    # ---- presentation helpers -------------------------------------------------

    @property
    def title(self) -> str:
        return f"Whom to lobby for the UPR of {self.sur}"

    @property
    def components(self) -> list[str]:
        return ranking_components(self.ranking)

    def _ranking_view(
        self, ranking: pd.DataFrame, *, evidence: bool = True
    ) -> pd.DataFrame:
        """Rank, State, group, score, a few evidence counts and the reason."""
        cols = [c for c in ("rank", "state", "group", "score") if c in ranking.columns]
        if evidence:
            cols += [
                c for c in _RANKING_EVIDENCE if c in ranking.columns and c not in cols
            ]
        if "explanation" in ranking.columns:
            cols.append("explanation")
        return ranking[cols]

    def _components_view(self) -> pd.DataFrame | None:
        comps = self.components
        if not comps:
            return None
        cols = [c for c in ("rank", "state", "score") if c in self.ranking.columns]
        values = self.ranking[comps].apply(pd.to_numeric, errors="coerce").fillna(0.0)
        nonzero = [
            c for c in comps if c not in cols and (values[c].abs() >= 0.0005).any()
        ]
        return self.ranking[cols + nonzero]

    def _context(
        self, table: Callable[..., Any], image: Callable[[str], Any] | None
    ) -> dict:
        """Template variables; ``image(name)`` gives a figure's source (None: no figures)."""
        plain = set(self.components) | {"score"}

        def fmt(df: pd.DataFrame | None) -> Any:
            return table(df, plain)

        evidence_by_state = []
        for state, counts in self.evidence_counts.iterrows():
            ev = self.evidence[self.evidence["state"] == state]
            shown = pd.concat(
                [
                    ev[ev["target"] == "this SuR"].head(N_EVIDENCE_SHOWN),
                    ev[ev["target"] != "this SuR"].head(N_EVIDENCE_SHOWN),
                ]
            )
            evidence_by_state.append(
                {
                    "state": state,
                    "rank": _none_if_na(counts.get("rank")),
                    "group": _none_if_na(counts.get("group")),
                    "n_this": int(counts["this SuR"]),
                    "n_other": int(counts["other SuRs"]),
                    "table": fmt(shown.drop(columns=["state", "target"]))
                    if len(shown)
                    else None,
                }
            )
        per_issue = []
        if len(self.issues) > 1:
            for issue, ranking in self.rankings.items():
                per_issue.append(
                    {
                        "issue": issue,
                        "table": fmt(
                            self._ranking_view(ranking.head(10), evidence=False)
                        ),
                    }
                )
        return {
            "title": self.title,
            "sur": self.sur,
            "today": self.today.isoformat(),
            "synthetic": self.synthetic,
            "sections": SECTIONS,
            "issues": self.issues,
            "data_summary": fmt(self.data_summary),
            "load_summary": fmt(self.load_summary)
            if self.load_summary is not None
            else None,
            "themes": fmt(self.themes),
            "ranking": fmt(self._ranking_view(self.ranking)),
            "components_table": fmt(self._components_view()),
            "components": [_pretty(c) for c in self.components],
            "per_issue": per_issue,
            "evidence": evidence_by_state,
            "acceptance_by_group": fmt(self.acceptance_by_group.reset_index()),
            "acceptance_by_category": fmt(self.acceptance_by_category.reset_index()),
            "acceptance_estimates": fmt(self.acceptance_estimates),
            "themes_acceptance": _themes_acceptance_line(
                self.sur, *self.themes_acceptance
            ),
            "groupings": fmt(self.groupings),
            "timeline": fmt(self.timeline),
            "next_review": _review_line(self.next_review),
            "notes": self.notes,
            "figures": {} if image is None else {n: image(n) for n in self.figures},
            "top": self.top,
        }

    # ---- HTML -----------------------------------------------------------------

    def _render_html(self, template: str) -> str:
        env = _environment(html=True)

        def image(name: str) -> str:
            return "data:image/png;base64," + base64.b64encode(
                self.figures[name]
            ).decode("ascii")

        ctx = self._context(_html_table, image)
        return env.get_template(template).render(**ctx, inline_css=True)

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS and images).

        Every text taken from the data is escaped. See :class:`Report` for
        an example.
        """
        return self._render_html("report.html.j2")

    def _repr_html_(self) -> str:
        return self._render_html("report_body.html.j2")

    # ---- Markdown ---------------------------------------------------------------

    def to_markdown(
        self, image_dir: str | Path | None = None, *, image_prefix: str = ""
    ) -> str:
        """The report as Markdown (tables as pipe tables).

        Parameters
        ----------
        image_dir : path, optional
            Folder to write the figures to, as PNG files linked from the
            Markdown; without it the figures are left out.
        image_prefix : str
            Prefix of the image links (the folder as seen from the Markdown
            file); :meth:`save` sets it.
        """
        paths: dict[str, str] = {}
        if image_dir is not None:
            image_dir = Path(image_dir)
            image_dir.mkdir(parents=True, exist_ok=True)
            for name, png in self.figures.items():
                (image_dir / f"{name}.png").write_bytes(png)
                paths[name] = f"{image_prefix}{name}.png"
        env = _environment(html=False)
        ctx = self._context(
            _md_table, (lambda name: _MdSafe(paths[name])) if paths else None
        )
        text = env.get_template("report.md.j2").render(**ctx)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    # ---- Excel ----------------------------------------------------------------------

    def excel_sheets(self) -> dict[str, pd.DataFrame]:
        """The tables written to Excel, one per sheet."""
        summary = pd.concat(
            [
                self.data_summary.assign(section="Data used"),
                pd.DataFrame(
                    {
                        "section": "Report",
                        "item": ["State under review", "Generated", "Synthetic data"],
                        "value": [
                            self.sur,
                            self.today.isoformat(),
                            "YES" if self.synthetic else "no",
                        ],
                    }
                ),
                pd.DataFrame(
                    {
                        "section": "Issues",
                        "item": [f"Issue {i + 1}" for i in range(len(self.issues))],
                        "value": self.issues,
                    }
                ),
                self.themes.assign(
                    section="Themes",
                    item=self.themes["issue"],
                    value=self.themes["theme"]
                    + self.themes["score"].map(
                        lambda s: "" if pd.isna(s) else f" ({s:.2f})"
                    )
                    + np.where(self.themes["used"], "", " [not used]"),
                )[["section", "item", "value"]],
                pd.DataFrame({"section": "Note", "item": "", "value": self.notes}),
            ],
            ignore_index=True,
        )[["section", "item", "value"]]
        if self.synthetic:
            banner = pd.DataFrame(
                {
                    "section": ["WARNING"],
                    "item": ["SYNTHETIC DATA"],
                    "value": [_SYNTHETIC_TEXT],
                }
            )
            summary = pd.concat([banner, summary], ignore_index=True)
        rankings = (
            [self.ranking.assign(issue="All issues")] if len(self.issues) > 1 else []
        )
        rankings += [r.assign(issue=issue) for issue, r in self.rankings.items()]
        ranking = pd.concat(rankings, ignore_index=True)
        ranking = ranking[["issue"] + [c for c in ranking.columns if c != "issue"]]
        acceptance = pd.concat(
            [
                self.acceptance_by_group.reset_index()
                .rename(columns={"group": "value"})
                .assign(breakdown="recommending group"),
                self.acceptance_by_category.reset_index()
                .rename(columns={"action_category": "value"})
                .assign(breakdown="action category"),
            ],
            ignore_index=True,
        )
        acceptance["value"] = acceptance["value"].astype(str)
        acceptance = acceptance[
            ["breakdown"] + [c for c in acceptance.columns if c != "breakdown"]
        ]
        return {
            "Summary": summary,
            "Ranking": ranking,
            "Evidence": self.evidence,
            "Acceptance": acceptance,
            "Acceptance estimates": self.acceptance_estimates,
            "Groupings": self.groupings,
            "Timeline": self.timeline,
        }

    def to_excel(self, path: str | Path) -> Path:
        """Write the report's tables to an Excel workbook, one sheet per table.

        Text cells that a spreadsheet could read as a formula (starting with
        ``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed with
        a single quote.
        """
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        path = Path(path)
        wb = Workbook()
        wb.remove(wb.active)
        header_font = Font(bold=True, color="FFFFFF")
        header_fill = PatternFill("solid", fgColor="1F4E79")
        plain = set(self.components) | {"score"}
        for name, table in self.excel_sheets().items():
            ws = wb.create_sheet(name[:31])
            columns = [str(c) for c in table.columns]
            ws.append([_excel_cell(_header(c)) for c in columns])
            for cell in ws[1]:
                cell.font = header_font
                cell.fill = header_fill
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            values = (
                table.astype(object).where(table.notna(), None).to_numpy().tolist()
                if len(table)
                else []
            )
            for row in values:
                ws.append([_excel_cell(v) for v in row])
            for j, col in enumerate(columns, start=1):
                s = table[col]
                letter = get_column_letter(j)
                fmt = None
                if pd.api.types.is_datetime64_any_dtype(s):
                    fmt, width = "yyyy-mm-dd", 12
                elif pd.api.types.is_float_dtype(s):
                    fmt = "0%" if _is_percent(col) and col not in plain else "0.000"
                    width = 10
                elif pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
                    width = 8
                else:
                    text = s.map(
                        lambda v: (
                            ", ".join(map(str, v))
                            if isinstance(v, (list, tuple, np.ndarray))
                            else ("" if v is None or v is pd.NA else str(v))
                        )
                    )
                    longest = text.astype(str).str.len().max() if len(text) else 0
                    width = int(longest) if pd.notna(longest) else 0
                width = min(max(width, len(_header(col))) + 2, 80)
                ws.column_dimensions[letter].width = max(width, 8)
                if fmt or width >= 80:
                    for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                        if fmt:
                            cell.number_format = fmt
                        else:
                            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.freeze_panes = "A2"
            if len(table):
                ws.auto_filter.ref = ws.dimensions
            if self.synthetic:
                ws.sheet_properties.tabColor = "C00000"
        wb.save(path)
        return path

    # ---- saving ---------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the report; the format follows the extension.

        ``.html``/``.htm``: one self-contained page; ``.md``/``.markdown``:
        Markdown, with the figures as PNG files in a ``<name>_files`` folder
        next to it; ``.xlsx``: an Excel workbook.
        """
        path = Path(path)
        suffix = _check_suffix(path)
        if suffix in (".html", ".htm"):
            path.write_text(self.to_html(), encoding="utf-8")
        elif suffix in (".md", ".markdown"):
            folder = path.with_name(f"{path.stem}_files")
            path.write_text(
                self.to_markdown(folder, image_prefix=f"{folder.name}/"),
                encoding="utf-8",
            )
        else:
            self.to_excel(path)
        return path

    def __repr__(self) -> str:
        top = (
            ", ".join(self.ranking["state"].head(5).astype(str))
            if len(self.ranking)
            else "-"
        )
        flag = " [SYNTHETIC DATA]" if self.synthetic else ""
        return (
            f"<Report: {self.sur}, {len(self.issues)} issue(s), {len(self.ranking)} States "
            f"(top: {top}){flag}>"
        )


# --------------------------------------------------------------------------
# Formatting and templates
# --------------------------------------------------------------------------

_SYNTHETIC_TEXT = (
    "This report was built from SYNTHETIC demo data. The States, recommendations and "
    "responses are made up: do not use it for advocacy. Load real data with "
    "upr_targets.load_recommendations()."
)


def _none_if_na(value: Any) -> Any:
    try:
        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value


_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".xlsx")


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise ValueError(
            f"Cannot tell the report format from {str(path)!r}: use a file name ending "
            "in .html, .md or .xlsx."
        )
    return suffix


class _MdSafe(str):
    """A string already escaped for Markdown."""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def _md_escape(value: Any) -> str:
    if isinstance(value, _MdSafe):
        return value
    text = "" if value is None else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def _md_finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (_MdSafe, int, float)):
        return value
    return _md_escape(value)


def _environment(*, html: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("upr_targets", "templates"),
        autoescape=html,
        finalize=None if html else _md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_RANKING_EVIDENCE = ("n_theme_recs", "n_theme_to_sur", "n_to_sur", "acceptance")
"""Evidence columns of a ranking shown next to the score (when present)."""


def _is_percent(col: str) -> bool:
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
    percent = [_is_percent(c) and c not in plain for c in columns]
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
}


def _header(name: str) -> str:
    return _HEADERS.get(str(name), _pretty(name))


def _pretty(name: str) -> str:
    s = str(name)
    if s.endswith("_score") and s != "score":
        s = s[: -len("_score")]
    s = re.sub(r"\bsur\b", "SuR", s.replace("_", " ").strip())
    return s[:1].upper() + s[1:]


def _html_table(df: pd.DataFrame | None, plain: set[str] = frozenset()) -> dict | None:
    """Table data for the HTML macro (escaped by the template's autoescape)."""
    if df is None:
        return None
    columns, rows, numeric = _formatted(df, plain)
    return {
        "columns": [_header(c) for c in columns],
        "rows": rows,
        "numeric": numeric,
        "wide": [c in ("text", "explanation", "what", "states") for c in columns],
        "nowrap": [c in ("state", "group", "sur", "start", "end") for c in columns],
    }


def _md_table(df: pd.DataFrame | None, plain: set[str] = frozenset()) -> _MdSafe | None:
    """A pipe table with every cell escaped."""
    if df is None:
        return None
    columns, rows, numeric = _formatted(df, plain)
    if not columns:
        return _MdSafe("")
    lines = [
        "| " + " | ".join(_md_escape(_header(c)) for c in columns) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    lines += ["| " + " | ".join(_md_escape(v) for v in row) + " |" for row in rows]
    if not rows:
        lines.append("| " + " | ".join("" for _ in columns) + " |")
    return _MdSafe("\n".join(lines))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _excel_cell(value: Any) -> Any:
    """A value safe to write with openpyxl: no formulas, no illegal characters."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (int, float, bool, _dt.date)):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _themes_acceptance_line(sur: str, n: int, share: float) -> str:
    if not n:
        return f"The data hold no recommendation to {sur} on these themes."
    return (
        f"{sur} supported {share:.0%} of the {n} recommendation(s) it received on "
        "these themes."
    )


def _review_start(review: pd.Series | None) -> tuple[pd.Timestamp | None, bool]:
    """The review's start date, and whether it is exact (else month only)."""
    if review is None:
        return None, False
    start = review.get("start_date")
    if start is not None and pd.notna(start):
        return pd.Timestamp(start).normalize(), True
    year, month = review.get("year"), review.get("month")
    if year is not None and pd.notna(year):
        month = int(month) if month is not None and pd.notna(month) else 1
        return pd.Timestamp(year=int(year), month=month, day=1), False
    return None, False


def _review_line(review: pd.Series | None) -> str | None:
    if review is None:
        return None
    parts = []
    if "session" in review and pd.notna(review["session"]):
        parts.append(f"session {int(review['session'])}")
    if "cycle" in review and pd.notna(review["cycle"]):
        parts.append(f"cycle {int(review['cycle'])}")
    start, exact = _review_start(review)
    if start is None:
        when = "date unknown"
    elif exact:
        when = start.strftime("%d %B %Y").lstrip("0")
    else:
        when = start.strftime("%B %Y") + " (month only: dates count from the 1st)"
    line = f"Next review: {when}" + (f"; {', '.join(parts)}" if parts else "")
    basis = review.get("basis")
    if isinstance(basis, str) and basis != "published":
        line += f"; {basis} from the UPR cycle pattern, check OHCHR's calendar"
    return line


# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------


def _check_issues(issues: str | Sequence[str] | None, themes) -> list[str]:
    if issues is None:
        issues = []
    if isinstance(issues, str):
        issues = [issues]
    issues = [str(i).strip() for i in issues if str(i).strip()]
    if len(issues) > MAX_ISSUES:
        listed = "; ".join(repr(i) for i in issues)
        raise ValueError(
            f"{len(issues)} issues given ({listed}); a report covers at most {MAX_ISSUES}. "
            "UPR advocacy guides advise focusing on a few priority issues per review "
            "(embassies read a short advocacy paper with a handful of concrete "
            "recommendations): merge related issues or write one report per group of issues."
        )
    if not issues:
        if not themes:
            raise ValueError(
                "No issue given: pass your issues as free text, e.g. "
                "build_report(recs, 'Kenya', ['child marriage']), or theme labels with themes=."
            )
        labels = list(themes) if not isinstance(themes, Mapping) else list(themes)
        issues = (
            [", ".join(map(str, labels))] if not isinstance(themes, Mapping) else labels
        )
    return issues


def _explicit_themes(issues: list[str], themes) -> list[list[str] | None]:
    """Explicit theme labels per issue (None: match the issue's text)."""
    if themes is None:
        return [None] * len(issues)
    if isinstance(themes, str):
        themes = [themes]
    if isinstance(themes, Mapping):
        unknown = [k for k in themes if k not in issues]
        if unknown:
            raise ValueError(
                f"themes= names issues {unknown} that are not among the issues {issues}."
            )
        return [
            ([themes[i]] if isinstance(themes[i], str) else list(themes[i]))
            if i in themes
            else None
            for i in issues
        ]
    themes = list(themes)
    if themes and all(isinstance(t, (list, tuple)) for t in themes):
        if len(themes) != len(issues):
            raise ValueError(
                f"themes= has {len(themes)} lists of labels for {len(issues)} issues; give "
                "one list per issue, one list for all issues, or a dict {issue: labels}."
            )
        return [list(t) for t in themes]
    return [list(map(str, themes))] * len(issues)


def _normalize_themes(labels: list[str]) -> list[str]:
    try:
        from ._themes import normalize_theme

        return [normalize_theme(t) for t in labels]
    except NotImplementedError:  # themes module not available yet
        return labels


def _matches(ranker, recommendations: pd.DataFrame, text: str) -> pd.DataFrame:
    """Theme matches of one issue: DataFrame[theme, score]."""
    if hasattr(ranker, "match_themes"):
        try:
            found = ranker.match_themes(text, top=5)
        except TypeError:
            found = ranker.match_themes(text)
    else:
        from ._text import match_themes

        found = match_themes(text, recommendations)
    found = pd.DataFrame(found)
    if "theme" not in found.columns:
        raise ValueError(
            f"theme matcher returned no 'theme' column: {list(found.columns)}"
        )
    if "score" not in found.columns:
        found["score"] = np.nan
    return found


def _selected(matches: pd.DataFrame, n: int = 3, ratio: float = 0.5) -> list[str]:
    """The matches used to rank: the best and those close to it (at most n)."""
    if matches.empty:
        return []
    if "selected" in matches.columns:
        chosen = matches.loc[matches["selected"].astype(bool), "theme"].tolist()
        if chosen:
            return chosen
    scores = pd.to_numeric(matches["score"], errors="coerce")
    if scores.isna().all():
        return matches["theme"].head(1).tolist()
    best = scores.max()
    keep = matches[scores >= ratio * best].head(n)
    return keep["theme"].tolist()


def _data_summary(recommendations: pd.DataFrame, synthetic: bool) -> pd.DataFrame:
    df = recommendations

    def span(col: str) -> str:
        if col not in df.columns:
            return "not given"
        s = pd.to_numeric(df[col], errors="coerce").dropna()
        if s.empty:
            return "not given"
        return (
            f"{int(s.min())}–{int(s.max())}"
            if s.min() != s.max()
            else f"{int(s.min())}"
        )

    sources = (
        sorted(map(str, df["source"].dropna().unique()))
        if "source" in df.columns
        else []
    )
    files = (
        sorted(map(str, df["source_file"].dropna().unique()))
        if "source_file" in df.columns
        else []
    )
    n_recs = (
        df["recommendation_id"].nunique()
        if "recommendation_id" in df.columns
        else len(df)
    )
    items = [
        ("Source(s)", ", ".join(sources) or "not given"),
        (
            "File(s)",
            ", ".join(files[:10])
            + (f" and {len(files) - 10} more" if len(files) > 10 else "")
            or "-",
        ),
        ("Sessions", span("session")),
        ("Years", span("year")),
        ("Rows (recommendation × recommending State)", f"{len(df):,}"),
        ("Recommendations", f"{n_recs:,}"),
        (
            "States under review",
            f"{df['sur'].nunique():,}" if "sur" in df.columns else "-",
        ),
        (
            "Recommending States",
            f"{df['recommending_state'].nunique():,}"
            if "recommending_state" in df.columns
            else "-",
        ),
        ("Synthetic data", "YES — not for advocacy" if synthetic else "no"),
    ]
    return pd.DataFrame(items, columns=["item", "value"])


def _load_summary(recommendations: pd.DataFrame) -> pd.DataFrame | None:
    report = recommendations.attrs.get("load_report")
    summary = getattr(report, "summary", None)
    if isinstance(summary, pd.DataFrame):
        return summary.copy()
    return None


def _evidence(
    ranker,
    recommendations: pd.DataFrame,
    states: pd.DataFrame,
    sur: str,
    themes: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The top States' past recommendations on the themes, and their counts."""
    parts = []
    counts = []
    fallback = None
    for row in states.itertuples(index=False):
        state = row.state
        ev = None
        if hasattr(ranker, "evidence"):
            try:
                ev = pd.DataFrame(ranker.evidence(state, sur, themes or None))
            except NotImplementedError:
                ev = None
        if ev is None:
            if fallback is None:
                fallback = (
                    _themed_rows(recommendations, themes) if themes else recommendations
                )
            ev = fallback[fallback["recommending_state"] == state]
        ev = ev.copy()
        if "sur" not in ev.columns:
            ev["sur"] = pd.NA
        this = (ev["sur"] == sur).fillna(False).to_numpy(dtype=bool)
        ev["target"] = np.where(this, "this SuR", "other SuRs")
        ev["state"] = state
        sort_cols = [c for c in ("session", "year") if c in ev.columns]
        ev["_this"] = this
        ev = ev.sort_values(
            ["_this", *sort_cols], ascending=[False] + [False] * len(sort_cols)
        )
        counts.append(
            {
                "state": state,
                "rank": getattr(row, "rank", pd.NA),
                "group": getattr(row, "group", pd.NA),
                "this SuR": int(this.sum()),
                "other SuRs": int((~this).sum()),
            }
        )
        kept = pd.concat(
            [
                ev[ev["_this"]].head(N_EVIDENCE_KEPT),
                ev[~ev["_this"]].head(N_EVIDENCE_KEPT),
            ]
        )
        for col in _EVIDENCE_COLUMNS:
            if col not in kept.columns:
                kept[col] = pd.NA
        parts.append(kept[list(_EVIDENCE_COLUMNS)])
    evidence = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=list(_EVIDENCE_COLUMNS))
    )
    counts_df = (
        pd.DataFrame(counts).set_index("state")
        if counts
        else pd.DataFrame(columns=["rank", "group", "this SuR", "other SuRs"])
    )
    return evidence, counts_df


def _themed_rows(recommendations: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    wanted = set(themes)
    mask = (
        recommendations["themes"]
        .map(lambda ts: bool(wanted.intersection(ts)))
        .to_numpy(dtype=bool)
    )
    return recommendations[mask]


def _acceptance_estimates(
    recommendations: pd.DataFrame,
    ranking: pd.DataFrame,
    sur: str,
    themes: list[str],
    notes: list[str],
    model=None,
) -> pd.DataFrame:
    """For the top States: past recommendations to the SuR and the share supported.

    Adds the ranker's own acceptance columns (probabilities, not score
    contributions) and :class:`AcceptanceModel`'s estimate that the SuR
    supports a recommendation from each State on the report's themes.
    """
    to_sur = recommendations[recommendations["sur"] == sur]
    past = acceptance_table(to_sur, by="state")
    top = ranking[
        ["rank", "state"] + (["group"] if "group" in ranking.columns else [])
    ].copy()
    stats = past.reindex(top["state"].astype(str).to_numpy())
    top["recommendations_to_sur"] = stats["total"].fillna(0).astype(int).to_numpy()
    top["supported"] = stats["supported"].fillna(0).astype(int).to_numpy()
    top["share_supported"] = stats["share_supported"].to_numpy()
    comps = set(ranking_components(ranking))
    share = top["share_supported"].to_numpy(dtype=float)
    for col in ranking.columns:
        low = str(col).lower()
        if col in comps or not ("accept" in low or low.startswith("p_")):
            continue  # components are contributions to the score, not probabilities
        if not pd.api.types.is_numeric_dtype(ranking[col]):
            continue
        values = ranking[col].to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        if not len(finite) or finite.min() < 0 or finite.max() > 1:
            continue
        if finite.max() - finite.min() < 1e-12:
            continue  # the same for every State: not about the State
        both = np.isfinite(values) & np.isfinite(share)
        if both.any() and np.allclose(values[both], share[both]):
            continue  # the raw share supported, already shown
        name = "estimated_acceptance" if low == "acceptance" else str(col)
        top[name] = values  # a probability estimated by the ranker
    if len(top) and len(recommendations) and model is not False:
        try:
            top = _model_estimates(recommendations, top, sur, themes, model)
        except Exception as exc:
            notes.append(
                f"The acceptance model could not be fitted ({exc}); only counts shown."
            )
    return top.reset_index(drop=True)


def _model_estimates(
    recommendations: pd.DataFrame,
    top: pd.DataFrame,
    sur: str,
    themes: list[str],
    model=None,
) -> pd.DataFrame:
    if model is None:
        from ._acceptance import AcceptanceModel

        model = AcceptanceModel()
    model = _fitted(model, recommendations)
    sur_group = recommendations.loc[recommendations["sur"] == sur, "sur_group"].dropna()
    n = len(top)
    # A recommendation carries one of the themes (each theme weighted equally)
    # and an action category distributed as the SuR received them (all SuRs
    # when it received none; a missing category would fall back on the model's
    # intercept, which describes no row of the data).
    theme_sets = [[t] for t in themes] or [[]]
    cats = pd.to_numeric(recommendations["action_category"], errors="coerce")
    mix = cats[(recommendations["sur"] == sur).to_numpy()].value_counts(normalize=True)
    if mix.empty:
        mix = cats.value_counts(normalize=True)
    categories = [int(c) for c in mix.index] if len(mix) else [None]
    weights = mix.to_numpy(dtype=float) if len(mix) else np.ones(1)
    specific = [5] if len(mix) else [None]
    grid = [(t, c) for t in theme_sets for c in categories + specific]
    X = pd.DataFrame(
        {
            "sur": sur,
            "recommending_state": np.tile(
                top["state"].astype(str).to_numpy(), len(grid)
            ),
            "rs_group": np.tile(
                top["group"].astype(object).to_numpy()
                if "group" in top.columns
                else np.full(n, None),
                len(grid),
            ),
            "sur_group": sur_group.iloc[0] if len(sur_group) else pd.NA,
            "themes": [list(t) for t, _ in grid for _ in range(n)],
            "action_category": pd.array(
                [pd.NA if c is None else c for _, c in grid for _ in range(n)],
                dtype="Int64",
            ),
        }
    )
    p = model.predict_proba(X)[:, 1].reshape(len(theme_sets), len(categories) + 1, n)
    top = top.copy()
    top["p_supported"] = (
        (weights[None, :, None] * p[:, :-1, :]).sum(axis=1).mean(axis=0)
    )
    if len(mix):  # without action categories in the data, "specific" means nothing
        top["p_supported_specific"] = p[:, -1, :].mean(axis=0)
    return top


def _groupings(ranking: pd.DataFrame) -> pd.DataFrame:
    """Top States sharing a UN regional group or a bloc (at least two of them)."""
    rows = []
    top = (
        ranking[["state", "group"]]
        if "group" in ranking.columns
        else ranking[["state"]].assign(group=pd.NA)
    )
    for group, members in top.groupby(top["group"].fillna("(no group)"), sort=False):
        rows.append(("regional group", str(group), list(members["state"].astype(str))))
    try:
        from ._states import states as states_table

        table = states_table()
    except (NotImplementedError, ImportError):
        table = None
    if table is not None and "memberships" in table.columns:
        members = table.set_index("name")["memberships"].reindex(
            top["state"].astype(str)
        )
        blocs: dict[str, list[str]] = {}
        for state, ms in members.items():
            if isinstance(ms, (list, tuple, np.ndarray)):
                for bloc in ms:
                    blocs.setdefault(str(bloc), []).append(str(state))
        for bloc, names in blocs.items():
            if len(names) >= 2:
                rows.append(("bloc", bloc, names))
    df = pd.DataFrame(rows, columns=["kind", "grouping", "states"])
    df["n_states"] = df["states"].map(len)
    df["states"] = df["states"].map(", ".join)
    df["_bloc"] = df["kind"] == "bloc"
    df = df.sort_values(["_bloc", "n_states"], ascending=[True, False], kind="stable")
    return df[["kind", "grouping", "n_states", "states"]].reset_index(drop=True)


_PHASES: tuple[tuple[str, float, float, str], ...] = (
    # (phase, start offset in months, end offset in months, what to do)
    (
        "6–12 months before",
        -12,
        -6,
        "Hold national consultations with other NGOs; write and send the stakeholder "
        "submission to OHCHR (check the deadline OHCHR publishes for the session).",
    ),
    (
        "4–6 months before",
        -6,
        -4,
        "Write the advocacy paper (your priority recommendations, one or two pages) "
        "and choose the target States: this report.",
    ),
    (
        "3–4 months before",
        -4,
        -3,
        "Brief the target States' embassies in the capital, several at once where they "
        "share a group or bloc (see Joint briefings).",
    ),
    (
        "1–2 months before",
        -2,
        -1,
        "Meet the target States' Permanent Missions in Geneva; take part in the "
        "pre-session.",
    ),
    (
        "The review",
        0,
        0,
        "Working Group review in Geneva: follow the webcast and note which States made "
        "your recommendations.",
    ),
    (
        "0–4 months after",
        0,
        4,
        "Thank the States that made your recommendations; lobby the State under review "
        "to support the recommendations it has not yet accepted.",
    ),
    (
        "Adoption (~4 months after)",
        4,
        4,
        "The Human Rights Council adopts the outcome report; the State gives its final "
        "responses. Comment on the outcome.",
    ),
    (
        "After adoption",
        4,
        24,
        "Lobby on the noted recommendations; follow up on implementation with the "
        "government and the embassies.",
    ),
    (
        "Mid-term (2–2½ years after)",
        24,
        30,
        "Submit or publish a mid-term report on implementation.",
    ),
)


def _timeline(review: pd.Series | None, today: _dt.date) -> pd.DataFrame:
    start, _ = _review_start(review)
    rows = []
    now = pd.Timestamp(today)
    for phase, a, b, what in _PHASES:
        if start is None:
            rows.append((phase, pd.NaT, pd.NaT, "", what))
            continue
        begin = start + pd.DateOffset(months=int(a))
        end = start + pd.DateOffset(months=int(b))
        if (
            phase == "The review"
            and review is not None
            and pd.notna(review.get("end_date", pd.NA))
        ):
            end = pd.Timestamp(review["end_date"]).normalize()
        status = "past" if end < now else ("now" if begin <= now else "upcoming")
        rows.append((phase, begin, end, status, what))
    df = pd.DataFrame(rows, columns=["phase", "start", "end", "status", "what"])
    return df


def _next_review(sur: str, today: _dt.date, notes: list[str]) -> pd.Series | None:
    try:
        from ._calendar import next_review

        try:
            review = next_review(sur, after=pd.Timestamp(today))
        except TypeError:
            review = next_review(sur)
        return pd.Series(review)
    except NotImplementedError:
        notes.append("The UPR calendar is not available: the timeline has no dates.")
    except Exception as exc:
        notes.append(
            f"Could not find the next review of {sur} ({exc}): the timeline has no dates."
        )
    return None


def _png(draw: Callable, *args, width: float, height: float, **kwargs) -> bytes:
    """Draw with a plotting function on an off-screen figure; PNG bytes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    draw(*args, ax=ax, **kwargs)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def _figures(
    to_sur: pd.DataFrame,
    by_state: pd.DataFrame,
    sur: str,
    ranking: pd.DataFrame,
    themes: list[str],
    by_group: pd.DataFrame,
    by_category: pd.DataFrame,
) -> dict[str, bytes]:
    figs: dict[str, bytes] = {}
    n = min(len(ranking), 20)
    figs["ranking"] = _png(
        plot_ranking, ranking, top=20, width=9, height=max(3.0, 1.8 + 0.32 * n)
    )
    for key, by, table in (
        ("acceptance_group", "group", by_group),
        ("acceptance_category", "action_category", by_category),
    ):
        figs[key] = _png(
            plot_acceptance,
            to_sur,
            sur,
            by=by,
            width=9,
            height=max(2.6, 1.8 + 0.4 * len(table)),
        )
    if themes and len(ranking):
        states = ranking["state"].astype(str).head(20).tolist()
        figs["interest"] = _png(
            plot_interest_heatmap,
            by_state,
            states=states,
            themes=themes,
            order="score" if len(themes) < 3 else "cluster",
            width=max(6.0, 3.5 + 0.6 * len(themes)),
            height=max(3.0, 2.2 + 0.28 * len(states)),
        )
    return figs


def _is_synthetic(recommendations: pd.DataFrame) -> bool:
    if recommendations.attrs.get("synthetic"):
        return True
    if "source" in recommendations.columns and len(recommendations):
        return bool((recommendations["source"] == "demo").any())
    return False


def _resolve_sur(sur: str, recommendations: pd.DataFrame) -> str:
    try:
        from ._states import normalize_state

        return normalize_state(sur)
    except NotImplementedError:
        return str(sur)


def _fitted(ranker, recommendations: pd.DataFrame):
    """``ranker`` (any estimator) fitted on ``recommendations`` unless it already is."""
    if ranker is None:
        from ._ranking import TargetRanker

        return TargetRanker().fit(recommendations)
    fitted = getattr(ranker, "__sklearn_is_fitted__", None)
    if callable(fitted):
        is_fitted = fitted()
    else:  # scikit-learn's convention: fitted attributes end in "_"
        is_fitted = any(
            k.endswith("_") and not k.startswith("__") for k in vars(ranker)
        )
    if not is_fitted:
        ranker.fit(recommendations)
    return ranker


def _to_date(today) -> _dt.date:
    if today is None:
        return _dt.date.today()
    return pd.Timestamp(today).date()


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def build_report(
    recommendations: pd.DataFrame,
    sur: str,
    issues: str | Sequence[str] | None,
    *,
    themes: Sequence[str]
    | Sequence[Sequence[str]]
    | Mapping[str, Sequence[str]]
    | None = None,
    ranker=None,
    top: int = 20,
    today: _dt.date | str | None = None,
    acceptance_model=None,
) -> Report:
    """Build the ranking report for one State under review and up to four issues.

    Parameters
    ----------
    recommendations : pandas.DataFrame
        The normalized table (:func:`upr_targets.load_recommendations` or
        :func:`upr_targets.load_demo`).
    sur : str
        The State under review (any name :func:`upr_targets.normalize_state`
        understands).
    issues : str or list of str
        Up to four issues in your own words; each is matched to themes. A
        report with more raises ``ValueError``: advocacy guides advise a few
        priority issues per review.
    themes : list of str, list of lists, or dict, optional
        Theme labels to use instead of matching the issues' text: one list
        for every issue, one list per issue, or ``{issue: labels}``. With no
        ``issues``, one issue named after the themes.
    ranker : TargetRanker, optional
        A ranker (fitted or not; it is fitted on ``recommendations`` when
        not). Default: ``TargetRanker()`` with its default parameters.
    top : int
        States in each ranking.
    today : date or str, optional
        The date the timeline is measured from (default: today).
    acceptance_model : AcceptanceModel or False, optional
        The model behind the estimated probabilities of support (fitted or
        not; fitted on ``recommendations`` when not). Default
        ``AcceptanceModel()``; pass a fitted one to build several reports
        quickly, or False to leave the estimates out.

    Returns
    -------
    Report
        Write it with ``report.save("kenya.html")`` (or ``.md``, ``.xlsx``).

    Raises
    ------
    ValueError
        More than four issues, no issue and no theme, or bad ``themes``.

    Examples
    --------
    >>> import upr_targets
    >>> recs = upr_targets.load_demo()
    >>> sur = recs["sur"].iloc[0]
    >>> report = upr_targets.build_report(recs, sur, ["torture in prisons"], top=10)
    >>> len(report.ranking) <= 10
    True
    """
    today_date = _to_date(today)
    issue_list = _check_issues(issues, themes)
    explicit = _explicit_themes(issue_list, themes)
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top={top!r}: give a positive number of States.")
    sur = _resolve_sur(sur, recommendations)
    notes: list[str] = []
    synthetic = _is_synthetic(recommendations)
    if "sur" in recommendations.columns and not (recommendations["sur"] == sur).any():
        notes.append(
            f"The data hold no recommendation to {sur}: the ranking rests on the "
            "States' interest in the themes, not on their record with it, and the "
            "acceptance section is empty."
        )
    ranker = _fitted(ranker, recommendations)

    # 2. issues -> themes
    theme_rows = []
    used_per_issue: list[list[str]] = []
    for issue, labels in zip(issue_list, explicit, strict=False):
        if labels is not None:
            labels = _normalize_themes(labels)
            used_per_issue.append(labels)
            theme_rows += [(issue, t, np.nan, True, "given") for t in labels]
            continue
        matches = _matches(ranker, recommendations, issue)
        chosen = _selected(matches)
        used_per_issue.append(chosen)
        if not chosen:
            notes.append(
                f"Issue {issue!r} matched no theme: its ranking counts all "
                "recommendations, on any theme. Name themes with themes= "
                "(see upr_targets.themes())."
            )
        for t, s in zip(matches["theme"], matches["score"], strict=False):
            theme_rows.append(
                (
                    issue,
                    str(t),
                    float(s) if pd.notna(s) else np.nan,
                    t in chosen,
                    "matched",
                )
            )
    themes_df = pd.DataFrame(
        theme_rows, columns=["issue", "theme", "score", "used", "how"]
    )

    # 3. rankings
    rankings: dict[str, pd.DataFrame] = {}
    for issue, labels, given in zip(issue_list, used_per_issue, explicit, strict=False):
        ranking = ranker.rank(
            sur,
            themes=labels or None,
            issue_text=None if given is not None else issue,
            top=top,
        )
        if labels and ranking.attrs.get("themes") is None:
            ranking.attrs["themes"] = labels
        rankings[issue] = ranking
    all_themes = list(dict.fromkeys(t for labels in used_per_issue for t in labels))
    if len(issue_list) == 1:
        combined = rankings[issue_list[0]]
    else:
        combined = ranker.rank(sur, themes=all_themes or None, top=top)
    combined = combined.reset_index(drop=True)

    # 4. evidence
    top_states = combined.head(N_EVIDENCE_STATES)
    evidence, evidence_counts = _evidence(
        ranker, recommendations, top_states, sur, all_themes
    )

    # 5. acceptance
    to_sur = recommendations[recommendations["sur"] == sur]
    by_group = acceptance_table(to_sur, by="group")
    by_category = acceptance_table(to_sur, by="action_category")
    estimates = _acceptance_estimates(
        recommendations, combined, sur, all_themes, notes, acceptance_model
    )
    on_themes = _themed_rows(to_sur, all_themes) if all_themes else to_sur
    themes_acceptance = (
        int(len(on_themes)),
        float((on_themes["response"] == "supported").mean())
        if len(on_themes)
        else float("nan"),
    )

    # 6-7. groupings, timeline
    groupings = _groupings(combined)
    review = _next_review(sur, today_date, notes)
    timeline = _timeline(review, today_date)
    review_start, _ = _review_start(review)
    if review_start is not None:
        months = (review_start - pd.Timestamp(today_date)).days / 30.44
        if 0 <= months < 4:
            notes.append(
                f"The review starts in {months:.1f} months: the submission and embassy "
                "phases are over; focus on the Geneva missions."
            )

    top_names = combined["state"].astype(str).head(20).tolist()
    figure_data = {
        "to_sur": to_sur,
        "by_state": recommendations[
            recommendations["recommending_state"].isin(top_names)
        ],
        "sur": sur,
        "ranking": combined,
        "themes": all_themes,
        "by_group": by_group,
        "by_category": by_category,
    }

    return Report(
        sur=sur,
        issues=issue_list,
        themes=themes_df,
        data_summary=_data_summary(recommendations, synthetic),
        load_summary=_load_summary(recommendations),
        ranking=combined,
        rankings=rankings,
        evidence=evidence,
        evidence_counts=evidence_counts,
        acceptance_by_group=by_group,
        acceptance_by_category=by_category,
        acceptance_estimates=estimates,
        themes_acceptance=themes_acceptance,
        groupings=groupings,
        timeline=timeline,
        next_review=review,
        figure_data=figure_data,
        synthetic=synthetic,
        notes=notes,
        today=today_date,
        top=top,
    )


def write_report(
    recommendations: pd.DataFrame,
    sur: str,
    issues: str | Sequence[str] | None,
    path: str | Path,
    **kwargs,
) -> Path:
    """Build the report and save it to ``path`` (.html, .md or .xlsx).

    Keyword arguments are passed to :func:`build_report`. Returns the path.

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> recs = upr_targets.load_demo()
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> upr_targets.write_report(recs, recs["sur"].iloc[0], "death penalty", out).exists()
    True
    """
    _check_suffix(Path(path))
    return build_report(recommendations, sur, issues, **kwargs).save(path)
