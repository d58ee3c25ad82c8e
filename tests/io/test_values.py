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


def test_split_multi_splits_then_cleans_each_part():
    from upr_targets.io._values import split_multi

    cells = ["Justice, Women &amp; girls", None, " ; ", "Justice,Justice", "A|B"]
    s = pd.Series(cells, index=[3, 4, 5, 6, 7], dtype="string")
    got = split_multi(s, r"\s*[,;|\n]\s*")
    assert got.index.tolist() == [3, 4, 5, 6, 7]
    assert got.tolist() == [
        ["Justice", "Women &", "girls"],  # split on ";" first, then unescaped
        [],
        [],
        ["Justice", "Justice"],
        ["A", "B"],
    ]
    assert got[6] is not got[3]  # every row has a list of its own


def test_map_theme_lists_themes_once_in_order_and_unknown_labels_by_row():
    from upr_targets.io._values import map_theme_lists

    lists = pd.Series(
        [
            ["Women's rights", "Nonsense label"],
            [],
            None,
            ["Torture and other CID", "Women's rights", "Nonsense label"],
            ["Women's rights", "Nonsense label"],
        ],
        index=[10, 11, 12, 13, 14],
        dtype=object,
    )
    themes, unknown = map_theme_lists(lists, "upr-info")
    women, torture = ["Women's rights"], ["Torture and other CID treatment"]
    assert themes.tolist() == [women, [], [], torture + women, women]
    assert themes[10] is not themes[14]
    assert unknown.index.tolist() == [10, 13, 14]
    assert set(unknown) == {"Nonsense label"}


def test_group_codes_number_the_distinct_combinations():
    from upr_targets.io._values import group_codes

    a = pd.Series(["x", "y", "x", None, "x", None], dtype="string")
    b = pd.Series([1, 1, 1, 2, 2, 2])
    codes, first = group_codes(a, b)
    expected = (
        pd.DataFrame({"a": a, "b": b})
        .groupby(["a", "b"], sort=False, dropna=False)
        .ngroup()
    )  # an independent numbering, in order of first appearance
    assert codes.tolist() == expected.tolist() == [0, 1, 0, 2, 3, 2]
    assert first.tolist() == [0, 1, 3, 4]
