"""The ranker keeps scikit-learn's contract without importing scikit-learn."""

from __future__ import annotations

import pytest
from _support.fresh import run_on_pickle

import upr_targets
from upr_targets._estimator import NotFittedError


def test_params_clone_and_repr():
    from sklearn.base import clone

    r = upr_targets.TargetRanker(half_life=3.0, action="specific")
    assert r.get_params()["half_life"] == 3.0
    assert repr(r) == "TargetRanker(action='specific', half_life=3.0)"
    c = clone(r)
    assert c is not r and c.get_params() == r.get_params()
    assert r.set_params(recent=4) is r and r.recent == 4
    with pytest.raises(ValueError, match="Invalid parameter"):
        r.set_params(nope=1)


def test_not_fitted():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        upr_targets.TargetRanker().rank("Kenya", themes=["Death penalty"])


def test_a_fitted_ranker_from_the_cache_does_not_import_sklearn(tmp_path, demo):
    # (a ranker whose text matcher was fitted holds scikit-learn objects)
    code = (
        "obj.rank('Kenya', themes=['Death penalty']); print('sklearn' in sys.modules)"
    )
    ranker = upr_targets.TargetRanker().fit(demo)
    assert run_on_pickle(ranker, code, tmp_path) == "False"
