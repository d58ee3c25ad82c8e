"""Readers of UN Working Group report PDFs and OHCHR UPR matrices (.docx)."""

from __future__ import annotations

import warnings

import pytest
from _support.documents import (
    DATA,
    INTRO,
    TITLE,
    _check_raw,
    _load,
    _pages,
    _report,
)

from upr_targets import LoadError, UPRDataWarning
from upr_targets.io._pdf import (
    classify_response,
    extract_pdf_pages,
    parse_un_report_text,
)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # cycle 1
        (
            "The recommendations formulated during the interactive dialogue have been "
            "examined by Chad and the recommendations listed below enjoy the support "
            "of Chad:",
            "supported",
        ),
        ("Chad accepted the following recommendations:", "supported"),
        (
            "Chad considers that the following recommendations are already implemented "
            "or in the process of implementation:",
            "supported",
        ),
        (
            "The following recommendations will be examined by Chad, which will provide "
            "responses in due time. The response of Chad to these recommendations will "
            "be included in the outcome report adopted by the Human Rights Council at "
            "its eighth session:",
            "unclear",
        ),
        (
            "The response of the Republic of Korea to these recommendations will be "
            "included in the outcome report adopted by the Human Rights Council at its "
            "eighth session.",
            "unclear",
        ),
        ("The recommendations below did not enjoy the support of Chad:", "noted"),
        ("Chad rejected the following recommendations:", "noted"),
        (
            "In the course of the discussion, the following recommendations were made to Chad:",
            None,
        ),
        # cycles 2 and later
        (
            "The following recommendations have been examined by Kenya and enjoy the "
            "support of Kenya:",
            "supported",
        ),
        (
            "The following recommendations will be examined by Albania, which will "
            "provide responses in due time, but no later than the forty-second session "
            "of the Human Rights Council:",
            "unclear",
        ),
        ("The following recommendations have been noted by Kenya:", "noted"),
        (
            "The following recommendations did not enjoy the support of Kenya and have "
            "thus been noted:",
            "noted",
        ),
    ],
)
def test_classify_response(paragraph, expected):
    assert classify_response(paragraph) == expected


def test_parse_cycle1_neutral_list_then_deferred_response():
    body = """II. CONCLUSIONS AND/OR RECOMMENDATIONS
64. In the course of the discussion, the following recommendations were made to
Chad:
1. To ratify the Convention (Brazil);
2. To withdraw reservations (Algeria, Mexico);
3. To adopt a law (Canada).
65. The response of Chad to these recommendations will be included in
the outcome report adopted by the Human Rights Council at its eighth session.
66. All conclusions and/or recommendations contained in the present report reflect"""
    raw = parse_un_report_text(_report(body), source="A_HRC_8_99-EN.pdf")
    assert raw["paragraph"].tolist() == ["64.1", "64.2", "64.2", "64.3"]
    assert set(raw["response"]) == {"unclear"}
    assert raw["document"].iloc[0] == "A/HRC/8/99"
    assert (raw["session"] == 2).all() and (raw["year"] == 2008).all()
    assert raw.groupby("recommendation_id").size().max() == 2


def test_parse_cycle1_status_paragraph_names_recommendations():
    body = """II. CONCLUSIONS AND/OR RECOMMENDATIONS
64. The following recommendations were made to Chad:
1. To ratify the Convention (Brazil);
2. To withdraw reservations (Algeria);
3. To abolish the death penalty (Italy).
65. Chad accepted recommendations 1 and 2.
66. Chad rejected recommendation 3.
67. All conclusions and/or recommendations contained in the present report"""
    raw = parse_un_report_text(_report(body))
    assert dict(zip(raw["paragraph"], raw["response"], strict=True)) == {
        "64.1": "supported",
        "64.2": "supported",
        "64.3": "noted",
    }


def test_parse_cycle1_status_paragraph_names_the_list():
    body = """II. CONCLUSIONS AND/OR RECOMMENDATIONS
64. The following recommendations were made to Chad:
1. To ratify the Convention (Brazil);
2. To abolish the death penalty (Italy).
65. The recommendations contained in paragraph 64 enjoy the support of Chad.
66. All conclusions and/or recommendations contained in the present report"""
    raw = parse_un_report_text(_report(body))
    assert raw["response"].tolist() == ["supported", "supported"]


def test_parse_cycle3_lists_headers_and_hyphens():
    page2 = """A/HRC/44/99
2
II. Conclusions and/or recommendations
140. The following recommendations enjoy the support of Kenya:
140.1 Ratify the Optional Protocol (Portugal)
(Spain);
140.2 Ensure non-
discriminatory access to health care (Brazil);
140.3 Strengthen inter-
national cooperation with international partners (Fiji).
141. The following recommendations have been noted by Kenya:
141.1 Abolish the death penalty (Italy, Mexico);"""
    page3 = """A/HRC/44/99
3
141.2 Repeal the law on sedition (United Kingdom of Great Britain and
Northern Ireland).
142. All conclusions and/or recommendations contained in the present report"""
    pages = [
        TITLE.format(sur="Kenya") + INTRO.format(session="thirty-fifth", year=2020),
        page2,
        page3,
    ]
    raw = parse_un_report_text(pages, source="A_HRC_44_99-EN.pdf")
    one = raw.drop_duplicates("recommendation_id").set_index("paragraph")
    assert one.loc["140.1", "text"] == "Ratify the Optional Protocol"
    assert one.loc["140.2", "text"] == "Ensure non-discriminatory access to health care"
    assert one.loc["140.3", "text"].startswith("Strengthen international cooperation")
    assert one.loc["141.2", "source_row"] == 3  # the page
    assert "A/HRC" not in " ".join(raw["text"])
    assert raw["response"].tolist() == ["supported"] * 4 + ["noted"] * 3
    assert (raw["session"] == 35).all() and (raw["sur"] == "Kenya").all()


def test_parse_lettered_items_and_heading_over_two_lines():
    body = """II. Conclusions and
recommendations
70. Chad accepted the following recommendations:
(a) To ratify the Convention (Brazil);
(b) To train judges (Chile).
71. The following recommendations did not enjoy the support of Chad:
(a) To abolish the death penalty (Italy).
72. All conclusions and/or recommendations contained"""
    raw = parse_un_report_text(_report(body))
    assert raw["paragraph"].tolist() == ["70(a)", "70(b)", "71(a)"]
    assert raw["response"].tolist() == ["supported", "supported", "noted"]
    assert raw["recommending_state"].tolist() == ["Brazil", "Chile", "Italy"]


def test_parse_drops_footnotes_below_separator():
    page2 = """II. Conclusions and/or recommendations
95. The following recommendations enjoy the support of Chad:
95.1 Ratify the Convention (Brazil);2
95.2 Train judges on
_________________________
2 As read during the interactive dialogue.
GE.19-11255"""
    page3 = """A/HRC/42/99
3
gender equality (Chile).
96. All conclusions and/or recommendations contained"""
    raw = parse_un_report_text(_report(page2) + [page3])
    assert raw["text"].tolist() == [
        "Ratify the Convention",
        "Train judges on gender equality",
    ]
    assert raw["recommending_state"].tolist() == ["Brazil", "Chile"]


def test_parse_warns_about_missing_numbers():
    body = """II. Conclusions and/or recommendations
95. The following recommendations enjoy the support of Chad:
95.1 Ratify it (Brazil);
95.3 Ratify that (Chile).
96. All conclusions and/or recommendations contained"""
    with pytest.warns(UPRDataWarning, match=r"95\.2"):
        raw = parse_un_report_text(_report(body))
    assert raw["paragraph"].tolist() == ["95.1", "95.3"]


def test_parse_keeps_recommendation_without_state():
    body = """II. Conclusions and/or recommendations
95. The following recommendations enjoy the support of Chad:
95.1 Ratify the Convention;
95.2 Ratify that (Chile).
96. All conclusions and/or recommendations contained"""
    raw = parse_un_report_text(_report(body))
    assert len(raw) == 2
    assert raw["recommending_state"].isna().tolist() == [True, False]


def test_parse_not_a_upr_report():
    with pytest.raises(LoadError, match=r"letter\.pdf.*Report of the Working Group"):
        parse_un_report_text(
            ["Annual report of the Special Rapporteur\n1. Text."], source="letter.pdf"
        )


def test_parse_without_recommendations_section():
    with pytest.raises(LoadError, match="Conclusions and/or recommendations"):
        parse_un_report_text(_report("1. Nothing here."), source="x.pdf")


def test_pdf_fixture_cycle1():
    pages = extract_pdf_pages(DATA / "report_cycle1.pdf")
    raw = parse_un_report_text(pages, source="report_cycle1.pdf")
    one = raw.drop_duplicates("recommendation_id").set_index("paragraph")
    assert list(one.index) == [
        "60.1",
        "60.2",
        "60.3",
        "60.4",
        "61.1",
        "61.2",
        "62.1",
        "62.2",
        "62.3",
    ]
    assert (
        one["response"].tolist() == ["supported"] * 4 + ["unclear"] * 2 + ["noted"] * 3
    )
    assert (
        one.loc["60.4", "text"]
        == "To adopt a comprehensive strategy to protect the rights of the child"
    )
    # recommendation 61.1 runs over a page break; the running header is dropped
    assert one.loc["61.1", "text"].endswith("Members of Their Families")
    states = raw.groupby("paragraph", sort=False)["recommending_state"].agg(list)
    assert states["60.1"] == ["Portugal", "Spain"]
    assert states["60.2"] == ["France", "Mexico"]
    assert states["60.3"] == ["Belgium", "Italy", "Mexico"]
    assert states["62.2"] == ["Iran (Islamic Republic of)"]
    assert raw["sur"].unique().tolist() == ["Chad"]
    assert raw["document"].unique().tolist() == ["A/HRC/99/1"]
    assert raw["session"].unique().tolist() == [2]


def test_pdf_fixture_cycle3_footnote():
    pages = extract_pdf_pages(DATA / "report_cycle3.pdf")
    raw = parse_un_report_text(pages, source="report_cycle3.pdf")
    one = raw.drop_duplicates("recommendation_id").set_index("paragraph")
    assert (
        one.loc["142.1", "text"]
        == "Decriminalize same-sex relations between consenting adults"
    )
    assert one.loc["142.1", "recommending_state"] == "Uruguay"
    assert "homosexuality" not in " ".join(raw["text"])  # footnote text dropped
    assert one.loc["140.3", "text"].startswith("Ensure non-discriminatory")
    assert one.loc["140.4", "text"].startswith("Strengthen international")
    assert raw["document"].unique().tolist() == ["A/HRC/44/99"]
    assert raw["sur"].unique().tolist() == ["Kenya"]
    assert raw["session"].unique().tolist() == [35]
    assert raw["year"].unique().tolist() == [2020]


def test_pdf_not_upr_report():
    pages = extract_pdf_pages(DATA / "not_upr.pdf")
    with pytest.raises(LoadError, match=r"not_upr\.pdf is not a Working Group report"):
        parse_un_report_text(pages, source="not_upr.pdf")


def test_pdf_scanned():
    with pytest.raises(LoadError, match=r"scanned\.pdf has no text layer.*OCR"):
        extract_pdf_pages(DATA / "scanned.pdf")


def test_pdf_unreadable(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(LoadError, match=r"broken\.pdf"):
        extract_pdf_pages(bad)


@pytest.mark.parametrize(
    ("name", "sur", "document", "session", "year", "n_recs", "n_rows", "last"),
    [
        # verified by hand: paragraph 64 lists 1-33 (recommendations 7 and 20 name
        # five States each); paragraph 95 lists 95.1-95.197, one State each
        (
            "A_HRC_8_40-EN.pdf",
            "Republic of Korea",
            "A/HRC/8/40",
            2,
            2008,
            33,
            41,
            "64.33",
        ),
        ("A_HRC_42_4-EN.pdf", "Albania", "A/HRC/42/4", 33, 2019, 197, 197, "95.197"),
    ],
)
def test_real_reports(
    shared_data, name, sur, document, session, year, n_recs, n_rows, last
):
    path = shared_data / "reports" / name
    with warnings.catch_warnings():
        warnings.simplefilter("error", UPRDataWarning)  # no gaps in the numbering
        raw = parse_un_report_text(_pages(path), source=name)
    _check_raw(raw)
    assert raw["recommendation_id"].nunique() == n_recs
    assert raw["paragraph"].iloc[-1] == last
    assert len(raw) == n_rows
    assert set(raw["sur"]) == {sur} and set(raw["document"]) == {document}
    assert set(raw["session"]) == {session} and set(raw["year"]) == {year}
    # both reports defer every response to a later addendum
    assert set(raw["response"]) == {"unclear"}
    assert not raw["text"].str.contains(r"A/HRC/|GE\.\d|Page \d").any()


def test_real_report_joint_recommendations(shared_data):
    raw = parse_un_report_text(
        _pages(shared_data / "reports" / "A_HRC_8_40-EN.pdf"),
        source="A_HRC_8_40-EN.pdf",
    )
    states = raw.groupby("paragraph")["recommending_state"].agg(list)
    assert states["64.7"] == ["Algeria", "Philippines", "Egypt", "Mexico", "Peru"]
    assert states["64.20"][:3] == ["Belgium", "Italy", "Mexico"]
    assert raw["recommendation_id"].nunique() == 33


@pytest.mark.parametrize(
    ("sub", "fmt", "n_rows"),
    [
        ("reports/A_HRC_8_40-EN.pdf", "un-report-pdf", 41),
        ("reports/A_HRC_42_4-EN.pdf", "un-report-pdf", 197),
        ("matrix/china-session17-2013.docx", "ohchr-matrix", 286),
        ("matrix/slovenia-session20-2014.docx", "ohchr-matrix", 180),
    ],
)
def test_load_recommendations_real(shared_data, sub, fmt, n_rows, monkeypatch):
    import upr_targets
    from upr_targets.io import _pdf

    monkeypatch.setattr(_pdf, "extract_pdf_pages", _pages)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        df = _load(shared_data / sub)
    upr_targets.validate(df)
    assert len(df) == n_rows
    assert (df["source"] == fmt).all()
    assert df["recommending_state"].notna().all()
    assert df["rs_iso3"].notna().all()
    assert df["session"].notna().all() and df["cycle"].notna().all()


def test_load_recommendations_pdf_fixture():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        df = _load(DATA / "report_cycle1.pdf")
    assert df["sur_iso3"].unique().tolist() == ["TCD"]
    assert df.loc[
        df["recommending_state"].str.startswith("United K"), "rs_iso3"
    ].tolist() == ["GBR"]
    assert df["response"].value_counts().to_dict() == {
        "supported": 8,
        "noted": 3,
        "unclear": 2,
    }
