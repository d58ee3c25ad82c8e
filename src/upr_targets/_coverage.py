"""How old the data are for one review: the period covered, the reviews missing.

A ranking for a review in 2030 from data that end in 2013 rests on what
States said ten years before: "the previous review" and "the last sessions"
are the data's, not the calendar's. :func:`data_coverage` says so plainly,
for the CLI, the report and notebooks.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from ._errors import StaleDataWarning
from .reference import list_reviews, list_sessions, match_state, next_review

__all__ = ["Coverage", "data_coverage", "warn_if_stale"]


@dataclass
class Coverage:
    """The data's period and the SuR's reviews in and out of it.

    Attributes
    ----------
    first_session, last_session : int or None
        The sessions the data cover.
    first_year, last_year : int or None
        Their years.
    reviews : list of int
        The SuR's review sessions in the calendar, up to the planned one.
    in_data : list of int
        Those the data hold recommendations for.
    missing : list of int
        Those before the planned review the data do not hold.
    planned_session : int or None
        The review being prepared.
    stale : bool
        True when the data stop more than one review before the planned one.
    messages : list of str
        The plain-language lines for users.
    """

    first_session: int | None
    last_session: int | None
    first_year: int | None
    last_year: int | None
    reviews: list[int] = field(default_factory=list)
    in_data: list[int] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)
    planned_session: int | None = None
    stale: bool = False
    messages: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        import html

        items = "".join(f"<li>{html.escape(m)}</li>" for m in self.messages)
        return f"<div><strong>Data coverage</strong><ul>{items}</ul></div>"


def _years() -> dict[int, int]:
    cal = list_sessions()
    return dict(zip(cal["session"].astype(int), cal["year"].astype(int), strict=True))


def _list(sessions: list[int], year: dict[int, int]) -> str:
    return ", ".join(f"{s} ({year[s]})" if s in year else str(s) for s in sessions)


def data_coverage(
    recommendations: pd.DataFrame,
    sur: str,
    planned_session: int | None = None,
) -> Coverage:
    """Say what period the data cover and which of the SuR's reviews they miss.

    Parameters
    ----------
    recommendations : pandas.DataFrame
        The normalized table.
    sur : str
        The State under review (canonical name or any spelling).
    planned_session : int, optional
        The session of the review being prepared (default: the SuR's first
        review in the calendar after the data's last session).

    Returns
    -------
    Coverage
        With ``messages`` to show and ``stale`` when the data stop more than
        one review before the planned one.

    Examples
    --------
    >>> import upr_targets
    >>> recs = upr_targets.make_demo(2_000, sessions=range(1, 18))
    >>> cov = upr_targets.data_coverage(recs, "Kenya", planned_session=63)
    >>> cov.missing, cov.stale
    ([21, 35, 49], True)
    """
    year = _years()
    ses = pd.to_numeric(recommendations["session"], errors="coerce").dropna()
    ses = ses.astype(int)
    if ses.empty:
        return Coverage(None, None, None, None, messages=["The data hold no session."])
    first, last = int(ses.min()), int(ses.max())
    iso3 = match_state(sur).iso3
    cal = list_reviews()
    own = sorted(cal.loc[cal["sur_iso3"] == iso3, "session"].astype(int).tolist())
    if planned_session is None:
        later = [s for s in own if s > last]
        planned_session = later[0] if later else last + 14
    reviews = [s for s in own if s < planned_session] + [planned_session]
    held = (
        recommendations["sur_iso3"] == iso3 if "sur_iso3" in recommendations else None
    )
    in_data = (
        sorted(set(ses[held.reindex(ses.index, fill_value=False)].tolist()))
        if held is not None
        else []
    )
    before = [s for s in reviews if s < planned_session]
    missing = [s for s in before if s not in in_data]
    after_data = [s for s in before if s > last]
    stale = len(after_data) >= 1
    name = cal.loc[cal["sur_iso3"] == iso3, "sur"].iloc[0] if own else sur
    msgs = [
        f"The data cover sessions {first}–{last} ({year.get(first)}–{year.get(last)})."
    ]
    planned = f"session {planned_session}"
    if planned_session in year:
        planned += f" ({year[planned_session]})"
    if reviews:
        msgs.append(
            f"{name}'s reviews up to the planned one ({planned}): sessions "
            f"{_list(reviews, year)}; the data hold "
            + (_list(in_data, year) if in_data else "none of them")
            + (f"; missing: {_list(missing, year)}." if missing else ".")
        )
    if stale:
        msgs.append(
            f"The data end before {name}'s latest review"
            f"{'s' if len(after_data) > 1 else ''} ({_list(after_data, year)}): "
            f'"previous review" means session {max(in_data) if in_data else "none"} '
            f'and "the last sessions" mean {max(last - 1, first)}–{last}, '
            f"{planned_session - last} sessions before the review. States' "
            "interests may have moved since; load recent data (a UHRI or UPR Info "
            "export of cycles 3 and 4, e.g. from `upr-targets fetch upr-info` or "
            "upr_targets.fetch_upr_info()) before you rely on the ranking."
        )
    return Coverage(
        first,
        last,
        year.get(first),
        year.get(last),
        reviews,
        in_data,
        missing,
        planned_session,
        stale,
        msgs,
    )


def warn_if_stale(
    recommendations: pd.DataFrame, sur: str, seen: dict, stacklevel: int = 2
) -> None:
    """Warn (:class:`StaleDataWarning`) when the data stop before ``sur``'s latest reviews.

    The planned review is ``sur``'s next one in the calendar (from today).
    ``seen`` caches the message per SuR (a ranker's, so that the table is
    looked at once per SuR). Synthetic demo data (``source == "demo"``) do
    not warn: they are no record to be out of date.
    """
    if sur not in seen:
        if "source" in recommendations and (recommendations["source"] == "demo").all():
            seen[sur] = None
            return
        planned = int(next_review(sur)["session"])
        coverage = data_coverage(recommendations, sur, planned)
        seen[sur] = (
            f"{coverage.messages[0]} {coverage.messages[-1]} "
            f"(upr_targets.data_coverage(recommendations, {sur!r}) says more.)"
            if coverage.stale
            else None
        )
    if seen[sur]:
        warnings.warn(seen[sur], StaleDataWarning, stacklevel=stacklevel + 1)
