"""The ``outcome``, ``tracker`` and ``midterm`` subcommands' options and help."""

from __future__ import annotations

from pathlib import Path

__all__ = ["add_followup_parsers"]

_OUTCOME_EPILOG = """\
examples:
  upr-targets outcome --advocacy paper.docx --outcome A_HRC_42_4-EN.pdf
  upr-targets outcome --advocacy paper.md --outcome A_HRC_42_4-EN.pdf \\
      A_HRC_42_4_Add.1-EN.pdf --out outcome.html
  upr-targets outcome --advocacy ours.csv --outcome egypt-matrix.docx \\
      --ranking ranking.csv --out outcome.xlsx
  upr-targets outcome --advocacy ours.csv --outcome uhri.xlsx --sur Kenya --session 49

The paper: a CSV/XLSX table (issue, recommendation, optional targeted_states),
a Word or Markdown paper (issues as headings, recommendations as numbered or
bulleted items). The outcome: the Working Group report (and its addendum with
the responses), an OHCHR matrix, UHRI or UPR Info rows. --data (optional):
every recommendation you have, to learn the themes from.
The format follows the extension of --out: .html, .md, .xlsx or .docx.
Python equivalent:
  m = upr_targets.match_outcome(upr_targets.load_advocacy(paper), outcome)
  upr_targets.write_outcome_report(upr_targets.outcome_summary(m), out)
"""

_TRACKER_EPILOG = """\
examples:
  upr-targets tracker --advocacy paper.docx --outcome A_HRC_42_4-EN.pdf --out tracker.xlsx
  upr-targets tracker --outcome A_HRC_42_4-EN.pdf --out tracker.xlsx   # every recommendation

Writing over an existing tracker keeps every status, evidence, source, date and
note entered in it. Python equivalent: upr_targets.write_tracker(matches, out)
"""

_MIDTERM_EPILOG = """\
examples:
  upr-targets midterm --tracker tracker.xlsx --out midterm.html
  upr-targets midterm --tracker tracker.xlsx --out midterm.docx

Python equivalent: upr_targets.write_midterm_report(tracker, out)
"""


def add_followup_parsers(sub, common, fmt) -> None:
    """Add ``outcome``, ``tracker`` and ``midterm`` to the subparsers ``sub``."""

    def review_options(p, advocacy_required: bool):
        p.add_argument(
            "--advocacy",
            metavar="PAPER",
            type=Path,
            required=advocacy_required,
            help="your advocacy paper or table of recommendations",
        )
        p.add_argument(
            "--outcome",
            metavar="FILE",
            nargs="+",
            action="extend",
            type=Path,
            required=True,
            help="the review's outcome: Working Group report (and addendum), OHCHR "
            "matrix, UHRI or UPR Info rows",
        )
        p.add_argument(
            "--sur",
            metavar="NAME",
            help="the State under review, if the outcome holds several",
        )
        p.add_argument(
            "--session",
            metavar="N",
            type=int,
            help="the review's session, if the outcome holds several",
        )
        p.add_argument(
            "--min-strength",
            choices=("very similar", "similar", "related"),
            default="similar",
            help="weakest match that counts as taking a recommendation up (default: similar)",
        )

    p = sub.add_parser(
        "outcome",
        parents=[common(data=True)],
        help="after the review: which States took up your recommendations",
        description="Match your advocacy paper to the review's outcome: who took up\n"
        "each recommendation, supported or noted; whom to thank, what to lobby on.",
        epilog=_OUTCOME_EPILOG,
        formatter_class=fmt,
    )
    review_options(p, advocacy_required=True)
    p.add_argument(
        "--ranking",
        metavar="FILE",
        type=Path,
        help="a ranking made before the review: upr-targets rank --format "
        "csv|json, or the ranking report (.html or .xlsx)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help="write the outcome report (.html, .md, .xlsx, .docx)",
    )

    p = sub.add_parser(
        "tracker",
        parents=[common(data=True)],
        help="write or update the implementation tracker workbook",
        description="Write the implementation tracker (.xlsx) of the recommendations\n"
        "that carry yours, or of every recommendation of the review.",
        epilog=_TRACKER_EPILOG,
        formatter_class=fmt,
    )
    review_options(p, advocacy_required=False)
    p.add_argument(
        "--out", metavar="FILE", type=Path, required=True, help="the tracker .xlsx"
    )

    p = sub.add_parser(
        "midterm",
        parents=[common(data=False)],
        help="write the mid-term implementation report from the tracker",
        description="Write the mid-term report: implementation by issue, by recommending\n"
        "State, supported vs noted, with a chart.",
        epilog=_MIDTERM_EPILOG,
        formatter_class=fmt,
    )
    p.add_argument(
        "--tracker",
        metavar="XLSX",
        type=Path,
        required=True,
        help="the tracker workbook",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        required=True,
        help="the report (.html, .md, .xlsx, .docx)",
    )
    p.add_argument("--title", metavar="TEXT", help="the report's title")
