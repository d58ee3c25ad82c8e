"""The ``fetch`` subcommand: current data from UPR Info's database or OHCHR's UHRI.

``upr-targets fetch upr-info`` and ``upr-targets fetch uhri`` call
:func:`upr_targets.fetch_upr_info` and :func:`upr_targets.fetch_uhri`, say
what the data cover and where the file is kept, and show the command that
ranks from it (``--data FILE``). Its options are in :mod:`._fetch_parser`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ._parser import UsageError

__all__ = ["FETCH_COMMANDS"]


def _span(values) -> str:
    import pandas as pd

    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.empty:
        return "none"
    lo, hi = int(v.min()), int(v.max())
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _cmd_fetch(args: argparse.Namespace) -> int:
    from ..fetch import fetch_uhri, fetch_upr_info
    from ._data import resolve_sur
    from ._terminal import err

    common = {
        "cache_dir": args.cache_dir,
        "offline": args.offline,
        "max_age_days": args.max_age,
    }
    if args.source == "uhri":
        df = fetch_uhri(
            args.url,
            refresh=args.refresh,
            progressbar=sys.stderr.isatty(),
            **common,
        )
        what = "OHCHR's UHRI export"
    else:
        sur = resolve_sur(args.sur) if args.sur else None
        df = fetch_upr_info(sur, args.cycle, **common)
        what = "UPR Info's database" + (f", {sur}" if sur else "")
        what += f", cycle {args.cycle}" if args.cycle else ""
    fetched = df.attrs["fetched"]
    path = Path(fetched["path"])
    age = fetched["age_days"]
    how = {
        "downloaded": "downloaded now",
        "not modified": "unchanged on the server",
        "fallback": "the server could not be reached: the copy in the cache",
    }.get(fetched["how"], "from the cache")
    counts = (
        (len(df), "row", "rows"),
        (df["recommendation_id"].nunique(), "recommendation", "recommendations"),
        (df["sur"].nunique(), "State under review", "States under review"),
    )
    print(f"{what}: {how} ({age:.0f} days old)")
    print(
        ", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in counts)
        + f"; sessions {_span(df['session'])}, years {_span(df['year'])}"
    )
    print(f"File: {path}")
    report = df.attrs["load_report"]
    if report.n_rejected or report.n_flagged:
        err("; ".join(report.problems()[:4]))
    keep = path
    if args.out:
        if args.out.suffix.lower() != path.suffix.lower():
            raise UsageError(
                f"--out {args.out}: the fetched file is {path.suffix}; give a "
                f"name ending in {path.suffix}"
            )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, args.out)
        print(f"Copied to {args.out}")
        keep = args.out
    sur_opt = f' --sur "{args.sur}"' if getattr(args, "sur", None) else " --sur NAME"
    print(f'Use it: upr-targets rank --data "{keep}"{sur_opt} --issue "..."')
    return 0


FETCH_COMMANDS = {"fetch": _cmd_fetch}
"""The function that runs each subcommand of this module."""
