"""Tests of the cell parsers in ``upr_targets.io._values``."""

from __future__ import annotations

import html
import sys

import pandas as pd
import pytest

from upr_targets.io._values import SPACES, clean_text


def _python_clean(v):
    """The reference: ``html.unescape``, then ``str.split`` and join."""
    if v is None or v is pd.NA:
        return pd.NA
    return " ".join(html.unescape(v).split())


def test_spaces_are_what_str_split_splits_on():
    every = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(SPACES) == every


_CELLS = [
    "  a\u3000b &amp; c&nbsp;d ",
    "\x85x\x1cy",
    None,
    "",
    " ",
    "  ",
    "&",
    "a&#10;b",
    "ok",
    "tab\there",
    "\u200bzero-width is not white space",
    " x ",
    "a  b",
    "é  ü\u2028",
    "line\r\nbreak",
]


@pytest.mark.parametrize("repeat", [1, 40])  # long cells row by row, short per value
def test_clean_text_is_the_python_fold(repeat):
    cells = [c * repeat if c else c for c in _CELLS]
    s = pd.Series(cells * 3, index=range(7, 7 + 3 * len(cells)), dtype="string")
    got = clean_text(s)
    expected = pd.Series([_python_clean(v) for v in cells * 3], index=s.index)
    pd.testing.assert_series_equal(got, expected.astype("string"))


def test_clean_text_keeps_missing_and_object_input():
    got = clean_text(pd.Series([" a", None, "b\tc"], dtype=object))
    assert got.tolist() == ["a", pd.NA, "b c"]
    assert str(got.dtype) == "string"
    assert clean_text(pd.Series([], dtype="string")).empty


def test_clean_text_reads_chunked_arrow_columns():
    import pyarrow as pa

    chunked = pa.chunked_array([["a  b", " c"], ["d\te", None]])
    got = clean_text(pd.Series(pd.arrays.ArrowStringArray(chunked)))
    assert got.tolist() == ["a b", "c", "d e", pd.NA]
