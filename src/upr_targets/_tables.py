"""Analysis tables that plots and reports draw: counts by State, theme and response."""

from __future__ import annotations

import pandas as pd

from ._utils import check_choice
from .reference import NO_GROUP, observer_iso3

__all__ = ["BY_COLUMN", "acceptance_table", "state_theme_counts"]


def state_theme_counts(
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


BY_COLUMN = {
    "group": "rs_group",
    "state": "recommending_state",
    "action_category": "action_category",
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
    >>> from upr_targets._tables import acceptance_table
    >>> recs = pd.DataFrame({"sur": ["Chad"] * 3, "rs_group": ["WEOG", "WEOG", "African"],
    ...                      "response": ["supported", "noted", "supported"]})
    >>> acceptance_table(recs, "Chad")[["total", "share_supported"]].loc["WEOG"].tolist()
    [2.0, 0.5]
    """
    check_choice("by", by, tuple(BY_COLUMN))
    col = BY_COLUMN[by]
    df = recommendations
    if sur is not None:
        df = df[df["sur"] == sur]
    keys = (
        df[col].astype("string").fillna("(unknown)")
        if col in df.columns
        else pd.Series("(unknown)", index=df.index, dtype="string")
    )
    if by == "group" and "rs_iso3" in df.columns and col in df.columns:
        # an observer State without a regional group (the Holy See): say so, not
        # "(unknown)"; the State of Palestine is in the Asia-Pacific Group
        keys = keys.mask(df["rs_iso3"].isin(observer_iso3()) & df[col].isna(), NO_GROUP)
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
