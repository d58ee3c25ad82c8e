"""One look for every plot: colours per concept, figure helpers.

Colours are colour-blind safe and fixed per concept across every chart: the
Okabe–Ito palette for categories, one colour per response
(``RESPONSE_COLORS``) and per implementation status (``STATUS_COLORS``), one per score component (``component_color``, from
the component table) and ``cividis`` for heat maps.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._components import BY_NAME

__all__ = [
    "HATCHES",
    "OKABE_ITO",
    "RESPONSE_COLORS",
    "STATUS_COLORS",
    "component_color",
    "new_axes",
    "no_data",
    "truncate",
]


OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#999999",  # grey
    "#000000",  # black
)
"""Okabe & Ito (2008) colour-blind-safe palette (with grey). Beyond nine
categories, bars cycle through the palette again with hatching."""

HATCHES = ("", "//", "..", "xx")

RESPONSE_COLORS: dict[str, str] = {
    "supported": "#009E73",
    "noted": "#E69F00",
    "not supported": "#D55E00",
    "unclear": "#999999",
}

STATUS_COLORS: dict[str, str] = {
    "implemented": "#009E73",
    "partially implemented": "#56B4E9",
    "in progress": "#0072B2",
    "not started": "#E69F00",
    "regressed": "#D55E00",
    "not assessed": "#DDDDDD",
}
"""One colour per implementation status (the tracker's dropdown), in every chart."""

LABEL_MAX = 28


def truncate(label: Any, width: int = LABEL_MAX) -> str:
    s = (
        ""
        if label is None or (not isinstance(label, str) and pd.isna(label))
        else str(label)
    )
    return s if len(s) <= width else s[: width - 1] + "…"


def new_axes(ax, width: float, height: float):
    """Return ``ax`` or a fresh Axes on a figure of the given size (inches)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def no_data(ax, title: str, message: str = "No data"):
    ax.set_title(title)
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=12,
        color="#555555",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def component_color(name: str) -> str:
    """The colour of a score component in every chart."""
    return BY_NAME[name].color
