"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

from _support.loaders import (
    UHRI_HEADER,
    UHRI_ROWS,
    check_report,
    load_quiet,
    make_uhri,
)

from upr_targets import (
    load_recommendations,
)


def test_uhri_export(tmp_path):
    df = load_recommendations(make_uhri(tmp_path / "uhri.xlsx"))
    report = check_report(df)
    s = report.summary.iloc[0]
    assert s["format"] == "uhri"
    # the treaty body's recommendation is skipped (not an error), and said
    assert (s["records_read"], s["rows_read"], s["rows_kept"], s["rows_rejected"]) == (
        2,
        4,
        4,
        0,
    )
    assert any(
        "1 recommendations of other mechanisms skipped" in n for n in report.notes
    )
    assert list(df["recommending_state"]) == ["France", "Germany", "Ghana", "Australia"]
    assert list(df["sur"]) == ["Mali"] * 3 + ["Brazil"]
    assert list(df["response"]) == ["supported"] * 3 + ["noted"]
    assert list(df["session"]) == [29, 29, 29, 27] and set(df["cycle"]) == {3}
    assert df.loc[:2, "recommendation_id"].nunique() == 1
    assert df.loc[0, "sdgs"] == ["16", "16.3"]
    assert (
        "Detention" in df.loc[0, "themes"]
        and "Torture and other CID treatment" in df.loc[0, "themes"]
    )
    assert df.loc[3, "themes"][0] == "Death penalty"
    assert "D26 Conditions of detention" in df.loc[0, "source_themes"]
    assert df.loc[0, "document"] == "A/HRC/38/7"
    assert report.rejected.empty


def test_uhri_session_from_cycle_and_date_when_missing(tmp_path):
    rows = [list(UHRI_ROWS[1])]
    rows[0][12] = ""  # no UPR Session: Brazil, published 2017-09 (serial 43000)
    df = load_quiet(make_uhri(tmp_path / "uhri.xlsx", UHRI_HEADER, rows))
    assert df.loc[0, "session"] == 27 and df.loc[0, "year"] == 2017


def test_uhri_correctly_spelt_headers(tmp_path):
    header = [h.replace("Reccomending", "Recommending") for h in UHRI_HEADER]
    df = load_quiet(make_uhri(tmp_path / "uhri.xlsx", header, UHRI_ROWS[:2]))
    assert len(df) == 4 and df.attrs["load_report"].summary.loc[0, "format"] == "uhri"
