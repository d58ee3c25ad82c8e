"""``build_report``: gather the tables of a ranking report for one review."""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .._action import asks_for_change, resolve_action
from .._coverage import data_coverage
from .._errors import StaleDataWarning
from .._matching import select_themes
from .._ranking import TargetRanker
from .._tables import acceptance_table
from .._utils import check_choice
from ..reference import normalize_state, normalize_theme
from ._analysis import (
    acceptance_estimates,
    data_summary,
    evidence_tables,
    fitted,
    groupings,
    load_summary,
    themed_rows,
)
from ._document import MAX_ISSUES, N_EVIDENCE_STATES, Report
from ._format import check_suffix
from ._timeline import coming_review, review_start, timeline

__all__ = ["build_report", "write_report"]


def _ranker(ranker, action: str, issues: list[str]) -> TargetRanker:
    """The ranker of a report: the one given, else one counting ``action``."""
    check_choice("action", action, ("auto", "any", "specific"))
    if ranker is not None:
        if action not in ("auto", ranker.action):
            raise ValueError(
                f"action={action!r}, but the ranker given counts "
                f"action={ranker.action!r}: give one or the other"
            )
        return ranker
    return TargetRanker(action=resolve_action(action, issues))


def _specific_note(issues: list[str]) -> str:
    why = (
        "your issue asks for a change in law or practice, and these are the "
        "recommendations that ask for one"
        if any(map(asks_for_change, issues))
        else "as asked (action='specific')"
    )
    return (
        "Only specific, action-oriented recommendations (action category 4-5; "
        f"read from the first verb where the source gives none) count: {why}. "
        "build_report(..., action='any') or `upr-targets report --action any` "
        "counts every recommendation on the themes."
    )


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


def _issue_themes(
    ranker: TargetRanker,
    issues: list[str],
    explicit: list[list[str] | None],
    notes: list[str],
) -> tuple[pd.DataFrame, list[list[str]]]:
    """The themes each issue matched (table) and those used to rank each."""
    rows = []
    used: list[list[str]] = []
    for issue, labels in zip(issues, explicit, strict=True):
        if labels is not None:
            labels = [normalize_theme(t) for t in labels]
            used.append(labels)
            rows += [(issue, t, np.nan, True, "given") for t in labels]
            continue
        matches = ranker.match_themes(issue, top=5)
        chosen = select_themes(matches, available=ranker.tensors_.theme_pos)
        used.append(chosen)
        if not chosen:
            notes.append(
                f"Issue {issue!r} matched no theme: its ranking counts all "
                "recommendations, on any theme. Name themes with themes= "
                "(see upr_targets.list_themes())."
            )
        rows += [
            (issue, str(t), float(s), t in chosen, "matched")
            for t, s in zip(matches["theme"], matches["score"], strict=True)
        ]
    table = pd.DataFrame(rows, columns=["issue", "theme", "score", "used", "how"])
    return table, used


def _themes_acceptance(to_sur: pd.DataFrame, themes: list[str]) -> tuple[int, float]:
    """Recommendations to the SuR on the themes, and the share it supported."""
    on_themes = themed_rows(to_sur, themes) if themes else to_sur
    if not len(on_themes):
        return 0, float("nan")
    return len(on_themes), float((on_themes["response"] == "supported").mean())


def _timing_note(review: pd.Series | None, today: _dt.date) -> str | None:
    start, _ = review_start(review)
    if start is None:
        return None
    months = (start - pd.Timestamp(today)).days / 30.44
    if 0 <= months < 4:
        return (
            f"The review starts in {months:.1f} months: the submission and embassy "
            "phases are over; focus on the Geneva missions."
        )
    return None


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
    action: str = "auto",
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
    action : {"auto", "any", "specific"}
        What the default ranker counts: every recommendation on the themes
        (``"any"``) or only the specific, action-oriented ones (action
        category 4-5, ``"specific"``); ``"auto"`` is ``"specific"`` when an
        issue asks for a change in law or practice ("repeal article 162").
        A ``ranker`` given counts what its own ``action`` says.

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
    >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 22))
    >>> sur = recs["sur"].iloc[0]
    >>> report = upr_targets.build_report(recs, sur, ["torture in prisons"], top=10)
    >>> len(report.ranking) <= 10
    True
    """
    today_date = _dt.date.today() if today is None else pd.Timestamp(today).date()
    issue_list = _check_issues(issues, themes)
    explicit = _explicit_themes(issue_list, themes)
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top={top!r}: give a positive number of States.")
    sur = normalize_state(sur)
    notes: list[str] = []
    synthetic = bool((recommendations["source"] == "demo").any())
    if not (recommendations["sur"] == sur).any():
        notes.append(
            f"The data hold no recommendation to {sur}: the ranking rests on the "
            "States' interest in the themes, not on their record with it, and the "
            "acceptance section is empty."
        )
    ranker = fitted(_ranker(ranker, action, issue_list), recommendations)
    if ranker.action == "specific":
        notes.append(_specific_note(issue_list))
    themes_df, used = _issue_themes(ranker, issue_list, explicit, notes)

    # the issue's words weigh each recommendation by closeness (closeness=);
    # the notes say what the data hold of the SuR's reviews (data_coverage)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StaleDataWarning)
        rankings = {
            issue: ranker.rank(
                sur, themes=labels or None, issue_text=issue or None, top=top
            )
            for issue, labels in zip(issue_list, used, strict=True)
        }
        all_themes = list(dict.fromkeys(t for labels in used for t in labels))
        if len(issue_list) == 1:
            combined = rankings[issue_list[0]]
        else:  # with each issue's own rank beside
            combined = ranker.rank_issues(
                sur, dict(zip(issue_list, used, strict=True)), top=top
            )
    combined = combined.reset_index(drop=True)
    evidence, evidence_counts = evidence_tables(
        ranker,
        combined.head(N_EVIDENCE_STATES),
        sur,
        all_themes,
        issue_text=" ".join(i for i in issue_list if i),
    )

    to_sur = recommendations[recommendations["sur"] == sur]
    by_group = acceptance_table(to_sur, by="group")
    by_category = acceptance_table(to_sur, by="action_category")
    estimates = acceptance_estimates(
        recommendations, combined, sur, all_themes, notes, acceptance_model
    )
    review = coming_review(sur, today_date, notes)
    coverage = data_coverage(
        recommendations, sur, int(review["session"]) if review is not None else None
    )
    notes[:0] = coverage.messages  # first: what the data can say about this review
    note = _timing_note(review, today_date)
    if note:
        notes.append(note)
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
        data_summary=data_summary(recommendations, synthetic),
        load_summary=load_summary(recommendations),
        ranking=combined,
        rankings=rankings,
        evidence=evidence,
        evidence_counts=evidence_counts,
        acceptance_by_group=by_group,
        acceptance_by_category=by_category,
        acceptance_estimates=estimates,
        themes_acceptance=_themes_acceptance(to_sur, all_themes),
        groupings=groupings(combined),
        timeline=timeline(review, today_date),
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

    Parameters
    ----------
    recommendations, sur, issues
        As for :func:`build_report`.
    path : str or Path
        Where to write; the extension gives the format.
    **kwargs
        Passed to :func:`build_report`.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 22))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> upr_targets.write_report(recs, recs["sur"].iloc[0], "death penalty", out).exists()
    True
    """
    check_suffix(Path(path))
    return build_report(recommendations, sur, issues, **kwargs).save(path)
