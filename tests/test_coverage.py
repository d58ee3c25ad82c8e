"""Data age: the period covered and the SuR's reviews missing from the data."""

from __future__ import annotations

import pandas as pd

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


def test_report_and_cli_say_it(capsys, tmp_path):
    from _support.cli import run

    import upr_targets

    # a UPR Info export ending at session 17 (not the synthetic demo, on
    # which the CLI does not warn: test_no_data_age_warning_on_the_demo)
    path = tmp_path / "old.csv"
    recs = _old_record()
    export = {
        "To": recs["sur"],
        "Text": recs["text"],
        "From": recs["recommending_state"],
    }
    export |= {"Response": recs["response"], "Session": recs["session"]}
    export["Issue"] = recs["themes"].str[0]
    pd.DataFrame(export).to_csv(path, index=False)
    code, out, err = run(
        capsys,
        *("rank", "--sur", "Kenya", "--theme", "Death penalty"),
        "--data",
        str(path),
    )
    assert code == 0 and "The data cover sessions 1–17" in out
    assert err.count("The data end before Kenya") == 1
    report = upr_targets.build_report(
        upr_targets.load_recommendations(path), "Kenya", None, themes=["Death penalty"]
    )
    assert any("The data end before Kenya" in note for note in report.notes)


def _old_record():
    import upr_targets

    recs = upr_targets.make_demo(2_000, sessions=range(1, 18))
    return recs.assign(source="upr-info")  # as if exported from UPR Info


def test_ranking_old_data_warns_at_the_callers_line():
    import warnings

    import pytest

    import upr_targets

    ranker = upr_targets.TargetRanker().fit(_old_record())
    with pytest.warns(upr_targets.StaleDataWarning) as caught:
        ranker.rank("Kenya", themes=["Women's rights"])
    (w,) = caught.list
    assert w.filename == __file__  # points at the rank() call, not inside the library
    message = str(w.message)
    assert "The data cover sessions 1–17" in message
    assert "21 (2015), 35 (2020), 49 (2025)" in message
    assert "data_coverage(recommendations, 'Kenya')" in message
    with warnings.catch_warnings():
        warnings.simplefilter("error", upr_targets.StaleDataWarning)
        # a backtest-style query asks about the past: nothing to warn about
        ranker.rank("Kenya", themes=["Women's rights"], before_session=10)


def test_synthetic_data_do_not_warn(demo_ranker):
    import warnings

    import upr_targets

    with warnings.catch_warnings():
        warnings.simplefilter("error", upr_targets.StaleDataWarning)
        demo_ranker.rank("Kenya", themes=["Death penalty"])


def test_cli_says_it_once(upr_info_files, capsys):
    from _support.cli import run

    data = [a for f in upr_info_files for a in ("--data", str(f))]
    code, out, err = run(
        capsys, "rank", *data, "--sur", "Kenya", "--theme", "Torture", "--no-cache"
    )
    assert code == 0
    assert err.count("The data end before Kenya") == 1  # not again as a warning
    assert "StaleDataWarning" not in err
