"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    ROWS,
    check_report,
    make_uhri,
    write_csv,
)

import upr_targets
from upr_targets import (
    LoadError,
    UPRDataWarning,
    load_recommendations,
)
from upr_targets.io._decode import decode_bytes, decode_text


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


def test_a_byte_cp1252_leaves_undefined_leaves_mac_roman_alone():
    data = "Equité, Guaraní\r".encode("mac_roman") + b"\x81\r"
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp1252")  # the independent check: cp1252 cannot read it
    found = decode_text(data)
    assert found.encoding == "mac_roman"
    assert found.text == data.decode("mac_roman")
    assert found.why.startswith("the only code page that reads it")


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


def test_empty_file(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    with pytest.raises(LoadError, match=r"e\.csv is empty"):
        load_recommendations(tmp_path / "e.csv")


def test_header_only(tmp_path):
    with pytest.warns(UPRDataWarning, match="a header and no records"):
        df = load_recommendations(write_csv(tmp_path / "h.csv", []))
    assert len(df) == 0 and list(df.columns) == list(upr_targets.schema_table()["name"])
    s = check_report(df).summary
    assert (s.loc[0, "rows_read"], s.loc[0, "records_read"]) == (0, 0)


def test_truncated_mid_row(tmp_path):
    path = write_csv(tmp_path / "t.csv")
    path.write_bytes(path.read_bytes()[:-25])  # cut inside the last record
    with pytest.warns(UPRDataWarning, match="1 row rejected"):
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


def test_broken_excel_file(tmp_path):
    path = make_uhri(tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(
        LoadError, match=r"cut\.xlsx cannot be read as an Excel workbook"
    ):
        load_recommendations(path)


def test_join_lists_as_a_csv_cell_holds_them():
    import pandas as pd

    from upr_targets.io._tables import join_lists

    df = pd.DataFrame(
        {
            "themes": [["Torture", "Detention"], [], ("Torture", "Detention"), None],
            "text": ["a", "b", "c", "d"],
            "n": [1, 2, 3, 4],
        }
    )
    out = join_lists(df)
    assert out["themes"].tolist() == [
        "Torture; Detention",
        "",
        "Torture; Detention",
        None,
    ]
    assert out["text"].tolist() == ["a", "b", "c", "d"] and out["n"].tolist() == [
        1,
        2,
        3,
        4,
    ]
    assert df["themes"][0] == ["Torture", "Detention"]  # the caller's table unchanged
