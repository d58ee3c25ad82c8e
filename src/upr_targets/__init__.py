"""upr_targets: find the States to lobby in the UN Universal Periodic Review.

Load the public record of UPR recommendations, match an NGO's issues to
themes, rank the States most likely to take them up, explain every score and
prove the ranking by backtesting it on later sessions.

The public names below are imported on first use, so that ``import
upr_targets`` (and ``upr-targets --help``) stay fast: scikit-learn, SciPy,
matplotlib, Jinja2, pypdf and python-docx load only when a name that needs
them is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__ as __version__

# public name -> module that defines it (relative to this package)
_LAZY: dict[str, str] = {
    # errors and warnings
    "LoadError": "._errors",
    "SchemaError": "._errors",
    "UnknownFormatError": "._errors",
    "UnknownStateError": "._errors",
    "NotReviewedError": "._errors",
    "UnknownThemeError": "._errors",
    "UPRDataWarning": "._errors",
    "StaleDataWarning": "._errors",
    "UPRTargetsError": "._errors",
    # the normalized table
    "COLUMNS": "._schema",
    "REGIONAL_GROUPS": "._schema",
    "RESPONSES": "._schema",
    "schema_table": "._schema",
    "validate": "._schema",
    # reference data
    "list_states": ".reference",
    "list_themes": ".reference",
    "list_reviews": ".reference",
    "list_sessions": ".reference",
    "normalize_state": ".reference",
    "normalize_group": ".reference",
    "normalize_theme": ".reference",
    "theme_crosswalk": ".reference",
    "cycle_of_session": ".reference",
    "next_review": ".reference",
    "states": ".reference",
    "themes": ".reference",
    "calendar": ".reference",
    "sessions": ".reference",
    # reading data
    "FORMATS": ".io",
    "LoadReport": ".io",
    "load_recommendations": ".io",
    "save_recommendations": ".io",
    "load_demo": ".datasets",
    "make_demo": ".datasets",
    # analysis
    "ThemeMatcher": "._matcher",
    "match_themes": "._matching",
    "Coverage": "._coverage",
    "data_coverage": "._coverage",
    "similar_recommendations": "._matching",
    "component_table": "._components",
    "TargetRanker": "._ranking",
    "AcceptanceModel": "._acceptance",
    "BacktestResult": "._backtest",
    "backtest": "._backtest",
    # plots and reports
    "plot_acceptance": ".plotting",
    "plot_backtest": ".plotting",
    "plot_interest_heatmap": ".plotting",
    "plot_ranking": ".plotting",
    "Report": ".report",
    "build_report": ".report",
    "load_advocacy": ".io",
    "load_ranking": ".io",
    "fetch_uhri": ".fetch",
    "fetch_upr_info": ".fetch",
    "FetchError": "._errors",
    "search": "._search",
    "advocacy_timeline": ".report",
    "write_timeline_ics": ".report",
    "write_report": ".report",
    "match_outcome": "._outcome_match",
    "evaluate_matches": "._outcome_eval",
    "outcome_summary": "._outcome",
    "OutcomeSummary": "._outcome",
    "followup_dates": "._followup_dates",
    "load_tracker": ".io",
    "write_tracker": ".io",
    "IMPLEMENTATION_STATUSES": "._outcome_schema",
    "OUTCOME_MATCH_COLUMNS": "._outcome_schema",
    "STRENGTHS": "._outcome_schema",
    "STRENGTH_THRESHOLDS": "._outcome_schema",
    "TRACKER_COLUMNS": "._outcome_schema",
    "plot_implementation": ".plotting",
    "FollowupReport": ".report",
    "outcome_report": ".report",
    "write_outcome_report": ".report",
    "midterm_report": ".report",
    "write_midterm_report": ".report",
}

__all__ = [
    "AcceptanceModel",
    "BacktestResult",
    "COLUMNS",
    "Coverage",
    "FORMATS",
    "FetchError",
    "FollowupReport",
    "IMPLEMENTATION_STATUSES",
    "LoadError",
    "LoadReport",
    "NotReviewedError",
    "OUTCOME_MATCH_COLUMNS",
    "OutcomeSummary",
    "REGIONAL_GROUPS",
    "RESPONSES",
    "Report",
    "STRENGTHS",
    "STRENGTH_THRESHOLDS",
    "SchemaError",
    "StaleDataWarning",
    "TRACKER_COLUMNS",
    "TargetRanker",
    "ThemeMatcher",
    "UPRDataWarning",
    "UPRTargetsError",
    "UnknownFormatError",
    "UnknownStateError",
    "UnknownThemeError",
    "advocacy_timeline",
    "backtest",
    "build_report",
    "calendar",
    "component_table",
    "cycle_of_session",
    "data_coverage",
    "evaluate_matches",
    "fetch_uhri",
    "fetch_upr_info",
    "followup_dates",
    "list_reviews",
    "list_sessions",
    "list_states",
    "list_themes",
    "load_advocacy",
    "load_demo",
    "load_ranking",
    "load_recommendations",
    "load_tracker",
    "make_demo",
    "match_outcome",
    "match_themes",
    "midterm_report",
    "next_review",
    "normalize_group",
    "normalize_state",
    "normalize_theme",
    "outcome_report",
    "outcome_summary",
    "plot_acceptance",
    "plot_backtest",
    "plot_implementation",
    "plot_interest_heatmap",
    "plot_ranking",
    "save_recommendations",
    "schema_table",
    "search",
    "sessions",
    "similar_recommendations",
    "states",
    "theme_crosswalk",
    "themes",
    "validate",
    "write_midterm_report",
    "write_outcome_report",
    "write_report",
    "write_timeline_ics",
    "write_tracker",
]


__getattr__, __dir__ = lazy_names(globals(), _LAZY, __all__)


if TYPE_CHECKING:  # what type checkers and IDEs see
    from ._acceptance import AcceptanceModel
    from ._backtest import BacktestResult, backtest
    from ._components import component_table
    from ._coverage import Coverage, data_coverage
    from ._errors import (
        LoadError,
        NotReviewedError,
        SchemaError,
        StaleDataWarning,
        UnknownFormatError,
        UnknownStateError,
        UnknownThemeError,
        UPRDataWarning,
        UPRTargetsError,
    )
    from ._matcher import ThemeMatcher
    from ._matching import match_themes, similar_recommendations
    from ._outcome import OutcomeSummary, followup_dates, outcome_summary
    from ._outcome_eval import evaluate_matches
    from ._outcome_match import match_outcome
    from ._outcome_schema import (
        IMPLEMENTATION_STATUSES,
        OUTCOME_MATCH_COLUMNS,
        STRENGTH_THRESHOLDS,
        STRENGTHS,
        TRACKER_COLUMNS,
    )
    from ._ranking import TargetRanker
    from ._schema import COLUMNS, REGIONAL_GROUPS, RESPONSES, schema_table, validate
    from ._search import search
    from .datasets import load_demo, make_demo
    from .fetch import fetch_uhri, fetch_upr_info
    from .io import (
        FORMATS,
        LoadReport,
        load_advocacy,
        load_ranking,
        load_recommendations,
        load_tracker,
        save_recommendations,
        write_tracker,
    )
    from .plotting import (
        plot_acceptance,
        plot_backtest,
        plot_implementation,
        plot_interest_heatmap,
        plot_ranking,
    )
    from .reference import (
        calendar,
        cycle_of_session,
        list_reviews,
        list_sessions,
        list_states,
        list_themes,
        next_review,
        normalize_group,
        normalize_state,
        normalize_theme,
        sessions,
        states,
        theme_crosswalk,
        themes,
    )
    from .report import (
        FollowupReport,
        Report,
        advocacy_timeline,
        build_report,
        midterm_report,
        outcome_report,
        write_midterm_report,
        write_outcome_report,
        write_report,
        write_timeline_ics,
    )
