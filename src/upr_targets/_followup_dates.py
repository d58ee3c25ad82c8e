"""The dates of the after-review steps, from the UPR calendar and the report's symbol."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["followup_dates"]


def followup_dates(
    matches: pd.DataFrame, today: pd.Timestamp | None = None
) -> pd.DataFrame:
    """Date the after-review steps from the review's real dates.

    The review's session dates come from the UPR calendar, the adoption from
    the report's symbol (A/HRC/*42*/4: the Council's 42nd session) or the
    Council's calendar pattern, and the next review from the calendar.

    Parameters
    ----------
    matches : pandas.DataFrame
        From :func:`match_outcome` (its ``sur``, ``session``, ``document``).
    today : date-like, optional
        Adds ``status``: past, now or coming.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``step``, ``from``, ``to``, ``what``, ``basis``.
    """
    from .reference import adoption_session, list_reviews, list_sessions

    reviews = matches.dropna(subset=["session"])
    if reviews.empty:
        return pd.DataFrame(columns=["step", "from", "to", "what", "basis"])
    sur, session = reviews["sur"].iloc[0], int(reviews["session"].iloc[0])
    document = next((d for d in reviews["document"].dropna()), None)
    ses = list_sessions().set_index("session")
    start = ses["start_date"].get(session, pd.NaT)
    end = ses["end_date"].get(session, pd.NaT)
    basis = "UPR calendar, session dates"
    if pd.isna(start):
        year = reviews["year"].dropna()
        start = (
            pd.Timestamp(year=int(year.iloc[0]), month=1, day=1)
            if len(year)
            else pd.NaT
        )
        end, basis = start, "year of the review only"
    number, adoption, adoption_basis = adoption_session(document, end)
    own = list_reviews()
    later = own[(own["sur"] == sur) & (own["session"] > session)]["session"]
    nxt = ses["start_date"].get(int(later.min()), pd.NaT) if len(later) else pd.NaT
    hrc = f"Human Rights Council session {number}" if number else "Human Rights Council"
    rows = [
        (
            "The review",
            start,
            end,
            f"Working Group review of {sur}, session {session}",
            basis,
        ),
        (
            "Thank the States",
            end,
            end + pd.Timedelta(days=14),
            "Thank the States whose recommendations carry yours (list 'thank')",
            basis,
        ),
        (
            "Lobby the State under review",
            end,
            adoption,
            "Ask it to support the noted or pending recommendations (list 'lobby')",
            adoption_basis,
        ),
        (
            "Adoption of the outcome",
            adoption,
            adoption,
            f"{hrc} adopts the outcome; the State's final responses",
            adoption_basis,
        ),
        (
            "Follow up on implementation",
            adoption + pd.DateOffset(months=3) if pd.notna(adoption) else pd.NaT,
            adoption + pd.DateOffset(months=12) if pd.notna(adoption) else pd.NaT,
            "Keep the implementation tracker (write_tracker)",
            adoption_basis,
        ),
        (
            "Mid-term report",
            start + pd.DateOffset(months=24),
            start + pd.DateOffset(months=30),
            "Write the mid-term report (write_midterm_report)",
            basis,
        ),
        (
            "Report back to the embassies",
            start + pd.DateOffset(months=42),
            start + pd.DateOffset(months=48),
            "Tell the States that made your recommendations what was implemented (list 'report_back')",
            basis,
        ),
        (
            "Next review",
            nxt,
            nxt,
            f"{sur}'s next review",
            "UPR calendar" if pd.notna(nxt) else "not in the calendar",
        ),
    ]
    out = pd.DataFrame(rows, columns=["step", "from", "to", "what", "basis"])
    if today is not None:
        out["status"] = np.where(
            out["to"] < pd.Timestamp(today),
            "past",
            np.where(out["from"] > pd.Timestamp(today), "coming", "now"),
        )
    return out
