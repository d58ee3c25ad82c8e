"""Tests of the names a package imports on first use."""

from __future__ import annotations

import pytest

from upr_targets._lazy import lazy_names


def test_a_name_is_imported_on_first_use_then_kept():
    namespace = {"__name__": "upr_targets"}
    getattr_, dir_ = lazy_names(namespace, {"LoadError": "._errors"}, ["LoadError"])
    assert "LoadError" not in namespace
    from upr_targets._errors import LoadError

    assert getattr_("LoadError") is LoadError
    assert namespace["LoadError"] is LoadError  # later look-ups skip __getattr__
    assert "LoadError" in dir_()
    with pytest.raises(AttributeError, match="'upr_targets' has no attribute 'nope'"):
        getattr_("nope")
