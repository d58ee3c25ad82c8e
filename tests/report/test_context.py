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
    brief = ranking_view(
        report.rankings["death penalty"], specific=False, evidence=False
    )
    assert list(brief.columns) == ["rank", "state", "group", "score", "explanation"]


def test_each_issue_rank_beside_the_ranking(report):
    view = ranking_view(report.ranking, specific=False)
    cols = [c for c in view.columns if c.startswith("Rank on issue")]
    assert cols == ["Rank on issue 1", "Rank on issue 2"]
    assert list(view.columns[:6]) == ["rank", "state", "group", "score", *cols]
    # the rank on issue N is the State's rank in issue N's own table
    for n, issue in enumerate(report.issues, start=1):
        own = report.rankings[issue].set_index("state")["rank"]
        shown = view.set_index("state")[f"Rank on issue {n}"]
        both = shown.index.intersection(own.index)
        assert len(both) > 0
        assert (shown[both].to_numpy() == own[both].to_numpy()).all()
    html = report.to_html()
    assert "Rank on issue 1" in html and "Issue 2: women" in html
    assert "### Issue 1: death penalty" in report.to_markdown()
