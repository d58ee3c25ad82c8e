"""Plots: draw the tables that the analyses compute, nothing more.

Every function imports matplotlib lazily, takes ``ax=None`` (a new figure
sized to the data is created when ``None``) and returns the Axes it drew on.
Empty input is not an error: the function returns an Axes carrying a "No
data" message and the usual title, so that a notebook or a report keeps
running. Invalid arguments (an unknown ``value``, ``order``, ``by`` or
``metric``) raise ``ValueError`` naming the allowed values. Colours are
fixed per concept (see ``_style``).
"""

from ._acceptance import plot_acceptance
from ._backtest import plot_backtest
from ._heatmap import plot_interest_heatmap
from ._implementation import implementation_counts, plot_implementation
from ._ranking import plot_ranking
from ._style import OKABE_ITO, RESPONSE_COLORS, STATUS_COLORS, component_color

__all__ = [
    "OKABE_ITO",
    "RESPONSE_COLORS",
    "STATUS_COLORS",
    "component_color",
    "implementation_counts",
    "plot_acceptance",
    "plot_backtest",
    "plot_implementation",
    "plot_interest_heatmap",
    "plot_ranking",
]
