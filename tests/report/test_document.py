"""Tests of the Report object: HTML and Markdown output, escaping, figures."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from _support.tables import SCRIPT

from upr_targets.report import SECTIONS, build_report
from upr_targets.report._format import md_table


def test_html_sections_and_self_contained(report):
    html = report.to_html()
    assert html.startswith("<!DOCTYPE html>")
    for sid, _title in SECTIONS:
        assert f'id="{sid}"' in html and f'href="#{sid}"' in html
    assert html.count("data:image/png;base64,") == 4
    assert "@media print" in html and "page-break-before" in html
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "SYNTHETIC" not in html
    assert html.count("<style>") == 1 and html.index("<style>") < html.index("<body>")
    body = report._repr_html_()
    assert "<html" not in body and 'class="upr-report"' in body
    assert "<style>" in body  # the notebook view carries its (scoped) CSS


def test_html_escapes_data(report):
    html = report.to_html()
    assert SCRIPT not in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>now</b>" not in html and "&lt;b&gt;now&lt;/b&gt;" in html


def test_markdown(report, tmp_path):
    md = report.to_markdown()
    for i, (sid, _title) in enumerate(SECTIONS, start=1):
        assert f"## {i}. " in md
        assert f'<a id="{sid}"></a>' in md
    assert "| Rank | State |" in md
    assert SCRIPT not in md and "&lt;script&gt;" in md
    assert "![" not in md  # no images without image_dir
    out = report.save(tmp_path / "chad.md")
    text = out.read_text()
    assert "](chad_files/ranking.png)" in text
    assert (tmp_path / "chad_files" / "ranking.png").exists()


def test_markdown_table_escaping():
    df = pd.DataFrame({"text": ["a | b\nc", "[x](javascript:alert(1))"], "n": [1, 2]})
    lines = md_table(df).splitlines()
    assert len(lines) == 4
    assert all(line.count(" | ") == 1 for line in lines[2:])  # the inner pipe escaped
    assert "\\[x\\]" in md_table(df)


def test_synthetic_banner(small_recs, small_ranker):
    demo_like = small_recs.assign(source="demo")
    rep = build_report(demo_like, "Chad", "death penalty", ranker=small_ranker)
    assert rep.synthetic
    assert "SYNTHETIC DATA" in rep.to_html()
    assert "SYNTHETIC DATA" in rep.to_markdown()
    assert "SYNTHETIC DATA" in rep.excel_sheets()["Summary"].to_string()


def test_unknown_extension(report, tmp_path):
    with pytest.raises(ValueError, match=r"\.html, \.md, \.xlsx"):
        report.save(tmp_path / "x.pdf")


def test_figures_drawn_only_when_needed(small_recs, small_ranker, tmp_path):
    rep = build_report(
        small_recs, "Chad", "death penalty", ranker=small_ranker, acceptance_model=False
    )
    rep.to_excel(tmp_path / "x.xlsx")
    rep.to_markdown()
    assert rep._figures is None
    assert rep.figures["ranking"].startswith(b"\x89PNG")
    assert set(rep.figures) == {
        "ranking",
        "acceptance_group",
        "acceptance_category",
        "interest",
    }


def test_evidence_counts_read_as_english(report):
    """'1 recommendation', never '1 recommendations' or 'recommendation(s)'."""
    for text in (report.to_html(), report.to_markdown()):
        assert "(s)" not in re.sub(r"File\(s\)|Source\(s\)", "", text)
        assert not re.search(r"\b1 recommendations\b", text)
    html = report.to_html()
    for n in set(report.evidence_counts["this SuR"]):
        word = "recommendation" if n == 1 else "recommendations"
        assert f"{n} {word} on these themes to" in html
