"""scikit-learn's estimator contract, without importing scikit-learn.

:class:`Estimator` gives ``get_params``, ``set_params`` and the usual
``repr`` from the parameters of ``__init__`` (which only stores them), so
that ``sklearn.base.clone`` and grid searches work, while a fitted ranker
read back from the cache does not pay scikit-learn's import (about a second
and a half on a small machine: scipy.stats loads through ``sklearn.base``).
"""

from __future__ import annotations

import inspect
from typing import Any

__all__ = ["Estimator", "NotFittedError", "check_fitted", "is_fitted"]


class NotFittedError(ValueError, AttributeError):
    """An estimator is used before ``fit`` (the same bases as scikit-learn's)."""


def check_fitted(estimator: Any, attribute: str) -> None:
    """Raise :class:`NotFittedError` unless ``estimator`` has ``attribute``."""
    if not hasattr(estimator, attribute):
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet. Call "
            "'fit' with appropriate arguments before using this estimator."
        )


def is_fitted(estimator: Any) -> bool:
    """Whether ``estimator`` has fitted attributes (names ending in ``_``),
    as scikit-learn's ``check_is_fitted`` decides without attributes."""
    return any(k.endswith("_") and not k.startswith("__") for k in vars(estimator))


class Estimator:
    """Parameters of ``__init__`` as ``get_params`` / ``set_params``."""

    @classmethod
    def _param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(
            p.name
            for p in sig.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
        )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's parameters, as scikit-learn's ``get_params``.

        Parameters
        ----------
        deep : bool
            Also the parameters of parameters that are estimators.

        Returns
        -------
        dict
            Parameter name -> value.
        """
        out = {}
        for name in self._param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{name}__{k}", v) for k, v in value.get_params().items())
            out[name] = value
        return out

    def set_params(self, **params: Any):
        """Set parameters, as scikit-learn's ``set_params``; returns self.

        Parameters
        ----------
        **params
            Parameter name -> new value.

        Returns
        -------
        Estimator
            ``self``.
        """
        valid = set(self._param_names())
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; valid "
                    f"parameters: {sorted(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        sig = inspect.signature(type(self).__init__)
        changed = []
        for name in self._param_names():
            default = sig.parameters[name].default
            value = getattr(self, name)
            if value is not default and not _same(value, default):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False
