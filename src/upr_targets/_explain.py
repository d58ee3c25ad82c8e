"""Plain-language reasons for a ranking's rows, from its evidence columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ._utils import plural

__all__ = ["GROUP_NAMES", "explanations"]

GROUP_NAMES = {
    "African": "African Group",
    "Asia-Pacific": "Asia-Pacific Group",
    "Eastern European": "Eastern European Group",
    "GRULAC": "GRULAC",
    "WEOG": "WEOG",
}
"""How the reasons name each regional group."""


def _as_list(values) -> list:
    """A column as a list of plain values (numpy, pandas, or a list of lists)."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def explanations(
    ranking: pd.DataFrame | Mapping[str, Any],
    sur: str,
    themes: list[str],
    *,
    recent: int,
    sur_group: str | None,
    specific: bool = False,
    speakers: bool = False,
) -> list[str]:
    """One reason per row of ``ranking`` (the evidence columns of ``rank``).

    Parameters
    ----------
    ranking : pandas.DataFrame or mapping
        Rows of :meth:`TargetRanker.rank` (its evidence columns), or those
        columns as arrays by name.
    sur : str
        The State under review.
    themes : list of str
        The query's themes (empty: all recommendations count).
    recent : int
        Sessions counted in ``n_theme_recs_recent``.
    sur_group : str or None
        The SuR's regional group, named in the reasons when there are themes.
    specific : bool
        The counts are of specific, action-oriented recommendations only.
    speakers : bool
        A ranking of the list of speakers (by P(theme | speaks)): each reason
        starts with how many of the reviews it joined the State raised the
        themes at.

    Returns
    -------
    list of str
        Clauses separated by "; ".
    """
    on = "on " + " / ".join(themes) if themes else "in all"
    region = GROUP_NAMES.get(sur_group, sur_group) if themes and sur_group else None
    # "States of the African Group", but "GRULAC States", "WEOG States"
    region_states = (
        f"States of the {region}"
        if region is None or region.endswith("Group")
        else f"{region} States"
    )
    noun = "specific recommendation" if specific else "recommendation"
    # plain Python values, column by column: no pandas row objects (fast)
    cols = {
        c: _as_list(ranking[c])
        for c in (
            "n_theme_to_sur",
            "n_theme_to_region",
            "n_theme_recs",
            "n_theme_recs_recent",
            "n_to_sur_previous_review",
            "n_theme_to_sur_previous_review",
            "n_to_sur",
            "acceptance",
            "shared_blocs",
            "same_group",
            "group",
            "n_reviews_on_themes",
            "n_reviews_joined",
        )
    }
    lines = []
    for i in range(len(cols["n_theme_recs"])):
        to = f"{cols['n_theme_to_sur'][i]} to {sur}"
        if region is not None:
            to += f", {cols['n_theme_to_region'][i]} to {region_states}"
        parts = []
        if speakers:  # the evidence of P(theme | speaks) comes first
            raised, joined = cols["n_reviews_on_themes"][i], cols["n_reviews_joined"][i]
            parts.append(
                f"Raised {' / '.join(themes) if themes else 'them'} at {raised} of the "
                f"{plural(joined, 'review')} it took part in"
            )
        made = "made" if speakers else "Made"
        parts.append(
            f"{made} {plural(cols['n_theme_recs'][i], noun)} "
            f"{on} ({cols['n_theme_recs_recent'][i]} in the last {recent} sessions, {to})"
        )
        # these two count every theme: said so beside the themed counts
        prev = cols["n_to_sur_previous_review"][i]
        if prev:
            at_prev = f"{plural(prev, noun)} at {sur}'s previous review"
            if themes:
                n_on = cols["n_theme_to_sur_previous_review"][i]
                at_prev += f" (any theme; {n_on} on these themes)"
            parts.append(at_prev)
        n_to = cols["n_to_sur"][i]
        if n_to:
            parts.append(
                f"{sur} supported {cols['acceptance'][i]:.0%} of its "
                f"{plural(n_to, noun)}" + (" (any theme)" if themes else "")
            )
        ties = list(cols["shared_blocs"][i])
        group = cols["group"][i]
        if cols["same_group"][i] and isinstance(group, str):
            ties = [GROUP_NAMES.get(group, group), *ties]
        if ties:
            parts.append("fellow " + "/".join(ties) + " member")
        lines.append("; ".join(parts))
    return lines
