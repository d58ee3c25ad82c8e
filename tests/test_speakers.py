"""The list of speakers: only listed States, ranked by P(theme | speaks)."""

from __future__ import annotations

import pytest

from upr_targets import UnknownStateError, UPRDataWarning
from upr_targets._components import COMPONENTS
from upr_targets._speakers import parse_speakers


def test_parse_pasted_list():
    text = "1. France\n2) Korea, Republic of\n\n- Peru; Chile\n"
    assert parse_speakers(text) == ["France", "Korea, Republic of", "Peru", "Chile"]


def test_rank_listed_speakers_only(demo_ranker):
    full = demo_ranker.rank("Kenya", themes=["Death penalty"])
    listed = ["ESP", "France", "Chile", "Kenya"]  # the SuR never speaks at its review
    r = demo_ranker.rank("Kenya", themes=["Death penalty"], speakers=listed)
    assert set(r["state"]) == {"Spain", "France", "Chile"}
    assert (r["activity"] == 0).all()  # they will speak
    assert r.attrs["speakers"] == ["Spain", "France", "Chile", "Kenya"]
    # among them, the order is how likely each is to raise the theme when it
    # speaks (P(theme | speaks)): the theme_rate component alone
    assert list(r["score"]) == pytest.approx(list(r["theme_rate"]))
    assert r["score"].is_monotonic_decreasing
    others = [c for c in COMPONENTS if c != "theme_rate"]
    assert (r[others] == 0).all().all()
    assert set(full["state"]) >= set(r["state"])
    first = r.iloc[0]
    assert first["explanation"].startswith(
        f"Raised Death penalty at {first['n_reviews_on_themes']} of the "
        f"{first['n_reviews_joined']} reviews it took part in; made "
    )


def test_theme_reviews_count_reviews_not_recommendations(demo):
    """theme_reviews against an independent pandas count of distinct reviews."""
    from upr_targets._features import build_tensors

    X = build_tensors(demo)
    d = demo.dropna(subset=["session", "recommending_state"]).explode("themes")
    d = d[d["themes"] == "Death penalty"]
    want = d.groupby("recommending_state")[["sur", "session"]].apply(
        lambda g: len(g.drop_duplicates())
    )
    t = X.theme_pos["Death penalty"]
    got = X.theme_reviews[:, t, :].sum(axis=1)
    for state, n in want.items():
        assert got[X.state_pos[state]] == n, state


def test_unknown_speaker_named_with_its_position(demo_ranker):
    with pytest.raises(UnknownStateError, match="row 2 of the list of speakers"):
        demo_ranker.rank(
            "Kenya", themes=["Death penalty"], speakers=["Spain", "Atlantis"]
        )


def test_speaker_without_data_is_said(small_ranker):
    # Tuvalu makes no recommendation in the small table
    with pytest.warns(UPRDataWarning, match="cannot be ranked: Tuvalu"):
        r = small_ranker.rank(
            "Chad", themes=["Death penalty"], speakers=["France", "Tuvalu"]
        )
    assert r["state"].tolist() == ["France"]
