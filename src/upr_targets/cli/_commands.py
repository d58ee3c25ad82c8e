"""The subcommands: each a thin layer over the public API it names in its help."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from .._components import SPEAKER_WEIGHTS
from .._coverage import Coverage, data_coverage
from .._utils import plural
from ..io._tables import join_lists
from ..reference import (
    NO_GROUP,
    list_states,
    next_review,
    normalize_group,
    normalize_state,
)
from ._data import load_data, note_resolved, resolve_sur, resolve_themes
from ._fetch import FETCH_COMMANDS
from ._followup import FOLLOWUP_COMMANDS
from ._models import cached_matcher, keeping_matcher, ranker_for
from ._parser import PROG, UsageError
from ._terminal import (
    cell,
    comparison_lines,
    components_of,
    err,
    format_backtest,
    format_ranking,
    format_table,
    progress,
    short_header,
    terminal_width,
    weighted,
    write_text,
)

__all__ = ["COMMANDS", "UsageError"]


def _cmd_rank(args: argparse.Namespace) -> int:
    if not args.theme and not args.issue:
        raise UsageError("rank needs at least one --issue TEXT or --theme LABEL")
    sur = resolve_sur(args.sur, reviewed=True)
    themes = resolve_themes(args.theme)
    fmt = args.format
    if fmt is None:
        suffix = args.out.suffix.lower() if args.out else ""
        fmt = {".csv": "csv", ".json": "json"}.get(suffix, "table")
    data = load_data(args)
    ranker, matched = ranker_for(data, args)
    for issue, found in matched.items():
        if found:
            err(f"Issue {issue!r} -> themes: {', '.join(found)}")
        else:
            err(
                f"Issue {issue!r} -> themes: (none); name the theme with --theme "
                f"LABEL (`{PROG} themes TEXT` suggests labels)"
            )
    with keeping_matcher(data, ranker):  # closeness to the issues' words
        ranking = ranker.rank_issues(
            sur,
            matched,
            themes=themes,
            before_session=args.before_session,
            top=args.top,
            speakers=_speakers(args.speakers),
        )
    query = ranking.attrs["themes"]
    if fmt in ("csv", "json"):
        if fmt == "csv":  # list cells (shared blocs) as "EU; OIF"
            text = join_lists(ranking).to_csv(index=False)
        else:  # lists stay JSON arrays
            records = json.loads(ranking.to_json(orient="records", force_ascii=False))
            text = json.dumps(records, indent=2, ensure_ascii=False)
        write_text(text, args.out)
        return 0
    width = 100 if args.out else terminal_width()
    lines = []
    coverage = _say_coverage(data, sur, int(next_review(sur)["session"]))
    if data.synthetic:
        lines.append(
            "*** SYNTHETIC DEMO DATA: an illustration, not real UPR recommendations ***"
        )
    themes_used = query
    title = f"States to lobby before the review of {sur}"
    lines.append(title + (" on: " + "; ".join(themes_used) if themes_used else ""))
    lines.append(coverage.messages[0])
    if not themes_used:
        lines.append("(no theme: every recommendation counts as on-topic)")
    if args.before_session:
        lines.append(f"(evidence from sessions before {args.before_session} only)")
    if args.speakers:
        lines.append(
            "(the listed speakers only, by how likely each is to raise these themes)"
        )
    lines.append("")
    if len(ranking) == 0:
        lines.append("No State in the data: nothing to rank.")
        write_text("\n".join(lines), args.out)
        return 0
    # with a list of speakers the score is P(theme | speaks) (theme_rate)
    weights = SPEAKER_WEIGHTS if args.speakers else ranker.weights_
    table, hidden = format_ranking(
        ranking,
        width=width,
        themes=themes_used,
        clip=args.out is None and sys.stdout.isatty(),
        weights=weights,
    )
    lines.append(table)
    shown = [c for c in weighted(components_of(ranking), weights) if c not in hidden]
    lines.append("")
    legend = ", ".join(
        f"{short_header(c)} = {c}" for c in shown if short_header(c) != c
    )
    note = (
        "score = sum of the components (weighted); "
        + (f"{legend}." if legend else "")
        + (f" Not shown: {', '.join(hidden)} (use --format csv)." if hidden else "")
    )
    for i, issue in enumerate(
        (c[6:] for c in ranking.columns if c.startswith("rank: ")), 1
    ):
        note += f" #{i} = its rank for {issue!r} alone."
    lines.extend(textwrap.wrap(note, width=width))
    write_text("\n".join(lines), args.out)
    return 0


def _speakers(given: str | None) -> list[str] | None:
    """The --speakers names: from a file when one exists at that path."""
    from .._speakers import parse_speakers

    if given is None:
        return None
    path = Path(given)
    text = path.read_text(encoding="utf-8-sig") if path.is_file() else given
    names = parse_speakers(text)
    if not names:
        raise UsageError(f"--speakers {given!r}: no State name in it")
    err(f"Speakers: {len(names)} States listed")
    return names


def _say_coverage(data, sur: str, planned_session: int) -> Coverage:
    """Say on stderr what the data hold of the SuR's reviews (a warning when stale).

    Not on the synthetic demo data: their sessions are made up, and the
    banner already says not to rely on them (as ``rank()`` does not warn).
    """
    coverage = data_coverage(data.table, sur, planned_session)
    if not data.synthetic:
        for message in coverage.messages[1:]:
            err(("warning: " if coverage.stale else "note: ") + message)
    return coverage


def _cmd_report(args: argparse.Namespace) -> int:
    from ..report import build_report
    from ..report._format import SUFFIXES

    out: Path = args.out
    if out.suffix.lower() not in SUFFIXES:
        raise UsageError(
            f"--out {out}: unknown report format {out.suffix!r}; use .html, .md, .xlsx "
            "or .ics (the advocacy timeline, for a calendar)"
        )
    if not args.issue and not args.theme:
        raise UsageError("report needs at least one --issue TEXT or --theme LABEL")
    if len(args.issue) > 4:
        raise UsageError(
            f"{len(args.issue)} issues given; a report takes at most four (the "
            "advocacy guides advise a few priority issues per review)"
        )
    sur = resolve_sur(args.sur, reviewed=True)
    themes = resolve_themes(args.theme)
    from .._acceptance import AcceptanceModel

    data = load_data(args)
    start = time.perf_counter()
    ranker, _ = ranker_for(data, args)
    with progress("Building the report"), keeping_matcher(data, ranker):
        model, _ = data.fitted("acceptance", lambda: AcceptanceModel().fit(data.table))
        report = build_report(
            data.table,
            sur,
            list(args.issue) or None,
            themes=themes or None,
            top=args.top,
            ranker=ranker,
            acceptance_model=model,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        report.save(out)
    took = time.perf_counter() - start
    if report.next_review is not None:
        _say_coverage(data, sur, int(report.next_review["session"]))
    size = out.stat().st_size if out.exists() else 0
    print(f"Wrote {out} ({size / 1024:,.0f} KB) in {took:.1f} s")
    return 0


def _cmd_backtest(args: argparse.Namespace) -> int:
    from .._backtest import backtest

    data = load_data(args)
    if data.synthetic:
        print(
            "*** SYNTHETIC DEMO DATA: an illustration, not real UPR recommendations ***"
        )
    sessions = session_ranges(args.test_sessions)
    until = args.data_until
    if until is not None and until >= min(args.test_sessions):
        raise UsageError(
            f"--data-until {until} is not before the first test session "
            f"{min(args.test_sessions)}: give --data-until {min(args.test_sessions) - 1} "
            "or less"
        )
    with progress(f"Backtesting on sessions {sessions}"):
        result = backtest(
            data.table,
            test_sessions=args.test_sessions,
            k=args.k,
            data_until=until,
            speakers=args.speakers,
        )
    width = terminal_width()
    n = result.params["n_queries"]
    head = f"Backtest on sessions {sessions}, k = {args.k}"
    if until is not None:
        head += f", data up to session {until}"
    if args.speakers:
        head += ", the speakers of each review known"
    print(head + (f": {n} queries (review x theme)" if n is not None else ""))
    print(format_backtest(result.summary, width=width))
    for line in comparison_lines(result, metric=f"ndcg@{args.k}"):
        print("\n".join(textwrap.wrap(line, width=width)))
    if args.out is not None:
        out: Path = args.out
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".csv":
            table = result.per_query
            join_lists(result.summary if table is None else table).to_csv(
                out, index=False
            )
        else:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            from ..plotting import plot_backtest

            ax = plot_backtest(result, metric=f"ndcg@{args.k}")
            ax.figure.savefig(out, bbox_inches="tight", dpi=150)
            plt.close(ax.figure)
        print(f"Wrote {out}")
    return 0


def session_ranges(sessions: Sequence[int]) -> str:
    s = sorted(set(sessions))
    if s and s == list(range(s[0], s[-1] + 1)) and len(s) > 1:
        return f"{s[0]}-{s[-1]}"
    return ",".join(map(str, s))


_THEME_EXTRA = ("matched_keywords", "matched", "keywords", "closest_recommendation")


def _cmd_themes(args: argparse.Namespace) -> int:
    from .._matching import match_themes

    text = " ".join(args.text)
    with progress("Matching"):
        matches = match_themes(text, top=args.top)
    cols = [c for c in ("theme", "score") if c in matches.columns]
    extra = [c for c in _THEME_EXTRA if c in matches.columns][:1]
    view = matches[cols + extra]
    if view.empty:
        print(
            f"No theme matches {text!r}; list the themes with upr_targets.list_themes()."
        )
        return 0
    print(format_table(view, width=terminal_width(), wrap=extra[0] if extra else None))
    return 0


def _cmd_states(args: argparse.Namespace) -> int:
    table = list_states()
    query = " ".join(args.query)
    if query:
        name = normalize_state(query)
        note_resolved(query, name, "")
        row = table[table["name"] == name]
        cols = [
            c
            for c in ("name", "official_name", "iso3", "group", "status", "memberships")
            if c in row.columns
        ]
        for c in cols:
            value = cell(row[c].iloc[0]) if len(row) else (name if c == "name" else "")
            if c == "group" and not value and len(row):
                value = NO_GROUP  # the Holy See: an observer in no regional group
            print(f"{c:>14}: {value}")
        return 0
    if args.group:
        try:
            table = table[table["group"] == normalize_group(args.group)]
        except ValueError:  # not a regional group: a bloc (EU, AU, OIC, ...)
            table = list_states(bloc=args.group)
    cols = [c for c in ("name", "iso3", "group", "status") if c in table.columns]
    print(format_table(table[cols], width=terminal_width()))
    print(f"{len(table)} States")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from .._search import search

    data = load_data(args)
    filters = {
        k: getattr(args, k)
        for k in (
            "sur",
            "recommending_state",
            "group",
            "bloc",
            "theme",
            "response",
            "action_category",
            "session",
            "cycle",
            "year",
        )
    }
    matcher = cached_matcher(data) if args.text and args.text.strip() else None
    hits = search(
        data.table,
        text=args.text,
        top=None if args.out else args.top,
        matcher=matcher,
        **filters,
    )
    if args.out:
        out: Path = args.out
        if out.suffix.lower() == ".xlsx":
            from ..report._excel import write_workbook

            out.parent.mkdir(parents=True, exist_ok=True)
            write_workbook({"search": join_lists(hits)}, out, synthetic=data.synthetic)
        else:  # .csv or .parquet, which --data reads back
            from ..io import save_recommendations

            save_recommendations(hits, out)
        err(f"Wrote {len(hits):,} recommendations to {out}")
        return 0
    cols = [
        c
        for c in (
            "similarity",
            "session",
            "sur",
            "recommending_state",
            "response",
            "text",
        )
        if c in hits.columns
    ]
    # on a terminal the text is cut to fit; piped, it is whole
    width = terminal_width() if sys.stdout.isatty() else 100_000
    print(format_table(hits[cols], width=width, wrap="text"))
    n_matched = hits.attrs["n_matched"]
    if n_matched > len(hits):
        print(
            f"{len(hits):,} of {plural(n_matched, 'matching recommendation')} shown "
            "(--top N shows more; --out FILE writes them all)"
        )
    else:
        print(f"{plural(len(hits), 'recommendation')} shown")
    return 0


COMMANDS = {
    "rank": _cmd_rank,
    "report": _cmd_report,
    "backtest": _cmd_backtest,
    "themes": _cmd_themes,
    "states": _cmd_states,
    "search": _cmd_search,
    **FETCH_COMMANDS,
    **FOLLOWUP_COMMANDS,
}
"""The function that runs each subcommand."""
