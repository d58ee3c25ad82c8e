"""The report's figures, drawn off-screen with the library's plots, as PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd

from ..plotting import plot_acceptance, plot_interest_heatmap, plot_ranking

__all__ = ["figures", "png"]


def png(draw: Callable, *args, width: float, height: float, **kwargs) -> bytes:
    """Draw with a plotting function on an off-screen figure; PNG bytes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    draw(*args, ax=ax, **kwargs)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def figures(
    to_sur: pd.DataFrame,
    by_state: pd.DataFrame,
    sur: str,
    ranking: pd.DataFrame,
    themes: list[str],
    by_group: pd.DataFrame,
    by_category: pd.DataFrame,
) -> dict[str, bytes]:
    figs: dict[str, bytes] = {}
    n = min(len(ranking), 20)
    figs["ranking"] = png(
        plot_ranking, ranking, top=20, width=9, height=max(3.0, 1.8 + 0.32 * n)
    )
    for key, by, table in (
        ("acceptance_group", "group", by_group),
        ("acceptance_category", "action_category", by_category),
    ):
        figs[key] = png(
            plot_acceptance,
            to_sur,
            sur,
            by=by,
            width=9,
            height=max(2.6, 1.8 + 0.4 * len(table)),
        )
    if themes and len(ranking):
        states = ranking["state"].astype(str).head(20).tolist()
        figs["interest"] = png(
            plot_interest_heatmap,
            by_state,
            states=states,
            themes=themes,
            order="given",  # the ranking's order, as the table beside it
            width=max(6.0, 3.5 + 0.6 * len(themes)),
            height=max(3.0, 2.2 + 0.28 * len(states)),
        )
    return figs
