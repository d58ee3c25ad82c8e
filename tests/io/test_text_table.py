"""Delimited text exports: nothing lost, nothing misread on the way in."""

from __future__ import annotations

import pytest
from _support.loaders import HEADER, check_report, load_quiet, write_csv

from upr_targets import LoadError


def _rows(n):
    return [
        f"France,WEOG,EU,Recommendation number {i} on torture,Brazil,GRULAC,,Accepted,5,Torture,2"
        for i in range(n)
    ]


def _stray_quote(rows, at, closes):
    rows = list(rows)
    rows[at] = rows[at].replace("Recommendation", '"Recommendation', 1)
    rows[closes] = rows[closes].replace(" on torture", ' on torture"', 1)
    return rows


def test_stray_quote_swallows_nothing(tmp_path):
    # before: 60 records read, 1 rejected, 140 vanished uncounted
    path = write_csv(tmp_path / "x.csv", _stray_quote(_rows(200), 9, 149))
    df = load_quiet(path)
    report = check_report(df)
    s = report.summary.iloc[0]
    assert s["records_read"] == 200 and s["rows_read"] == 200
    assert len(df) == 198 and s["rows_rejected"] == 2
    assert report.rejected["row"].tolist() == [11, 151]  # header is row 1
    assert report.rejected["reason"].str.contains("stray quote").all()
    kept = set(df["text"].str.extract(r"(\d+)")[0].astype(int))
    assert kept == set(range(200)) - {9, 149}


def test_stray_quote_never_closed(tmp_path):
    rows = _rows(50)
    rows[40] = rows[40].replace("Recommendation", '"Recommendation', 1)
    path = write_csv(tmp_path / "y.csv", rows)
    df = load_quiet(path)
    report = check_report(df)
    assert report.summary.iloc[0]["rows_read"] == 50
    assert len(df) == 49 and report.rejected["row"].tolist() == [42]


def test_long_field_does_not_crash(tmp_path):
    # before: _csv.Error: field larger than field limit (131072)
    rows = _rows(3)
    rows[1] = rows[1].replace("on torture", "on torture " + "x" * 300_000)
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    assert len(df) == 3 and df["text"].str.len().max() > 300_000


def test_file_cut_inside_a_quoted_field(tmp_path):
    rows = _rows(5) + ['France,WEOG,EU,"Ratify the conven']
    path = tmp_path / "x.csv"
    path.write_text("\n".join([HEADER, *rows]))  # no final line break
    df = load_quiet(path)
    report = check_report(df)
    assert len(df) == 5
    assert report.rejected["reason"].str.contains("ends inside").all()


def test_control_characters_removed_and_said(tmp_path):
    rows = _rows(2)
    rows[0] = rows[0].replace("number", "num\x00ber\x07")
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    assert df["text"].iloc[0] == "Recommendation number 0 on torture"
    assert any("2 control characters" in n for n in df.attrs["load_report"].notes)


def test_duplicate_header_label_is_said(tmp_path):
    header = HEADER + ",Text"
    rows = [r + ",another text" for r in _rows(2)]
    df = load_quiet(write_csv(tmp_path / "x.csv", rows, header=header))
    assert df["text"].iloc[0].startswith("Recommendation")
    flagged = df.attrs["load_report"].flagged
    assert flagged["issue"].str.contains("used twice").any()


def test_cp1252_with_crlf_and_apostrophes(tmp_path):
    # before: read as Mac Roman, "Women’s" -> "Womenís" in every text
    rows = [
        f"France,WEOG,EU,Protect women\u2019s rights defenders no. {i},Brazil,GRULAC,,"
        "Accepted,5,Women\u2019s rights,2"
        for i in range(50)
    ]
    path = write_csv(tmp_path / "x.csv", rows, sep="\r\n", encoding="cp1252")
    df = load_quiet(path)
    assert df["text"].str.contains("women\u2019s").all()
    report = df.attrs["load_report"]
    assert report.summary.iloc[0]["encoding"] == "cp1252"
    assert any("'cp1252' (high" in n for n in report.notes)


@pytest.mark.parametrize(
    ("encoding", "match"),
    [
        ("ascii", "byte 0x.. at line 2 cannot be read as 'ascii'"),
        ("no-such-codec", "not a known"),
    ],
)
def test_bad_encoding_argument(tmp_path, encoding, match):
    rows = ["France,WEOG,EU,Caf\u00e9 rights,Brazil,GRULAC,,Accepted,5,Torture,2"]
    path = write_csv(tmp_path / "x.csv", rows, encoding="cp1252")
    with pytest.raises(LoadError, match=match):
        load_quiet(path, encoding=encoding)


def test_original_text_kept_where_it_differs(tmp_path):
    rows = _rows(2)
    rows[0] = rows[0].replace("number", "num&#233;ro  ")
    df = load_quiet(write_csv(tmp_path / "x.csv", rows))
    assert df["text"].iloc[0] == "Recommendation numéro 0 on torture"
    assert df["source_text"].iloc[0] == "Recommendation num&#233;ro   0 on torture"
    assert df["source_text"].isna().iloc[1]


@pytest.mark.parametrize(
    "text",
    [
        "a\r\nb\r\n",
        "a\rb\rc",
        "a\nb\n\n",
        "\n\n  a\r\n\rb\n\u2028\n",
        "a\r\n\r\nb",
        " \t\n ",
        "é\rü\r\n\u00a0\r",
        "",
    ],
)
def test_count_lines_is_the_stripped_texts_line_count(text):
    from upr_targets.io._text_table import _count_lines

    s = text.strip()
    expected = 1 + s.count("\n") + s.count("\r") - s.count("\r\n")
    assert _count_lines(text, text.encode("utf-8", "surrogatepass")) == expected
