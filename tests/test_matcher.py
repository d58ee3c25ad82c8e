"""Tests of text matching."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from upr_targets import (
    ThemeMatcher,
    UPRDataWarning,
)

NGO = [
    (
        "Journalists are prosecuted for criminal defamation",
        {"Freedom of the press", "Freedom of opinion and expression"},
        2,
    ),
    ("girls are married at 12", {"Rights of the Child", "Women's rights"}, 2),
    (
        "police beat people in custody",
        {"Torture and other CID treatment", "Detention"},
        2,
    ),
    ("LGBT people are arrested", {"Sexual Orientation and Gender Identity"}, 1),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("death penalty", "Death penalty"),
        ("Death Penalty", "Death penalty"),
        ("SOGI", "Sexual Orientation and Gender Identity"),
        ("LGBT", "Sexual Orientation and Gender Identity"),
        ("FGM", "Women's rights"),
        ("torure", "Torture and other CID treatment"),
        ("capital punishment", "Death penalty"),
        ("press freedom", "Freedom of the press"),
        ("forced evictions", "Right to housing"),
        ("birth registration", "Rights of the Child"),
        ("Ratify the Convention against Torture", "Torture and other CID treatment"),
    ],
)
def test_short_queries(taxonomy_matcher, query, expected):
    assert taxonomy_matcher.match(query, top=1)["theme"].iloc[0] == expected


@pytest.mark.parametrize(("text", "expected", "k"), NGO)
def test_ngo_wording_taxonomy(taxonomy_matcher, text, expected, k):
    top = set(taxonomy_matcher.match(text, top=k)["theme"])
    assert top == expected


@pytest.mark.parametrize(("text", "expected", "k"), NGO)
def test_ngo_wording_with_recommendations(demo_matcher, text, expected, k):
    top = set(demo_matcher.match(text, top=k)["theme"])
    assert top == expected


def test_match_output(demo_matcher):
    out = demo_matcher.match(
        "The authorities should abolish the death penalty and establish a moratorium "
        "on executions; many prisoners remain on death row.",
        top=5,
    )
    assert list(out.columns[:2]) == ["theme", "score"]
    assert out["theme"].iloc[0] == "Death penalty"
    assert out["score"].between(0, 1).all()
    assert out["score"].is_monotonic_decreasing
    first = out.iloc[0]
    assert "death row" in first["matched_keywords"]
    assert first["n_neighbours"] > 0
    assert isinstance(first["closest_recommendation"], str)
    assert "death row" in first["evidence"] and "most similar" in first["evidence"]
    assert len(demo_matcher.match("death penalty", top=None)) >= 1


def test_empty_text_warns(taxonomy_matcher):
    for text in ("", "   ", None):
        with pytest.warns(UPRDataWarning, match="Empty text"):
            out = taxonomy_matcher.match(text)
        assert len(out) == 0
        assert "theme" in out.columns


def test_no_match_is_empty(taxonomy_matcher, demo_matcher):
    for m in (taxonomy_matcher, demo_matcher):
        assert len(m.match("zzzz qqqq xxyyzz")) == 0
        assert len(m.match("the weather is nice today")) == 0


def test_transform_and_predict(taxonomy_matcher):
    scores = taxonomy_matcher.transform(["abolish the death penalty", "", "zzzz"])
    assert scores.shape == (3, len(taxonomy_matcher.themes_))
    assert ((scores.to_numpy() >= 0) & (scores.to_numpy() <= 1)).all()
    assert scores.iloc[1].sum() == 0
    pred = taxonomy_matcher.predict(["abolish the death penalty", "zzzz"], top=2)
    assert pred[0][0] == "Death penalty" and pred[1] == []


def test_sklearn_contract(demo):
    m = ThemeMatcher(n_neighbors=5, fuzzy=False)
    assert m.get_params()["n_neighbors"] == 5
    c = clone(m)
    assert c.get_params() == m.get_params()
    with pytest.raises(NotFittedError):
        c.match("death penalty")
    assert m.fit(demo.head(500)) is m
    assert m.n_recommendations_ == 500
    assert not hasattr(clone(m), "themes_")
    assert "ThemeMatcher" in repr(m)


def test_bad_weights():
    with pytest.raises(ValueError, match="Unknown signal"):
        ThemeMatcher(weights={"foo": 1}).fit().match("death penalty")


def test_options_still_work(demo):
    for params in ({"char_ngrams": False}, {"fuzzy": False}, {"ngram_range": (1, 1)}):
        m = ThemeMatcher(**params).fit(demo.head(2000))
        assert (
            m.match("abolish the death penalty", top=1)["theme"].iloc[0]
            == "Death penalty"
        )


def test_bad_recommendations():
    with pytest.raises(ValueError, match="'text' column"):
        ThemeMatcher().fit(pd.DataFrame({"x": [1]}))


def test_fit_without_themes_column():
    df = pd.DataFrame({"text": ["Abolish the death penalty", "Protect journalists"]})
    m = ThemeMatcher().fit(df)
    assert m.match("death penalty", top=1)["theme"].iloc[0] == "Death penalty"
    assert len(m.similar("journalists", top=1)) == 1


@pytest.mark.slow
def test_real_data_accuracy(upr_info):
    df = upr_info[upr_info["themes"].map(len) > 0]
    texts = df["text"].unique()
    rng = np.random.default_rng(0)
    held = set(rng.choice(texts, size=400, replace=False))
    test = df[df["text"].isin(held)].drop_duplicates("text")
    m = ThemeMatcher().fit(df[~df["text"].isin(held)])
    pred = m.predict(test["text"].tolist(), top=3)
    labels = test["themes"].tolist()
    top1 = np.mean(
        [bool(p) and p[0] in lab for p, lab in zip(pred, labels, strict=True)]
    )
    top3 = np.mean(
        [any(t in lab for t in p) for p, lab in zip(pred, labels, strict=True)]
    )
    assert top1 > 0.8
    assert top3 > 0.9
