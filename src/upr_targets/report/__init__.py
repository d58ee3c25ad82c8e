"""Ranking reports: analyses, the :class:`Report` object, HTML/Markdown/Excel output.

:func:`build_report` computes the report's tables (``_analysis``,
``_timeline``), :class:`Report` holds them and renders them with the
templates in ``templates/`` (``_format``, ``_excel``, ``_figures``). A new
section is a table computed in ``_build``, a field of :class:`Report`, an
entry of ``SECTIONS`` and a block in each template.
"""

from ._build import build_report, write_report
from ._document import MAX_ISSUES, SECTIONS, Report
from ._followup import (
    midterm_report,
    outcome_report,
    write_midterm_report,
    write_outcome_report,
)
from ._followup_doc import FollowupReport
from ._ics import timeline_ics, write_timeline_ics
from ._timeline import advocacy_timeline

__all__ = [
    "FollowupReport",
    "MAX_ISSUES",
    "SECTIONS",
    "Report",
    "advocacy_timeline",
    "build_report",
    "midterm_report",
    "outcome_report",
    "timeline_ics",
    "write_midterm_report",
    "write_outcome_report",
    "write_report",
    "write_timeline_ics",
]
