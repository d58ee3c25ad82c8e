"""The weights' logistic solve, checked against scikit-learn."""

from __future__ import annotations


def test_logistic_solve_matches_scikit_learn():
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from upr_targets._weights import _logistic_coef

    rng = np.random.default_rng(0)
    F = rng.normal(size=(3000, 5))
    y = (F @ rng.normal(size=5) + rng.normal(size=3000) > 0.5).astype(float)
    ours = _logistic_coef(F, y)
    theirs = LogisticRegression(
        C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000
    )
    assert np.allclose(ours, theirs.fit(F, y).coef_[0], atol=1e-6)
