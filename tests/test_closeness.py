"""Closeness to the issue text in the ranking (``upr_targets._closeness``)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from upr_targets import TargetRanker
from upr_targets._closeness import MAX_WEIGHT, closeness_weights, weigh_query
from upr_targets._matching import matcher_for
from upr_targets._schema import conform
from upr_targets._similar import text_similarity


def test_unit_weights_change_nothing(demo_ranker_session):
    """Weighting every row 1 gives back the counts of the tensors, field by field."""
    r = demo_ranker_session
    X = r.tensors_
    sur = X.state_pos[r.candidates_[3]]
    themes = np.array([0, 2, 5])
    for before in (None, int(X.sessions[-3])):
        q = r._query(sur, before)
        again = weigh_query(
            X, q, themes, np.ones(X.rows.rs.size), half_life=r.half_life, recent=2
        )
        for f in dataclasses.fields(q):
            a, b = getattr(q, f.name), getattr(again, f.name)
            if isinstance(a, np.ndarray):
                np.testing.assert_allclose(a, b, err_msg=f.name, rtol=1e-5, atol=1e-6)
            else:
                assert a == b, f.name


def test_weights_keep_the_scale(demo_ranker_session, demo):
    r = demo_ranker_session
    X = r.tensors_
    theme_idx = np.array([X.theme_pos["Death penalty"]])
    matcher = matcher_for(r._data)
    w = closeness_weights(
        text_similarity(matcher, "abolish the death penalty"), X, theme_idx, 0.5
    )
    on = np.asarray(X.rows.themes[:, theme_idx].sum(axis=1)).ravel() > 0
    assert w.shape == X.rows.rs.shape
    assert w.min() >= 0.5 - 1e-9 and w.max() <= MAX_WEIGHT
    # relative to the mean closeness of the rows on the theme: mean weight ~1
    assert w[on].mean() == pytest.approx(1.0, abs=0.05)
    none = closeness_weights(text_similarity(matcher, "abolish"), X, theme_idx, 0.0)
    assert (none == 1).all()


@pytest.fixture(scope="module")
def demo_ranker_session(demo):
    return TargetRanker().fit(demo)


def _two_states():
    """Two States with as many recommendations on indigenous peoples to Peru
    and Bolivia; only Norway's are about land."""
    land = (
        "Demarcate indigenous lands and protect the land rights of indigenous peoples"
    )
    mention = "Protect the rights of women, children, indigenous peoples and migrants"
    rows = []
    for session, sur, iso in ((1, "Peru", "PER"), (2, "Bolivia", "BOL")):
        for k in range(3):
            rows.append(("Norway", "NOR", "WEOG", sur, iso, land, session, k))
            rows.append(("Sweden", "SWE", "WEOG", sur, iso, mention, session, k))
    rows.append(("France", "FRA", "WEOG", "Peru", "PER", "Abolish torture", 1, 9))
    rs, rs_iso, rs_group, sur, sur_iso, text, session, k = zip(*rows, strict=True)
    n = len(rows)
    return conform(
        {
            "text": list(text),
            "sur": list(sur),
            "sur_iso3": list(sur_iso),
            "sur_group": ["GRULAC"] * n,
            "recommending_state": list(rs),
            "rs_iso3": list(rs_iso),
            "rs_group": list(rs_group),
            "response": ["supported"] * n,
            "themes": [["Indigenous peoples"]] * (n - 1) + [["Torture"]],
            "session": list(session),
            "source": "demo",
            "recommendation_id": [str(i) for i in range(n)],
        }
    )


def test_a_closer_record_ranks_higher_and_counts_stay_true():
    data = _two_states()
    issue = "indigenous land rights: demarcation of indigenous lands"
    plain = TargetRanker(closeness=0.0).fit(data)
    close = TargetRanker(closeness=0.5).fit(data)
    a = plain.rank("Peru", issue_text=issue, themes=["Indigenous peoples"])
    b = close.rank("Peru", issue_text=issue, themes=["Indigenous peoples"])
    score = lambda t, s: float(t.set_index("state").loc[s, "score"])  # noqa: E731
    assert score(a, "Norway") == pytest.approx(score(a, "Sweden"))
    assert score(b, "Norway") > score(b, "Sweden")
    # what a user reads is unchanged: 6 recommendations each on the theme
    for t in (a, b):
        counts = t.set_index("state")["n_theme_recs"]
        assert counts["Norway"] == counts["Sweden"] == 6
