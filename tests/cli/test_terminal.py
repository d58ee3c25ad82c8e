"""Tests of the ``upr-targets`` command."""

from __future__ import annotations

import pandas as pd

from upr_targets.cli._terminal import format_table


def test_format_table_fits_and_truncates():
    df = pd.DataFrame(
        {
            "rank": [1, 2],
            "state": ["United Kingdom", "Iran"],
            "score": [0.91234, 0.5],
            "reason": ["x" * 300, "short reason"],
        }
    )
    text = format_table(df, width=60, wrap="reason")
    lines = text.splitlines()
    assert len(lines) == 4
    assert all(len(line) <= 60 for line in lines)
    assert "0.91" in lines[2] and "…" in lines[2]
    assert lines[3].endswith("short reason")


def test_format_table_lists_and_missing():
    df = pd.DataFrame(
        {"a": [["x", "y"], None], "b": pd.array([1, None], dtype="Int64")}
    )
    text = format_table(df, width=40)
    assert "x, y" in text
    assert "<NA>" not in text and "nan" not in text


def test_every_score_component_has_a_short_header():
    from upr_targets import component_table

    short = component_table()["short"]
    assert short.notna().all() and short.is_unique
    assert (short.str.len() <= 6).all()


def test_rank_table_columns_depend_on_width_not_on_the_query(demo):
    from upr_targets import TargetRanker
    from upr_targets.cli._terminal import format_ranking

    ranker = TargetRanker().fit(demo)
    ranking = ranker.rank("Kenya", themes=["Death penalty"]).head(5)
    long_names = ranking.assign(
        state="Bolivia (Plurinational State of)", group="none (observer)"
    )
    short_names = ranking.assign(state="Chad", group="WEOG")
    headers = [
        format_ranking(r, width=100, weights=ranker.weights_)[0].splitlines()[0].split()
        for r in (long_names, short_names)
    ]
    assert headers[0] == headers[1]
    table, _ = format_ranking(long_names, width=100, weights=ranker.weights_)
    assert "observer" in table and "none (observer)" not in table
    assert all(len(line) <= 100 for line in table.splitlines())


def test_a_component_of_weight_zero_has_no_column(demo):
    """It adds nothing to the score (its column read 0.00 on every row)."""
    from upr_targets import TargetRanker
    from upr_targets._components import BY_NAME, SPEAKER_WEIGHTS
    from upr_targets.cli._terminal import format_ranking

    ranker = TargetRanker().fit(demo)
    ranking = ranker.rank("Kenya", themes=["Death penalty"]).head(5)
    table, hidden = format_ranking(ranking, width=200, weights=SPEAKER_WEIGHTS)
    header = table.splitlines()[0].split()
    live = [c for c, w in dict(SPEAKER_WEIGHTS).items() if w]
    assert header == ["rank", "state", "group", "score"] + [
        BY_NAME[c].short for c in live
    ]
    assert hidden == []
    zero = [c for c, w in ranker.weights_.items() if w == 0]
    assert zero  # the default weights leave some components out
    table, hidden = format_ranking(ranking, width=200, weights=ranker.weights_)
    shown = table.splitlines()[0].split()
    assert not {BY_NAME[c].short for c in zero} & set(shown)
    assert not set(zero) & set(hidden)
