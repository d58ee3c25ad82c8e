"""After the review: running the ``outcome``, ``tracker`` and ``midterm`` subcommands."""

from __future__ import annotations

import argparse
import sys

from .._utils import plural
from ._terminal import err, format_table, terminal_width

__all__ = ["FOLLOWUP_COMMANDS"]


def _outcome_table(args):
    from ..io import load_recommendations

    table = load_recommendations(
        args.outcome, cache=args.cache, cache_dir=args.cache_dir
    )
    report = table.attrs.get("load_report")
    if report is not None:
        err(f"Outcome: {len(table):,} rows from {plural(len(args.outcome), 'file')}")
    return table


def _matches(args):
    from .._outcome_match import match_outcome
    from ..io import load_advocacy
    from ._data import load_data

    corpus = load_data(args).table if args.data else None
    advocacy = load_advocacy(args.advocacy)
    err(
        f"Advocacy: {plural(len(advocacy), 'recommendation')} on "
        f"{plural(advocacy['issue'].nunique(), 'issue')} from {args.advocacy.name}"
    )
    return match_outcome(
        advocacy,
        _outcome_table(args),
        top=None,
        corpus=corpus,
        sur=args.sur,
        session=args.session,
    )


def _cmd_outcome(args: argparse.Namespace) -> int:
    from .._outcome import outcome_summary
    from ..io import load_ranking
    from ..report import write_outcome_report

    ranking = load_ranking(args.ranking) if args.ranking else None
    summary = outcome_summary(
        _matches(args), ranking=ranking, min_strength=args.min_strength
    )
    print(repr(summary))
    width = terminal_width() if sys.stdout.isatty() else 100_000
    cols = list(summary.OVERVIEW[:6])
    print(format_table(summary.by_recommendation[cols], width=width, wrap="states"))
    for name, table, cols in (
        (
            "Thank",
            summary.thank,
            ["recommending_state", "paragraph", "response", "issues"],
        ),
        (
            "Lobby the State under review",
            summary.lobby,
            ["paragraph", "response", "recommending_states", "issues"],
        ),
        (
            "Targeted but silent",
            summary.silent,
            ["state", "lobbied_on", "issue", "advocacy_id"],
        ),
        (
            "Not taken up",
            summary.not_taken_up,
            ["advocacy_id", "issue", "closest_paragraph", "closest_strength"],
        ),
    ):
        print(f"\n{name} ({len(table)})")
        if len(table):
            print(format_table(table[cols], width=width))
    if args.out:
        write_outcome_report(summary, args.out)
        err(f"Wrote the outcome report to {args.out}")
    return 0


def _cmd_tracker(args: argparse.Namespace) -> int:
    from ..io import write_tracker

    source = _matches(args) if args.advocacy else _outcome_table(args)
    existed = args.out.exists()
    rows = write_tracker(source, args.out)
    kept = rows.attrs.get("kept_rows", 0)
    err(
        f"{'Updated' if existed else 'Wrote'} {args.out}: {plural(len(rows), 'recommendation')}"
        + (
            f", the edits of the previous version kept ({plural(kept, 'row')} no longer matched kept too)"
            if existed
            else ""
        )
    )
    return 0


def _cmd_midterm(args: argparse.Namespace) -> int:
    from ..io import load_tracker
    from ..report import write_midterm_report

    tracker = load_tracker(args.tracker)
    write_midterm_report(tracker, args.out, title=args.title)
    assessed = int((tracker["status"] != "").sum())
    err(
        f"Wrote the mid-term report to {args.out}: {plural(len(tracker), 'recommendation')}, {assessed} assessed"
    )
    return 0


FOLLOWUP_COMMANDS = {
    "outcome": _cmd_outcome,
    "tracker": _cmd_tracker,
    "midterm": _cmd_midterm,
}
