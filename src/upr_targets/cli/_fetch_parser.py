"""The ``fetch`` subcommand's options and help (``fetch upr-info``, ``fetch uhri``)."""

from __future__ import annotations

from pathlib import Path

from ._types import days, positive_int

__all__ = ["add_fetch_parser"]

_FETCH_EPILOG = """\
examples:
  upr-targets fetch upr-info --sur Kenya          # Kenya's reviews, every cycle
  upr-targets fetch upr-info --cycle 4            # every State of cycle 4
  upr-targets fetch upr-info --offline            # the copy fetched before
  upr-targets fetch uhri --url "https://uhri.ohchr.org/...export..."
  upr-targets fetch upr-info --sur Kenya --out kenya-upr-info.csv

The file is kept in the cache folder ($UPR_TARGETS_CACHE, else your user cache
folder): a copy younger than --max-age days is used without asking the server
again. Give the file to the other commands with --data FILE.
Python equivalent: upr_targets.fetch_upr_info(sur=..., cycle=...),
upr_targets.fetch_uhri(url)
"""


def add_fetch_parser(sub, common, fmt) -> None:
    """Add ``fetch upr-info`` and ``fetch uhri`` to the subparsers ``sub``."""
    p = sub.add_parser(
        "fetch",
        help="download current recommendations (UPR Info database, OHCHR's UHRI)",
        description="Download the recommendations of every cycle into the cache, "
        "and say what they cover.",
        epilog=_FETCH_EPILOG,
        formatter_class=fmt,
    )
    sources = p.add_subparsers(dest="source", metavar="SOURCE", required=True)
    upr_info, uhri = (
        sources.add_parser(
            name,
            parents=[common(data=False)],
            help=what,
            epilog=_FETCH_EPILOG,
            formatter_class=fmt,
        )
        for name, what in (
            ("upr-info", "UPR Info's database, through its search API (all pages)"),
            ("uhri", "OHCHR's Universal Human Rights Index Excel export"),
        )
    )
    upr_info.add_argument("--sur", metavar="NAME", help="only this State under review")
    upr_info.add_argument(
        "--cycle", metavar="N", type=positive_int, help="only this UPR cycle"
    )
    uhri.add_argument(
        "--url",
        metavar="URL",
        help="the export's address (uhri.ohchr.org: Universal Periodic Review, "
        "Export; default: $UPR_TARGETS_UHRI_URL)",
    )
    uhri.add_argument(
        "--refresh",
        action="store_true",
        help="ask the server whether the file changed, even if the copy is recent",
    )
    for q in (upr_info, uhri):
        q.add_argument(
            "--offline",
            action="store_true",
            help="use the copy in the cache only, and say how old it is",
        )
        q.add_argument(
            "--max-age",
            metavar="DAYS",
            type=days,
            default=7.0,
            help="a cached copy younger than this is used as it is (default 7)",
        )
        q.add_argument(
            "--cache-dir",
            metavar="DIR",
            type=Path,
            help="the cache folder (default: $UPR_TARGETS_CACHE, else your user "
            "cache folder)",
        )
        q.add_argument(
            "--out",
            metavar="FILE",
            type=Path,
            help="also copy the fetched file here (same extension)",
        )
