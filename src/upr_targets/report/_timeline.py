"""The advocacy timeline of the next review, from the UPR calendar."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from ..reference import next_review

__all__ = ["PHASES", "coming_review", "review_line", "review_start", "timeline"]


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
    # (phase, start offset in months, end offset in months, what to do)
    (
        "6–12 months before",
        -12,
        -6,
        "Hold national consultations with other NGOs; write and send the stakeholder "
        "submission to OHCHR (check the deadline OHCHR publishes for the session).",
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
        "1–2 months before",
        -2,
        -1,
        "Meet the target States' Permanent Missions in Geneva; take part in the "
        "pre-session.",
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


def timeline(review: pd.Series | None, today: _dt.date) -> pd.DataFrame:
    start, _ = review_start(review)
    rows = []
    now = pd.Timestamp(today)
    for phase, a, b, what in PHASES:
        if start is None:
            rows.append((phase, pd.NaT, pd.NaT, "", what))
            continue
        begin = start + pd.DateOffset(months=int(a))
        end = start + pd.DateOffset(months=int(b))
        if (
            phase == "The review"
            and review is not None
            and pd.notna(review.get("end_date", pd.NA))
        ):
            end = pd.Timestamp(review["end_date"]).normalize()
        status = "past" if end < now else ("now" if begin <= now else "upcoming")
        rows.append((phase, begin, end, status, what))
    df = pd.DataFrame(rows, columns=["phase", "start", "end", "status", "what"])
    return df


def coming_review(sur: str, today: _dt.date, notes: list[str]) -> pd.Series | None:
    """The SuR's next review after ``today``, or None (with a note) for observers."""
    try:
        return next_review(sur, after=pd.Timestamp(today))
    except ValueError as exc:  # an observer State: never reviewed
        notes.append(f"{exc} The timeline has no dates.")
        return None
