"""Tests of what the templates show of a report (report/_context.py)."""

from __future__ import annotations

from upr_targets.report._context import components_view, ranking_view


def test_components_table(report):
    assert "Score components" in report.to_html()
    comps = components_view(report.ranking, report.components)
    assert list(comps.columns[:3]) == ["rank", "state", "score"]
    assert set(comps.columns[3:]) <= set(report.components)
    assert "### Score components" in report.to_markdown()


def test_counts_are_named_for_what_they_count(report):
    general = ranking_view(report.ranking, specific=False)
    assert {"n_theme_recs", "n_to_sur"} <= set(general.columns)
    specific = ranking_view(report.ranking, specific=True)
    assert {"n_specific_theme_recs", "n_specific_to_sur"} <= set(specific.columns)
    assert "n_theme_recs" not in specific.columns
    assert (specific["n_specific_theme_recs"] == general["n_theme_recs"]).all()
    brief = ranking_view(report.ranking, specific=False, evidence=False)
    assert list(brief.columns) == ["rank", "state", "group", "score", "explanation"]
