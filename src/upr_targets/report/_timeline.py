"""The advocacy timeline of the next review, from the UPR calendar."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from ..reference import HRC_SESSIONS, hrc_sessions, next_review

__all__ = [
    "HRC_SESSIONS",
    "PHASES",
    "coming_review",
    "hrc_sessions",
    "review_line",
    "review_start",
    "timeline",
]


def review_start(review: pd.Series | None) -> tuple[pd.Timestamp | None, bool]:
    """The review's start date, and whether it is exact (else month only)."""
    if review is None:
        return None, False
    start = review.get("start_date")
    if start is not None and pd.notna(start):
        return pd.Timestamp(start).normalize(), True
    year, month = review.get("year"), review.get("month")
    if year is not None and pd.notna(year):
        month = int(month) if month is not None and pd.notna(month) else 1
        return pd.Timestamp(year=int(year), month=month, day=1), False
    return None, False


def review_line(review: pd.Series | None) -> str | None:
    if review is None:
        return None
    parts = []
    if "session" in review and pd.notna(review["session"]):
        parts.append(f"session {int(review['session'])}")
    if "cycle" in review and pd.notna(review["cycle"]):
        parts.append(f"cycle {int(review['cycle'])}")
    start, exact = review_start(review)
    if start is None:
        when = "date unknown"
    elif exact:
        when = start.strftime("%d %B %Y").lstrip("0")
    else:
        when = start.strftime("%B %Y") + " (month only: dates count from the 1st)"
    line = f"Next review: {when}" + (f"; {', '.join(parts)}" if parts else "")
    basis = review.get("basis")
    if isinstance(basis, str) and basis != "published":
        line += f"; {basis} from the UPR cycle pattern, check OHCHR's calendar"
    return line


PHASES: tuple[tuple[str, float, float, str], ...] = (
    # (phase, start offset in months, end offset in months, what to do);
    # fractional months are counted in days (one month = 30.44 days)
    (
        "6–12 months before",
        -12,
        -6,
        "Hold national consultations with other NGOs; write the stakeholder "
        "submission to OHCHR.",
    ),
    (
        "Stakeholder submission deadline (~6–7 months before)",
        -6.5,
        -6.5,
        "Send the written submission to OHCHR by its deadline (OHCHR publishes the "
        "exact date for each session, about six to seven months before it).",
    ),
    (
        "4–6 months before",
        -6,
        -4,
        "Write the advocacy paper (your priority recommendations, one or two pages) "
        "and choose the target States: this report.",
    ),
    (
        "3–4 months before",
        -4,
        -3,
        "Brief the target States' embassies in the capital, several at once where they "
        "share a group or bloc (see Joint briefings).",
    ),
    (
        "2–3 months before",
        -3,
        -2,
        "Follow up with the embassies and send them your advocacy paper for their "
        "capitals; ask the Permanent Missions in Geneva for meetings; register for "
        "the pre-session.",
    ),
    (
        "1–2 months before",
        -2,
        -1,
        "Meet the target States' Permanent Missions in Geneva.",
    ),
    (
        "UPR pre-session in Geneva (~1 month before)",
        -1,
        -1,
        "Present your issues to the missions at the pre-session (UPR Info organises "
        "it about a month before the review).",
    ),
    (
        "The review",
        0,
        0,
        "Working Group review in Geneva: follow the webcast and note which States made "
        "your recommendations.",
    ),
    (
        "0–4 months after",
        0,
        4,
        "Thank the States that made your recommendations; lobby the State under review "
        "to support the recommendations it has not yet accepted.",
    ),
    (
        "Adoption (~4 months after)",
        4,
        4,
        "The Human Rights Council adopts the outcome report; the State gives its final "
        "responses. Comment on the outcome.",
    ),
    (
        "After adoption",
        4,
        24,
        "Lobby on the noted recommendations; follow up on implementation with the "
        "government and the embassies.",
    ),
    (
        "Mid-term (2–2½ years after)",
        24,
        30,
        "Submit or publish a mid-term report on implementation.",
    ),
)


def _shift(start: pd.Timestamp, months: float) -> pd.Timestamp:
    if float(months).is_integer():
        return start + pd.DateOffset(months=int(months))
    return start + pd.Timedelta(days=round(months * 30.44))


def timeline(review: pd.Series | None, today: _dt.date) -> pd.DataFrame:
    """The advocacy timeline of ``review`` measured from ``today``.

    One row per phase of the advocacy cycle (:data:`PHASES`) and per regular
    session of the Human Rights Council in the period (``kind`` "hrc": weeks
    to avoid when contacting Geneva missions), in date order: ``phase,
    start, end, status`` ("past", "now", "upcoming"), ``what`` and ``kind``
    ("advocacy", "deadline", "review", "hrc").
    """
    start, _ = review_start(review)
    rows = []
    now = pd.Timestamp(today)
    columns = ["phase", "start", "end", "status", "what", "kind"]
    for phase, a, b, what in PHASES:
        kind = (
            "review"
            if phase == "The review"
            else "deadline"
            if "deadline" in phase or "pre-session" in phase
            else "advocacy"
        )
        if start is None:
            rows.append((phase, pd.NaT, pd.NaT, "", what, kind))
            continue
        begin, end = _shift(start, a), _shift(start, b)
        if (
            phase == "The review"
            and review is not None
            and pd.notna(review.get("end_date", pd.NA))
        ):
            end = pd.Timestamp(review["end_date"]).normalize()
        rows.append((phase, begin, end, _status(begin, end, now), what, kind))
    if start is not None:
        for begin, end in hrc_sessions(_shift(start, -12), _shift(start, 4)).itertuples(
            index=False
        ):
            rows.append(
                (
                    "Human Rights Council in session (approximate dates)",
                    begin,
                    end,
                    _status(begin, end, now),
                    "Missions in Geneva are busiest: avoid asking for meetings these "
                    "weeks; check the Council's programme for the exact dates.",
                    "hrc",
                )
            )
    df = pd.DataFrame(rows, columns=columns)
    if start is not None:
        df = df.sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    return df


def _status(begin, end, now) -> str:
    return "past" if end < now else ("now" if begin <= now else "upcoming")


def coming_review(sur: str, today: _dt.date, notes: list[str]) -> pd.Series | None:
    """The SuR's next review after ``today``, or None (with a note) for observers."""
    try:
        return next_review(sur, after=pd.Timestamp(today))
    except ValueError as exc:  # an observer State: never reviewed
        notes.append(f"{exc} The timeline has no dates.")
        return None


def advocacy_timeline(sur: str, today: _dt.date | str | None = None) -> pd.DataFrame:
    """The advocacy timeline of a State's next review, from the UPR calendar.

    Parameters
    ----------
    sur : str
        The State under review (any spelling ``normalize_state`` accepts).
    today : date or str, optional
        The date the review is looked for after, and statuses measured from
        (default: today).

    Returns
    -------
    pandas.DataFrame
        ``phase, start, end, status, what, kind`` in date order: the phases of
        the advocacy cycle, the stakeholder-submission deadline, the
        pre-session, the review, adoption and the mid-term report, and the
        Human Rights Council's regular sessions to avoid when contacting
        missions (approximate). ``attrs["review"]`` is the review (see
        :func:`upr_targets.next_review`). Save it for a calendar with
        :func:`upr_targets.write_timeline_ics`.

    Raises
    ------
    NotReviewedError
        For an observer State.

    Examples
    --------
    >>> from upr_targets import advocacy_timeline
    >>> t = advocacy_timeline("Kenya", today="2026-12-03")
    >>> t.loc[t["kind"] == "review", "start"].dt.year.tolist()
    [2030]
    """
    from .._errors import NotReviewedError
    from ..reference import check_reviewed, match_state

    check_reviewed(match_state(sur).iso3)
    day = _dt.date.today() if today is None else pd.Timestamp(today).date()
    try:
        review = next_review(sur, after=pd.Timestamp(day))
    except ValueError as exc:  # pragma: no cover - observers are refused above
        raise NotReviewedError(str(exc)) from None
    out = timeline(review, day)
    out.attrs["review"] = review.to_dict()
    return out
