"""How a State under review responded: responses by group, State or category."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._tables import BY_COLUMN, acceptance_table
from .._utils import check_choice
from ._style import RESPONSE_COLORS, new_axes, no_data, truncate

__all__ = ["plot_acceptance"]

BY_LABEL = {
    "group": "Recommending regional group",
    "state": "Recommending State",
    "action_category": "Action category (1 minimal … 5 specific)",
}


def plot_acceptance(
    recommendations: pd.DataFrame,
    sur: str | None = None,
    *,
    by: str = "group",
    top: int = 20,
    ax=None,
):
    """Stacked bars of the responses (supported / noted / not supported).

    Each bar is one recommending group, State or action category; bars show
    shares (0–100 %) and are annotated with the number of recommendations
    and the share supported.

    Parameters
    ----------
    recommendations : pandas.DataFrame
        The normalized table.
    sur : str, optional
        Only the recommendations made to this State under review (canonical
        name); all when None.
    by : {"group", "state", "action_category"}
        What a bar is.
    top : int
        Show at most this many bars (those with most recommendations).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets import plot_acceptance
    >>> recs = pd.DataFrame({"sur": ["Chad"] * 3, "rs_group": ["WEOG", "WEOG", "African"],
    ...                      "response": ["supported", "noted", "supported"]})
    >>> ax = plot_acceptance(recs, "Chad")
    >>> ax.get_title()
    'How Chad responded, by recommending group'
    """
    check_choice("by", by, tuple(BY_COLUMN))
    what = {
        "group": "recommending group",
        "state": "recommending State",
        "action_category": "action category",
    }[by]
    title = (
        f"How {sur} responded, by {what}"
        if sur
        else f"Responses to recommendations, by {what}"
    )
    table = acceptance_table(recommendations, sur, by=by)
    if table.empty or table["total"].sum() == 0:
        return no_data(new_axes(ax, 7, 3), title)
    if by != "action_category":
        table = table.head(top)
    else:
        table = table.tail(top)
    n = len(table)
    ax = new_axes(ax, 8, max(2.5, 1.8 + 0.35 * n))
    y = np.arange(n)
    left = np.zeros(n)
    total = table["total"].to_numpy()
    for resp in ("supported", "noted", "not supported", "unclear"):
        if resp not in table.columns:
            continue
        share = table[resp].to_numpy() / np.where(total > 0, total, 1)
        if resp in ("not supported", "unclear") and not share.any():
            continue
        ax.barh(
            y,
            share,
            left=left,
            color=RESPONSE_COLORS[resp],
            label=resp.capitalize(),
            edgecolor="white",
            linewidth=0.5,
        )
        left = left + share
    for i, (n_total, s) in enumerate(
        zip(total, table["share_supported"], strict=False)
    ):
        pct = "–" if pd.isna(s) else f"{s:.0%}"
        ax.text(
            1.01,
            i,
            f"{pct} of {int(n_total):,}",
            va="center",
            ha="left",
            fontsize="small",
        )
    labels = [
        (
            f"Category {k}"
            if by == "action_category" and k != "(unknown)"
            else truncate(k)
        )
        for k in table.index
    ]
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.22)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xticklabels(["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("Share of recommendations (annotated: % supported of n)")
    ax.set_ylabel(BY_LABEL[by])
    ax.set_title(title)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.15 if n > 3 else -0.3),
        ncol=4,
        frameon=False,
        fontsize="small",
    )
    return ax
