"""Tests of the report's analyses: evidence, acceptance, groupings."""

from __future__ import annotations

import pandas as pd

from upr_targets import AcceptanceModel
from upr_targets.report import build_report


def test_acceptance_tables(report, small_recs):
    chad = small_recs[small_recs["sur"] == "Chad"]
    assert report.acceptance_by_group["total"].sum() == len(chad)
    assert report.acceptance_by_category["total"].sum() == len(chad)
    est = report.acceptance_estimates.set_index("state")
    assert {"recommendations_to_sur", "share_supported", "p_supported"} <= set(
        est.columns
    )
    for state, row in est.iterrows():  # independent counts
        own = chad[chad["recommending_state"] == state]
        assert row["recommendations_to_sur"] == len(own)
        assert row["supported"] == (own["response"] == "supported").sum()
    assert est["p_supported"].between(0, 1).all()
    assert est["p_supported_specific"].between(0, 1).all()
    n, share = report.themes_acceptance
    on = chad[
        chad["themes"].map(
            lambda t: bool(
                set(t) & set(report.themes.loc[report.themes["used"], "theme"])
            )
        )
    ]
    assert n == len(on)
    assert share == (on["response"] == "supported").mean()


def test_evidence_counts(report, small_recs):
    themes = set(report.themes.loc[report.themes["used"], "theme"])
    on = small_recs[small_recs["themes"].map(lambda t: bool(set(t) & themes))]
    for state, row in report.evidence_counts.iterrows():
        own = on[on["recommending_state"] == state]
        assert row["this SuR"] == (own["sur"] == "Chad").sum()
        assert row["other SuRs"] == (own["sur"] != "Chad").sum()


def test_groupings(report):
    g = report.groupings
    weog = g[(g["kind"] == "regional group") & (g["grouping"] == "WEOG")]
    expected = set(report.ranking.loc[report.ranking["group"] == "WEOG", "state"])
    assert weog["n_states"].iloc[0] == len(expected) >= 2
    assert set(weog["states"].iloc[0].split(", ")) == expected
    eu = g[(g["kind"] == "bloc") & (g["grouping"] == "EU")]
    in_top = set(report.ranking["state"]) & {"France", "Germany", "Poland"}
    assert set(eu["states"].iloc[0].split(", ")) == in_top


def test_acceptance_model_argument(small_recs, small_ranker):
    rep = build_report(
        small_recs, "Chad", "death penalty", ranker=small_ranker, acceptance_model=False
    )
    assert "p_supported" not in rep.acceptance_estimates.columns
    model = AcceptanceModel().fit(small_recs)
    rep = build_report(
        small_recs, "Chad", "death penalty", ranker=small_ranker, acceptance_model=model
    )
    assert rep.acceptance_estimates["p_supported"].between(0, 1).all()


def test_acceptance_estimates_without_action_categories(small_recs):
    no_cat = small_recs.assign(
        action_category=pd.array([pd.NA] * len(small_recs), dtype="Int64")
    )
    rep = build_report(no_cat, "Chad", "death penalty")
    est = rep.acceptance_estimates
    assert "p_supported_specific" not in est.columns
    assert est["p_supported"].between(0, 1).all()
    assert est["recommendations_to_sur"].sum() > 0
    assert rep.acceptance_by_category.index.tolist() == ["(unknown)"]


def test_acceptance_model_that_cannot_be_fitted_leaves_a_note(small_recs, small_ranker):
    all_supported = small_recs.assign(response="supported")
    rep = build_report(all_supported, "Chad", "death penalty", ranker=small_ranker)
    assert any("acceptance model could not be fitted" in n for n in rep.notes)
    assert "p_supported" not in rep.acceptance_estimates.columns


def test_evidence_to_other_states_closest_to_the_issue_first(demo, demo_ranker):
    import numpy as np
    from sklearn.preprocessing import normalize

    from upr_targets.report._analysis import evidence_tables

    issue = "abolish the death penalty"
    demo_ranker.themes_for(issue)  # fits the text matcher
    top = demo_ranker.rank("Kenya", themes=["Death penalty"], top=3)
    ev, _ = evidence_tables(
        demo_ranker, top, "Kenya", ["Death penalty"], issue_text=issue
    )
    vec = demo_ranker.matcher_.word_vectorizer_
    q = normalize(vec.transform([issue]))
    for _, rows in ev[ev["target"] == "other SuRs"].groupby("state", sort=False):
        sims = np.asarray(
            (normalize(vec.transform(rows["text"])) @ q.T).todense()
        ).ravel()
        assert np.all(np.diff(sims) <= 1e-9)  # closest first
