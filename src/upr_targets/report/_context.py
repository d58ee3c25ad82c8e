"""What the templates show of a :class:`Report`: its tables cut and named for reading.

:func:`template_context` gives the variables of the HTML and Markdown
templates; the tables in it are views of the report's (a few evidence
columns beside the score, count headers that say what they count), formatted
by the ``table`` function of the output format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .._components import BY_NAME
from ._analysis import themes_acceptance_line
from ._format import RANKING_EVIDENCE, SPECIFIC_COUNTS, none_if_na
from ._timeline import review_line

__all__ = [
    "N_EVIDENCE_SHOWN",
    "SECTIONS",
    "components_view",
    "ranking_view",
    "template_context",
]

N_EVIDENCE_SHOWN = 5
"""Recommendations per State and target (this SuR / others) shown in HTML and
Markdown; the Excel file lists more (``_analysis.N_EVIDENCE_KEPT``)."""

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


def ranking_view(
    ranking: pd.DataFrame, *, specific: bool, evidence: bool = True
) -> pd.DataFrame:
    """Rank, State, group, score, a few evidence counts and the reason.

    A ranking on several issues keeps its ``rank: ISSUE`` columns, headed
    "Rank on issue N" (N: the issue's number in the report). For a ranking of
    specific recommendations (``specific``), the counts are renamed so that
    their headers say so (``SPECIFIC_COUNTS``).
    """
    cols = [c for c in ("rank", "state", "group", "score") if c in ranking.columns]
    issues = list(ranking.attrs.get("issues", {}))
    by_issue = {
        f"rank: {issue}": f"Rank on issue {n}"
        for n, issue in enumerate(issues, start=1)
        if f"rank: {issue}" in ranking.columns
    }
    cols += list(by_issue)
    if evidence:
        cols += [c for c in RANKING_EVIDENCE if c in ranking.columns and c not in cols]
    if "explanation" in ranking.columns:
        cols.append("explanation")
    view = ranking[cols].rename(columns=by_issue)
    return view.rename(columns=SPECIFIC_COUNTS) if specific else view


def components_view(
    ranking: pd.DataFrame, components: list[str]
) -> pd.DataFrame | None:
    """Rank, State, score and the components that are not zero for every State."""
    if not components:
        return None
    cols = [c for c in ("rank", "state", "score") if c in ranking.columns]
    values = ranking[components].apply(pd.to_numeric, errors="coerce").fillna(0.0)
    nonzero = [
        c for c in components if c not in cols and (values[c].abs() >= 0.0005).any()
    ]
    return ranking[cols + nonzero]


def _evidence_by_state(report, fmt: Callable) -> list[dict]:
    out = []
    for state, counts in report.evidence_counts.iterrows():
        ev = report.evidence[report.evidence["state"] == state]
        shown = pd.concat(
            [
                ev[ev["target"] == "this SuR"].head(N_EVIDENCE_SHOWN),
                ev[ev["target"] != "this SuR"].head(N_EVIDENCE_SHOWN),
            ]
        )
        out.append(
            {
                "state": state,
                "rank": none_if_na(counts.get("rank")),
                "group": none_if_na(counts.get("group")),
                "n_this": int(counts["this SuR"]),
                "n_other": int(counts["other SuRs"]),
                "table": fmt(shown.drop(columns=["state", "target"]))
                if len(shown)
                else None,
            }
        )
    return out


def template_context(
    report, table: Callable[..., Any], image: Callable[[str], Any] | None
) -> dict:
    """The templates' variables of a :class:`Report` (this module sits below it).

    ``table(df, plain)`` formats a table for the output; ``image(name)`` gives
    a figure's source (None: no figures).
    """
    plain = set(report.components) | {"score"}
    specific = report.specific

    def fmt(df: pd.DataFrame | None) -> Any:
        return table(df, plain)

    per_issue = []
    if len(report.issues) > 1:
        for issue, ranking in report.rankings.items():
            view = ranking_view(ranking.head(10), specific=specific, evidence=False)
            per_issue.append({"issue": issue, "table": fmt(view)})
    return {
        "title": report.title,
        "sur": report.sur,
        "specific": specific,
        "noun": "specific recommendation" if specific else "recommendation",
        "today": report.today.isoformat(),
        "synthetic": report.synthetic,
        "sections": SECTIONS,
        "issues": report.issues,
        "data_summary": fmt(report.data_summary),
        "load_summary": fmt(report.load_summary)
        if report.load_summary is not None
        else None,
        "themes": fmt(report.themes),
        "ranking": fmt(ranking_view(report.ranking, specific=specific)),
        "components_table": fmt(components_view(report.ranking, report.components)),
        "components": [BY_NAME[c].label for c in report.components],
        "per_issue": per_issue,
        "evidence": _evidence_by_state(report, fmt),
        "acceptance_by_group": fmt(report.acceptance_by_group.reset_index()),
        "acceptance_by_category": fmt(report.acceptance_by_category.reset_index()),
        "acceptance_estimates": fmt(report.acceptance_estimates),
        "themes_acceptance": themes_acceptance_line(
            report.sur, *report.themes_acceptance
        ),
        "groupings": fmt(report.groupings),
        "timeline": fmt(report.timeline),
        "next_review": review_line(report.next_review),
        "notes": report.notes,
        "figures": {} if image is None else {n: image(n) for n in report.figures},
        "top": report.top,
    }
