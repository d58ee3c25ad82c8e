"""Property tests of the loaders: random exports, nothing lost, text as written.

Random UPR Info, Uwazi and UHRI files (quotes, delimiters, line breaks and
Unicode in the texts; real, unknown and placeholder State names) are written
with Python's csv module and loaded with ``on_unknown="flag"``. Only
documented errors may come out; every record written is counted (read ==
kept + rejected); every text kept equals the text written after the
documented folding (HTML entities decoded, control characters removed, white
space folded).
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings

from hypothesis import given
from hypothesis import strategies as st

from upr_targets import (
    LoadError,
    UnknownStateError,
    UPRDataWarning,
    load_recommendations,
)

NAMES = ["France", "Brazil", "Kenya", "Côte d'Ivoire", "Türkiye", "Viet Nam", "Peru"]
JUNK = ["(Unknown)", "Westeros", "", "European Union"]
TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcé ,;\"'\n\r\t&|-()") + ["\u2019", "\u00a0", "\x00", "中"]
    ),
    min_size=0,
    max_size=60,
)


def _expected(text: str) -> str:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    if "&" in text:
        text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def _write(path, header, rows, newline):
    buf = io.StringIO()
    # csv.writer leaves a lone CR unquoted (a line break to every reader): quote
    # all fields then, as spreadsheet programs do
    cr = any("\r" in str(v) for r in rows for v in r)
    quoting = csv.QUOTE_ALL if cr else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator=newline, quoting=quoting).writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")
    return path


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        try:
            return load_recommendations(path, on_unknown="flag")
        except (LoadError, UnknownStateError) as exc:  # documented errors only
            assert str(exc) and path.name in str(exc)
            return None


def _check(df, texts):
    if df is None:
        return
    s = df.attrs["load_report"].summary.iloc[0]
    assert s["rows_read"] == s["rows_kept"] + s["rows_rejected"]
    kept = df["text"].tolist()
    written = [_expected(t) for t in texts]
    assert all(k in written for k in kept)
    # every non-blank text with a known SuR is kept
    assert len(kept) >= sum(bool(w) for w in written) - s["rows_rejected"]


RECORD = st.tuples(TEXT, st.sampled_from(NAMES), st.sampled_from(NAMES + JUNK))


@given(st.lists(RECORD, min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_upr_info_files(tmp_path_factory, records, newline):
    header = (
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
    )
    rows = [
        [sur, "", "", "R: " + text, rs, "", "", "Accepted", "4", "Justice", "20"]
        for text, sur, rs in records
    ]
    path = _write(
        tmp_path_factory.mktemp("f") / "u.csv", header.split(","), rows, newline
    )
    df = _load(path)
    if df is not None:
        assert df.attrs["load_report"].summary.iloc[0]["records_read"] == len(records)
    _check(df, ["R: " + t for t, _, _ in records])


@given(st.lists(RECORD, min_size=1, max_size=25), st.sampled_from(["\n", "\r\n"]))
def test_uwazi_files(tmp_path_factory, records, newline):
    header = [
        "Title",
        "Session",
        "State under Review",
        "Recommendation",
        "Recommending State",
        "Response",
        "Issues",
    ]
    rows = [
        [
            f"{i}.1",
            "29/01/2018",
            sur,
            "R: " + text,
            f"{rs}; Peru",
            "Supported",
            "Justice",
        ]
        for i, (text, sur, rs) in enumerate(records)
    ]
    path = _write(tmp_path_factory.mktemp("f") / "w.csv", header, rows, newline)
    df = _load(path)
    if df is not None:
        assert df.attrs["load_report"].summary.iloc[0]["records_read"] == len(records)
    _check(df, ["R: " + t for t, _, _ in records])


@given(st.lists(RECORD, min_size=1, max_size=20))
def test_uhri_files(tmp_path_factory, records):
    from _support.loaders import UHRI_HEADER, UHRI_ROWS

    rows = []
    for text, sur, rs in records:
        row = list(UHRI_ROWS[0])
        row[0], row[1], row[8] = "R: " + text, f"- {sur}", f"- {rs}\n- Ghana"
        rows.append(row)
    path = _write(tmp_path_factory.mktemp("f") / "h.csv", UHRI_HEADER, rows, "\n")
    df = _load(path)
    _check(df, ["R: " + t for t, _, _ in records])
