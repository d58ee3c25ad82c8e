"""Terminal output: plain-text tables that fit the screen, progress, export helpers."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
import textwrap
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from .._components import BY_NAME, COMPONENTS

__all__ = [
    "cell",
    "comparison_lines",
    "components_of",
    "err",
    "format_backtest",
    "format_ranking",
    "format_table",
    "progress",
    "short_header",
    "terminal_width",
    "write_text",
]


def err(*parts: object) -> None:
    print(*parts, file=sys.stderr)


@contextlib.contextmanager
def progress(desc: str, *, delay: float = 1.5) -> Iterator[None]:
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


def terminal_width() -> int:
    return max(60, shutil.get_terminal_size((100, 24)).columns)


def cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if value is None or (
        not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)
    ):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")  # a day, not a midnight
    return " ".join(str(value).split())


def truncate(text: str, width: int) -> str:
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
        return truncate(text, width)
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
    width = width or terminal_width()
    headers = headers or {}
    cols = list(df.columns)
    cells = {c: [cell(v) for v in df[c].tolist()] for c in cols}
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
            text = truncate(values[c], widths[c])
            out.append(text.rjust(widths[c]) if numeric[c] else text.ljust(widths[c]))
        return sep.join(out).rstrip()

    rows = [line(names), line({c: "-" * widths[c] for c in cols})]
    for i in range(len(df)):
        rows.append(line({c: cells[c][i] for c in cols}))
    return "\n".join(rows)


def write_text(text: str, out: Path | None) -> None:
    if out is None:
        print(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        err(f"Wrote {out}")


_REASON_COLUMNS = ("explanation", "reason")

_SHORT_GROUPS = {
    "Eastern European": "EEG",
    "Asia-Pacific": "Asia-Pac",
    "none (observer)": "observer",
}

# the widest each column before the components can be (state names are cut to
# 20 characters): the components shown depend on the width, never on the query
_MAX_WIDTHS = {"rank": 4, "state": 20, "group": 8, "score": 6}
_RANK_OF_ISSUE_WIDTH = 3


def components_of(ranking: pd.DataFrame) -> list[str]:
    """The score-component columns of a ranking, in order."""
    return [c for c in COMPONENTS if c in ranking.columns]


def short_header(name: str) -> str:
    """The text table's header of a score component."""
    return BY_NAME[name].short


def weighted(
    components: list[str], weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """The components of non-zero weight (default: the default weights)."""
    from .._components import DEFAULT_WEIGHTS

    w = DEFAULT_WEIGHTS if weights is None else dict(weights)
    return {c: float(w[c]) for c in components if float(w.get(c, 0.0)) != 0.0}


def _main_components(
    components: list[str], room: int, weights: Mapping[str, float] | None = None
) -> list[str]:
    """The components that fit in ``room`` columns, the same for every query.

    Components are taken by the ranker's weights (default: the default
    weights), largest first, so that a column never appears or disappears
    between two queries of one ranker; the chosen ones are returned in their
    original order. A component of weight zero adds nothing to the score: it
    has no column.
    """
    w = weighted(components, weights)
    priority = sorted(w, key=lambda c: -abs(w[c]))
    chosen: list[str] = []
    used = 0
    for c in priority:
        w = max(len(short_header(c)), 5) + 2
        if used + w > room:
            break
        chosen.append(c)
        used += w
    return [c for c in components if c in chosen]


def format_ranking(
    ranking: pd.DataFrame,
    *,
    width: int = 100,
    themes: list[str] | None = None,
    clip: bool = True,
    weights: Mapping[str, float] | None = None,
) -> tuple[str, list[str]]:
    """Text table of a ranking: one line of numbers and the reason per State.

    On a terminal (``clip=True``) each reason keeps the whole clauses that fit
    on one line; otherwise (output piped or written to a file) reasons are
    wrapped, never cut. Returns the table and the components (of non-zero
    weight) left out for lack of width.
    """
    reason = next((c for c in _REASON_COLUMNS if c in ranking.columns), None)
    view = pd.DataFrame(index=ranking.index)
    per_issue = [c for c in ranking.columns if str(c).startswith("rank: ")]
    for c in ("rank", *per_issue, "state", "group", "score"):
        if c in ranking.columns:
            view[c] = ranking[c]
    if "state" in view:
        view["state"] = view["state"].map(lambda s: truncate(cell(s), 20))
    if "group" in view:
        view["group"] = view["group"].map(lambda g: _SHORT_GROUPS.get(g, g))
    fixed = sum(_MAX_WIDTHS.get(c, _RANK_OF_ISSUE_WIDTH) + 2 for c in view.columns)
    components = components_of(ranking)
    shown = _main_components(components, width - fixed - 2, weights)
    for c in shown:
        view[c] = ranking[c]
    headers = {c: short_header(c) for c in shown}
    headers.update({c: f"#{i}" for i, c in enumerate(per_issue, start=1)})
    lines = format_table(view, width=width, headers=headers).splitlines()
    if reason is None:
        return "\n".join(lines), [
            c for c in weighted(components, weights) if c not in shown
        ]
    indent = " " * (len(cell(len(ranking))) + 2)
    out = lines[:2]
    reasons = ranking[reason].astype("string").fillna("").tolist()
    themes = list(themes or [])
    if len(themes) > 1:  # the header lists them: keep the reason short
        spelled = "on " + " / ".join(themes)
        reasons = [r.replace(spelled, "on these themes") for r in reasons]
    for line, why in zip(lines[2:], reasons, strict=True):
        out.append(line)
        if clip:
            out.append(indent + _clauses(cell(why), width - len(indent)))
        else:
            out.extend(
                textwrap.wrap(
                    cell(why),
                    width=width,
                    initial_indent=indent,
                    subsequent_indent=indent + "  ",
                )
            )
    return "\n".join(out), [c for c in weighted(components, weights) if c not in shown]


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


def comparison_lines(result, metric: str = "ndcg@10") -> list[str]:
    """One sentence: the ranker against the best baseline (none without one)."""
    summary, comparison = result.summary, result.comparison
    baselines = summary[summary["method"] != "ranker"]
    if baselines.empty or comparison.empty:
        return []
    best = baselines.sort_values(metric, ascending=False).iloc[0]["method"]
    row = comparison.set_index("baseline").loc[best]
    text = (
        f"Ranker vs the best baseline ({best}): {metric} {row[f'{metric}_diff']:+.3f} "
        f"(95% interval {row[f'{metric}_diff_low']:+.3f} to "
        f"{row[f'{metric}_diff_high']:+.3f})"
    )
    wide = result.per_query.pivot_table(
        index=["sur", "session", "theme"], columns="method", values=metric
    )
    d = (wide["ranker"] - wide[best]).dropna()
    better, worse = (d > 1e-12).mean(), (d < -1e-12).mean()
    text += (
        f"; better on {better:.0%} of the queries, worse on {worse:.0%}, "
        f"tied on {1 - better - worse:.0%}"
    )
    return [text + "."]
