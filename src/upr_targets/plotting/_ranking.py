"""The top-ranked States, their score components stacked."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._components import BY_NAME, COMPONENTS
from ._style import OKABE_ITO, component_color, new_axes, no_data, truncate

__all__ = ["plot_ranking"]


def plot_ranking(ranking: pd.DataFrame, *, top: int = 15, ax=None):
    """Horizontal bars of the top-ranked States, score components stacked.

    Parameters
    ----------
    ranking : pandas.DataFrame
        A frame from :meth:`TargetRanker.rank` (columns ``state`` and
        ``score``; the component columns are read from
        ``ranking.attrs["components"]``, else the columns ending in
        ``_score``). Negative components are stacked to the left of zero;
        components that are zero for every State shown are left out.
    top : int
        How many States to show (best at the top).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets import plot_ranking
    >>> ranking = pd.DataFrame({
    ...     "rank": [1, 2], "state": ["France", "Norway"], "score": [0.9, 0.5],
    ...     "theme_interest": [0.6, 0.3], "activity": [0.3, 0.2],
    ... })
    >>> ax = plot_ranking(ranking)
    >>> ax.get_xlabel()
    'Score (stacked components)'
    """
    title = "Top States to lobby"
    if ranking is None or len(ranking) == 0:
        return no_data(new_axes(ax, 7, 3), title)
    if "state" not in ranking.columns or "score" not in ranking.columns:
        raise ValueError(
            "plot_ranking needs a ranking frame with columns 'state' and 'score' "
            f"(from TargetRanker.rank); got columns {list(ranking.columns)}."
        )
    df = ranking.sort_values("rank") if "rank" in ranking.columns else ranking
    df = df.head(top)
    sur = ranking.attrs.get("sur")
    if sur:
        title = f"Top States to lobby on {sur}"
    comps = [c for c in COMPONENTS if c in df.columns]
    if comps:  # leave out components that are zero for every State shown
        values = df[comps].apply(pd.to_numeric, errors="coerce").fillna(0.0)
        comps = [c for c in comps if (values[c].abs() > 1e-12).any()]
    n = len(df)
    ax = new_axes(ax, 8, max(2.5, 1.6 + 0.32 * n + (0.3 if comps else 0)))
    y = np.arange(n)
    labels = [
        f"{int(r)}. {truncate(s)}" if pd.notna(r) else truncate(s)
        for r, s in zip(
            df["rank"] if "rank" in df.columns else [np.nan] * n,
            df["state"],
            strict=False,
        )
    ]
    if comps:
        values = (
            df[comps]
            .apply(pd.to_numeric, errors="coerce")
            .fillna(0.0)
            .to_numpy(dtype=float)
        )
        pos_left = np.zeros(n)
        neg_left = np.zeros(n)
        for j, comp in enumerate(comps):
            v = values[:, j]
            left = np.where(v >= 0, pos_left, neg_left)
            ax.barh(
                y,
                v,
                left=left,
                color=component_color(comp),
                label=BY_NAME[comp].label,
                edgecolor="white",
                linewidth=0.5,
            )
            pos_left = pos_left + np.clip(v, 0, None)
            neg_left = neg_left + np.clip(v, None, 0)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12 if n > 3 else -0.25),
            ncol=min(len(comps), 4),
            frameon=False,
            fontsize="small",
        )
        ax.set_xlabel("Score (stacked components)")
        if (values < 0).any():
            ax.axvline(0, color="black", linewidth=0.8)
    else:
        ax.barh(
            y,
            pd.to_numeric(df["score"], errors="coerce").fillna(0.0),
            color=OKABE_ITO[0],
        )
        ax.set_xlabel("Score")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_ylabel("State (rank)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    return ax
