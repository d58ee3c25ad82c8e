"""match_outcome and evaluate_matches: tiny real tables, the labelled set on real data."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import upr_targets
from upr_targets import STRENGTHS, evaluate_matches, match_outcome

REPORT = Path(__file__).parent / "data" / "documents" / "report_cycle3.pdf"
LABELS = Path(__file__).parents[1] / "benchmarks" / "outcome_labels"


@pytest.fixture(scope="module")
def outcome():
    with pytest.warns(upr_targets.UPRDataWarning):
        return upr_targets.load_recommendations(REPORT)


def test_columns_and_co_sponsors(outcome):
    m = match_outcome(["Abolish capital punishment and the death penalty"], outcome)
    assert list(m.columns) == list(upr_targets.OUTCOME_MATCH_COLUMNS)
    best = m[m["rank"] == 1]
    # a paragraph made by two States: two rows, one rank
    assert sorted(best["recommending_state"]) == ["Iran", "Italy"]
    assert set(best["paragraph"]) == {"140.2"}
    assert best["strength"].iloc[0] in STRENGTHS


def test_unmatched_recommendation_keeps_one_row(outcome):
    ours = ["Abolish the death penalty", "Protect beekeepers from pesticide spraying"]
    m = match_outcome(ours, outcome, min_score="very similar")
    rest = m[m["advocacy_id"] == "R2"]
    assert len(rest) == 1 and rest["strength"].iloc[0] == "not taken up"
    assert rest["rank"].isna().all()


def test_words_in_common_needed_to_be_similar(shared_data):
    """At a review with nothing on them, themes alone make no "similar" match."""
    report = shared_data / "reports" / "A_HRC_42_4-EN.pdf"
    if not report.exists():
        pytest.skip("shared Albania report absent")
    with pytest.warns(upr_targets.UPRDataWarning):
        albania = upr_targets.load_recommendations(report)
    m = match_outcome(["Protect beekeepers from pesticide spraying"], albania)
    strong = m[m["strength"].isin(["very similar", "similar"])]
    assert strong.empty, strong[["text", "word_similarity", "char_similarity"]]
    assert (m["strength"] == "related").any()  # still listed, as related
    from upr_targets._outcome_match import strength_of

    lab = strength_of([4.0, 4.0, 4.0], [False, False, True], [True, False, False])
    assert lab.tolist() == ["very similar", "related", "very similar"]


def test_targeted_flag(outcome):
    adv = upr_targets.load_advocacy(
        pd.DataFrame(
            {
                "recommendation": ["Abolish the death penalty"],
                "targeted_states": ["Italy; France"],
            }
        )
    )
    m = match_outcome(adv, outcome)
    top = m[m["rank"] == 1].set_index("recommending_state")["targeted"]
    assert top.to_dict() == {"Iran": False, "Italy": True}


def test_errors_name_the_value(outcome, demo):
    with pytest.raises(ValueError, match="min_score='strong'"):
        match_outcome(["x"], outcome, min_score="strong")
    with pytest.raises(ValueError, match="several reviews"):
        match_outcome(["Abolish the death penalty"], demo)
    with pytest.raises(ValueError, match="No recommendations in the outcome"):
        match_outcome(["Abolish the death penalty"], demo, sur="Kenya", session=99)


def test_acronyms_meet_their_words(outcome):
    m = match_outcome(["Ratify OPCAT"], outcome, top=1)
    assert m["paragraph"].iloc[0] == "140.1"


def test_evaluate_matches_against_a_hand_count():
    m = pd.DataFrame(
        {
            "advocacy_id": ["R1"] * 3,
            "rank": [1, 2, 3],
            "paragraph": ["1.3", "1.1", "1.2"],
        }
    )
    lab = pd.DataFrame(
        {"advocacy_id": ["R1", "R1"], "paragraph": ["1.1", "1.2"], "grade": [3, 1]}
    )
    row = evaluate_matches(m, lab, relevant=2).iloc[0]
    assert row["hit@10"] == 1.0 and row["rr"] == 0.5 and row["recall@10"] == 1.0
    dcg = 7 / np.log2(3) + 1 / np.log2(4)
    assert row["ndcg@10"] == pytest.approx(dcg / (7 + 1 / np.log2(3)))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("albania-2019", "reports/A_HRC_42_4-EN.pdf"),
        ("egypt-2014", "matrix/egypt-session20-2014.docx"),
    ],
)
def test_labelled_set_beats_plain_tfidf(shared_data, name, file):
    from sklearn.feature_extraction.text import TfidfVectorizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", upr_targets.UPRDataWarning)
        outcome = upr_targets.load_recommendations(shared_data / file)
        adv = upr_targets.load_advocacy(LABELS / f"advocacy-{name}.csv")
    labels = pd.read_csv(LABELS / f"labels-{name}.csv", dtype={"paragraph": str})
    ours = evaluate_matches(
        match_outcome(adv, outcome, top=None, min_score=float("-inf")), labels
    ).attrs["mean"]
    paras = outcome.drop_duplicates("recommendation_id")
    texts = paras["text"].tolist()
    X = TfidfVectorizer().fit_transform(texts + adv["advocacy_text"].tolist())
    S = (X[len(texts) :] @ X[: len(texts)].T).toarray()
    base = pd.concat(
        pd.DataFrame(
            {
                "advocacy_id": q,
                "rank": np.arange(1, len(texts) + 1),
                "paragraph": paras["paragraph"].to_numpy()[
                    (-S[i]).argsort(kind="stable")
                ],
            }
        )
        for i, q in enumerate(adv["advocacy_id"])
    )
    baseline = evaluate_matches(base, labels).attrs["mean"]
    assert ours["ndcg@10"] > baseline["ndcg@10"] + 0.05
    assert ours["rr"] >= baseline["rr"]


def _review(texts):
    from upr_targets._schema import conform

    n = len(texts)
    return conform(
        {
            "text": texts,
            "sur": ["Albania"] * n,
            "sur_iso3": ["ALB"] * n,
            "recommending_state": ["Portugal", "Denmark", "Chile", "Ghana"][:n],
            "rs_iso3": ["PRT", "DNK", "CHL", "GHA"][:n],
            "session": [33] * n,
            "year": [2019] * n,
            "paragraph": [f"95.{i + 1}" for i in range(n)],
            "recommendation_id": [f"r{i}" for i in range(n)],
            "response": ["supported"] * n,
            "source": ["report"] * n,
        }
    )


def test_an_ask_to_join_another_instrument_is_not_taken_up():
    """Before: 'Ratify the OPCAT' was 'very similar' to 'Ratify the Optional
    Protocol to the ICESCR' (Albania 2019, 95.2): the NGO would thank a State
    for a treaty it did not ask for."""
    icescr = "Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights"
    crpd = "Adhere to the Optional Protocol to the Convention on the Rights of Persons with Disabilities"
    opcat = "Consider ratifying the Optional Protocol to the Convention against Torture"
    other = "Protect journalists from harassment and attacks"
    ours = ["Ratify the Optional Protocol to the Convention against Torture"]
    m = match_outcome(ours, _review([icescr, crpd, opcat, other]), min_score=-99)
    by_text = m.drop_duplicates("text").set_index("text")
    assert by_text.loc[opcat, "rank"] == 1
    assert by_text.loc[opcat, "strength"] in ("very similar", "similar")
    for text in (icescr, crpd):
        assert by_text.loc[text, "strength"] in ("related", "")
        assert by_text.loc[text, "rank"] > by_text.loc[other, "rank"]
    # without the OPCAT in the review: nothing says it was taken up
    m = match_outcome(ours, _review([icescr, crpd, other]), min_score="similar")
    assert (m["strength"] == "not taken up").all()


def test_nothing_to_find_is_no_miss():
    m = pd.DataFrame(
        {"advocacy_id": ["R1", "R2"], "rank": [1, 1], "paragraph": ["1.1", "1.2"]}
    )
    lab = pd.DataFrame(
        {"advocacy_id": ["R1", "R2"], "paragraph": ["1.1", "1.2"], "grade": [3, 1]}
    )
    out = evaluate_matches(m, lab).set_index("advocacy_id")
    assert out.loc["R1", "hit@10"] == 1.0
    assert np.isnan(out.loc["R2", "hit@10"]) and np.isnan(out.loc["R2", "rr"])
    assert out.loc["R2", "ndcg@10"] == 1.0
    assert out.attrs["mean"]["hit@10"] == 1.0  # R2 has nothing to miss
