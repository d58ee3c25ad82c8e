"""Tests of the option types (``upr_targets.cli._types``)."""

from __future__ import annotations

import argparse
import math

import pytest

from upr_targets.cli._types import days, positive_int, session_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13-17", [13, 14, 15, 16, 17]),
        ("13,15", [13, 15]),
        ("20", [20]),
        ("1-2,5", [1, 2, 5]),
    ],
)
def test_session_range(text, expected):
    assert session_range(text) == expected


@pytest.mark.parametrize("text", ["17-13", "x", "0", ""])
def test_session_range_errors(text):
    with pytest.raises(argparse.ArgumentTypeError, match="invalid session range"):
        session_range(text)


def test_numbers():
    assert positive_int("3") == 3 and days("0") == 0.0 and days("1.5") == 1.5
    assert math.isinf(days("inf"))
    for parse, text, message in (
        (positive_int, "0", "expected a number >= 1, got 0"),
        (positive_int, "2.5", "expected a whole number, got '2.5'"),
        (days, "-1", "expected a number >= 0, got -1"),
        (days, "nan", "expected a number >= 0"),
        (days, "soon", "expected a number of days, got 'soon'"),
    ):
        with pytest.raises(argparse.ArgumentTypeError, match=message):
            parse(text)
