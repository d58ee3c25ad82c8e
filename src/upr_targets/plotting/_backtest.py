"""The backtest: a ranking metric of the ranker and each baseline."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import OKABE_ITO, new_axes, no_data, truncate

__all__ = ["plot_backtest"]


def _summary(result) -> pd.DataFrame:
    """The summary table of a BacktestResult (or the table itself)."""
    from .._backtest import BacktestResult

    if isinstance(result, BacktestResult):
        return result.summary
    if isinstance(result, pd.DataFrame):
        return result
    raise ValueError(
        "plot_backtest needs a BacktestResult (from upr_targets.backtest) or its "
        f"summary DataFrame; got {type(result).__name__}."
    )


def _metrics(summary: pd.DataFrame) -> list[str]:
    return [
        c
        for c in summary.columns
        if c not in ("method", "n_queries")
        and not str(c).endswith(("_low", "_high"))
        and pd.api.types.is_float_dtype(summary[c])
    ]


def plot_backtest(result, *, metric: str = "ndcg@10", ax=None):
    """Bars of a ranking metric for the ranker and each baseline, best highlighted.

    Parameters
    ----------
    result : BacktestResult or pandas.DataFrame
        The result of :func:`upr_targets.backtest`, or its ``summary``
        (``method`` and one column per metric; error bars show the 95 %
        interval of ``<metric>_low`` and ``<metric>_high`` when present).
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
    >>> summary = pd.DataFrame({"method": ["ranker", "theme_volume"],
    ...                         "ndcg@10": [0.61, 0.42], "ndcg@10_low": [0.58, 0.40],
    ...                         "ndcg@10_high": [0.64, 0.44]})
    >>> ax = plot_backtest(summary)
    >>> ax.get_ylabel()
    'ndcg@10'
    """
    summary = _summary(result)
    title = f"Backtest: {metric} of the ranker and baselines"
    if summary.empty:
        return no_data(new_axes(ax, 6, 3.5), title)
    if metric not in summary.columns:
        raise ValueError(
            f"metric={metric!r} is not in the backtest summary; available: "
            f"{_metrics(summary)}."
        )
    methods, mean = summary["method"].astype(str), summary[metric].astype(float)
    lo = hi = None
    kind = ""
    if f"{metric}_low" in summary.columns and f"{metric}_high" in summary.columns:
        lo = (mean - summary[f"{metric}_low"]).clip(lower=0)
        hi = (summary[f"{metric}_high"] - mean).clip(lower=0)
        kind = "error bars: 95% interval"
    order = np.argsort(-mean.to_numpy(), kind="stable")
    methods, mean = methods.iloc[order], mean.iloc[order]
    lo = lo.iloc[order] if lo is not None else None
    hi = hi.iloc[order] if hi is not None else None
    n = len(mean)
    ax = new_axes(ax, max(5.0, 1.5 + 0.9 * n), 4.2)
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
        [truncate(m, 22) for m in methods],
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
