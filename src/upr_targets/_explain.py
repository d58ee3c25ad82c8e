"""Plain-language reasons for a ranking's rows, from its evidence columns."""

from __future__ import annotations

import pandas as pd

__all__ = ["GROUP_NAMES", "explanations"]

GROUP_NAMES = {
    "African": "African Group",
    "Asia-Pacific": "Asia-Pacific Group",
    "Eastern European": "Eastern European Group",
    "GRULAC": "GRULAC",
    "WEOG": "WEOG",
}
"""How the reasons name each regional group."""


def _plural(n, noun: str) -> str:
    """``"1 recommendation"``, ``"2 recommendations"``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def explanations(
    ranking: pd.DataFrame,
    sur: str,
    themes: list[str],
    *,
    recent: int,
    sur_group: str | None,
    specific: bool = False,
) -> list[str]:
    """One reason per row of ``ranking`` (the evidence columns of ``rank``).

    Parameters
    ----------
    ranking : pandas.DataFrame
        Rows of :meth:`TargetRanker.rank` (its evidence columns).
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

    Returns
    -------
    list of str
        Clauses separated by "; ".
    """
    on = "on " + " / ".join(themes) if themes else "in all"
    region = GROUP_NAMES.get(sur_group, sur_group) if themes and sur_group else None
    noun = "specific recommendation" if specific else "recommendation"
    lines = []
    for r in ranking.itertuples(index=False):
        to = f"{r.n_theme_to_sur} to {sur}"
        if region is not None:
            to += f", {r.n_theme_to_region} to States of the {region}"
        parts = [
            f"Made {_plural(r.n_theme_recs, noun)} "
            f"{on} ({r.n_theme_recs_recent} in the last {recent} sessions, {to})"
        ]
        if r.n_to_sur_previous_review:
            parts.append(
                f"{_plural(r.n_to_sur_previous_review, 'recommendation')} at "
                f"{sur}'s previous review"
            )
        if r.n_to_sur:
            parts.append(
                f"{sur} supported {r.acceptance:.0%} of its "
                f"{_plural(r.n_to_sur, 'recommendation')}"
            )
        ties = list(r.shared_blocs)
        if r.same_group and isinstance(r.group, str):
            ties = [GROUP_NAMES.get(r.group, r.group), *ties]
        if ties:
            parts.append("fellow " + "/".join(ties) + " member")
        lines.append("; ".join(parts))
    return lines
