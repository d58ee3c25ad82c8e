"""Writing report tables to Excel (openpyxl): one styled sheet per table."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._format import SPECIFIC_COUNTS, SYNTHETIC_TEXT, header, is_percent

__all__ = ["excel_cell", "report_sheets", "write_workbook"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def excel_cell(value: Any) -> Any:
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
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text


def write_workbook(
    sheets: dict[str, pd.DataFrame],
    path: str | Path,
    *,
    plain: set[str] = frozenset(),
    synthetic: bool = False,
) -> Path:
    """Write tables to an Excel workbook, one sheet per table, styled.

    Text cells that a spreadsheet could read as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed with
    a single quote. Columns named like shares are formatted as percentages
    except those in ``plain``; a ``synthetic`` workbook has red tabs.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for name, table in sheets.items():
        ws = wb.create_sheet(name[:31])
        columns = [str(c) for c in table.columns]
        ws.append([excel_cell(header(c)) for c in columns])
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
            ws.append([excel_cell(v) for v in row])
        for j, col in enumerate(columns, start=1):
            s = table[col]
            letter = get_column_letter(j)
            fmt = None
            if pd.api.types.is_datetime64_any_dtype(s):
                fmt, width = "yyyy-mm-dd", 12
            elif pd.api.types.is_float_dtype(s):
                fmt = "0%" if is_percent(col) and col not in plain else "0.000"
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
            width = min(max(width, len(header(col))) + 2, 80)
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
        if synthetic:
            ws.sheet_properties.tabColor = "C00000"
    wb.save(path)
    return path


# ---- saving ---------------------------------------------------------------------


def ranking_rows(report) -> pd.DataFrame:
    """Every ranking of the report, ``issue`` first ("All issues": combined)."""
    rankings = (
        [report.ranking.assign(issue="All issues")] if len(report.issues) > 1 else []
    )
    rankings += [r.assign(issue=issue) for issue, r in report.rankings.items()]
    ranking = pd.concat(rankings, ignore_index=True)
    ranking = ranking[["issue"] + [c for c in ranking.columns if c != "issue"]]
    return ranking.rename(columns=SPECIFIC_COUNTS) if report.specific else ranking


def report_sheets(report) -> dict[str, pd.DataFrame]:
    """The tables of a :class:`Report` written to Excel, one per sheet."""

    summary = pd.concat(
        [
            report.data_summary.assign(section="Data used"),
            pd.DataFrame(
                {
                    "section": "Report",
                    "item": ["State under review", "Generated", "Synthetic data"],
                    "value": [
                        report.sur,
                        report.today.isoformat(),
                        "YES" if report.synthetic else "no",
                    ],
                }
            ),
            pd.DataFrame(
                {
                    "section": "Issues",
                    "item": [f"Issue {i + 1}" for i in range(len(report.issues))],
                    "value": report.issues,
                }
            ),
            report.themes.assign(
                section="Themes",
                item=report.themes["issue"],
                value=report.themes["theme"]
                + report.themes["score"].map(
                    lambda s: "" if pd.isna(s) else f" ({s:.2f})"
                )
                + np.where(report.themes["used"], "", " [not used]"),
            )[["section", "item", "value"]],
            pd.DataFrame({"section": "Note", "item": "", "value": report.notes}),
        ],
        ignore_index=True,
    )[["section", "item", "value"]]
    if report.synthetic:
        banner = pd.DataFrame(
            {
                "section": ["WARNING"],
                "item": ["SYNTHETIC DATA"],
                "value": [SYNTHETIC_TEXT],
            }
        )
        summary = pd.concat([banner, summary], ignore_index=True)
    ranking = ranking_rows(report)
    acceptance = pd.concat(
        [
            report.acceptance_by_group.reset_index()
            .rename(columns={"group": "value"})
            .assign(breakdown="recommending group"),
            report.acceptance_by_category.reset_index()
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
        "Evidence": report.evidence,
        "Acceptance": acceptance,
        "Acceptance estimates": report.acceptance_estimates,
        "Groupings": report.groupings,
        "Timeline": report.timeline,
    }
