"""Tests of the States table and of State name resolution."""

from __future__ import annotations

import pandas as pd
import pytest

from upr_targets import (
    normalize_group,
)

# --------------------------------------------------------------- the table


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Africa", "African"),
        ("Asia", "Asia-Pacific"),
        ("EEG", "Eastern European"),
        ("GRULAC", "GRULAC"),
        ("WEOG", "WEOG"),
        ("Asia (Asian Group)", "Asia-Pacific"),
        ("Africa (African Group)", "African"),
        ("Eastern Europe (Eastern European Group)", "Eastern European"),
        ("Latin America and the Caribbean (GRULAC)", "GRULAC"),
        ("Western Europe and others (WEOG)", "WEOG"),
        ("African Group", "African"),
        ("Asia-Pacific Group", "Asia-Pacific"),
        ("Eastern European Group", "Eastern European"),
        ("Latin American and Caribbean Group", "GRULAC"),
        ("Western European and others Group", "WEOG"),
        ("asia-pacific", "Asia-Pacific"),
        ("Eastern European", "Eastern European"),
    ],
)
def test_normalize_group(label, expected):
    assert normalize_group(label) == expected


@pytest.mark.parametrize(
    "label", ["Observer", None, float("nan"), "", "&#40;Unknown&#41;"]
)
def test_normalize_group_missing(label):
    assert normalize_group(label) is pd.NA


def test_normalize_group_series():
    s = pd.Series(["Africa", "Observer", None, "WEOG", "Africa"], index=list("abcde"))
    out = normalize_group(s)
    assert out.index.tolist() == list("abcde")
    assert str(out.dtype) == "string"
    assert out.tolist() == ["African", pd.NA, pd.NA, "WEOG", "African"]


def test_normalize_group_unknown():
    with pytest.raises(ValueError, match="Unknown regional group 'Oceania'"):
        normalize_group("Oceania")


# -------------------------------------------------------------- real data
