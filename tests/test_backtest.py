"""Tests of the backtest and its baselines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from upr_targets import BacktestResult, TargetRanker, UPRDataWarning, backtest
from upr_targets._backtest import BASELINES, METRICS, _metrics
from upr_targets._features import build_tensors
from upr_targets._reviews import review_queries as _queries


def test_metrics_by_hand():
    # 5 candidates, relevant = {0, 3}; scores put 0 first, 3 fourth
    scores = np.array([[5.0, 4.0, 3.0, 2.0, 1.0]])
    rel = np.array([[True, False, False, True, False]])
    met = _metrics(scores, rel, np.arange(5.0))
    dcg = 1 + 1 / np.log2(5)
    idcg = 1 + 1 / np.log2(3)
    assert met["ndcg@10"][0] == pytest.approx(dcg / idcg)
    assert met["precision@10"][0] == pytest.approx(0.2)
    assert met["recall@20"][0] == pytest.approx(1.0)
    assert met["map"][0] == pytest.approx((1 + 2 / 4) / 2)


def test_metrics_ties_use_tiebreak():
    scores = np.zeros((1, 3))
    rel = np.array([[False, False, True]])
    first = _metrics(scores, rel, np.array([2.0, 1.0, 0.0]))
    last = _metrics(scores, rel, np.array([0.0, 1.0, 2.0]))
    assert first["map"][0] == 1.0 and last["map"][0] == pytest.approx(1 / 3)


@pytest.fixture(scope="module")
def demo_result(demo):
    last = int(demo["session"].max())
    return backtest(demo, test_sessions=[last - 1, last], n_boot=50)


def test_backtest_on_demo(demo_result):
    res = demo_result
    assert isinstance(res, BacktestResult)
    assert set(res.summary["method"]) == {"ranker", *BASELINES}
    for m in METRICS:
        assert res.summary[m].between(0, 1).all()
        assert (res.summary[f"{m}_low"] <= res.summary[m] + 1e-12).all()
    assert res.per_query["n_relevant"].min() >= 2
    n = res.params["n_queries"]
    assert len(res.per_query) == n * (1 + len(BASELINES))
    assert (res.summary["n_queries"] == n).all()
    assert set(res.comparison["baseline"]) == set(BASELINES)
    assert "<table" in res._repr_html_()
    assert "BacktestResult" in repr(res)


def test_random_baseline_is_worst(demo_result):
    s = demo_result.summary.set_index("method")
    assert s.loc["random", "ndcg@10"] < s.loc["ranker", "ndcg@10"]


def test_queries_use_only_test_sessions(demo):
    X = build_tensors(demo)
    q = _queries(X, [10], min_relevant=2)
    assert (q["session"] == 10).all()
    assert (q["n_relevant"] >= 2).all()
    assert all(q["sur"].to_numpy()[i] not in r for i, r in enumerate(q["relevant"]))


def test_no_leakage_future_rows_do_not_change_scores(demo):
    """Rows from the test session onwards must not change the ranker's scores."""
    last = int(demo["session"].max())
    past = demo[(demo["session"] < last).to_numpy(dtype=bool)]
    r_all = TargetRanker(dyadic=None).fit(demo)
    r_past = TargetRanker(dyadic=None).fit(past)
    sur = demo.loc[demo["session"] == last, "sur"].iloc[0]
    theme = r_past.themes_[0]
    a = r_all.rank(sur, themes=[theme], before_session=last).set_index("state")
    b = r_past.rank(sur, themes=[theme], before_session=last).set_index("state")
    common = a.index.intersection(b.index)
    np.testing.assert_allclose(a.loc[common, "score"], b.loc[common, "score"])


def test_k_names_the_metrics(demo):
    last = int(demo["session"].max())
    res = backtest(demo, test_sessions=[last], k=5, n_boot=20, baselines=())
    assert {"ndcg@5", "precision@5", "recall@10", "map"} <= set(res.summary.columns)


def test_learned_weights_use_only_history(demo):
    last = int(demo["session"].max())
    res = backtest(
        demo,
        TargetRanker(weights="learn", max_learn_queries=100),
        test_sessions=[last],
        n_boot=20,
        baselines=("theme_volume",),
    )
    assert set(res.summary["method"]) == {"ranker", "theme_volume"}


def test_upr_info_backtest_session_14(upr_info):
    with pytest.warns(UPRDataWarning):
        res = backtest(
            upr_info,
            test_sessions=[14],
            themes=[
                "Women's rights",
                "Death penalty",
                "Rights of the Child",
                "Torture and other CID treatment",
            ],
            n_boot=50,
        )
    s = res.summary.set_index("method")
    assert res.params["n_queries"] > 20
    assert s.loc["ranker", "ndcg@10"] > s.loc["random", "ndcg@10"]
    assert s.loc["ranker", "ndcg@10"] > s.loc["volume", "ndcg@10"]
    assert isinstance(res.per_query, pd.DataFrame)


@pytest.mark.slow
def test_ranker_beats_every_baseline_on_demo(demo):
    # what users see first: the default ranker ahead of every baseline on the
    # synthetic data's later sessions (repeat reviews), on NDCG and MAP
    res = backtest(demo, test_sessions=range(30, 36), n_boot=20)
    s = res.summary.set_index("method")
    for m in ("ndcg@10", "map"):
        best_baseline = s.drop(index="ranker")[m].max()
        assert s.loc["ranker", m] > best_baseline, m


@pytest.mark.slow
def test_upr_info_ranker_beats_every_baseline_13_17(upr_info):
    # the held-out sessions of docs/methodology.md (defaults chosen on 3-12)
    with pytest.warns(UPRDataWarning):
        res = backtest(upr_info, test_sessions=range(13, 18), n_boot=20)
    s = res.summary.set_index("method")
    for m in ("ndcg@10", "map"):
        assert s.loc["ranker", m] > s.drop(index="ranker")[m].max(), m


def test_graded_ndcg_prefers_specific_recommendations():
    import numpy as np

    from upr_targets._backtest import _metrics

    relevant = np.array([[True, True, False]])
    grades = np.array([[1.0, 2.0, 0.0]])  # State 1 made a specific recommendation
    tiebreak = np.arange(3.0)
    best = _metrics(np.array([[1.0, 2.0, 0.0]]), relevant, tiebreak, 2, grades)
    worse = _metrics(np.array([[2.0, 1.0, 0.0]]), relevant, tiebreak, 2, grades)
    assert best["ndcg@2"][0] == worse["ndcg@2"][0] == 1.0  # binary: the same
    assert best["graded_ndcg@2"][0] == 1.0 > worse["graded_ndcg@2"][0]


def test_backtest_with_the_speakers_list(demo):
    import upr_targets

    last = int(demo["session"].max())
    res = upr_targets.backtest(demo, test_sessions=[last], n_boot=50, speakers=True)
    plain = upr_targets.backtest(demo, test_sessions=[last], n_boot=50)
    assert res.params["speakers"] is True
    s, p = (r.summary.set_index("method") for r in (res, plain))
    # fewer candidates: a random order does better among the speakers
    assert s.loc["random", "ndcg@10"] > p.loc["random", "ndcg@10"]
    assert "graded_ndcg@10" in s.columns


def test_no_leakage_from_later_sessions(small_recs):
    import numpy as np

    import upr_targets
    from upr_targets._query import query_counts

    ranker = upr_targets.TargetRanker().fit(small_recs)
    X = ranker.tensors_
    sur = X.state_pos["Chad"]
    q = query_counts(X, sur, before_session=10)
    p = X.session_cut(10)
    # responses of session 9 are not known at session 10: lagged one session
    assert np.array_equal(
        q.supported_by_sur, X.dyad_supported[:, sur, : p - 1].sum(axis=1)
    )
    # a State first seen later is no candidate for an earlier cut-off
    r = ranker.rank("Chad", themes=["Death penalty"], before_session=2)
    seen = small_recs[small_recs["session"] < 2]["recommending_state"].unique()
    assert set(r["state"]) <= set(seen)


def test_data_until_uses_no_later_evidence(demo):
    """With ``data_until``, the sessions after it change nothing but the queries."""
    last = int(demo["session"].max())
    kw = dict(test_sessions=[last], n_boot=20, baselines=("recent_theme_volume",))
    shuffled = demo.copy()
    at = np.flatnonzero((shuffled["session"] == last - 1).to_numpy(dtype=bool))
    themes = shuffled["themes"].to_numpy().copy()
    themes[at] = themes[np.random.default_rng(0).permutation(at)]
    shuffled["themes"] = themes
    metrics = ["ndcg@10", "graded_ndcg@10", "map"]
    stale = backtest(demo, data_until=last - 2, **kw).per_query[metrics]
    pd.testing.assert_frame_equal(
        stale, backtest(shuffled, data_until=last - 2, **kw).per_query[metrics]
    )
    fresh = backtest(demo, **kw).per_query[metrics]
    assert not fresh.equals(backtest(shuffled, **kw).per_query[metrics])
    pd.testing.assert_frame_equal(
        fresh, backtest(demo, data_until=last - 1, **kw).per_query[metrics]
    )
    res = backtest(demo, data_until=last - 2, **kw)
    assert res.params["data_until"] == last - 2
    assert f"data up to session {last - 2}" in repr(res) + res._repr_html_()


def test_data_until_must_precede_the_test_sessions(demo):
    last = int(demo["session"].max())
    with pytest.raises(ValueError, match=f"data_until={last} is not before"):
        backtest(demo, test_sessions=[last], data_until=last)
