"""Tests of the acceptance model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from upr_targets import AcceptanceModel, SchemaError


@pytest.fixture(scope="module")
def model(demo):
    return AcceptanceModel().fit(demo)


def test_sklearn_contract(model):
    c = clone(model)
    assert c.get_params() == model.get_params()
    assert not hasattr(c, "coef_")
    assert list(model.classes_) == [False, True]


def test_predict_proba_shape_and_range(model, demo):
    p = model.predict_proba(demo.head(50))
    assert p.shape == (50, 2)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert ((p > 0) & (p < 1)).all()


def test_unknown_levels_and_theme_column(model):
    frame = pd.DataFrame(
        {
            "sur": ["Nowhere Land"],
            "recommending_state": ["Elsewhere"],
            "theme": ["Not a theme"],
            "action_category": [pd.NA],
        }
    )
    p = model.predict_proba(frame)[0, 1]
    # nothing known: the intercept alone
    assert p == pytest.approx(1 / (1 + np.exp(-model.intercept_)))


def test_action_category_matters(demo):
    model = AcceptanceModel(C=1.0, interactions=False).fit(demo)
    coef = model.coef_.filter(like="action_category=")
    assert len(coef) >= 2


def test_before_session(demo):
    m = AcceptanceModel(before_session=10).fit(demo)
    assert m.n_rows_ == int(
        ((demo["session"] < 10) & (demo["response"] != "unclear")).sum()
    )


def test_needs_both_responses(demo):
    only = demo[(demo["response"] == "supported").to_numpy(dtype=bool)]
    with pytest.raises(SchemaError, match="both supported and"):
        AcceptanceModel().fit(only)


def test_evaluate(model, demo):
    table = model.evaluate(demo)
    assert {"bin", "n", "mean_predicted", "observed_rate"} <= set(table.columns)
    assert table["n"].sum() == table.attrs["n"]
    assert table.attrs["log_loss"] < table.attrs["base_rate_log_loss"]


def test_upr_info_out_of_time(upr_info):
    """Trained on sessions 1-12, scored on 13-17 (the figures in the docs)."""
    model = AcceptanceModel(before_session=13).fit(upr_info)
    test = upr_info[(upr_info["session"] >= 13).to_numpy(dtype=bool, na_value=False)]
    ev = model.evaluate(test)
    assert ev.attrs["auc"] > 0.8
    assert ev.attrs["log_loss"] < ev.attrs["base_rate_log_loss"]


def test_a_fitted_model_predicts_without_sklearn(model, tmp_path):
    from _support.fresh import run_on_pickle

    code = (
        "import pandas as pd\n"
        "p = obj.predict_proba(pd.DataFrame({'sur': ['Kenya'], 'themes': [['Torture']]}))\n"
        "print('sklearn' in sys.modules, round(float(p[0, 1]), 6))"
    )
    out = run_on_pickle(model, code, tmp_path)
    flag, p = out.split()
    assert flag == "False"
    want = model.predict_proba(
        pd.DataFrame({"sur": ["Kenya"], "themes": [["Torture"]]})
    )
    assert float(p) == pytest.approx(want[0, 1], abs=1e-6)
