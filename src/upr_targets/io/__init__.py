"""Reading the real UPR exports and documents into the normalized table.

:func:`load_recommendations` recognizes each file's format (``FORMATS``),
hands it to that format's reader, and returns one table in the schema of
:mod:`upr_targets._schema` with a :class:`LoadReport` of what was read, kept
and rejected. The layers inside, from the bottom: decoding and table reading
(``_decode``, ``_tables``), the format registry (``_formats``), value parsing
(``_values``, ``_sessions``), ``_finalize``, one reader per source format
(``_upr_info``, ``_dihr``, ``_uhri``, ``_pdf``, ``_matrix``, and
``_own_table`` for this library's own table written to a file) and ``_load``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

# public name -> module that defines it: imported on first use, so that a
# table read back from the cache loads none of the readers
_LAZY: dict[str, str] = {
    "ADVOCACY_COLUMNS": "._advocacy",
    "FORMATS": "._formats",
    "Format": "._formats",
    "LoadReport": "._log",
    "detect_format": "._formats",
    "load_advocacy": "._advocacy",
    "load_ranking": "._ranking_file",
    "load_recommendations": "._load",
    "load_tracker": "._tracker",
    "read_responses": "._addendum",
    "register_format": "._formats",
    "save_recommendations": "._own_table",
    "write_tracker": "._tracker",
}

__all__ = [
    "ADVOCACY_COLUMNS",
    "FORMATS",
    "Format",
    "LoadReport",
    "detect_format",
    "load_advocacy",
    "load_ranking",
    "load_recommendations",
    "load_tracker",
    "read_responses",
    "register_format",
    "save_recommendations",
    "write_tracker",
]


__getattr__, __dir__ = lazy_names(globals(), _LAZY, __all__)


if TYPE_CHECKING:  # what type checkers and IDEs see
    from ._addendum import read_responses
    from ._advocacy import ADVOCACY_COLUMNS, load_advocacy
    from ._formats import FORMATS, Format, detect_format, register_format
    from ._load import load_recommendations
    from ._log import LoadReport
    from ._own_table import save_recommendations
    from ._ranking_file import load_ranking
    from ._tracker import load_tracker, write_tracker
