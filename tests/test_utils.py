"""Tests of the small shared helpers."""

from __future__ import annotations

import pytest

from upr_targets._utils import plural


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (0, "recommendation", "0 recommendations"),
        (1, "recommendation", "1 recommendation"),
        (2, "issue", "2 issues"),
        (12_345, "row", "12,345 rows"),
        (3, "speech", "3 speeches"),
        (2, "process", "2 processes"),
    ],
)
def test_plural(n, noun, expected):
    assert plural(n, noun) == expected


def test_plural_irregular():
    assert plural(2, "person", "people") == "2 people"
    assert plural(1, "person", "people") == "1 person"
