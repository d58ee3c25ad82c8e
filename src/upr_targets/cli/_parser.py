"""The ``upr-targets`` argument parser: subcommands, options, help and examples."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._types import positive_int as _positive_int
from ._types import session_range

__all__ = ["PROG", "UsageError", "build_parser", "session_range"]

PROG = "upr-targets"


class UsageError(Exception):
    """A combination of options that argparse cannot check by itself."""


_MAIN_EPILOG = """\
examples:
  upr-targets rank --sur "Sri Lanka" --issue "torture in detention"
  upr-targets rank --sur Kenya --theme "Death penalty" --data sessions-1-5.csv
  upr-targets report --sur Kenya --issue "child marriage" --out kenya.html
  upr-targets backtest --data sessions-*.csv --test-sessions 13-17 --k 10
  upr-targets themes "forced evictions of indigenous peoples"
  upr-targets states "Untied Kingdom"
  upr-targets fetch upr-info --sur Kenya
  upr-targets outcome --advocacy paper.docx --outcome A_HRC_42_4-EN.pdf --out outcome.html
  upr-targets tracker --advocacy paper.docx --outcome A_HRC_42_4-EN.pdf --out tracker.xlsx
  upr-targets midterm --tracker tracker.xlsx --out midterm.html

Without --data the commands use the bundled SYNTHETIC demo data; pass your
own exports (UPR Info, DIHR, UHRI) with --data FILE, or fetch current ones
with `upr-targets fetch`.
"""

_RANK_EPILOG = """\
examples:
  upr-targets rank --sur "Sri Lanka" --issue "torture in detention"
  upr-targets rank --sur Kenya --theme "Women's rights" --theme "Death penalty"
  upr-targets rank --sur Kenya --issue "child marriage" --data a.csv --data b.csv
  upr-targets rank --sur Kenya --theme "Death penalty" --format csv --out rank.csv
  upr-targets rank --sur Kenya --issue "death penalty" --speakers speakers.txt
  upr-targets rank --sur Kenya --theme "Death penalty" --speakers "France; Peru; Chile"

Python equivalent:
  ranker = upr_targets.TargetRanker().fit(recommendations)
  ranker.rank(sur, themes=..., issue_text=..., before_session=..., top=...,
              speakers=[...])
"""

_REPORT_EPILOG = """\
examples:
  upr-targets report --sur Kenya --issue "child marriage" --out kenya.html
  upr-targets report --sur Kenya --issue "death penalty" --out kenya.md
  upr-targets report --sur Kenya --issue "torture" --data a.csv --out kenya.xlsx
  upr-targets report --sur Kenya --theme "Death penalty" --out kenya.html
  upr-targets report --sur Kenya --issue "death penalty" --out kenya.ics

The format follows the extension of --out: .html, .md or .xlsx; .ics writes
the advocacy timeline as a calendar file.
Python equivalent: upr_targets.build_report(recommendations, sur, issues).save(out)
"""

_BACKTEST_EPILOG = """\
examples:
  upr-targets backtest
  upr-targets backtest --data a.csv --data b.csv --test-sessions 13-17 --k 10
  upr-targets backtest --data-until 13 --test-sessions 14-16  # data 1-3 sessions old
  upr-targets backtest --speakers             # with each review's list of speakers
  upr-targets backtest --out backtest.png     # the plot
  upr-targets backtest --out backtest.csv     # the per-query table

For each test session and State under review, the ranker is fitted on the
sessions before it and scored on which States actually made recommendations
on the themes; the summary compares it with simple baselines.
Python equivalent: upr_targets.backtest(recommendations, test_sessions=..., k=...)
"""

_THEMES_EPILOG = """\
examples:
  upr-targets themes "torture in police custody"
  upr-targets themes "girls' access to school" --top 3

Python equivalent: upr_targets.match_themes(text, top=...)
"""

_STATES_EPILOG = """\
examples:
  upr-targets states                 # every State, its ISO code and group
  upr-targets states "Untied Kingdom"  # resolve a name (suggests close names)
  upr-targets states --group WEOG
  upr-targets states --group EU      # a bloc: EU, AU, OIC, AL, ASEAN, ...

Python equivalent: upr_targets.list_states(group=..., bloc=...),
upr_targets.normalize_state(name)
"""

_SEARCH_EPILOG = """\
examples:
  upr-targets search --sur Kenya --theme "Death penalty"
  upr-targets search --sur Kenya --bloc EU --text "death penalty" --top 10
  upr-targets search --from France --response noted --cycle 2 --out noted.xlsx
  upr-targets search --data exports/ --group GRULAC --category 5 --session 17

Filters combine with "and"; repeat one to allow several values. --text ranks
the recommendations by similarity to it.
Python equivalent: upr_targets.search(recommendations, sur=..., text=..., ...)
"""


def _common(data: bool = True) -> argparse.ArgumentParser:
    """Options shared by the subcommands (given as a parent parser)."""
    parent = argparse.ArgumentParser(add_help=False)
    if data:
        parent.add_argument(
            "--data",
            metavar="FILE",
            nargs="+",
            action="extend",
            type=Path,
            default=[],
            help="files to load (UPR Info CSV, DIHR or UHRI Excel, UN report PDF, "
            "OHCHR matrix .docx), folders or glob patterns; default: the bundled "
            "synthetic demo data",
        )
        parent.add_argument(
            "--drop-duplicates",
            action="store_true",
            help="leave out the recommendations that a file of another source "
            "already holds (e.g. UPR Info and DIHR exports of cycle 1)",
        )
        parent.add_argument(
            "--no-cache",
            dest="cache",
            action="store_false",
            help="neither read nor write the cache of loaded tables and fitted models",
        )
        parent.add_argument(
            "--cache-dir",
            metavar="DIR",
            type=Path,
            help="the cache folder (default: $UPR_TARGETS_CACHE, else your user "
            "cache folder)",
        )
    parent.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback on errors",
    )
    return parent


def _add_target_options(
    p: argparse.ArgumentParser, *, issue_help: str, theme_help: str
) -> None:
    """Add ``--sur``, ``--issue``, ``--theme`` and ``--action`` (``rank``, ``report``)."""
    p.add_argument(
        "--sur", required=True, metavar="NAME", help="the State under review"
    )
    p.add_argument(
        "--issue", metavar="TEXT", action="append", default=[], help=issue_help
    )
    p.add_argument(
        "--theme", metavar="LABEL", action="append", default=[], help=theme_help
    )
    p.add_argument(
        "--action",
        choices=("auto", "any", "specific"),
        default="auto",
        help="count every recommendation on the themes (any) or only specific, "
        "action-oriented ones, action category 4-5 (specific); auto (default): "
        "specific when an issue asks for a change in law or practice",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the ``upr-targets`` argument parser (used by :func:`main`)."""
    from .._version import __version__

    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Rank the States an NGO should lobby in the UN Universal Periodic\n"
        "Review, explain the ranking, backtest it and write reports.",
        epilog=_MAIN_EPILOG,
        formatter_class=fmt,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show full tracebacks on errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "rank",
        parents=[_common()],
        help="rank the States to lobby for a State under review",
        description="Rank the States most likely to recommend on your issues to a State\n"
        "under review (SuR), with the score components and a reason for each.",
        epilog=_RANK_EPILOG,
        formatter_class=fmt,
    )
    _add_target_options(
        p,
        issue_help="your issue in your own words (matched to themes); repeatable",
        theme_help="a theme label (see `upr-targets themes`); repeatable",
    )
    p.add_argument(
        "--before-session",
        metavar="N",
        type=_positive_int,
        help="use only recommendations made before session N (what was known then)",
    )
    p.add_argument(
        "--speakers",
        metavar="LIST",
        help="the review's list of speakers: a file with one State per line (as "
        "pasted from the programme), or names separated by ';'. Only these States "
        "are ranked, by how likely each is to raise your themes",
    )
    p.add_argument(
        "--top",
        metavar="N",
        type=_positive_int,
        default=20,
        help="rows shown (default 20)",
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        help="output format (default: from the --out extension, else table)",
    )
    p.add_argument(
        "--out", metavar="FILE", type=Path, help="write to FILE instead of the screen"
    )

    p = sub.add_parser(
        "report",
        parents=[_common()],
        help="write a ranking report (HTML, Markdown or Excel)",
        description="Write a ranking report for a State under review and your issues;\n"
        "the format follows the extension of --out.",
        epilog=_REPORT_EPILOG,
        formatter_class=fmt,
    )
    _add_target_options(
        p,
        issue_help="your issue in your own words; repeat for several (at most four, "
        "as the advocacy guides advise)",
        theme_help="a theme label to use for every issue instead of matching the "
        "issues' text; repeatable",
    )
    p.add_argument(
        "--top",
        metavar="N",
        type=_positive_int,
        default=20,
        help="States in the report (default 20)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        required=True,
        help="where to write the report: report.html, report.md or report.xlsx "
        "(report.ics: the advocacy timeline for your calendar)",
    )

    p = sub.add_parser(
        "backtest",
        parents=[_common()],
        help="check how well the ranking predicted past sessions",
        description="Backtest the ranker against simple baselines on past sessions.",
        epilog=_BACKTEST_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "--test-sessions",
        metavar="RANGE",
        type=session_range,
        default=list(range(13, 18)),
        help="sessions to predict, e.g. 13-17 (default) or 20,25",
    )
    p.add_argument(
        "--k",
        metavar="K",
        type=_positive_int,
        default=10,
        help="cut-off of the top-k metrics (default 10)",
    )
    p.add_argument(
        "--data-until",
        metavar="SESSION",
        type=_positive_int,
        help="rank every test session from the data up to this session only, as "
        "when planning a review some sessions ahead (default: the sessions just "
        "before each one)",
    )
    p.add_argument(
        "--speakers",
        action="store_true",
        help="rank only the States that spoke at each review, as with its list of "
        "speakers (rank --speakers)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="write the plot (.png, .pdf, .svg) or the per-query table (.csv)",
    )

    p = sub.add_parser(
        "themes",
        parents=[_common(data=False)],
        help="which themes a text matches",
        description="Match a free-text issue to the themes of the taxonomy.",
        epilog=_THEMES_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "text", nargs="+", metavar="TEXT", help="the issue, in your own words"
    )
    p.add_argument(
        "--top",
        metavar="N",
        type=_positive_int,
        default=5,
        help="themes shown (default 5)",
    )

    p = sub.add_parser(
        "states",
        parents=[_common(data=False)],
        help="resolve a State name, or list the States",
        description="Without QUERY, list the States with their ISO code and UN regional\n"
        "group; with QUERY, resolve that name (or say which names are close).",
        epilog=_STATES_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "query", nargs="*", metavar="QUERY", help="a State name, in any usual form"
    )
    p.add_argument(
        "--group",
        metavar="GROUP",
        help="list only this regional group (e.g. WEOG, African) or bloc (EU, AU, OIC)",
    )

    p = sub.add_parser(
        "search",
        parents=[_common()],
        help="find recommendations by State, group, bloc, theme, text, response, ...",
        description="Search the recommendations as in the UPR Info database, and print\n"
        "or export the matching ones.",
        epilog=_SEARCH_EPILOG,
        formatter_class=fmt,
    )
    for flag, dest, meta, what in (
        ("--sur", "sur", "NAME", "State under review"),
        ("--from", "recommending_state", "NAME", "recommending State"),
        ("--group", "group", "GROUP", "regional group of the recommending State"),
        ("--bloc", "bloc", "BLOC", "bloc of the recommending State (EU, AU, OIC, ...)"),
        ("--theme", "theme", "LABEL", "theme (see `upr-targets themes`)"),
        ("--response", "response", "R", "supported, noted or unclear"),
    ):
        p.add_argument(
            flag, dest=dest, metavar=meta, action="append", help=what + "; repeatable"
        )
    for flag, dest, what in (
        ("--category", "action_category", "action category 1-5"),
        ("--session", "session", "UPR session number"),
        ("--cycle", "cycle", "UPR cycle"),
        ("--year", "year", "year"),
    ):
        p.add_argument(
            flag,
            dest=dest,
            metavar="N",
            type=_positive_int,
            action="append",
            help=what + "; repeatable",
        )
    p.add_argument("--text", metavar="TEXT", help="rank by similarity to this text")
    p.add_argument(
        "--top",
        metavar="N",
        type=_positive_int,
        default=20,
        help="rows shown (default 20; all when exporting)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="write the matches to FILE.csv, FILE.xlsx or FILE.parquet (--data reads each back)",
    )

    from ._fetch_parser import add_fetch_parser
    from ._followup_parser import add_followup_parsers

    add_fetch_parser(sub, _common, fmt)
    add_followup_parsers(sub, _common, fmt)
    return parser
