"""upr_targets: find the States to lobby in the UN Universal Periodic Review.

Load the public record of UPR recommendations, match an NGO's issues to
themes, rank the States most likely to take them up, explain every score and
prove the ranking by backtesting it on later sessions.
"""

from ._acceptance import AcceptanceModel
from ._backtest import BacktestResult, backtest
from ._calendar import calendar, cycle_of_session, next_review, sessions
from ._demo import load_demo, make_demo
from ._errors import (
    LoadError,
    SchemaError,
    UnknownFormatError,
    UnknownStateError,
    UnknownThemeError,
    UPRDataWarning,
    UPRTargetsError,
)
from ._loaders import FORMATS, LoadReport, load_recommendations
from ._plotting import (
    plot_acceptance,
    plot_backtest,
    plot_interest_heatmap,
    plot_ranking,
)
from ._ranking import TargetRanker
from ._report import Report, build_report, write_report
from ._schema import COLUMNS, REGIONAL_GROUPS, RESPONSES, schema_table, validate
from ._states import normalize_group, normalize_state, states
from ._text import ThemeMatcher, match_themes, similar_recommendations
from ._themes import normalize_theme, theme_crosswalk, themes

__version__ = "0.1.0"

__all__ = [
    "COLUMNS",
    "FORMATS",
    "REGIONAL_GROUPS",
    "RESPONSES",
    "AcceptanceModel",
    "BacktestResult",
    "LoadError",
    "LoadReport",
    "Report",
    "SchemaError",
    "TargetRanker",
    "ThemeMatcher",
    "UPRDataWarning",
    "UPRTargetsError",
    "UnknownFormatError",
    "UnknownStateError",
    "UnknownThemeError",
    "backtest",
    "build_report",
    "calendar",
    "cycle_of_session",
    "load_demo",
    "load_recommendations",
    "make_demo",
    "match_themes",
    "next_review",
    "normalize_group",
    "normalize_state",
    "normalize_theme",
    "plot_acceptance",
    "plot_backtest",
    "plot_interest_heatmap",
    "plot_ranking",
    "schema_table",
    "sessions",
    "similar_recommendations",
    "states",
    "theme_crosswalk",
    "themes",
    "validate",
    "write_report",
]
