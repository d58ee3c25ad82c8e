"""The outcome and mid-term reports: every format, escaping, the chart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from docx import Document

import upr_targets

REPORT = Path(__file__).parents[1] / "data" / "documents" / "report_cycle3.pdf"


@pytest.fixture(scope="module")
def summary():
    with pytest.warns(upr_targets.UPRDataWarning):
        outcome = upr_targets.load_recommendations(REPORT)
    adv = upr_targets.load_advocacy(
        pd.DataFrame(
            {
                "issue": ["<script>alert(1)</script>"],
                "recommendation": ["Abolish the death penalty"],
                "targeted_states": ["Italy"],
            }
        )
    )
    return upr_targets.outcome_summary(upr_targets.match_outcome(adv, outcome))


@pytest.mark.parametrize("suffix", [".html", ".md", ".xlsx", ".docx"])
def test_outcome_report_formats(summary, tmp_path, suffix):
    path = upr_targets.write_outcome_report(summary, tmp_path / f"o{suffix}")
    assert path.stat().st_size > 1000
    if suffix == ".html":
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "&lt;script&gt;" in html
        assert "Thank" in html and "Lobby the State under review" in html
    if suffix == ".docx":
        text = "\n".join(p.text for p in Document(path).paragraphs)
        assert "The overall picture" in text


def test_midterm_report(summary, tmp_path):
    tracker = tmp_path / "t.xlsx"
    upr_targets.write_tracker(summary, tracker)
    table = upr_targets.load_tracker(tracker)
    table.loc[0, "status"] = "implemented"
    for suffix in (".html", ".md", ".docx", ".xlsx"):
        upr_targets.write_midterm_report(table, tmp_path / f"m{suffix}")
    md = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert f"Of the {len(table)} recommendations followed, 1 are implemented" in md
    assert "data:image/png;base64" in (tmp_path / "m.html").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="file name ending"):
        upr_targets.write_midterm_report(table, tmp_path / "m.pdf")


def test_implementation_counts_and_plot():
    from matplotlib.figure import Figure

    from upr_targets.plotting import STATUS_COLORS, implementation_counts

    t = pd.DataFrame(
        {
            "issue": ["A", "A; B", "B"],
            "status": ["implemented", "", "regressed"],
            "recommending_states": ["X", "Y", "X"],
            "response": ["supported", "noted", "supported"],
        }
    )
    c = implementation_counts(t)
    assert c.loc["A", "implemented"] == 1 and c.loc["B", "not assessed"] == 1
    ax = upr_targets.plot_implementation(t, ax=Figure().subplots())
    colors = {p.get_facecolor()[:3] for p in ax.patches}
    assert len(colors) == 3 and list(c.columns) == list(STATUS_COLORS)
