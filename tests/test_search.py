"""search(): the UPR Info database's filters, checked with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

import upr_targets
from upr_targets import list_states, search


def test_filters_combine_like_pandas(demo):
    hits = search(demo, sur="Kenya", bloc="EU", theme="Death penalty", response="noted")
    eu = set(list_states(bloc="EU")["iso3"])
    want = demo[
        (demo["sur"] == "Kenya")
        & demo["rs_iso3"].isin(eu)
        & demo["themes"].map(lambda ts: "Death penalty" in ts)
        & (demo["response"] == "noted")
    ]
    assert len(hits) == len(want) > 0
    assert set(hits["recommendation_id"]) == set(want["recommendation_id"])
    assert hits["session"].is_monotonic_decreasing


def test_several_values_and_numbers(demo):
    hits = search(
        demo, recommending_state=["France", "DEU"], cycle=[1, 2], action_category=5
    )
    assert set(hits["recommending_state"]) <= {"France", "Germany"}
    assert set(hits["cycle"]) <= {1, 2} and (hits["action_category"] == 5).all()


def test_text_ranks_by_similarity(demo):
    hits = search(demo, text="abolish the death penalty", top=20)
    assert len(hits) == 20 and hits["similarity"].is_monotonic_decreasing
    assert hits["text"].str.contains("death penalty", case=False).iloc[:5].all()


def test_unknown_names_raise(demo):
    with pytest.raises(upr_targets.UnknownStateError):
        search(demo, sur="Atlantis")
    with pytest.raises(ValueError, match="bloc"):
        search(demo, bloc="NOPE")


def test_cli_search_and_export(capsys, tmp_path, demo):
    import pandas as pd
    from _support.cli import run

    code, out, _ = run(
        capsys, "search", "--sur", "Kenya", "--theme", "Death penalty", "--top", "3"
    )
    # how many match in all, counted apart (--top cuts the list, not the count)
    n = int(
        (
            (demo["sur"] == "Kenya")
            & demo["themes"].map(lambda ts: "Death penalty" in ts)
        ).sum()
    )
    assert n > 3
    assert code == 0 and f"3 of {n} matching recommendations shown" in out
    code, out, _ = run(
        capsys, "search", "--sur", "Kenya", "--theme", "Death penalty", "--top", "999"
    )
    assert code == 0 and f"{n} recommendations shown" in out
    path = tmp_path / "hits.xlsx"
    code, _, _ = run(
        capsys, "search", "--sur", "Kenya", "--bloc", "EU", "--out", str(path)
    )
    assert code == 0 and len(pd.read_excel(path, engine="calamine")) > 0
    path = tmp_path / "new" / "folder" / "hits.csv"  # folders are made
    code, _, err = run(
        capsys, "search", "--sur", "Kenya", "--bloc", "EU", "--out", str(path)
    )
    assert code == 0 and f"to {path}" in err
    assert len(pd.read_csv(path)) == len(
        pd.read_excel(tmp_path / "hits.xlsx", engine="calamine")
    )
    code, out, _ = run(capsys, "states", "--group", "EU")
    assert code == 0 and "27 States" in out


def test_search_with_a_given_matcher(demo):
    from upr_targets._matcher import ThemeMatcher

    kw = dict(sur="Kenya", text="death penalty abolition", top=5)
    default = upr_targets.search(demo, **kw)
    fitted = ThemeMatcher().fit(demo)
    pd.testing.assert_frame_equal(
        upr_targets.search(demo, matcher=fitted, **kw), default
    )
    # a matcher fitted on other rows is not used (its similarities would not align)
    other = ThemeMatcher().fit(demo.head(50))
    pd.testing.assert_frame_equal(
        upr_targets.search(demo, matcher=other, **kw), default
    )


def test_cli_search_export_is_data_again(capsys, tmp_path, demo):
    from _support.cli import run

    # an NGO keeps the recommendations to Kenya, then ranks on them alone
    for name in ("kenya.parquet", "kenya.csv"):
        path = tmp_path / name
        code, _, err = run(capsys, "search", "--sur", "Kenya", "--out", str(path))
        assert code == 0, err
        code, out, err = run(
            capsys,
            *("rank", "--sur", "Kenya", "--theme", "Death penalty"),
            "--data",
            str(path),
        )
        assert code == 0, err
        assert "SYNTHETIC DEMO DATA" in out  # still known as the demo data
        n = int((demo["sur"] == "Kenya").sum())
        assert f"{name}  upr-targets" in err and f"{n}  " in err  # the load summary
    code, _, err = run(
        capsys, "search", "--sur", "Kenya", "--out", str(tmp_path / "kenya.txt")
    )
    assert code != 0 and "use .csv, .xlsx or .parquet" in err
