"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    DATA,
    check_report,
    write_csv,
)

from upr_targets import (
    UnknownStateError,
    load_recommendations,
)


def test_upr_info_real_files(upr_info):
    df = upr_info
    report = check_report(df)
    assert len(df) == 33_082
    assert report.summary["rows_rejected"].sum() == 0
    assert set(report.summary["format"]) == {"upr-info"}
    assert set(report.summary["encoding"]) == {"mac_roman"}
    assert set(df["response"]) == {"supported", "noted"}
    assert (df["response"] == "supported").sum() == 24_378
    # the 9 "(Unknown)" recommending States: kept, flagged, State missing
    unknown = df[df["recommending_state"].isna()]
    assert len(unknown) == 9
    assert set(unknown["sur"]) == {"Indonesia"} and set(unknown["session"]) == {1}
    assert df["sur_iso3"].notna().all() and df["rs_iso3"].notna().sum() == 33_073
    assert df["session"].notna().mean() == 1.0
    assert df["cycle"].isin([1, 2]).all()
    assert df["session"].max() == 17 and df["action_category"].notna().all()
    # Mac Roman decoded: "Equité", "Guaraní"; HTML entities decoded
    assert df["text"].str.contains("Equité").any()
    assert df["text"].str.contains("Guaraní").any()
    assert not df["text"].str.contains("&#", regex=False).any()
    assert df["themes"].map(len).sum() == df["source_themes"].map(len).sum()
    # groups come from the States registry: only the Holy See has none
    no_group = df["rs_group"].isna() & df["rs_iso3"].notna()
    assert set(df.loc[no_group, "rs_iso3"]) == {"VAT"}


def test_upr_info_pipe_header_with_duplicate_columns():
    df = load_recommendations(DATA / "upr_info_pipe.csv")
    check_report(df)
    assert list(df["recommending_state"]) == [
        "Algeria",
        "Egypt",
        "Holy See",
        "State of Palestine",
    ]
    assert list(df["rs_group"].fillna("none")) == [
        "African",
        "African",
        "none",
        "Asia-Pacific",
    ]
    assert list(df["response"]) == ["noted", "supported", "supported", "supported"]
    assert df.loc[0, "themes"] == ["Migrants", "International instruments"]
    assert (
        df.loc[1, "text"]
        == "Strengthen efforts to combat racism, xenophobia and discrimination"
    )
    assert list(df["source_row"]) == [2, 3, 4, 5]


def test_upr_info_comma_header(tmp_path):
    df = load_recommendations(write_csv(tmp_path / "x.csv"))
    report = check_report(df)
    assert report.summary.loc[0, "format"] == "upr-info"
    assert df.loc[1, "text"] == "Abolish the détention of minors"
    assert df.loc[0, "themes"] == [
        "International instruments",
        "Enforced disappearances",
    ]
    assert list(df["session"]) == [2, 2, 1] and list(df["year"]) == [2008, 2008, 2008]
    assert df.loc[0, "sur_group"] == "WEOG" and df.loc[2, "rs_group"] == "African"


@pytest.mark.parametrize("name", ["uwazi_comma.csv", "uwazi_newline.csv"])
def test_uwazi_multi_state_rows_split(name):
    df = load_recommendations(DATA / name)
    report = check_report(df)
    s = report.summary.iloc[0]
    assert s["format"] == "upr-info-uwazi"
    assert s["records_read"] == 3 and s["rows_read"] == 6 and s["rows_kept"] == 6
    assert list(df["recommending_state"]) == [
        "Portugal",
        "Spain",
        "Uruguay",
        "Iran",
        "Venezuela",
        "Mali",
    ]
    assert df["recommendation_id"].nunique() == 3
    assert df.loc[:2, "recommendation_id"].nunique() == 1
    assert list(df["source_row"]) == [2, 2, 2, 3, 3, 4]
    assert list(df["response"]) == ["supported"] * 3 + ["noted"] * 2 + ["not supported"]
    assert list(df["action_category"]) == [5, 5, 5, 4, 4, 1]
    assert (
        set(df["session"]) == {29}
        and set(df["cycle"]) == {3}
        and set(df["year"]) == {2018}
    )
    assert df.loc[0, "paragraph"] == "141.20.3"
    assert df.loc[0, "themes"] == ["International instruments", "ESC rights - general"]
    assert (
        df.loc[3, "text"] == "Continue efforts to combat hate speech & discrimination"
    )


def test_uwazi_state_cells_with_commas_and_pipes(tmp_path):
    header = "State under Review,Recommendation,Recommending State,Response,Session"
    rows = [
        'Brazil,Do more,"Korea, Republic of",Supported,01/05/2017',
        'Brazil,Do less,"Chile | Peru; Spain",Noted,01/05/2017',
        'Brazil,Do it,"Korea, Republic of, Chile",Noted,01/05/2017',
    ]
    df = load_recommendations(write_csv(tmp_path / "u.csv", rows, header))
    assert list(df["recommending_state"]) == [
        "Republic of Korea",
        "Chile",
        "Peru",
        "Spain",
        "Republic of Korea",
        "Chile",
    ]
    assert df.groupby("recommendation_id", sort=False).size().tolist() == [1, 3, 2]
    assert set(df["session"]) == {27}


def test_uwazi_unknown_state_in_multi_cell(tmp_path):
    header = "State under Review,Recommendation,Recommending State,Response,Session"
    rows = ['Brazil,Do more,"Chile, Westerosia",Supported,01/05/2017']
    with pytest.raises(UnknownStateError, match="Recommending State"):
        load_recommendations(write_csv(tmp_path / "u.csv", rows, header))


def test_uwazi_header_variants_case_and_punctuation(tmp_path):
    text = (DATA / "uwazi_comma.csv").read_text()
    header, rest = text.split("\n", 1)
    header = (
        header.replace("State under Review,", "STATE UNDER REVIEW,")
        .replace("Recommending State,", "recommending_state,")
        .replace("Action Category", "Action category")
    )
    df = load_recommendations(write_csv(tmp_path / "u.csv", [rest.strip()], header))
    assert len(df) == 6 and df["session"].eq(29).all()
