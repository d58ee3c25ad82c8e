"""Tests of the count tensors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from upr_targets._errors import UPRDataWarning
from upr_targets._features import build_tensors, theme_matrix
from upr_targets._query import query_counts
from upr_targets._schema import conform


def tiny() -> pd.DataFrame:
    rows = [
        # rs, sur, themes, session, response
        ("A", "X", ["Death penalty"], 1, "supported"),
        ("A", "X", ["Death penalty", "Torture"], 1, "noted"),
        ("B", "X", ["Torture"], 1, "supported"),
        ("A", "Y", ["Torture"], 2, "supported"),
        ("C", "Y", ["Death penalty"], 2, "noted"),
        ("B", "X", ["Death penalty"], 3, "supported"),
        ("A", "X", [], 3, "supported"),
    ]
    rs, sur, themes, session, response = zip(*rows, strict=True)
    groups = {"A": "WEOG", "B": "WEOG", "C": "African", "X": "African", "Y": "GRULAC"}
    return conform(
        {
            "text": [f"rec {i}" for i in range(len(rows))],
            "sur": sur,
            "sur_iso3": sur,
            "recommending_state": rs,
            "rs_iso3": rs,
            "sur_group": [groups[s] for s in sur],
            "rs_group": [groups[s] for s in rs],
            "response": response,
            "themes": list(themes),
            "session": session,
            "source": "demo",
            "recommendation_id": [str(i) for i in range(len(rows))],
        }
    )


def test_theme_matrix_counts_each_tag_once():
    m = theme_matrix(
        pd.Series([["a", "a", "b"], [], ["c"]]), np.array(["a", "b"], dtype=object)
    )
    assert m.toarray().tolist() == [[1, 1], [0, 0], [0, 0]]


def test_build_tensors_counts():
    X = build_tensors(tiny())
    assert list(X.states) == ["A", "B", "C", "X", "Y"]
    assert list(X.themes) == ["Death penalty", "Torture"]
    assert list(X.sessions) == [1, 2, 3]
    a, dp = X.state_pos["A"], X.theme_pos["Death penalty"]
    assert X.theme_counts[a, dp].tolist() == [2, 0, 0]
    assert X.total[a].tolist() == [2, 1, 1]
    assert X.dyad[a, X.state_pos["X"]].tolist() == [2, 0, 1]
    assert X.dyad_supported[a, X.state_pos["X"]].tolist() == [1, 0, 1]
    assert X.is_candidate.tolist() == [True, True, True, False, False]
    # one review per session here
    assert X.n_reviews.tolist() == [1, 1, 1]


def test_query_counts_respect_before_session():
    X = build_tensors(tiny())
    x = X.state_pos["X"]
    q = query_counts(X, x, before_session=3, half_life=1.0)
    a, b = X.state_pos["A"], X.state_pos["B"]
    dp = X.theme_pos["Death penalty"]
    assert q.p == 2
    assert q.theme[b, dp] == 0  # B's death-penalty rec is in session 3
    assert q.theme_to_sur[a, dp] == 2
    assert q.prev == 0  # X was reviewed in session 1
    assert q.to_sur_prev[a] == 2
    # recency: session 2 weighs 1, session 1 weighs 0.5 with a half-life of 1
    assert q.total_w[a] == pytest.approx(2 * 0.5 + 1)
    q_all = query_counts(X, x, None)
    assert q_all.theme[b, dp] == 1
    assert q_all.prev == 2


def test_rows_without_session_warn_and_are_left_out():
    df = tiny()
    df.loc[0, "session"] = pd.NA
    with pytest.warns(UPRDataWarning, match="1 of 7"):
        X = build_tensors(df)
    assert X.n_unplaced == 1
    assert X.total.sum() == 6


def test_upr_info_tensors(upr_info):
    with pytest.warns(UPRDataWarning, match="no session or no recommending State"):
        X = build_tensors(upr_info)
    assert X.total.sum() + X.n_unplaced == len(upr_info)
    assert list(X.sessions) == list(range(1, 18))
    assert X.theme_counts.shape == (len(X.states), len(X.themes), 17)
