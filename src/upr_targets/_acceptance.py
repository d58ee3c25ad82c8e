"""Probability that a State under review supports a recommendation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ._errors import SchemaError
from ._estimator import Estimator, check_fitted
from ._features import codes_of, theme_matrix
from ._schema import validate

_BLOCKS = ("sur", "recommending_state", "rs_group", "sur_group", "action_category")


def _as_theme_lists(frame: pd.DataFrame) -> pd.Series:
    if "themes" in frame:
        return frame["themes"].map(
            lambda v: list(v) if isinstance(v, list | tuple) else []
        )
    if "theme" in frame:
        return frame["theme"].map(lambda v: [v] if isinstance(v, str) else [])
    return pd.Series([[] for _ in range(len(frame))], index=frame.index, dtype=object)


class AcceptanceModel(Estimator):
    """Probability that a SuR supports a recommendation, learned from history.

    A logistic regression with an L2 penalty over one-hot effects of the SuR,
    the recommending State, both regional groups, the themes and the action
    category (plus the SuR x action category interaction). The penalty
    shrinks each effect towards zero, i.e. each SuR's or State's rate towards
    the overall rate in proportion to how little evidence it has: the
    hierarchical-shrinkage estimate of an empirical-Bayes model, in one
    convex fit. Unknown SuRs, States, themes or a missing action category
    contribute nothing (the estimate falls back to the other effects).

    Parameters
    ----------
    C : float
        Inverse strength of the shrinkage (scikit-learn's ``C``).
    before_session : int, optional
        Learn only from sessions strictly before this one.
    interactions : bool
        Add the SuR x action category effects.

    Attributes
    ----------
    classes_ : numpy.ndarray
        ``[False, True]``: ``predict_proba(X)[:, 1]`` is P(supported).
    levels_ : dict
        Known levels of each categorical block.
    coef_ : pandas.Series
        The learned effects (log-odds), by ``block=level``.
    n_rows_ : int
        Rows learned from.
    base_rate_ : float
        Share of those rows supported.

    Examples
    --------
    >>> import upr_targets
    >>> demo = upr_targets.load_demo()
    >>> model = upr_targets.AcceptanceModel().fit(demo)
    >>> p = model.predict_proba(demo.head(3))[:, 1]
    >>> bool(((p > 0) & (p < 1)).all())
    True
    """

    def __init__(self, C: float = 0.03, *, before_session=None, interactions=True):
        self.C = C
        self.before_session = before_session
        self.interactions = interactions

    def _design(self, frame: pd.DataFrame) -> sp.csr_matrix:
        n = len(frame)
        mats = []
        for block in _BLOCKS:
            if block in frame:
                vals = frame[block].astype("string")
            else:
                vals = pd.Series(pd.NA, index=frame.index, dtype="string")
            codes = codes_of(vals, self.levels_[block])
            ok = codes >= 0
            mats.append(
                sp.csr_matrix(
                    (np.ones(ok.sum()), (np.flatnonzero(ok), codes[ok])),
                    shape=(n, len(self.levels_[block])),
                )
            )
        mats.append(theme_matrix(_as_theme_lists(frame), self.levels_["theme"]))
        if self.interactions:
            sur = frame["sur"].astype("string") if "sur" in frame else None
            ac = (
                frame["action_category"].astype("string")
                if "action_category" in frame
                else None
            )
            if sur is not None and ac is not None:
                key = sur + "|" + ac
            else:
                key = pd.Series(pd.NA, index=frame.index, dtype="string")
            codes = codes_of(key, self.levels_["sur|action"])
            ok = codes >= 0
            mats.append(
                sp.csr_matrix(
                    (np.ones(ok.sum()), (np.flatnonzero(ok), codes[ok])),
                    shape=(n, len(self.levels_["sur|action"])),
                )
            )
        return sp.hstack(mats).tocsr()

    def fit(self, recommendations: pd.DataFrame, y=None) -> AcceptanceModel:
        """Learn from a normalized table (``response`` is the target).

        Rows whose response is neither "supported" nor "noted"/"not
        supported" ("unclear") are left out of the fit and counted in
        ``n_unclear_``.

        Parameters
        ----------
        recommendations : pandas.DataFrame
            A normalized table (see ``upr_targets.schema_table()``).
        y : None
            Ignored: the target is the ``response`` column.

        Returns
        -------
        AcceptanceModel
            The fitted model.

        Raises
        ------
        SchemaError
            When the rows do not hold both supported and noted responses.
        """
        from sklearn.linear_model import LogisticRegression

        validate(recommendations)
        df = recommendations
        if self.before_session is not None:
            df = df[
                (df["session"] < self.before_session).fillna(False).to_numpy(dtype=bool)
            ]
        known = df["response"] != "unclear"
        self.n_unclear_ = int((~known).sum())
        df = df[known.to_numpy(dtype=bool)]
        if len(df) == 0 or df["response"].nunique() < 2:
            raise SchemaError(
                "AcceptanceModel needs recommendations with both supported and "
                f"noted responses; got {len(df)} usable rows"
                + (
                    f" before session {self.before_session}"
                    if self.before_session
                    else ""
                )
                + "."
            )
        self.levels_ = {
            b: np.array(sorted(df[b].dropna().astype(str).unique()), dtype=object)
            for b in _BLOCKS
        }
        self.levels_["theme"] = np.array(
            sorted({t for ts in df["themes"] for t in ts}), dtype=object
        )
        key = df["sur"].astype("string") + "|" + df["action_category"].astype("string")
        self.levels_["sur|action"] = np.array(
            sorted(key.dropna().unique()), dtype=object
        )
        Xd = self._design(df)
        target = (df["response"] == "supported").to_numpy(dtype=bool)
        # scikit-learn fits; the fitted model keeps numpy arrays only, so that
        # a model read back from the cache predicts without importing it
        fit = LogisticRegression(C=self.C, max_iter=2000).fit(Xd, target)
        self.classes_ = np.asarray(fit.classes_)
        names = [
            f"{b}={v}"
            for b in (
                *_BLOCKS,
                "theme",
                *(("sur|action",) if self.interactions else ()),
            )
            for v in self.levels_[b]
        ]
        self.coef_ = pd.Series(fit.coef_[0], index=names, name="log_odds")
        self.intercept_ = float(fit.intercept_[0])
        self.n_rows_ = len(df)
        self.base_rate_ = float(target.mean())
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Probabilities ``[P(noted), P(supported)]`` of each row.

        Parameters
        ----------
        X : pandas.DataFrame
            Any of the columns ``sur, recommending_state, rs_group,
            sur_group, action_category`` and ``themes`` (lists) or ``theme``
            (str); missing columns or unknown values fall back to the other
            effects.

        Returns
        -------
        numpy.ndarray
            Shape (n, 2); the second column is P(supported).
        """
        check_fitted(self, "coef_")
        z = self._design(X) @ self.coef_.to_numpy() + self.intercept_
        p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float).ravel()))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Whether each recommendation is more likely supported than not.

        Parameters
        ----------
        X : pandas.DataFrame
            As for :meth:`predict_proba`.

        Returns
        -------
        numpy.ndarray
            Booleans: P(supported) >= 0.5.
        """
        return self.predict_proba(X)[:, 1] >= 0.5

    def evaluate(self, recommendations: pd.DataFrame, n_bins: int = 10) -> pd.DataFrame:
        """Log-loss, Brier score and AUC on a table, with a calibration table.

        Parameters
        ----------
        recommendations : pandas.DataFrame
            A normalized table with known responses (rows whose response is
            "unclear" are left out).
        n_bins : int
            Bins of predicted probability in the calibration table.

        Returns
        -------
        pandas.DataFrame
            One row per bin of predicted probability: ``bin, n, mean_predicted,
            observed_rate``; ``attrs`` holds ``log_loss, brier, auc, n,
            base_rate_log_loss`` (the log-loss of predicting the training
            support rate everywhere).

        Examples
        --------
        >>> import upr_targets
        >>> demo = upr_targets.load_demo()
        >>> model = upr_targets.AcceptanceModel().fit(demo)
        >>> sorted(model.evaluate(demo).attrs)[:2]
        ['auc', 'base_rate_log_loss']
        """
        from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

        df = recommendations[
            (recommendations["response"] != "unclear").to_numpy(dtype=bool)
        ]
        y = (df["response"] == "supported").to_numpy(dtype=bool)
        p = self.predict_proba(df)[:, 1]
        bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
        table = (
            pd.DataFrame({"bin": bins, "p": p, "y": y})
            .groupby("bin")
            .agg(
                n=("y", "size"),
                mean_predicted=("p", "mean"),
                observed_rate=("y", "mean"),
            )
            .reset_index()
        )
        rate = self.base_rate_
        table.attrs.update(
            {
                "n": len(df),
                "log_loss": float(log_loss(y, p, labels=[False, True])),
                "brier": float(brier_score_loss(y, p)),
                "auc": float(roc_auc_score(y, p)) if 0 < y.mean() < 1 else float("nan"),
                "base_rate_log_loss": float(
                    log_loss(y, np.full(len(y), rate), labels=[False, True])
                ),
            }
        )
        return table
