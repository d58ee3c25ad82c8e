"""Public names imported on first use: a package's ``__getattr__`` and ``__dir__``.

A package lists its public names and the module defining each; a name is
imported when it is first used (PEP 562), then kept in the package's
namespace, so that later look-ups are plain attribute reads.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    namespace: dict[str, Any], names: dict[str, str], public: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for a package whose names load on first use.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``.
    names : dict
        Public name -> the module that defines it, relative to the package.
    public : list of str
        The package's ``__all__``.

    Returns
    -------
    tuple
        The package's ``__getattr__`` and ``__dir__``.
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value  # later look-ups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *public])

    return __getattr__, __dir__
