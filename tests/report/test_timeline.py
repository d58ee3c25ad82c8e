"""Tests of the advocacy timeline."""

from __future__ import annotations

import pandas as pd

from upr_targets.report._timeline import review_line, timeline


def test_timeline(report):
    t = report.timeline
    assert list(t["phase"])[0].startswith("6–12 months")
    assert {"phase", "start", "end", "status", "what"} <= set(t.columns)
    if t["start"].notna().all():
        review = t.loc[t["phase"] == "The review", "start"].iloc[0]
        first = t["start"].iloc[0]
        assert (review - first).days in range(360, 370)
        assert set(t["status"]) <= {"past", "now", "upcoming"}


def test_timeline_dates_from_review():
    review = pd.Series(
        {
            "session": 50,
            "cycle": 4,
            "start_date": pd.Timestamp("2027-05-03"),
            "year": 2027,
        }
    )
    t = timeline(review, pd.Timestamp("2026-11-29").date())
    by = t.set_index("phase")
    assert by.loc["6–12 months before", "start"] == pd.Timestamp("2026-05-03")
    assert by.loc["6–12 months before", "status"] == "past"
    assert by.loc["4–6 months before", "status"] == "now"
    assert by.loc["4–6 months before", "start"] == pd.Timestamp("2026-11-03")
    assert by.loc["1–2 months before", "end"] == pd.Timestamp("2027-04-03")
    assert by.loc["Adoption (~4 months after)", "start"] == pd.Timestamp("2027-09-03")
    assert by.loc["Mid-term (2–2½ years after)", "end"] == pd.Timestamp("2029-11-03")
    assert by.loc["The review", "status"] == "upcoming"


def test_timeline_month_only_review():
    review = pd.Series(
        {
            "session": 63,
            "cycle": 5,
            "start_date": pd.NaT,
            "year": 2030,
            "month": 1,
            "basis": "projected",
        }
    )
    t = timeline(review, pd.Timestamp("2026-11-29").date())
    assert t.loc[t["phase"] == "The review", "start"].iloc[0] == pd.Timestamp(
        "2030-01-01"
    )
    line = review_line(review)
    assert "January 2030" in line and "projected" in line and "session 63" in line
    assert timeline(None, pd.Timestamp("2026-11-29").date())["start"].isna().all()
