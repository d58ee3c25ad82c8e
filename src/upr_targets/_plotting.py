"""Plots of recommendations, rankings, acceptance and backtests.

Every function imports matplotlib lazily, takes ``ax=None`` (a new figure
sized to the data is created when ``None``) and returns the Axes it drew on.

Empty input is not an error: the function returns an Axes carrying a
"No data" message and the usual title, so that a notebook or a report keeps
running. Invalid arguments (an unknown ``value``, ``order``, ``by`` or
``metric``) raise ``ValueError`` naming the allowed values.

Colours are colour-blind safe: the Okabe–Ito palette for categories and
``cividis`` for the heat map.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

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

_HATCHES = ("", "//", "..", "xx")

RESPONSE_COLORS: dict[str, str] = {
    "supported": "#009E73",
    "noted": "#E69F00",
    "not supported": "#D55E00",
    "unclear": "#999999",
}

_LABEL_MAX = 28


def _truncate(label: Any, width: int = _LABEL_MAX) -> str:
    s = (
        ""
        if label is None or (not isinstance(label, str) and pd.isna(label))
        else str(label)
    )
    return s if len(s) <= width else s[: width - 1] + "…"


def _new_axes(ax, width: float, height: float):
    """Return ``ax`` or a fresh Axes on a figure of the given size (inches)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _no_data(ax, title: str, message: str = "No data"):
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


def _check_choice(name: str, value: Any, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise ValueError(
            f"{name}={value!r} is not supported; use one of {', '.join(map(repr, allowed))}."
        )


# --------------------------------------------------------------------------
# Interest heat map
# --------------------------------------------------------------------------


def _state_theme_counts(
    recommendations: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.Series]:
    """Counts of (recommending State, theme) and each State's total rows."""
    df = recommendations[["recommending_state", "themes"]]
    df = df[df["recommending_state"].notna()]
    totals = df["recommending_state"].value_counts()
    long = df.explode("themes").dropna(subset=["themes"])
    if long.empty:
        return pd.DataFrame(), totals
    counts = pd.crosstab(
        long["recommending_state"].astype(str), long["themes"].astype(str)
    )
    return counts, totals


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
    order : {"cluster", "score", "alpha"}
        Row and column order: hierarchical clustering (States with similar
        interests next to each other, via :mod:`scipy.cluster.hierarchy`),
        by total (largest first) or alphabetical.
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
    _check_choice("value", value, ("share", "count"))
    _check_choice("order", order, ("cluster", "score", "alpha"))
    what = (
        "share of each State's recommendations"
        if value == "share"
        else "number of recommendations"
    )
    title = f"Thematic interest of recommending States\n({what})"

    counts, totals = _state_theme_counts(recommendations)
    if themes is not None:
        counts = counts.reindex(columns=[str(t) for t in themes], fill_value=0)
    elif not counts.empty:
        counts = counts[counts.sum(axis=0).nlargest(top_themes).index]
    if states is not None:
        counts = counts.reindex(index=[str(s) for s in states], fill_value=0)
    elif not counts.empty:
        counts = counts.loc[counts.sum(axis=1).nlargest(top_states).index]
    if counts.empty or counts.shape[0] == 0 or counts.shape[1] == 0:
        return _no_data(_new_axes(ax, 7, 4), title)

    if value == "share":
        denom = totals.reindex(counts.index).fillna(0).to_numpy(dtype=float)
        data = counts.to_numpy(dtype=float) / np.where(denom > 0, denom, 1.0)[:, None]
    else:
        data = counts.to_numpy(dtype=float)
    table = pd.DataFrame(data, index=counts.index, columns=counts.columns)

    if order == "alpha":
        table = table.sort_index().sort_index(axis=1)
    elif order == "score":
        table = table.loc[table.sum(axis=1).sort_values(ascending=False).index]
        table = table[table.sum(axis=0).sort_values(ascending=False).index]
    else:
        rows = _cluster_order(table.to_numpy())
        cols = _cluster_order(table.to_numpy().T)
        table = table.iloc[rows, cols]

    n_rows, n_cols = table.shape
    ax = _new_axes(ax, max(6.0, 2.5 + 0.45 * n_cols), max(3.0, 2.0 + 0.28 * n_rows))
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
        [_truncate(c, 30) for c in table.columns], rotation=45, ha="right"
    )
    ax.set_yticks(np.arange(n_rows))
    ax.set_yticklabels([_truncate(s) for s in table.index])
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


# --------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------


def ranking_components(ranking: pd.DataFrame) -> list[str]:
    """Names of the score-component columns of a ranking frame.

    Read from ``ranking.attrs["components"]`` when set, else the keys of
    ``ranking.attrs["weights"]`` (the component weights that
    :meth:`TargetRanker.rank` records), else the numeric columns whose name
    ends in ``_score``.
    """
    for key in ("components", "weights"):
        comps = ranking.attrs.get(key)
        if comps:
            return [c for c in comps if c in ranking.columns]
    return [
        c
        for c in ranking.columns
        if str(c).endswith("_score")
        and c != "score"
        and pd.api.types.is_numeric_dtype(ranking[c])
    ]


def _pretty(name: str) -> str:
    s = str(name)
    if s.endswith("_score"):
        s = s[: -len("_score")]
    s = re.sub(r"\bsur\b", "SuR", s.replace("_", " ").strip())
    return s[:1].upper() + s[1:]


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
    ...     "interest_score": [0.6, 0.3], "acceptance_score": [0.3, 0.2],
    ... })
    >>> ax = plot_ranking(ranking)
    >>> ax.get_xlabel()
    'Score (stacked components)'
    """
    title = "Top States to lobby"
    if ranking is None or len(ranking) == 0:
        return _no_data(_new_axes(ax, 7, 3), title)
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
    comps = ranking_components(df)
    if comps:  # leave out components that are zero for every State shown
        values = df[comps].apply(pd.to_numeric, errors="coerce").fillna(0.0)
        comps = [c for c in comps if (values[c].abs() > 1e-12).any()]
    n = len(df)
    ax = _new_axes(ax, 8, max(2.5, 1.6 + 0.32 * n + (0.3 if comps else 0)))
    y = np.arange(n)
    labels = [
        f"{int(r)}. {_truncate(s)}" if pd.notna(r) else _truncate(s)
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
                color=OKABE_ITO[j % len(OKABE_ITO)],
                label=_pretty(comp),
                hatch=_HATCHES[(j // len(OKABE_ITO)) % len(_HATCHES)],
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


# --------------------------------------------------------------------------
# Acceptance
# --------------------------------------------------------------------------

_BY_COLUMN = {
    "group": "rs_group",
    "state": "recommending_state",
    "action_category": "action_category",
}
_BY_LABEL = {
    "group": "Recommending regional group",
    "state": "Recommending State",
    "action_category": "Action category (1 minimal … 5 specific)",
}


def acceptance_table(
    recommendations: pd.DataFrame, sur: str | None = None, *, by: str = "group"
) -> pd.DataFrame:
    """Responses counted by recommending group, State or action category.

    Returns one row per value of ``by`` (missing values shown as
    ``"(unknown)"``, never dropped) with the counts of each response,
    ``total`` and ``share_supported`` (supported / total), sorted by
    ``total``, largest first.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets._plotting import acceptance_table
    >>> recs = pd.DataFrame({"sur": ["Chad"] * 3, "rs_group": ["WEOG", "WEOG", "African"],
    ...                      "response": ["supported", "noted", "supported"]})
    >>> acceptance_table(recs, "Chad")[["total", "share_supported"]].loc["WEOG"].tolist()
    [2.0, 0.5]
    """
    _check_choice("by", by, tuple(_BY_COLUMN))
    col = _BY_COLUMN[by]
    df = recommendations
    if sur is not None:
        df = df[df["sur"] == sur]
    keys = (
        df[col].astype("string").fillna("(unknown)")
        if col in df.columns
        else pd.Series("(unknown)", index=df.index, dtype="string")
    )
    keys = keys.rename(by)
    responses = (
        df["response"].astype("string").fillna("unclear")
        if len(df)
        else df.get("response")
    )
    table = pd.crosstab(keys, responses) if len(df) else pd.DataFrame()
    for r in ("supported", "noted", "not supported"):
        if r not in table.columns:
            table[r] = 0
    extra = [
        c for c in table.columns if c not in ("supported", "noted", "not supported")
    ]
    table = table[["supported", "noted", "not supported", *extra]].astype(float)
    table["total"] = table.sum(axis=1)
    table["share_supported"] = table["supported"] / table["total"].where(
        table["total"] > 0
    )
    table.index.name = by
    table.columns.name = None
    if by == "action_category":
        return table.sort_index()
    return table.sort_values("total", ascending=False)


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
    _check_choice("by", by, tuple(_BY_COLUMN))
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
        return _no_data(_new_axes(ax, 7, 3), title)
    if by != "action_category":
        table = table.head(top)
    else:
        table = table.tail(top)
    n = len(table)
    ax = _new_axes(ax, 8, max(2.5, 1.8 + 0.35 * n))
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
            else _truncate(k)
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
    ax.set_ylabel(_BY_LABEL[by])
    ax.set_title(title)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.15 if n > 3 else -0.3),
        ncol=4,
        frameon=False,
        fontsize="small",
    )
    return ax


# --------------------------------------------------------------------------
# Backtest
# --------------------------------------------------------------------------


def _backtest_summary(result) -> pd.DataFrame:
    summary = getattr(result, "summary", result)
    if callable(summary):
        summary = summary()
    if not isinstance(summary, pd.DataFrame):
        raise ValueError(
            "plot_backtest needs a BacktestResult (from upr_targets.backtest) or its "
            f"summary DataFrame; got {type(result).__name__}."
        )
    return summary


def _metric_columns(
    summary: pd.DataFrame, metric: str
) -> tuple[pd.Series, pd.Series, pd.Series | None, pd.Series | None, str]:
    """(method labels, mean, lower error, upper error, error kind) from a summary.

    Supports the wide summary of :class:`BacktestResult` (one row per
    ``method``, a column per metric, its interval in ``<metric>_low`` and
    ``<metric>_high``; ``<metric>_ci_low``/``_ci_high``, ``_sem`` or ``_std``
    are read too) and a long one (columns ``method``, ``metric``, ``mean``
    and ``low``+``high``, ``ci_low``+``ci_high``, ``sem`` or ``std``).
    """
    df = summary.copy()
    method_col = next(
        (
            c
            for c in ("method", "ranker", "model", "baseline", "name")
            if c in df.columns
        ),
        None,
    )
    if "metric" in df.columns:
        available = sorted(map(str, df["metric"].unique()))
        if metric not in available:
            raise ValueError(
                f"metric={metric!r} is not in the backtest summary; available: {available}."
            )
        df = df[df["metric"] == metric]
        methods = (
            df[method_col]
            if method_col
            else pd.Series(df.index.astype(str), index=df.index)
        )
        mean_col = next(
            (c for c in ("mean", "value", "score") if c in df.columns), None
        )
        if mean_col is None:
            raise ValueError(
                f"backtest summary has no 'mean' column; columns: {list(df.columns)}"
            )
        mean = df[mean_col]
        prefix = ""
    else:
        if metric not in df.columns:
            metrics = [
                c
                for c in df.columns
                if c not in (method_col, "n_queries")
                and pd.api.types.is_float_dtype(df[c])
                and not str(c).endswith(("_std", "_sem", "_low", "_high"))
            ]
            raise ValueError(
                f"metric={metric!r} is not in the backtest summary; available: {metrics or list(df.columns)}."
            )
        methods = (
            df[method_col]
            if method_col
            else pd.Series(df.index.astype(str), index=df.index)
        )
        mean = df[metric]
        prefix = f"{metric}_"
    lo = hi = None
    kind = ""
    for low, high in (("low", "high"), ("ci_low", "ci_high")):
        if f"{prefix}{low}" in df.columns and f"{prefix}{high}" in df.columns:
            lo = (mean - df[f"{prefix}{low}"]).clip(lower=0)
            hi = (df[f"{prefix}{high}"] - mean).clip(lower=0)
            kind = "error bars: 95% interval"
            break
    else:
        for err, label in (
            ("sem", "± standard error"),
            ("se", "± standard error"),
            ("std", "± standard deviation"),
        ):
            if f"{prefix}{err}" in df.columns:
                lo = hi = df[f"{prefix}{err}"]
                kind = f"error bars: {label}"
                break
    return methods.astype(str), mean.astype(float), lo, hi, kind


def plot_backtest(result, *, metric: str = "ndcg@10", ax=None):
    """Bars of a ranking metric for the ranker and each baseline, best highlighted.

    Parameters
    ----------
    result : BacktestResult or pandas.DataFrame
        The result of :func:`upr_targets.backtest`, or its ``summary``.
        Error bars show the confidence interval when the summary has one,
        else the standard error (or standard deviation) over queries.
    metric : str
        The metric to show, e.g. ``"ndcg@10"``, ``"precision@10"``.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets import plot_backtest
    >>> summary = pd.DataFrame({"method": ["TargetRanker", "popularity"],
    ...                         "ndcg@10": [0.61, 0.42], "ndcg@10_std": [0.05, 0.04]})
    >>> ax = plot_backtest(summary)
    >>> ax.get_ylabel()
    'ndcg@10'
    """
    summary = _backtest_summary(result)
    title = f"Backtest: {metric} of the ranker and baselines"
    if summary.empty:
        return _no_data(_new_axes(ax, 6, 3.5), title)
    methods, mean, lo, hi, kind = _metric_columns(summary, metric)
    order = np.argsort(-mean.to_numpy(), kind="stable")
    methods, mean = methods.iloc[order], mean.iloc[order]
    lo = lo.iloc[order] if lo is not None else None
    hi = hi.iloc[order] if hi is not None else None
    n = len(mean)
    ax = _new_axes(ax, max(5.0, 1.5 + 0.9 * n), 4.2)
    x = np.arange(n)
    best = int(np.nanargmax(mean.to_numpy())) if mean.notna().any() else -1
    colors = [OKABE_ITO[0] if i == best else "#BBBBBB" for i in range(n)]
    yerr = (
        None
        if lo is None
        else np.vstack([lo.fillna(0).to_numpy(), hi.fillna(0).to_numpy()])
    )
    ax.bar(
        x,
        mean.to_numpy(),
        yerr=yerr,
        color=colors,
        capsize=4,
        edgecolor="black",
        linewidth=0.5,
    )
    tops = mean.to_numpy() + (hi.fillna(0).to_numpy() if hi is not None else 0.0)
    for i, (v, t) in enumerate(zip(mean.to_numpy(), tops, strict=False)):
        if np.isfinite(v):
            ax.annotate(
                f"{v:.3f}",
                (i, t),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="small",
                fontweight="bold" if i == best else "normal",
            )
    ax.set_xticks(x)
    ax.set_xticklabels(
        [_truncate(m, 22) for m in methods],
        rotation=30 if n > 4 else 0,
        ha="right" if n > 4 else "center",
    )
    ax.set_xlabel("Method (best highlighted" + (f"; {kind})" if kind else ")"))
    ax.set_ylabel(metric)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    top = np.nanmax(tops) if n else 1.0
    if np.isfinite(top) and top > 0:
        ax.set_ylim(0, top * 1.15)
    return ax
