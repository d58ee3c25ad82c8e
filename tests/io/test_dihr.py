"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    DATA,
    check_report,
    load_quiet,
)

from upr_targets import (
    UPRDataWarning,
    load_recommendations,
)


@pytest.fixture(scope="module")
def dihr(shared_data):
    path = shared_data / "dihr" / "upr-cycle1.xlsx"
    if not path.exists():
        pytest.skip("DIHR export not in shared data")
    return load_quiet(path)


def test_dihr_real_file(dihr):
    df = dihr
    report = check_report(df)
    assert len(df) == 20_678
    assert report.summary.loc[0, "format"] == "dihr"
    assert set(df["response"]) == {"supported", "noted"}
    assert df["recommending_state"].notna().all()
    assert df["session"].notna().mean() >= 0.95
    assert set(df["cycle"].dropna()) == {1}
    assert df["sdgs"].map(len).gt(0).sum() > 10_000
    first = df.iloc[0]
    assert first["document"] == "A/HRC/12/9" and first["paragraph"] == "95.1"
    assert first["sur"] == "Afghanistan"
    assert (
        df.loc[df["sdgs"].map(lambda v: "5.2" in v), "sdgs"]
        .map(lambda v: "5" in v)
        .all()
    )
    # concatenated keywords split: "Women and girlsChildren"
    assert not df["source_themes"].map(lambda v: "Women and girlsChildren" in v).any()
    assert df["source_themes"].map(lambda v: "LGBTI" in v).sum() > 400


def test_dihr_fixture():
    with pytest.warns(UPRDataWarning, match="keyword not in the theme crosswalk"):
        df = load_recommendations(DATA / "dihr_sample.csv")
    report = check_report(df)
    assert report.summary.loc[0, "format"] == "dihr"
    assert list(df["sur"]) == ["France", "France", "Brazil"]
    assert list(df["recommending_state"]) == ["United Kingdom", "Algeria", "Holy See"]
    assert list(df["session"]) == [2, 2, 1] and set(df["cycle"]) == {1}
    assert list(df["document"]) == ["A/HRC/8/47", "A/HRC/8/47", "A/HRC/8/27"]
    assert df["paragraph"].tolist()[:2] == ["60.1", "60"] and df["paragraph"].isna()[2]
    assert df.loc[0, "sdgs"] == ["5", "16", "5.2", "16.1"] and df.loc[1, "sdgs"] == []
    assert df.loc[0, "source_themes"] == ["Women and girls", "Children"]
    assert df.loc[1, "source_themes"] == ["LGBTI", "Migrants"]
    assert "Women's rights" in df.loc[0, "themes"] and "Migrants" in df.loc[1, "themes"]
    assert df["action_category"].isna().all()
    flagged = report.flagged
    assert flagged[["row", "value"]].values.tolist() == [[4, "Older persons"]]


def test_same_recommendation_in_two_sources_flagged():
    with pytest.warns(UPRDataWarning, match="another export"):
        df = load_recommendations(
            [DATA / "upr_info_pipe.csv", DATA / "dihr_sample.csv"]
        )
    assert len(df) == 7
    flagged = df.attrs["load_report"].flagged
    cross = flagged[flagged["issue"].str.contains("another export")]
    assert cross[["file", "row"]].values.tolist() == [
        ["dihr_sample.csv", 3],
        ["dihr_sample.csv", 4],
    ]
    assert cross["value"].tolist() == [
        "duplicate of upr_info_pipe.csv row 2",
        "duplicate of upr_info_pipe.csv row 4",
    ]
