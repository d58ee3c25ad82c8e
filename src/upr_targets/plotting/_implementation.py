"""How far the recommendations of interest are implemented (the tracker)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import STATUS_COLORS, new_axes, no_data, truncate

__all__ = ["implementation_counts", "plot_implementation"]

_BY = ("issue", "recommending_states", "response")


def implementation_counts(tracker: pd.DataFrame, by: str = "issue") -> pd.DataFrame:
    """Recommendations per ``by`` value (rows) and status (columns).

    A recommendation on two issues (or made by two States) counts once in
    each; a blank status counts as "not assessed".

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.plotting import implementation_counts
    >>> t = pd.DataFrame({"issue": ["A", "A; B"], "status": ["implemented", ""],
    ...                   "recommending_states": ["X", "Y"], "response": ["supported"] * 2})
    >>> implementation_counts(t)[["implemented", "not assessed"]].to_dict("index")
    {'A': {'implemented': 1, 'not assessed': 1}, 'B': {'implemented': 0, 'not assessed': 1}}
    """
    if by not in _BY:
        raise ValueError(f"by={by!r}: use one of {list(_BY)}")
    status = tracker["status"].replace("", "not assessed").fillna("not assessed")
    groups = tracker[by].fillna("").astype(str).str.split("; ")
    long = pd.DataFrame({by: groups, "status": status}).explode(by)
    long[by] = long[by].replace("", "(none)")
    table = pd.crosstab(long[by], long["status"])
    table = table.reindex(columns=list(STATUS_COLORS), fill_value=0)
    return table.loc[
        table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    ]


def plot_implementation(tracker: pd.DataFrame, by: str = "issue", *, ax=None):
    """Stacked bars of implementation statuses per issue, State or response.

    Parameters
    ----------
    tracker : pandas.DataFrame
        From :func:`upr_targets.load_tracker`.
    by : {"issue", "recommending_states", "response"}, default "issue"
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    counts = implementation_counts(tracker, by)
    ax = new_axes(ax, 8, max(2.5, 1.2 + 0.35 * len(counts)))
    title = f"Implementation by {by.replace('_', ' ').replace('states', 'State')}"
    if counts.empty:
        return no_data(ax, title)
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    for status, color in STATUS_COLORS.items():
        values = counts[status].to_numpy()
        if values.sum():
            ax.barh(y, values, left=left, color=color, label=status, edgecolor="white")
        left += values
    ax.set_yticks(y, [truncate(v) for v in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("Recommendations")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax
