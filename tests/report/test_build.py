"""Tests of build_report: issues, themes, rankings, notes."""

from __future__ import annotations

import time

import pytest

from upr_targets.report import Report, build_report, write_report


def test_report_object(report):
    assert isinstance(report, Report)
    assert report.sur == "Chad"
    assert len(report.ranking) == 8
    assert set(report.rankings) == set(report.issues)
    assert report.themes["used"].any()
    assert set(report.evidence["target"]) <= {"this SuR", "other SuRs"}
    assert report.evidence_counts.loc["France", "this SuR"] >= 2
    assert not report.synthetic
    assert "Chad" in repr(report)


def test_rankings_use_the_matched_themes(report, small_ranker):
    used = report.themes[report.themes["used"]]
    for issue, ranking in report.rankings.items():
        themes = used.loc[used["issue"] == issue, "theme"].tolist()
        assert ranking.attrs["themes"] == sorted(
            themes, key=list(small_ranker.themes_).index
        )
    assert report.rankings[report.issues[0]].attrs["themes"] == ["Death penalty"]


def test_too_many_issues(small_recs, small_ranker):
    with pytest.raises(ValueError, match="at most 4"):
        build_report(small_recs, "Chad", list("abcde"), ranker=small_ranker)
    with pytest.raises(ValueError, match="No issue"):
        build_report(small_recs, "Chad", [], ranker=small_ranker)
    with pytest.raises(ValueError, match="positive number"):
        build_report(small_recs, "Chad", "x", ranker=small_ranker, top=0)


def test_explicit_themes(small_recs, small_ranker):
    rep = build_report(
        small_recs, "Chad", None, themes=["Justice"], ranker=small_ranker
    )
    assert rep.issues == ["Justice"]
    assert rep.themes["theme"].tolist() == ["Justice"]
    assert rep.themes["how"].tolist() == ["given"]
    rep = build_report(
        small_recs,
        "Chad",
        ["x", "y"],
        themes={"x": ["Justice"], "y": "Death penalty"},
        ranker=small_ranker,
    )
    assert rep.themes.groupby("issue")["theme"].first().to_dict() == {
        "x": "Justice",
        "y": "Death penalty",
    }
    with pytest.raises(ValueError, match="one list per issue"):
        build_report(
            small_recs, "Chad", ["x", "y"], themes=[["Justice"]], ranker=small_ranker
        )


def test_an_unfitted_ranker_is_fitted(small_recs):
    from upr_targets import TargetRanker

    rep = build_report(small_recs, "Chad", "death penalty", ranker=TargetRanker())
    assert len(rep.ranking) > 0


def test_sur_without_recommendations(small_recs, small_ranker):
    rep = build_report(small_recs, "Kenya", "death penalty", ranker=small_ranker)
    assert any("no recommendation to Kenya" in n for n in rep.notes)
    assert rep.acceptance_by_group.empty
    assert "No data" in rep.to_html()


def test_write_report_html(small_recs, small_ranker, tmp_path):
    out = write_report(
        small_recs, "Chad", "death penalty", tmp_path / "r.html", ranker=small_ranker
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match=r"\.html, \.md, \.xlsx"):
        write_report(
            small_recs,
            "Chad",
            "death penalty",
            tmp_path / "x.docx",
            ranker=small_ranker,
        )


@pytest.mark.slow
def test_end_to_end_demo(demo, demo_ranker, demo_acceptance, tmp_path):
    sur = demo["sur"].value_counts().index[0]
    rep = build_report(
        demo,
        sur,
        ["torture in prisons", "child marriage"],
        ranker=demo_ranker,
        acceptance_model=demo_acceptance,
        top=10,
    )
    assert rep.synthetic
    assert 0 < len(rep.ranking) <= 10
    for suffix in (".html", ".md", ".xlsx"):
        assert rep.save(tmp_path / f"demo{suffix}").stat().st_size > 0
    assert "SYNTHETIC DATA" in rep.to_html()


@pytest.mark.slow
def test_end_to_end_real(upr_info, upr_info_ranker, tmp_path):
    start = time.perf_counter()
    rep = build_report(
        upr_info,
        "Kenya",
        ["torture in police custody", "death penalty"],
        ranker=upr_info_ranker,
        top=20,
    )
    print(
        f"build_report on {len(upr_info):,} rows: {time.perf_counter() - start:.2f} s"
    )
    assert not rep.synthetic
    assert len(rep.ranking) == 20
    assert rep.load_summary["rows_kept"].sum() == len(upr_info)
    assert "Kenya" in rep.to_html()
    rep.save(tmp_path / "kenya.xlsx")
    rep.save(tmp_path / "kenya.md")


def test_an_issue_asking_for_a_change_counts_specific_recommendations(demo):
    from upr_targets import AcceptanceModel

    issue = "Repeal the laws that keep the death penalty"
    model = AcceptanceModel().fit(demo)
    kw = {"themes": ["Death penalty"], "top": 5, "acceptance_model": model}
    rep = build_report(demo, "Kenya", issue, **kw)
    assert rep.specific and rep.ranking.attrs["action"] == "specific"
    assert any("asks for a change in law or practice" in n for n in rep.notes)
    md = rep.to_markdown()
    assert "| Specific recs on the themes |" in md and "Specific recs to the SuR" in md
    assert "Only specific, action-oriented recommendations" in md
    # the counts shown are of specific recommendations: an independent count
    first = rep.ranking.iloc[0]
    specific = demo[demo["action_category"].ge(4).fillna(False)]
    assert demo["action_category"].notna().all()  # no category to infer here
    by_state = specific[
        (specific["recommending_state"] == first["state"])
        & specific["themes"].map(lambda ts: "Death penalty" in ts)
    ]
    assert first["n_theme_recs"] == by_state["recommendation_id"].nunique()
    assert f"Made {first['n_theme_recs']} specific recommendations" in md

    general = build_report(demo, "Kenya", issue, action="any", **kw)
    assert not general.specific and "| Recs on the themes |" in general.to_markdown()
    assert not any("action-oriented" in n for n in general.notes)
    with pytest.raises(ValueError, match="the ranker given counts action='any'"):
        build_report(
            demo, "Kenya", issue, ranker=general_ranker(demo), action="specific"
        )


def general_ranker(recs):
    from upr_targets import TargetRanker

    return TargetRanker(action="any").fit(recs)
