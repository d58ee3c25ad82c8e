"""Data age: the period covered and the SuR's reviews missing from the data."""

from __future__ import annotations

from upr_targets._coverage import data_coverage


def test_kenya_2030_from_data_ending_2013(upr_info):
    # the calendar knows Kenya was reviewed at sessions 8, 21, 35 and 49
    cov = data_coverage(upr_info, "Kenya", planned_session=63)
    assert (cov.first_session, cov.last_session) == (1, 17)
    assert (cov.first_year, cov.last_year) == (2008, 2013)
    assert cov.reviews == [8, 21, 35, 49, 63]
    assert cov.in_data == [8] and cov.missing == [21, 35, 49]
    assert cov.stale
    assert "2008–2013" in cov.messages[0]
    assert "missing: 21 (2015), 35 (2020), 49 (2025)" in cov.messages[1]


def test_current_data_are_not_stale(demo):
    cov = data_coverage(demo, "Kenya", planned_session=35)
    assert not cov.stale and cov.missing == []
    assert "<li>" in cov._repr_html_()


def test_report_and_cli_say_it(demo, capsys):
    from _support.cli import run

    code, out, err = run(capsys, "rank", "--sur", "Kenya", "--theme", "Death penalty")
    assert code == 0 and "The data cover sessions 1–40" in out
    assert "The data end before Kenya" in err  # today is after session 40
