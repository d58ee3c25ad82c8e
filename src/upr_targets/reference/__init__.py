"""Reference data: States, groups, blocs, the UPR calendar and the theme taxonomy.

Pure lookups over the package's CSV files (``upr_targets/data``), each
written out with its public source named; nothing here reads user data or
imports a module above it.
"""

from ._acronyms import expand_acronyms
from ._blocs import bloc_history, memberships_at
from ._calendar import (
    HRC_SESSIONS,
    SESSIONS_PER_CYCLE,
    adoption_session,
    assign_sessions,
    cycle_of_session,
    hrc_sessions,
    list_reviews,
    list_sessions,
    next_review,
)
from ._crosswalk import SOURCES, map_source_themes, theme_crosswalk
from ._deprecated import calendar, sessions, states, themes
from ._groups import normalize_group
from ._instruments import instruments_in, list_instruments
from ._names import StateMatch, match_state, normalize_state, resolve_states
from ._states import NO_GROUP, check_reviewed, list_states, observer_iso3
from ._themes import list_themes, normalize_theme

__all__ = [
    "HRC_SESSIONS",
    "adoption_session",
    "NO_GROUP",
    "SESSIONS_PER_CYCLE",
    "SOURCES",
    "StateMatch",
    "assign_sessions",
    "bloc_history",
    "calendar",
    "check_reviewed",
    "cycle_of_session",
    "expand_acronyms",
    "hrc_sessions",
    "instruments_in",
    "list_instruments",
    "list_reviews",
    "list_sessions",
    "list_states",
    "list_themes",
    "match_state",
    "memberships_at",
    "map_source_themes",
    "next_review",
    "normalize_group",
    "normalize_state",
    "normalize_theme",
    "observer_iso3",
    "resolve_states",
    "sessions",
    "states",
    "theme_crosswalk",
    "themes",
]
