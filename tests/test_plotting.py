"""Tests of the plots: each returns an Axes, accepts ax, labels it, handles edge cases."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from upr_targets._plotting import (
    acceptance_table,
    plot_acceptance,
    plot_backtest,
    plot_interest_heatmap,
    plot_ranking,
    ranking_components,
)

STATES = [
    ("France", "WEOG"),
    ("Norway", "WEOG"),
    ("Brazil", "GRULAC"),
    ("Mexico", "GRULAC"),
    ("Ghana", "African"),
    ("Egypt", "African"),
    ("Poland", "Eastern European"),
    ("Japan", "Asia-Pacific"),
    ("Holy See", None),
]
THEMES = [
    "Death penalty",
    "Women's rights",
    "Torture and other CID treatment",
    "Justice",
]


def fake_recommendations(n: int = 300, seed: int = 0) -> pd.DataFrame:
    """A small table shaped like the normalized schema."""
    rng = np.random.default_rng(seed)
    rs = rng.integers(0, len(STATES), n)
    surs = np.array(["Chad", "Peru", "Viet Nam"])[rng.integers(0, 3, n)]
    themes = [
        list(rng.choice(THEMES, size=rng.integers(0, 3), replace=False))
        for _ in range(n)
    ]
    return pd.DataFrame(
        {
            "text": [f"Recommendation {i}" for i in range(n)],
            "sur": surs,
            "recommending_state": [STATES[i][0] for i in rs],
            "rs_group": pd.Series([STATES[i][1] for i in rs], dtype="string"),
            "response": rng.choice(
                ["supported", "noted", "not supported"], n, p=[0.7, 0.25, 0.05]
            ),
            "action_category": pd.array(rng.integers(1, 6, n), dtype="Int64"),
            "themes": themes,
            "session": pd.array(rng.integers(1, 18, n), dtype="Int64"),
        }
    )


def fake_ranking(n: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    a, b, c = rng.random(n), rng.random(n), rng.random(n) - 0.2
    df = pd.DataFrame(
        {
            "rank": np.arange(1, n + 1),
            "state": [f"State with a rather long name number {i}" for i in range(n)],
            "iso3": [f"S{i:02d}" for i in range(n)],
            "group": ["WEOG"] * n,
            "score": a + b + c,
            "interest_score": a,
            "sur_score": b,
            "acceptance_score": c,
        }
    ).sort_values("score", ascending=False)
    df["rank"] = np.arange(1, n + 1)
    return df


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def recs():
    return fake_recommendations()


def _check(ax, *, xlabel=True):
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_title()
    if xlabel:
        assert ax.get_xlabel() and ax.get_ylabel()


# ---- heat map ---------------------------------------------------------------


@pytest.mark.parametrize("order", ["cluster", "score", "alpha"])
@pytest.mark.parametrize("value", ["share", "count"])
def test_heatmap_orders_and_values(recs, order, value):
    ax = plot_interest_heatmap(recs, order=order, value=value)
    _check(ax)
    assert len(ax.get_yticklabels()) == 9
    assert len(ax.get_xticklabels()) == 4
    img = ax.get_images()[0].get_array()
    if value == "share":
        assert np.nanmax(img) <= 1.0


def test_heatmap_share_values(recs):
    ax = plot_interest_heatmap(
        recs, states=["France"], themes=["Death penalty"], value="share"
    )
    fr = recs[recs["recommending_state"] == "France"]
    expected = fr["themes"].map(lambda t: "Death penalty" in t).mean()
    assert ax.get_images()[0].get_array()[0, 0] == pytest.approx(expected)


def test_heatmap_annotations(recs):
    ax = plot_interest_heatmap(recs, value="count", order="alpha")
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 9 * 4
    fr = recs[recs["recommending_state"] == "France"]
    n = int(fr["themes"].map(lambda t: "Death penalty" in t).sum())
    assert texts[2 * 4 + 0] == str(n)  # rows and columns sorted: France is 3rd
    ax = plot_interest_heatmap(recs, annotate=False)
    assert not ax.texts


def test_heatmap_accepts_ax_and_top(recs):
    _, ax0 = plt.subplots()
    ax = plot_interest_heatmap(recs, top_states=3, top_themes=2, ax=ax0)
    assert ax is ax0
    assert len(ax.get_yticklabels()) == 3 and len(ax.get_xticklabels()) == 2


def test_heatmap_thirty_states_no_overlap():
    rng = np.random.default_rng(0)
    n = 2000
    df = pd.DataFrame(
        {
            "recommending_state": [
                f"State number {i} with a long official name"
                for i in rng.integers(0, 40, n)
            ],
            "themes": [list(rng.choice(THEMES, 2, replace=False)) for _ in range(n)],
        }
    )
    ax = plot_interest_heatmap(df)
    assert len(ax.get_yticklabels()) == 30
    height = ax.figure.get_size_inches()[1]
    assert height >= 30 * 0.25  # room for 30 labels
    assert all(len(t.get_text()) <= 28 for t in ax.get_yticklabels())


def test_heatmap_edge_cases(recs):
    empty = recs.iloc[:0]
    ax = plot_interest_heatmap(empty)
    assert "No data" in [t.get_text() for t in ax.texts]
    one = recs[(recs["recommending_state"] == "France")].head(1).copy()
    one["themes"] = [["Justice"]]
    _check(plot_interest_heatmap(one))
    no_themes = recs.assign(themes=[[] for _ in range(len(recs))])
    assert "No data" in [t.get_text() for t in plot_interest_heatmap(no_themes).texts]


def test_heatmap_bad_args(recs):
    with pytest.raises(ValueError, match="value='ratio'"):
        plot_interest_heatmap(recs, value="ratio")
    with pytest.raises(ValueError, match="order="):
        plot_interest_heatmap(recs, order="random")


# ---- ranking ----------------------------------------------------------------


def test_ranking_stacked_components():
    ranking = fake_ranking()
    assert ranking_components(ranking) == [
        "interest_score",
        "sur_score",
        "acceptance_score",
    ]
    ax = plot_ranking(ranking, top=15)
    _check(ax)
    assert len(ax.get_yticklabels()) == 15
    assert ax.get_yticklabels()[0].get_text().startswith("1. ")
    assert len(ax.patches) == 15 * 3
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "Interest",
        "SuR",
        "Acceptance",
    ]


def test_ranking_components_from_attrs():
    ranking = fake_ranking(5).rename(columns={"interest_score": "thematic"})
    ranking.attrs["components"] = ["thematic", "sur_score"]
    assert ranking_components(ranking) == ["thematic", "sur_score"]
    _, ax0 = plt.subplots()
    assert plot_ranking(ranking, ax=ax0) is ax0
    assert len(ax0.patches) == 10


def test_ranking_skips_zero_components():
    ranking = fake_ranking(6).assign(sur_score=0.0)
    ax = plot_ranking(ranking)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Interest",
        "Acceptance",
    ]
    assert len(ax.patches) == 12


def test_ranking_edge_cases():
    ranking = fake_ranking(1)
    _check(plot_ranking(ranking))
    ax = plot_ranking(ranking.iloc[:0])
    assert "No data" in [t.get_text() for t in ax.texts]
    only_score = ranking[["rank", "state", "score"]]
    _check(plot_ranking(only_score))
    with pytest.raises(ValueError, match="'state' and 'score'"):
        plot_ranking(pd.DataFrame({"x": [1]}))


# ---- acceptance ---------------------------------------------------------------


@pytest.mark.parametrize("by", ["group", "state", "action_category"])
def test_acceptance(recs, by):
    ax = plot_acceptance(recs, "Chad", by=by)
    _check(ax)
    assert "Chad" in ax.get_title()
    annotations = [t.get_text() for t in ax.texts]
    assert annotations and all(" of " in a for a in annotations)


def test_acceptance_table_counts(recs):
    table = acceptance_table(recs, by="group")
    assert table["total"].sum() == len(recs)  # nothing dropped, missing group kept
    assert "(unknown)" in table.index
    chad = recs[recs["sur"] == "Chad"]
    t = acceptance_table(recs, "Chad", by="action_category")
    assert t["total"].sum() == len(chad)
    assert t["share_supported"].between(0, 1).all()


def test_acceptance_all_surs_and_ax(recs):
    _, ax0 = plt.subplots()
    ax = plot_acceptance(recs, ax=ax0, by="state", top=3)
    assert ax is ax0
    assert len(ax.get_yticklabels()) == 3


def test_acceptance_edge_cases(recs):
    ax = plot_acceptance(recs, "Atlantis")
    assert "No data" in [t.get_text() for t in ax.texts]
    _check(plot_acceptance(recs.head(1)))
    with pytest.raises(ValueError, match="by="):
        plot_acceptance(recs, by="colour")


# ---- backtest -------------------------------------------------------------------


def test_backtest_wide_summary():
    summary = pd.DataFrame(
        {
            "method": ["TargetRanker", "popularity", "same group", "random"],
            "ndcg@10": [0.6, 0.45, 0.3, 0.1],
            "ndcg@10_std": [0.05, 0.04, 0.03, 0.02],
            "precision@10": [0.5, 0.4, 0.2, 0.1],
        }
    )
    ax = plot_backtest(summary)
    _check(ax)
    bars = ax.patches
    assert len(bars) == 4
    assert bars[0].get_facecolor() != bars[1].get_facecolor()  # best highlighted
    ax = plot_backtest(summary, metric="precision@10")
    assert ax.get_ylabel() == "precision@10"
    with pytest.raises(ValueError, match="recall@5"):
        plot_backtest(summary, metric="recall@5")


def test_backtest_long_summary_and_result_object():
    summary = pd.DataFrame(
        {
            "method": ["TargetRanker", "popularity"] * 2,
            "metric": ["ndcg@10"] * 2 + ["hit@10"] * 2,
            "mean": [0.6, 0.4, 0.9, 0.8],
            "ci_low": [0.55, 0.35, 0.85, 0.7],
            "ci_high": [0.65, 0.45, 0.95, 0.9],
        }
    )

    class Result:
        pass

    result = Result()
    result.summary = summary
    _, ax0 = plt.subplots()
    ax = plot_backtest(result, metric="hit@10", ax=ax0)
    assert ax is ax0
    assert len(ax.patches) == 2
    ax = plot_backtest(summary.iloc[:0])
    assert "No data" in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="BacktestResult"):
        plot_backtest(42)


def test_backtest_result_summary_layout():
    # BacktestResult.summary: method, n_queries, <metric>, <metric>_low, <metric>_high
    summary = pd.DataFrame(
        {
            "method": ["ranker", "popularity", "random"],
            "n_queries": [50, 50, 50],
            "ndcg@10": [0.55, 0.41, 0.12],
            "ndcg@10_low": [0.50, 0.36, 0.09],
            "ndcg@10_high": [0.60, 0.47, 0.15],
            "map": [0.4, 0.3, 0.1],
            "map_low": [0.35, 0.25, 0.08],
            "map_high": [0.45, 0.35, 0.12],
        }
    )
    ax = plot_backtest(summary)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "ranker",
        "popularity",
        "random",
    ]
    from matplotlib.container import ErrorbarContainer

    errorbar = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    lines = errorbar.lines[2][0].get_segments()
    assert lines[0][0][1] == pytest.approx(0.50) and lines[0][1][1] == pytest.approx(
        0.60
    )
    _check(plot_backtest(summary, metric="map"))
    with pytest.raises(ValueError, match="available: \\['ndcg@10', 'map'\\]"):
        plot_backtest(summary, metric="hit@3")


def test_backtest_real(demo):
    import upr_targets

    try:
        small = demo[demo["session"] <= 8]  # keeps the test fast
        result = upr_targets.backtest(small, test_sessions=[8], k=10)
    except NotImplementedError:
        pytest.skip("backtest is still a stub")
    _check(plot_backtest(result))
    _check(result.plot())


# ---- demo data --------------------------------------------------------------------


def test_plots_on_demo(demo):
    import upr_targets

    _check(plot_interest_heatmap(demo))
    ranker = upr_targets.TargetRanker().fit(demo)
    ranking = ranker.rank(demo["sur"].iloc[0], themes=ranker.themes_[:2], top=15)
    ax = plot_ranking(ranking)
    _check(ax)
    assert len(ax.get_yticklabels()) == len(ranking)
    # the stacked bars end at each State's score
    right = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        right[y] = right.get(y, 0.0) + patch.get_width()
    assert np.allclose([right[i] for i in range(len(ranking))], ranking["score"])
    sur = demo["sur"].value_counts().index[0]
    _check(plot_acceptance(demo, sur))
    _check(plot_acceptance(demo, sur, by="action_category"))


def test_plots_on_real_data(upr_info):
    ax = plot_interest_heatmap(upr_info, top_states=30, top_themes=15)
    assert len(ax.get_yticklabels()) == 30 and len(ax.get_xticklabels()) == 15
    ax = plot_acceptance(upr_info, by="action_category")
    table = acceptance_table(upr_info, by="action_category")
    assert table["total"].sum() == len(upr_info)
    # McMahon (2010), sessions 1-5: acceptance by action category 98/90/50/70/47 %
    early = acceptance_table(upr_info[upr_info["session"] <= 5], by="action_category")
    published = {"1": 0.98, "2": 0.90, "3": 0.50, "4": 0.70, "5": 0.47}
    for category, share in published.items():
        assert abs(early.loc[category, "share_supported"] - share) < 0.05
    _check(ax)
