"""Heat map of the thematic interest of recommending States."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._tables import state_theme_counts
from .._utils import check_choice
from ._style import new_axes, no_data, truncate

__all__ = ["plot_interest_heatmap"]


def _cluster_order(matrix: np.ndarray) -> np.ndarray:
    """Leaf order of an average-linkage clustering of the rows (cosine distance)."""
    n = matrix.shape[0]
    if n < 3:
        return np.arange(n)
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import pdist

    norms = np.linalg.norm(matrix, axis=1)
    if (norms == 0).any():  # cosine undefined for all-zero rows: use euclidean
        dist = pdist(matrix, metric="euclidean")
    else:
        dist = pdist(matrix, metric="cosine")
    dist = np.nan_to_num(dist, nan=1.0)
    link = linkage(dist, method="average")
    if n <= 200:
        link = optimal_leaf_ordering(link, dist)
    return leaves_list(link)


def plot_interest_heatmap(
    recommendations: pd.DataFrame,
    *,
    states: Sequence[str] | None = None,
    themes: Sequence[str] | None = None,
    value: str = "share",
    top_states: int = 30,
    top_themes: int = 15,
    order: str = "cluster",
    annotate: bool | None = None,
    ax=None,
):
    """Heat map of recommending States × themes.

    Each cell is the share of a State's recommendations that carry a theme
    (``value="share"``; a recommendation can carry several themes, so a row
    can sum to more than 1) or their number (``value="count"``).

    Parameters
    ----------
    recommendations : pandas.DataFrame
        The normalized table (:func:`upr_targets.load_recommendations`).
        Rows without a recommending State are not counted.
    states : list of str, optional
        Recommending States to show (canonical names). Default: the
        ``top_states`` States with most recommendations on the shown themes.
    themes : list of str, optional
        Themes to show. Default: the ``top_themes`` most frequent themes.
    value : {"share", "count"}
        What a cell shows.
    top_states, top_themes : int
        How many States and themes to show when not given explicitly.
    order : {"cluster", "score", "alpha", "given"}
        Row and column order: hierarchical clustering (States with similar
        interests next to each other, via :mod:`scipy.cluster.hierarchy`),
        by total (largest first), alphabetical, or as ``states`` and
        ``themes`` give them (a ranking's order; by total where not given).
    annotate : bool, optional
        Write each cell's value in it; by default when the map has at most
        200 cells.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure sized to the table is created when None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets import plot_interest_heatmap
    >>> recs = pd.DataFrame({
    ...     "recommending_state": ["France", "France", "Norway", "Brazil"],
    ...     "themes": [["Death penalty"], ["Women's rights"], ["Death penalty"], []],
    ... })
    >>> ax = plot_interest_heatmap(recs, value="count")
    >>> ax.get_title().splitlines()[0]
    'Thematic interest of recommending States'
    """
    check_choice("value", value, ("share", "count"))
    check_choice("order", order, ("cluster", "score", "alpha", "given"))
    what = (
        "share of each State's recommendations"
        if value == "share"
        else "number of recommendations"
    )
    title = f"Thematic interest of recommending States\n({what})"

    counts, totals = state_theme_counts(recommendations)
    if themes is not None:
        counts = counts.reindex(columns=[str(t) for t in themes], fill_value=0)
    elif not counts.empty:
        counts = counts[counts.sum(axis=0).nlargest(top_themes).index]
    if states is not None:
        counts = counts.reindex(index=[str(s) for s in states], fill_value=0)
    elif not counts.empty:
        counts = counts.loc[counts.sum(axis=1).nlargest(top_states).index]
    if counts.empty or counts.shape[0] == 0 or counts.shape[1] == 0:
        return no_data(new_axes(ax, 7, 4), title)

    if value == "share":
        denom = totals.reindex(counts.index).fillna(0).to_numpy(dtype=float)
        data = counts.to_numpy(dtype=float) / np.where(denom > 0, denom, 1.0)[:, None]
    else:
        data = counts.to_numpy(dtype=float)
    table = pd.DataFrame(data, index=counts.index, columns=counts.columns)

    if order == "alpha":
        table = table.sort_index().sort_index(axis=1)
    elif order == "given":
        pass  # the order of `states` and `themes`, else by total (as selected)
    elif order == "score":
        table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
        table = table[table.sum(axis=0).sort_values(ascending=False).index]
    else:
        rows = _cluster_order(table.to_numpy())
        cols = _cluster_order(table.to_numpy().T)
        table = table.iloc[rows, cols]

    n_rows, n_cols = table.shape
    ax = new_axes(ax, max(6.0, 2.5 + 0.45 * n_cols), max(3.0, 2.0 + 0.28 * n_rows))
    image = ax.imshow(
        table.to_numpy(), aspect="auto", cmap="cividis", interpolation="nearest"
    )
    if annotate or (annotate is None and n_rows * n_cols <= 200):
        data = table.to_numpy()
        light = image.norm(data) > 0.6  # cividis is light at the top of its range
        for (i, j), v in np.ndenumerate(data):
            label = f"{v:.0%}" if value == "share" else f"{v:.0f}"
            ax.text(
                j,
                i,
                label,
                ha="center",
                va="center",
                fontsize="x-small",
                color="black" if light[i, j] else "white",
            )
    ax.set_xticks(np.arange(n_cols))
    ax.set_xticklabels(
        [truncate(c, 30) for c in table.columns], rotation=45, ha="right"
    )
    ax.set_yticks(np.arange(n_rows))
    ax.set_yticklabels([truncate(s) for s in table.index])
    ax.set_xlabel("Theme")
    ax.set_ylabel("Recommending State")
    ax.set_title(title)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(
        "Share of the State's recommendations"
        if value == "share"
        else "Recommendations"
    )
    if value == "share":
        from matplotlib.ticker import PercentFormatter

        bar.formatter = PercentFormatter(1.0, decimals=0)
        bar.update_ticks()
    return ax
