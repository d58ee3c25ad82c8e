"""After-review documents: the outcome report and the mid-term report.

Both are a :class:`FollowupReport` (see :mod:`._followup_doc`). The tables come from
:func:`upr_targets.outcome_summary` and :func:`upr_targets.load_tracker`;
nothing is computed here that those do not already hold.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import load_tracker
from ..plotting import implementation_counts, plot_implementation
from ._figures import png
from ._followup_doc import FollowupReport, Section

__all__ = [
    "midterm_report",
    "outcome_report",
    "write_midterm_report",
    "write_outcome_report",
]


def _review_line(matches: pd.DataFrame) -> str:
    first = matches.dropna(subset=["sur"]).head(1)
    if first.empty:
        return "Review unknown"
    r = first.iloc[0]
    parts = [f"{r['sur']}"]
    if pd.notna(r.get("session")):
        parts.append(f"UPR session {int(r['session'])}")
    if pd.notna(r.get("year")):
        parts.append(str(int(r["year"])))
    if isinstance(r.get("document"), str):
        parts.append(r["document"])
    return ", ".join(parts)


def outcome_report(summary) -> FollowupReport:
    """Build the outcome report of an :class:`OutcomeSummary`, ready to save.

    Parameters
    ----------
    summary : OutcomeSummary
        From :func:`upr_targets.outcome_summary`.

    Returns
    -------
    FollowupReport
    """
    o = summary.overall
    cols = list(summary.OVERVIEW)
    cols.insert(2, "advocacy_text")
    by_rec = summary.by_recommendation[cols]
    strength = summary.params.get("min_strength", "similar")
    sections = [
        Section(
            "overall",
            "The overall picture",
            [
                f"{o['n_taken_up']} of the {o['n_our_recommendations']} recommendations of the "
                f"advocacy paper ({o['n_issues_taken_up']} of {o['n_issues']} issues) were taken "
                f"up by {o['n_states']} States in {o['n_recommendations']} recommendations: "
                f"{o['n_supported']} supported, {o['n_noted']} noted, {o['n_pending']} pending.",
                f"A recommendation counts as taken up when the review holds one at least "
                f"'{strength}' to it (see STRENGTH_THRESHOLDS).",
            ],
            summary.by_issue,
        ),
        Section(
            "ours",
            "Our recommendations",
            [
                "Per recommendation of the advocacy paper: taken up or not, by whom, in which paragraphs."
            ],
            by_rec,
        ),
        Section(
            "thank",
            "Thank",
            [
                "The States whose recommendations carry ours, with the paragraph to cite in the letter."
            ],
            summary.thank,
        ),
        Section(
            "lobby",
            "Lobby the State under review",
            [
                "Noted or pending recommendations that carry ours: ask the State under review to support them before the Council adopts the outcome."
            ],
            summary.lobby,
        ),
        Section(
            "silent",
            "Targeted but silent",
            [
                "States the NGO lobbied that made no recommendation carrying it: a conversation to have."
            ],
            summary.silent,
        ),
        Section(
            "allies",
            "New allies",
            ["States that carried our recommendations without being lobbied on them."],
            summary.new_allies,
        ),
        Section(
            "not-taken-up",
            "Not taken up",
            [
                "Our recommendations that no State carried, with the review's closest "
                "recommendation where one was at least related: raise them with the State "
                "under review and in the mid-term report."
            ],
            summary.not_taken_up,
        ),
        Section(
            "report-back",
            "Report back (3½–4 years after)",
            [
                "The States that made our recommendations, to tell about implementation before the next review."
            ],
            summary.report_back,
        ),
        Section(
            "dates",
            "Dates",
            ["Each step dated from the review's dates in the UPR calendar."],
            summary.dates,
        ),
    ]
    if summary.ranking_check is not None:
        rc = summary.ranking_check
        n = len(rc)
        sections.insert(
            8,
            Section(
                "ranking",
                "How the ranking did",
                [
                    f"Of the {n} States that took our issues up, {int(rc['in_top_10'].sum())} "
                    f"were in the ranking's top 10 and {int(rc['in_top_20'].sum())} in its top 20."
                ],
                rc,
            ),
        )
    return FollowupReport(
        title="After the review: who took up our recommendations",
        meta=_review_line(summary.matches),
        sections=sections,
        synthetic=bool(
            (summary.matches.get("source", pd.Series(dtype=str)) == "demo").any()
        ),
    )


def write_outcome_report(summary, path) -> Path:
    """Write the outcome report (.html, .md, .xlsx or .docx).

    Parameters
    ----------
    summary : OutcomeSummary
        From :func:`upr_targets.outcome_summary`.
    path : str or Path
        Where to write; the format follows the suffix.

    Returns
    -------
    pathlib.Path
    """
    return outcome_report(summary).save(path)


def midterm_report(tracker, *, title: str | None = None) -> FollowupReport:
    """Build the mid-term implementation report from a tracker.

    Parameters
    ----------
    tracker : str, Path or pandas.DataFrame
        The tracker workbook or its table (:func:`upr_targets.load_tracker`).
    title : str, optional
        The report's title.

    Returns
    -------
    FollowupReport
    """
    table = load_tracker(tracker) if isinstance(tracker, (str, Path)) else tracker
    status = table["status"].replace("", "not assessed")
    n = len(table)
    done = int((status == "implemented").sum())
    partly = int((status == "partially implemented").sum())
    figures = {
        f"by_{by}": png(
            plot_implementation,
            table,
            by,
            width=8,
            height=max(2.5, 1.2 + 0.35 * len(implementation_counts(table, by))),
        )
        for by in ("issue", "response")
    }
    cols = [
        "paragraph",
        "recommending_states",
        "response",
        "issue",
        "status",
        "evidence",
        "source",
        "date",
        "text",
    ]
    sections = [
        Section(
            "overall",
            "Implementation at mid-term",
            [
                f"Of the {n} recommendations followed, {done} are implemented, {partly} "
                f"partially implemented, {int((status == 'in progress').sum())} in progress, "
                f"{int((status == 'not started').sum())} not started and "
                f"{int((status == 'regressed').sum())} regressed; "
                f"{int((status == 'not assessed').sum())} are not assessed yet."
            ],
            implementation_counts(table, "issue").reset_index(),
            "by_issue",
        ),
        Section(
            "response",
            "Supported and noted",
            [
                "Implementation of the recommendations the State supported and of those it noted."
            ],
            implementation_counts(table, "response").reset_index(),
            "by_response",
        ),
        Section(
            "states",
            "By recommending State",
            [
                "What became of each State's recommendations: for the letters to the embassies."
            ],
            implementation_counts(table, "recommending_states").reset_index(),
        ),
        Section(
            "detail",
            "Every recommendation",
            ["Status, evidence and source, as the tracker holds them."],
            table[cols],
        ),
    ]
    return FollowupReport(
        title=title or "Mid-term report: implementation of the UPR recommendations",
        meta=f"{n} recommendations followed",
        sections=sections,
        figures=figures,
    )


def write_midterm_report(tracker, path, *, title: str | None = None) -> Path:
    """Write the mid-term report (.html, .md, .xlsx or .docx) from a tracker.

    Parameters
    ----------
    tracker : str, Path or pandas.DataFrame
        The tracker workbook (see :func:`write_tracker`) or its table
        (:func:`load_tracker`).
    path : str or Path
        Where to write; the format follows the suffix.
    title : str, optional

    Returns
    -------
    pathlib.Path
    """
    return midterm_report(tracker, title=title).save(path)
