"""The advocacy timeline: its phases, and as an iCalendar file."""

from __future__ import annotations

import pytest

import upr_targets


def test_timeline_has_the_whole_cycle():
    t = upr_targets.advocacy_timeline("Kenya", today="2026-12-03")
    phases = " | ".join(t["phase"])
    for needed in (
        "Stakeholder submission deadline",
        "2–3 months before",
        "UPR pre-session",
        "Human Rights Council in session",
        "Mid-term",
    ):
        assert needed in phases
    review = t.loc[t["kind"] == "review", "start"].iloc[0]
    deadline = t.loc[t["phase"].str.startswith("Stakeholder"), "start"].iloc[0]
    assert 180 <= (review - deadline).days <= 215  # about 6-7 months before
    assert t["start"].is_monotonic_increasing


def test_observer_has_no_timeline():
    with pytest.raises(upr_targets.NotReviewedError):
        upr_targets.advocacy_timeline("Holy See")


def test_ics_round_trip(tmp_path):
    from icalendar import Calendar

    t = upr_targets.advocacy_timeline("Kenya", today="2026-12-03")
    path = upr_targets.write_timeline_ics(t, tmp_path / "kenya.ics", sur="Kenya")
    cal = Calendar.from_ical(path.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == t["start"].notna().sum()
    first = events[0]
    assert str(first["summary"]).startswith("Kenya UPR: ")
    assert first.decoded("dtstart") == t["start"].iloc[0].date()
    again = upr_targets.write_timeline_ics(t, tmp_path / "again.ics", sur="Kenya")
    uids = [
        str(c["uid"]) for c in Calendar.from_ical(again.read_bytes()).walk("VEVENT")
    ]
    assert uids == [str(e["uid"]) for e in events]  # stable: re-import replaces


def test_cli_report_writes_ics(tmp_path, capsys):
    from _support.cli import run

    out = tmp_path / "kenya.ics"
    code, _, _ = run(
        capsys,
        "report",
        "--sur",
        "Kenya",
        "--issue",
        "death penalty",
        "--out",
        str(out),
    )
    assert code == 0 and out.read_bytes().startswith(b"BEGIN:VCALENDAR")
