"""The ``upr-targets`` command: rank, report, backtest, themes and states.

Every subcommand is a thin layer over the public API: what it prints can be
reproduced in Python with the functions named in its ``--help``. Exit codes:
0 on success, 2 on a usage error (argparse), 1 on a data error (unknown
State, unreadable file, ...); ``--debug`` shows the full traceback instead of
the one-line message.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import textwrap
import threading
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

PROG = "upr-targets"

_SYNTHETIC_NOTE = (
    "NOTE: no --data given, using the bundled SYNTHETIC demo data "
    "(not real UPR recommendations)."
)

_MAIN_EPILOG = """\
examples:
  upr-targets rank --sur "Sri Lanka" --issue "torture in detention"
  upr-targets rank --sur Kenya --theme "Death penalty" --data sessions-1-5.csv
  upr-targets report --sur Kenya --issue "child marriage" --out kenya.html
  upr-targets backtest --data sessions-*.csv --test-sessions 13-17 --k 10
  upr-targets themes "forced evictions of indigenous peoples"
  upr-targets states "Untied Kingdom"

Without --data the commands use the bundled SYNTHETIC demo data; pass your
own exports (UPR Info, DIHR, UHRI) with --data FILE, once per file.
"""

_RANK_EPILOG = """\
examples:
  upr-targets rank --sur "Sri Lanka" --issue "torture in detention"
  upr-targets rank --sur Kenya --theme "Women's rights" --theme "Death penalty"
  upr-targets rank --sur Kenya --issue "child marriage" --data a.csv --data b.csv
  upr-targets rank --sur Kenya --theme "Death penalty" --format csv --out rank.csv

Python equivalent:
  ranker = upr_targets.TargetRanker().fit(recommendations)
  ranker.rank(sur, themes=..., issue_text=..., before_session=..., top=...)
"""

_REPORT_EPILOG = """\
examples:
  upr-targets report --sur Kenya --issue "child marriage" --out kenya.html
  upr-targets report --sur Kenya --issue "death penalty" --out kenya.md
  upr-targets report --sur Kenya --issue "torture" --data a.csv --out kenya.xlsx
  upr-targets report --sur Kenya --theme "Death penalty" --out kenya.html

The format follows the extension of --out: .html, .md or .xlsx.
Python equivalent: upr_targets.build_report(recommendations, sur, issues).save(out)
"""

_BACKTEST_EPILOG = """\
examples:
  upr-targets backtest
  upr-targets backtest --data a.csv --data b.csv --test-sessions 13-17 --k 10
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

Python equivalent: upr_targets.states(), upr_targets.normalize_state(name)
"""


# --------------------------------------------------------------------------
# argument parsing


def _session_range(text: str) -> list[int]:
    """Parse '13-17', '13,15,17' or '13' into a list of session numbers."""
    out: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if "-" in part:
                lo, hi = (int(p) for p in part.split("-", 1))
                if hi < lo:
                    raise ValueError
                out.extend(range(lo, hi + 1))
            else:
                out.append(int(part))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid session range {text!r}: write e.g. 13-17, 13,15 or 13"
        ) from None
    if not out or min(out) < 1:
        raise argparse.ArgumentTypeError(
            f"invalid session range {text!r}: sessions are numbered from 1"
        )
    return out


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, got {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def _common(data: bool = True) -> argparse.ArgumentParser:
    """Options shared by the subcommands (given as a parent parser)."""
    parent = argparse.ArgumentParser(add_help=False)
    if data:
        parent.add_argument(
            "--data",
            metavar="FILE",
            action="append",
            type=Path,
            default=[],
            help="a file to load (UPR Info CSV, DIHR or UHRI Excel, UN report PDF, OHCHR "
            "matrix .docx); repeat for "
            "several files; default: the bundled synthetic demo data",
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
    """Add ``--sur``, ``--issue`` and ``--theme`` (``rank`` and ``report``)."""
    p.add_argument(
        "--sur", required=True, metavar="NAME", help="the State under review"
    )
    p.add_argument(
        "--issue", metavar="TEXT", action="append", default=[], help=issue_help
    )
    p.add_argument(
        "--theme", metavar="LABEL", action="append", default=[], help=theme_help
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the ``upr-targets`` argument parser (used by :func:`main`)."""
    from . import __version__

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
    p.set_defaults(func=_cmd_rank)

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
        help="where to write the report: report.html, report.md or report.xlsx",
    )
    p.set_defaults(func=_cmd_report)

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
        type=_session_range,
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
        "--out",
        metavar="FILE",
        type=Path,
        help="write the plot (.png, .pdf, .svg) or the per-query table (.csv)",
    )
    p.set_defaults(func=_cmd_backtest)

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
    p.set_defaults(func=_cmd_themes)

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
        help="list only this regional group (e.g. WEOG, African)",
    )
    p.set_defaults(func=_cmd_states)
    return parser


# --------------------------------------------------------------------------
# output helpers


def _err(*parts: object) -> None:
    print(*parts, file=sys.stderr)


@contextlib.contextmanager
def _progress(desc: str, *, delay: float = 1.5) -> Iterator[None]:
    """Show an elapsed-time indicator on stderr if the block takes > ``delay`` s.

    Nothing is shown when stderr is not a terminal (pipes, tests, CI).
    """
    if not sys.stderr.isatty():
        yield
        return
    from tqdm.auto import tqdm

    bar = tqdm(
        total=None,
        desc=desc,
        delay=delay,
        file=sys.stderr,
        bar_format="{desc} ({elapsed})",
        leave=False,
    )
    done = threading.Event()
    shown = threading.Event()

    def tick() -> None:
        if done.wait(delay):
            return
        while not done.is_set():
            bar.refresh()
            shown.set()
            done.wait(0.5)

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            bar.clear()  # close() alone keeps a line shown only by refresh()
        bar.close()


def _terminal_width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return " ".join(str(value).split())


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


_NUMBERISH = re.compile(r"^[-+]?\d[\d,.]*(?:%| \(.*\))?$")


def _clauses(text: str, width: int, sep: str = "; ") -> str:
    """Keep the whole ``sep``-separated clauses of ``text`` that fit in ``width``."""
    if len(text) <= width:
        return text
    kept: list[str] = []
    for clause in text.split(sep):
        candidate = sep.join([*kept, clause])
        if len(candidate) + 2 > width:
            break
        kept.append(clause)
    if not kept:
        return _truncate(text, width)
    return sep.join(kept) + " …"


def format_table(
    df: pd.DataFrame,
    *,
    width: int | None = None,
    wrap: str | None = None,
    headers: dict[str, str] | None = None,
    min_wrap: int = 20,
) -> str:
    """Render ``df`` as a plain-text table that fits in ``width`` columns.

    Numbers are right-aligned (floats with two decimals), text left-aligned.
    The ``wrap`` column (the last, free-text one) takes the width left over and
    is truncated with an ellipsis; other text columns are truncated to 24
    characters when the table would not fit otherwise.
    """
    width = width or _terminal_width()
    headers = headers or {}
    cols = list(df.columns)
    cells = {c: [_cell(v) for v in df[c].tolist()] for c in cols}
    numeric = {
        c: (
            pd.api.types.is_numeric_dtype(df[c])
            and not pd.api.types.is_bool_dtype(df[c])
        )
        or (len(df) > 0 and all(_NUMBERISH.match(v) for v in cells[c] if v))
        for c in cols
    }
    names = {c: headers.get(c, str(c)) for c in cols}
    widths = {c: max([len(names[c])] + [len(s) for s in cells[c]]) for c in cols}
    sep = "  "

    def total(ws: dict[str, int]) -> int:
        return sum(ws.values()) + len(sep) * (len(ws) - 1)

    if total(widths) > width:
        for c in cols:
            if c != wrap and not numeric[c]:
                widths[c] = min(widths[c], max(len(names[c]), 24))
    if wrap in widths and total(widths) > width:
        widths[wrap] = max(min_wrap, width - (total(widths) - widths[wrap]))

    def line(values: dict[str, str]) -> str:
        out = []
        for c in cols:
            text = _truncate(values[c], widths[c])
            out.append(text.rjust(widths[c]) if numeric[c] else text.ljust(widths[c]))
        return sep.join(out).rstrip()

    rows = [line(names), line({c: "-" * widths[c] for c in cols})]
    for i in range(len(df)):
        rows.append(line({c: cells[c][i] for c in cols}))
    return "\n".join(rows)


def _write_text(text: str, out: Path | None) -> None:
    if out is None:
        print(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        _err(f"Wrote {out}")


def _for_export(df: pd.DataFrame) -> pd.DataFrame:
    """Flatten list cells to '; '-joined strings so CSV cells stay readable."""
    out = df.copy()
    for c in out.columns:
        if (
            out[c].dtype == object
            and out[c].map(lambda v: isinstance(v, (list, tuple))).any()
        ):
            out[c] = out[c].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return out


# --------------------------------------------------------------------------
# data


_GLOB = re.compile(r"[*?\[]")
_SUMMARY_COLUMNS = (
    "file",
    "format",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "rows_flagged",
)


def _load(args: argparse.Namespace) -> pd.DataFrame:
    """Load --data files (printing the load summary) or the demo data."""
    import upr_targets

    files: list[Path] = list(args.data)
    if not files:
        _err(_SYNTHETIC_NOTE)
        with _progress("Loading the demo data"):
            df = upr_targets.load_demo()
        df.attrs.setdefault("synthetic", True)
        return df
    missing = [f for f in files if not f.exists() and not _GLOB.search(str(f))]
    if missing:
        raise upr_targets.LoadError(
            f"File not found: {missing[0]} (given with --data); check the path"
        )
    label = f"Loading {len(files)} file{'s' if len(files) > 1 else ''}"
    with _progress(label):
        df = upr_targets.load_recommendations([str(f) for f in files])
    report = df.attrs.get("load_report")
    summary = getattr(report, "summary", None)
    if isinstance(summary, pd.DataFrame) and not summary.empty:
        summary = summary.copy()
        if "file" in summary.columns:
            summary["file"] = summary["file"].map(lambda v: Path(str(v)).name)
        cols = [c for c in _SUMMARY_COLUMNS if c in summary.columns]
        _err("Load summary:")
        _err(
            format_table(
                summary[cols or list(summary.columns)], width=_terminal_width()
            )
        )
        rejected = getattr(report, "rejected", None)
        if isinstance(rejected, pd.DataFrame) and len(rejected):
            shown = rejected.head(5).copy()
            if "file" in shown.columns:
                shown["file"] = shown["file"].map(lambda v: Path(str(v)).name)
            more = f", the first {len(shown)}" if len(rejected) > len(shown) else ""
            _err(f"Rejected rows ({len(rejected):,}{more}):")
            last = shown.columns[-1]
            _err(format_table(shown, width=_terminal_width(), wrap=last))
            if more:
                _err(
                    "All of them: load_recommendations(...).attrs['load_report']"
                    ".rejected in Python."
                )
    else:
        _err(f"Loaded {len(df):,} rows from {len(files)} file(s).")
    df.attrs.setdefault("synthetic", False)
    return df


def _resolve_sur(name: str) -> str:
    """Canonical name of the SuR; unknown names raise with suggestions."""
    import upr_targets

    try:
        resolved = upr_targets.normalize_state(name)
    except upr_targets.UnknownStateError as exc:
        exc.message = (
            f"{exc.message} (given with --sur; list the names with `{PROG} states`)"
        )
        exc.args = (exc.message,)
        raise
    _note_resolved(name, resolved, "--sur")
    return resolved


def _note_resolved(given: str, resolved: str, option: str) -> None:
    """Say on stderr when a name was read as a different one (alias, typo)."""
    if " ".join(given.casefold().split()) != resolved.casefold():
        _err(f"{option} {given!r} read as {resolved!r}".lstrip())


def _resolve_themes(labels: Sequence[str]) -> list[str]:
    import upr_targets

    out = []
    for label in labels:
        try:
            resolved = upr_targets.normalize_theme(label)
        except upr_targets.UnknownThemeError as exc:
            exc.message = f"{exc.message} (given with --theme; find labels with `{PROG} themes TEXT`)"
            exc.args = (exc.message,)
            raise
        _note_resolved(label, resolved, "--theme")
        out.append(resolved)
    return out


# --------------------------------------------------------------------------
# the ranking table

_REASON_COLUMNS = ("explanation", "reason")

_SHORT = {
    "theme_interest": "theme",
    "theme_history": "hist",
    "theme_focus": "focus",
    "sur_interest": "sur",
    "sur_theme_interest": "sur+th",
    "region_interest": "region",
    "theme_region_interest": "reg+th",
    "regional_group": "rgroup",
    "bloc_ties": "blocs",
    "acceptance_history": "accept",
    "activity": "active",
}
"""Column headers of the score components in the text table."""

_SHORT_GROUPS = {"Eastern European": "EEG", "Asia-Pacific": "Asia-Pac"}


def _components(ranking: pd.DataFrame) -> list[str]:
    """The score-component columns of a ranking, in order."""
    declared = ranking.attrs.get("components")
    if not declared:
        try:
            from ._ranking import COMPONENTS as declared
        except ImportError:  # pragma: no cover - the ranker defines it
            declared = ()
    if declared:
        return [
            c
            for c in declared
            if c in ranking.columns and pd.api.types.is_float_dtype(ranking[c])
        ]
    return [
        c
        for c in ranking.columns
        if str(c).endswith("_score") and pd.api.types.is_float_dtype(ranking[c])
    ]


def _short(name: str) -> str:
    if name in _SHORT:
        return _SHORT[name]
    words = [w for w in str(name).replace("-", "_").split("_") if w and w != "score"]
    return "".join(w[0] for w in words[:-1]) + (words[-1][:6] if words else str(name))


def _main_components(
    ranking: pd.DataFrame, components: list[str], room: int
) -> list[str]:
    """The components that matter most in ``ranking`` and fit in ``room`` columns.

    Importance is the mean absolute contribution over the rows shown; the
    chosen ones are returned in their original order.
    """
    if not components or len(ranking) == 0:
        return components[: max(room // 8, 0)]
    weight = ranking[components].abs().mean().fillna(0.0)
    chosen: list[str] = []
    used = 0
    for c in weight.sort_values(ascending=False, kind="stable").index:
        w = max(len(_short(c)), 5) + 2
        if used + w > room or weight[c] == 0 and chosen:
            continue
        chosen.append(c)
        used += w
    return [c for c in components if c in chosen]


def format_ranking(ranking: pd.DataFrame, *, width: int = 100) -> tuple[str, list[str]]:
    """Text table of a ranking: one line of numbers and one line of reason per State.

    Returns the table and the components left out for lack of width.
    """
    reason = next((c for c in _REASON_COLUMNS if c in ranking.columns), None)
    view = pd.DataFrame(index=ranking.index)
    for c in ("rank", "state", "group", "score"):
        if c in ranking.columns:
            view[c] = ranking[c]
    if "state" in view:
        view["state"] = view["state"].map(lambda s: _truncate(_cell(s), 20))
    if "group" in view:
        view["group"] = view["group"].map(lambda g: _SHORT_GROUPS.get(g, g))
    base = format_table(view.head(0), width=10_000)
    fixed = max(
        len(base.splitlines()[0]),
        max((len(_cell(v)) for v in view.get("state", [])), default=0) + 30,
    )
    components = _components(ranking)
    shown = _main_components(ranking, components, width - fixed - 2)
    for c in shown:
        view[c] = ranking[c]
    headers = {c: _short(c) for c in shown}
    lines = format_table(view, width=width, headers=headers).splitlines()
    if reason is None:
        return "\n".join(lines), [c for c in components if c not in shown]
    indent = " " * (len(_cell(len(ranking))) + 2)
    out = lines[:2]
    reasons = ranking[reason].astype("string").fillna("").tolist()
    themes = list(ranking.attrs.get("themes") or [])
    if len(themes) > 1:  # the header lists them: keep the reason short
        spelled = "on " + " / ".join(themes)
        reasons = [r.replace(spelled, "on these themes") for r in reasons]
    for line, why in zip(lines[2:], reasons, strict=True):
        out.append(line)
        out.append(indent + _clauses(_cell(why), width - len(indent)))
    return "\n".join(out), [c for c in components if c not in shown]


def _fitted_ranker(recs: pd.DataFrame):
    import upr_targets

    with _progress("Fitting the ranker"):
        return upr_targets.TargetRanker().fit(recs)


def _issue_themes(ranker, sur: str, issues: Sequence[str]) -> dict[str, list[str]]:
    """The themes the ranker matches to each issue text."""
    out = {}
    for issue in issues:
        probe = ranker.rank(sur, issue_text=issue, top=1)
        out[issue] = list(probe.attrs.get("themes", []))
    return out


# --------------------------------------------------------------------------
# commands


def _cmd_rank(args: argparse.Namespace) -> int:
    if not args.theme and not args.issue:
        raise _UsageError("rank needs at least one --issue TEXT or --theme LABEL")
    sur = _resolve_sur(args.sur)
    themes = _resolve_themes(args.theme)
    fmt = args.format
    if fmt is None:
        suffix = args.out.suffix.lower() if args.out else ""
        fmt = {".csv": "csv", ".json": "json"}.get(suffix, "table")
    recs = _load(args)
    ranker = _fitted_ranker(recs)
    matched = _issue_themes(ranker, sur, args.issue)
    for issue, found in matched.items():
        if found:
            _err(f"Issue {issue!r} -> themes: {', '.join(found)}")
        else:
            _err(
                f"Issue {issue!r} -> themes: (none); name the theme with --theme "
                f"LABEL (`{PROG} themes TEXT` suggests labels)"
            )
    query = list(dict.fromkeys([*themes, *(t for f in matched.values() for t in f)]))
    ranking = ranker.rank(
        sur,
        themes=query or None,
        before_session=args.before_session,
        top=args.top,
    )
    if fmt in ("csv", "json"):
        if fmt == "csv":  # list cells (shared blocs) as "EU; OIF"
            text = _for_export(ranking).to_csv(index=False)
        else:  # lists stay JSON arrays
            records = json.loads(ranking.to_json(orient="records", force_ascii=False))
            text = json.dumps(records, indent=2, ensure_ascii=False)
        _write_text(text, args.out)
        return 0
    width = 100 if args.out else _terminal_width()
    lines = []
    if recs.attrs.get("synthetic"):
        lines.append(
            "*** SYNTHETIC DEMO DATA: an illustration, not real UPR recommendations ***"
        )
    themes_used = list(ranking.attrs.get("themes", query))
    title = f"States to lobby before the review of {ranking.attrs.get('sur', sur)}"
    lines.append(title + (" on: " + "; ".join(themes_used) if themes_used else ""))
    if not themes_used:
        lines.append("(no theme: every recommendation counts as on-topic)")
    if args.before_session:
        lines.append(f"(evidence from sessions before {args.before_session} only)")
    lines.append("")
    if len(ranking) == 0:
        lines.append("No State in the data: nothing to rank.")
        _write_text("\n".join(lines), args.out)
        return 0
    table, hidden = format_ranking(ranking, width=width)
    lines.append(table)
    shown = [c for c in _components(ranking) if c not in hidden]
    lines.append("")
    legend = ", ".join(f"{_short(c)} = {c}" for c in shown if _short(c) != c)
    note = (
        "score = sum of the components (weighted); "
        + (f"{legend}." if legend else "")
        + (f" Not shown: {', '.join(hidden)} (use --format csv)." if hidden else "")
    )
    lines.extend(textwrap.wrap(note, width=width))
    _write_text("\n".join(lines), args.out)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    import upr_targets

    out: Path = args.out
    if out.suffix.lower() not in {".html", ".htm", ".md", ".markdown", ".xlsx"}:
        raise _UsageError(
            f"--out {out}: unknown report format {out.suffix!r}; use .html, .md or .xlsx"
        )
    if not args.issue and not args.theme:
        raise _UsageError("report needs at least one --issue TEXT or --theme LABEL")
    if len(args.issue) > 4:
        raise _UsageError(
            f"{len(args.issue)} issues given; a report takes at most four (the "
            "advocacy guides advise a few priority issues per review)"
        )
    sur = _resolve_sur(args.sur)
    themes = _resolve_themes(args.theme)
    recs = _load(args)
    start = time.perf_counter()
    with _progress("Building the report"):
        report = upr_targets.build_report(
            recs, sur, list(args.issue) or None, themes=themes or None, top=args.top
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        report.save(out)
    took = time.perf_counter() - start
    size = out.stat().st_size if out.exists() else 0
    print(f"Wrote {out} ({size / 1024:,.0f} KB) in {took:.1f} s")
    return 0


def format_backtest(summary: pd.DataFrame, *, width: int = 100) -> str:
    """The backtest summary as text: each metric's mean and 95% interval."""
    metrics = [
        c
        for c in summary.columns
        if c not in ("method", "n_queries")
        and not str(c).endswith(("_low", "_high"))
        and pd.api.types.is_numeric_dtype(summary[c])
    ]
    view = summary[[c for c in ("method", "n_queries") if c in summary.columns]].copy()
    with_ci = view.copy()
    for m in metrics:
        view[m] = summary[m].astype(float)
        if f"{m}_low" in summary.columns and f"{m}_high" in summary.columns:
            with_ci[m] = [
                f"{v:.3f} ({lo:.2f}-{hi:.2f})"
                for v, lo, hi in zip(
                    summary[m], summary[f"{m}_low"], summary[f"{m}_high"], strict=True
                )
            ]
        else:
            with_ci[m] = [f"{v:.3f}" for v in summary[m]]
    headers = {"n_queries": "queries"}
    text = format_table(with_ci, width=10_000, headers=headers)
    if max(map(len, text.splitlines())) <= width:
        return text + "\n(mean over the queries; 95% bootstrap interval in brackets)"
    for m in metrics:
        view[m] = [f"{v:.3f}" for v in view[m]]
    return (
        format_table(view, width=width, headers=headers) + "\n(mean over the queries)"
    )


def _comparison_lines(result, metric: str = "ndcg@10") -> list[str]:
    """One sentence: the ranker against the best baseline."""
    comparison = getattr(result, "comparison", None)
    summary = result.summary
    if (
        not isinstance(comparison, pd.DataFrame)
        or comparison.empty
        or f"{metric}_diff" not in comparison.columns
        or "method" not in summary.columns
        or metric not in summary.columns
    ):
        return []
    baselines = summary[summary["method"] != "ranker"]
    if baselines.empty:
        return []
    best = baselines.sort_values(metric, ascending=False).iloc[0]["method"]
    row = comparison[comparison["baseline"] == best]
    if row.empty:
        return []
    row = row.iloc[0]
    diff, lo, hi = (
        row[f"{metric}_diff"],
        row.get(f"{metric}_diff_low"),
        row.get(f"{metric}_diff_high"),
    )
    text = f"Ranker vs the best baseline ({best}): {metric} {diff:+.3f}"
    if lo is not None and hi is not None:
        text += f" (95% interval {lo:+.3f} to {hi:+.3f})"
    per = getattr(result, "per_query", None)
    keys = ["sur", "session", "theme"]
    if isinstance(per, pd.DataFrame) and {*keys, "method", metric} <= set(per.columns):
        wide = per.pivot_table(index=keys, columns="method", values=metric)
        if {"ranker", best} <= set(wide.columns):
            d = (wide["ranker"] - wide[best]).dropna()
            better, worse = (d > 1e-12).mean(), (d < -1e-12).mean()
            text += (
                f"; better on {better:.0%} of the queries, worse on {worse:.0%}, "
                f"tied on {1 - better - worse:.0%}"
            )
    elif row.get(f"{metric}_win_rate") is not None:
        text += f"; better on {row[f'{metric}_win_rate']:.0%} of the queries"
    return [text + "."]


def _cmd_backtest(args: argparse.Namespace) -> int:
    import upr_targets

    recs = _load(args)
    if recs.attrs.get("synthetic"):
        print(
            "*** SYNTHETIC DEMO DATA: an illustration, not real UPR recommendations ***"
        )
    sessions = _ranges(args.test_sessions)
    with _progress(f"Backtesting on sessions {sessions}"):
        result = upr_targets.backtest(recs, test_sessions=args.test_sessions, k=args.k)
    width = _terminal_width()
    n = getattr(result, "params", {}).get("n_queries")
    head = f"Backtest on sessions {sessions}, k = {args.k}"
    print(head + (f": {n} queries (review x theme)" if n is not None else ""))
    print(format_backtest(result.summary, width=width))
    for line in _comparison_lines(result, metric=f"ndcg@{args.k}"):
        print("\n".join(textwrap.wrap(line, width=width)))
    if args.out is not None:
        out: Path = args.out
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".csv":
            table = getattr(result, "per_query", None)
            _for_export(result.summary if table is None else table).to_csv(
                out, index=False
            )
        else:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            ax = result.plot(metric=f"ndcg@{args.k}")
            ax.figure.savefig(out, bbox_inches="tight", dpi=150)
            plt.close(ax.figure)
        print(f"Wrote {out}")
    return 0


def _ranges(sessions: Sequence[int]) -> str:
    s = sorted(set(sessions))
    if s and s == list(range(s[0], s[-1] + 1)) and len(s) > 1:
        return f"{s[0]}-{s[-1]}"
    return ",".join(map(str, s))


_THEME_EXTRA = ("matched_keywords", "matched", "keywords", "closest_recommendation")


def _cmd_themes(args: argparse.Namespace) -> int:
    import upr_targets

    text = " ".join(args.text)
    with _progress("Matching"):
        matches = upr_targets.match_themes(text, top=args.top)
    cols = [c for c in ("theme", "score") if c in matches.columns]
    extra = [c for c in _THEME_EXTRA if c in matches.columns][:1]
    view = matches[cols + extra]
    if view.empty:
        print(f"No theme matches {text!r}; list the themes with upr_targets.themes().")
        return 0
    print(format_table(view, width=_terminal_width(), wrap=extra[0] if extra else None))
    return 0


def _cmd_states(args: argparse.Namespace) -> int:
    import upr_targets

    table = upr_targets.states()
    query = " ".join(args.query)
    if query:
        name = upr_targets.normalize_state(query)
        _note_resolved(query, name, "")
        row = table[table["name"] == name]
        cols = [
            c
            for c in ("name", "official_name", "iso3", "group", "status", "memberships")
            if c in row.columns
        ]
        for c in cols:
            print(
                f"{c:>14}: {_cell(row[c].iloc[0]) if len(row) else (name if c == 'name' else '')}"
            )
        return 0
    if args.group:
        group = upr_targets.normalize_group(args.group)
        table = table[table["group"] == group]
    cols = [c for c in ("name", "iso3", "group", "status") if c in table.columns]
    print(format_table(table[cols], width=_terminal_width()))
    print(f"{len(table)} States")
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print library warnings as one plain line on stderr (no file/line noise)."""
    _err(f"warning: {message}")


class _UsageError(Exception):
    """A combination of options that argparse cannot check by itself."""


# --------------------------------------------------------------------------
# entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``upr-targets`` command; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on a usage error, 1 on a data error.

    Examples
    --------
    >>> from upr_targets._cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    upr-targets ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    debug = bool(getattr(args, "debug", False))
    from ._errors import UPRTargetsError

    try:
        with warnings.catch_warnings():
            if not debug:
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", FutureWarning)
                warnings.showwarning = _show_warning
            return int(args.func(args) or 0)
    except _UsageError as exc:
        _err(f"{PROG} {args.command}: error: {exc}")
        return 2
    except BrokenPipeError:  # e.g. `upr-targets states | head`
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UPRTargetsError as exc:
        if debug:
            raise
        _err(f"{PROG}: error: {exc}")
        return 1
    except (OSError, ValueError) as exc:
        if debug:
            raise
        _err(f"{PROG}: error: {exc}")
        _err("(run again with --debug for the full traceback)")
        return 1
    except Exception as exc:  # a bug: say so briefly, --debug shows where
        if debug:
            raise
        _err(f"{PROG}: internal error: {type(exc).__name__}: {exc}")
        _err(
            "(this is a bug in upr_targets: run again with --debug and report the traceback)"
        )
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
