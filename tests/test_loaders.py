"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import upr_targets
from upr_targets import (
    FORMATS,
    LoadError,
    LoadReport,
    UnknownFormatError,
    UnknownStateError,
    UPRDataWarning,
    load_recommendations,
)
from upr_targets._loaders import decode_bytes, detect_format

DATA = Path(__file__).parent / "data" / "loaders"

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROWS = [
    'France,WEOG,EU,"Ratify CED, without delay",Brazil,GRULAC,OAS,Accepted,5,"International instruments, Enforced disappearances",2',
    "France,WEOG,EU,Abolish the d&#233;tention of minors,Chile,GRULAC,OAS,Noted,4,Detention,2",
    "Brazil,GRULAC,OAS,Share experience on Bolsa Fam\u00edlia,Angola,Africa,AU,Accepted,1,Poverty,1",
]


def write_csv(
    path: Path, rows=ROWS, header=HEADER, *, sep="\n", encoding="utf-8"
) -> Path:
    path.write_bytes((sep.join([header, *rows]) + sep).encode(encoding))
    return path


def check_report(df: pd.DataFrame) -> LoadReport:
    report = df.attrs["load_report"]
    s = report.summary
    assert (s["rows_read"] == s["rows_kept"] + s["rows_rejected"]).all()
    assert int(s["rows_kept"].sum()) == len(df)
    upr_targets.validate(df)
    return report


def load_quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        return load_recommendations(*args, **kwargs)


# --------------------------------------------------------------------------
# real data
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# formats from fixtures
# --------------------------------------------------------------------------
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
    ] or list(df["recommending_state"])[:4] == [
        "Republic of Korea",
        "Chile",
        "Peru",
        "Spain",
    ]
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


UHRI_HEADER = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]
UHRI_ROWS = [
    [
        "Ratify the Optional Protocol to the Convention against Torture",
        "- Mali",
        "- Universal Periodic Review",
        "A/HRC/38/7",
        "- D26 Conditions of detention\n- D25 Prohibition of torture and cruel, inhuman or degrading treatment",
        "- persons deprived of their liberty",
        "- 16 - Peace, justice and strong institutions\n- 16.3",
        43173,
        "- France\n- Germany\n- Ghana",
        "Supported",
        "Recommendation",
        "f1b2c3",
        "- 29th Session - Cycle 3",
        "- Africa",
        "- Western European and Others Group\n- Africa",
        44000,
    ],
    [
        "Abolish the death penalty",
        "- Brazil",
        "- Universal Periodic Review",
        "A/HRC/36/11",
        "- D23 Death penalty",
        "- general",
        "",
        43000,
        "- Australia",
        "Noted",
        "Recommendation",
        "a9e8d7",
        "- 27th Session - Cycle 3",
        "- Latin America and the Caribbean",
        "- Western European and Others Group",
        44000,
    ],
    [
        "Adopt a law against torture",
        "- Mali",
        "- Committee against Torture",
        "CAT/C/MLI/CO/2",
        "- D25 Prohibition of torture",
        "",
        "",
        43000,
        "",
        "",
        "Recommendation",
        "zz99",
        "",
        "- Africa",
        "",
        44000,
    ],
]


def make_uhri(path: Path, header=UHRI_HEADER, rows=UHRI_ROWS) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture(params=["openpyxl", "calamine"])
def excel_engine(request, monkeypatch):
    if request.param == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setattr("upr_targets._loaders.excel_engine", lambda: request.param)
    return request.param


def test_uhri_export(tmp_path, excel_engine):
    with pytest.warns(UPRDataWarning, match="not a UPR recommendation"):
        df = load_recommendations(make_uhri(tmp_path / "uhri.xlsx"))
    report = check_report(df)
    s = report.summary.iloc[0]
    assert s["format"] == "uhri"
    assert (s["records_read"], s["rows_read"], s["rows_kept"], s["rows_rejected"]) == (
        3,
        5,
        4,
        1,
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
    rej = report.rejected
    assert list(rej["row"]) == [4] and "not a UPR" in rej.loc[0, "reason"]


def test_uhri_session_from_cycle_and_date_when_missing(tmp_path):
    rows = [list(UHRI_ROWS[1])]
    rows[0][12] = ""  # no UPR Session: Brazil, published 2017-09 (serial 43000)
    df = load_quiet(make_uhri(tmp_path / "uhri.xlsx", UHRI_HEADER, rows))
    assert df.loc[0, "session"] == 27 and df.loc[0, "year"] == 2017


def test_uhri_correctly_spelt_headers(tmp_path):
    header = [h.replace("Reccomending", "Recommending") for h in UHRI_HEADER]
    df = load_quiet(make_uhri(tmp_path / "uhri.xlsx", header, UHRI_ROWS[:2]))
    assert len(df) == 4 and df.attrs["load_report"].summary.loc[0, "format"] == "uhri"


def test_directory_list_and_glob(tmp_path):
    write_csv(tmp_path / "a.csv")
    write_csv(tmp_path / "b.csv", ROWS[:1])
    (tmp_path / "notes.md").write_text("not data")
    assert len(load_quiet(tmp_path)) == 4
    assert len(load_quiet([tmp_path / "a.csv", str(tmp_path / "b.csv")])) == 4
    assert len(load_quiet(str(tmp_path / "*.csv"))) == 4


def test_format_given_explicitly(tmp_path):
    df = load_recommendations(write_csv(tmp_path / "x.csv"), format="upr-info")
    assert "format 'upr-info' (given)" in " ".join(df.attrs["load_report"].notes)
    with pytest.raises(LoadError, match="unknown format 'nope'"):
        load_recommendations(tmp_path / "x.csv", format="nope")


def test_formats_registry():
    assert {"upr-info", "upr-info-uwazi", "dihr", "uhri"} <= set(FORMATS)
    assert FORMATS["upr-info"].key_columns == [
        "To",
        "Text",
        "From",
        "Response",
        "Session",
    ]


def test_auto_format_is_logged(tmp_path, caplog):
    caplog.set_level("INFO", logger="upr_targets")
    load_recommendations(write_csv(tmp_path / "x.csv"))
    assert "format 'upr-info'" in caplog.text
    assert detect_format(DATA / "uwazi_comma.csv") == "upr-info-uwazi"


# --------------------------------------------------------------------------
# encodings and line endings
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "mac_roman", "utf-16"]
)
def test_encodings(tmp_path, encoding):
    df = load_recommendations(write_csv(tmp_path / "x.csv", encoding=encoding))
    assert df.loc[2, "text"] == "Share experience on Bolsa Família"
    used = df.attrs["load_report"].summary.loc[0, "encoding"]
    assert used.replace("-le", "") == encoding or (
        encoding == "utf-8-sig" and used == "utf-8-sig"
    )


def test_mac_roman_vs_cp1252_heuristic():
    # bytes 0x8e / 0x92 / 0x88: é / í / à in Mac Roman, Ž / ’ / ˆ in cp1252
    data = "Instance Equité, Guaraní Kaiowá, vis-à-vis".encode("mac_roman")
    assert decode_bytes(data) == (
        "Instance Equité, Guaraní Kaiowá, vis-à-vis",
        "mac_roman",
    )
    data = "Équipe de l’État, café “crème”".encode("cp1252")
    assert decode_bytes(data)[1] == "cp1252"


@pytest.mark.parametrize("sep", ["\r", "\r\n", "\n"])
def test_line_endings(tmp_path, sep):
    rows = [
        *ROWS,
        'Chile,GRULAC,OAS,"Two\rline text",Peru,GRULAC,OAS,Accepted,3,Justice,5',
    ]
    df = load_recommendations(write_csv(tmp_path / "x.csv", rows, sep=sep))
    assert len(df) == 4 and df.loc[3, "text"] == "Two line text"


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
def test_empty_file(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    with pytest.raises(LoadError, match=r"e\.csv is empty"):
        load_recommendations(tmp_path / "e.csv")


def test_header_only(tmp_path):
    df = load_recommendations(write_csv(tmp_path / "h.csv", []))
    assert len(df) == 0 and list(df.columns) == list(upr_targets.schema_table()["name"])
    s = check_report(df).summary
    assert (s.loc[0, "rows_read"], s.loc[0, "records_read"]) == (0, 0)


def test_truncated_mid_row(tmp_path):
    path = write_csv(tmp_path / "t.csv")
    path.write_bytes(path.read_bytes()[:-25])  # cut inside the last record
    with pytest.warns(UPRDataWarning, match="1 rows rejected"):
        df = load_recommendations(path)
    report = check_report(df)
    assert len(df) == 2
    assert list(report.rejected["row"]) == [4]
    assert "cut" in report.rejected.loc[0, "reason"]


def test_truncated_inside_quoted_field(tmp_path):
    path = write_csv(
        tmp_path / "t.csv",
        [*ROWS, 'Chile,GRULAC,OAS,"Guarantee the rights of'],
        sep="\r",
    )
    path.write_bytes(path.read_bytes().rstrip(b"\r"))
    with pytest.warns(UPRDataWarning):
        df = load_recommendations(path)
    report = check_report(df)
    assert len(df) == 3 and list(report.rejected["row"]) == [5]
    assert (
        "quoted field" in report.rejected.loc[0, "reason"]
        or "cut" in report.rejected.loc[0, "reason"]
    )


def test_truncated_inside_quoted_last_column(tmp_path):
    header = "To,From,Response,Session,Text"
    rows = [
        'France,Chile,Accepted,2,"Ratify CED"',
        'France,Peru,Noted,2,"Guarantee the rights of',
    ]
    path = tmp_path / "t.csv"
    path.write_text("\n".join([header, *rows]))
    with pytest.warns(UPRDataWarning, match="quoted field"):
        df = load_recommendations(path)
    assert len(df) == 1 and list(check_report(df).rejected["row"]) == [3]


def test_record_with_too_many_fields(tmp_path):
    rows = [
        *ROWS,
        "Chile,GRULAC,OAS,Ratify CED, now,Peru,GRULAC,OAS,Accepted,3,Justice,5",
    ]
    with pytest.warns(UPRDataWarning):
        df = load_recommendations(write_csv(tmp_path / "x.csv", rows))
    rej = check_report(df).rejected
    assert (
        len(df) == 3 and "12 fields" in rej.loc[0, "reason"] and rej.loc[0, "row"] == 5
    )


def test_missing_required_column_suggests_closest(tmp_path):
    header = HEADER.replace("Response", "Respons")
    with pytest.raises(LoadError) as exc:
        load_recommendations(write_csv(tmp_path / "m.csv", ROWS, header))
    msg = str(exc.value)
    assert "m.csv" in msg and "['Response']" in msg
    assert "column 'Respons' looks like 'Response'" in msg and "columns seen" in msg


def test_renamed_columns_accepted(tmp_path):
    header = (
        "to, TO_RGRP ,To Org,TEXT,from,From rgrp,From-org,RESPONSE,action,ISSUE,Session"
    )
    df = load_recommendations(write_csv(tmp_path / "r.csv", ROWS, header))
    assert len(df) == 3 and df.loc[0, "recommending_state"] == "Brazil"


def test_unknown_format(tmp_path):
    path = write_csv(tmp_path / "u.csv", ["1,2,3"], "alpha,beta,gamma")
    with pytest.raises(UnknownFormatError) as exc:
        load_recommendations(path)
    msg = str(exc.value)
    assert "['alpha', 'beta', 'gamma']" in msg
    for name in ("upr-info", "upr-info-uwazi", "dihr", "uhri"):
        assert repr(name) in msg
    assert "Tekst" in msg  # key columns are listed


def test_unknown_state_names_file_row_column(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,Do more,Westerosia,WEOG,EU,Accepted,3,Justice,2"]
    with pytest.raises(UnknownStateError) as exc:
        load_recommendations(write_csv(tmp_path / "s.csv", rows))
    msg = str(exc.value)
    assert (
        "'Westerosia'" in msg and "'From'" in msg and "row 5" in msg and "s.csv" in msg
    )
    assert "did you mean" in msg


def test_placeholder_state_kept_and_reported(tmp_path):
    rows = [
        *ROWS,
        "France,WEOG,EU,Do more,&#40;Unknown&#41;,&#40;Unknown&#41;,,Accepted,3,Justice,2",
    ]
    with pytest.warns(UPRDataWarning, match="no recommending State"):
        df = load_recommendations(write_csv(tmp_path / "p.csv", rows))
    assert len(df) == 4 and df.loc[3, "recommending_state"] is pd.NA
    flagged = df.attrs["load_report"].flagged
    assert flagged.loc[0, "value"] == "(Unknown)" and flagged.loc[0, "row"] == 5


def test_unknown_session_and_out_of_range_values(tmp_path):
    rows = [
        "France,WEOG,EU,Do more,Chile,GRULAC,OAS,Accepted,9,Justice,999",
        "France,WEOG,EU,Do less,Chile,GRULAC,OAS,Maybe,2,Not a theme at all,2",
        "France,WEOG,EU,Do it,Peru,GRULAC,OAS,,x,Justice,two",
    ]
    with pytest.warns(UPRDataWarning) as rec:
        df = load_recommendations(write_csv(tmp_path / "o.csv", rows))
    message = str(rec[0].message)
    assert (
        "session not in the UPR calendar" in message and "set to 'unclear'" in message
    )
    report = check_report(df)
    assert len(df) == 3
    assert df["session"].isna().tolist() == [True, False, True]
    assert df["action_category"].isna().tolist() == [True, False, True]
    assert list(df["response"]) == ["supported", "unclear", "unclear"]
    assert df.loc[1, "themes"] == [] and df.loc[1, "source_themes"] == [
        "Not a theme at all"
    ]
    issues = report.flagged.groupby("column")["row"].apply(sorted).to_dict()
    assert issues["Session"] == [2, 4] and issues["Action"] == [2, 4]
    assert issues["Response"] == [3, 4] and issues["Issue"] == [3]


def test_session_inconsistent_with_calendar_flagged(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,Do more,Chile,GRULAC,OAS,Accepted,3,Justice,5"]
    with pytest.warns(UPRDataWarning, match="does not list this State"):
        df = load_recommendations(write_csv(tmp_path / "c.csv", rows))
    assert df.loc[3, "session"] == 5
    flagged = df.attrs["load_report"].flagged
    assert flagged[["row", "value"]].iloc[0].tolist() == [5, "France, session 5"]


def test_blank_text_rejected(tmp_path):
    rows = [*ROWS, "France,WEOG,EU,   ,Chile,GRULAC,OAS,Accepted,3,Justice,2"]
    with pytest.warns(UPRDataWarning, match="blank recommendation text"):
        df = load_recommendations(write_csv(tmp_path / "b.csv", rows))
    report = check_report(df)
    assert len(df) == 3
    assert report.rejected[["row", "column", "reason"]].iloc[0].tolist() == [
        5,
        "Text",
        "blank recommendation text",
    ]
    assert report.summary.loc[0, "rows_read"] == 4


def test_duplicates_reported_and_kept(tmp_path):
    with pytest.warns(UPRDataWarning, match="duplicate"):
        df = load_recommendations(write_csv(tmp_path / "d.csv", [*ROWS, ROWS[0]]))
    assert len(df) == 4
    flagged = df.attrs["load_report"].flagged
    assert (
        flagged.loc[0, "row"] == 5
        and flagged.loc[0, "value"] == "duplicate of d.csv row 2"
    )


def test_no_warning_on_clean_file(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_recommendations(write_csv(tmp_path / "x.csv"))


def test_broken_excel_file(tmp_path):
    path = make_uhri(tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(
        LoadError, match=r"cut\.xlsx cannot be read as an Excel workbook"
    ):
        load_recommendations(path)


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        load_recommendations(tmp_path / "nope.csv")
