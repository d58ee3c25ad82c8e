"""A State's past recommendations: the evidence behind a ranking's row."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._components import COMPONENTS

__all__ = ["EVIDENCE_COLUMNS", "explain_table", "state_evidence"]

EVIDENCE_COLUMNS = (
    "text",
    "sur",
    "session",
    "year",
    "response",
    "action_category",
    "themes",
    "document",
    "paragraph",
)


def state_evidence(
    recommendations: pd.DataFrame,
    state: str | None,
    sur: str | None,
    on_themes,
    *,
    before_session: int | None,
    top: int | None,
    query: dict,
    order_by_sur: bool,
) -> pd.DataFrame:
    """:meth:`TargetRanker.evidence` on the ranker's table (see there).

    ``state`` and ``sur`` are canonical names (None: absent from the data);
    ``on_themes`` is the (rows, themes) sparse matrix of the query's themes,
    or None for every theme.
    """
    df = recommendations
    if state is None:
        mask = np.zeros(len(df), dtype=bool)
    else:
        mask = (df["recommending_state"] == state).to_numpy(dtype=bool, na_value=False)
    if on_themes is not None:
        mask &= np.asarray(on_themes.sum(axis=1)).ravel() > 0
    if before_session is not None:
        mask &= (df["session"] < before_session).to_numpy(dtype=bool, na_value=False)
    out = df.loc[mask, list(EVIDENCE_COLUMNS)].copy()
    to_sur = np.zeros(len(out), dtype=bool)
    if sur is not None:
        to_sur = (out["sur"] == sur).to_numpy(dtype=bool, na_value=False)
    out.insert(0, "to_sur", to_sur)
    out = out.sort_values(["to_sur", "session"], ascending=[False, False])
    out = out if order_by_sur else out.drop(columns="to_sur")
    if top is not None:
        out = out.head(int(top))
    out.attrs.update(query)
    return out


def explain_table(
    ranking: pd.DataFrame,
    components: np.ndarray,
    state: int,
    name: str,
    weights: pd.Series,
    sur: str,
) -> pd.DataFrame:
    """:meth:`TargetRanker.explain` (see there) from a full ranking.

    ``components`` are the unweighted components (S, F) of every State and
    ``state`` the index of the explained one (canonical ``name``).
    """
    row = ranking.loc[ranking["state"] == name]
    if row.empty:
        raise ValueError(
            f"{name!r} is not a candidate for {sur!r} (it is the SuR, or "
            "never made a recommendation in the data)."
        )
    row = row.iloc[0]
    w = weights.reindex(list(COMPONENTS)).fillna(0.0)
    contrib = row[list(COMPONENTS)].astype(float).to_numpy()
    total = contrib.sum()
    table = pd.DataFrame(
        {
            "component": list(COMPONENTS),
            "weight": w.to_numpy(),
            "value": components[state],
            "contribution": contrib,
            "share": contrib / total if total else np.nan,
        }
    )
    table.attrs.update(ranking.attrs)
    table.attrs["state"] = name
    table.attrs["rank"] = int(row["rank"])
    table.attrs["explanation"] = row["explanation"]
    return table
