"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    DATA,
    HEADER,
    ROWS,
    write_csv,
)

from upr_targets import (
    FORMATS,
    LoadError,
    UnknownFormatError,
    load_recommendations,
)
from upr_targets.io import detect_format


def test_format_given_explicitly(tmp_path):
    df = load_recommendations(write_csv(tmp_path / "x.csv"), format="upr-info")
    assert "format 'upr-info' (given)" in " ".join(df.attrs["load_report"].notes)
    with pytest.raises(LoadError, match="unknown format 'nope'"):
        load_recommendations(tmp_path / "x.csv", format="nope")


def test_formats_registry():
    assert {"upr-info", "upr-info-uwazi", "dihr", "uhri"} <= set(FORMATS)
    assert FORMATS["upr-info"].key_columns == [
        "To",
        "Text",
        "From",
        "Response",
        "Session",
    ]


def test_auto_format_is_logged(tmp_path, caplog):
    caplog.set_level("INFO", logger="upr_targets")
    load_recommendations(write_csv(tmp_path / "x.csv"))
    assert "format 'upr-info'" in caplog.text
    assert detect_format(DATA / "uwazi_comma.csv") == "upr-info-uwazi"


def test_missing_required_column_suggests_closest(tmp_path):
    header = HEADER.replace("Response", "Respons")
    with pytest.raises(LoadError) as exc:
        load_recommendations(write_csv(tmp_path / "m.csv", ROWS, header))
    msg = str(exc.value)
    assert "m.csv" in msg and "['Response']" in msg
    assert "column 'Respons' looks like 'Response'" in msg and "columns seen" in msg


def test_renamed_columns_accepted(tmp_path):
    header = (
        "to, TO_RGRP ,To Org,TEXT,from,From rgrp,From-org,RESPONSE,action,ISSUE,Session"
    )
    df = load_recommendations(write_csv(tmp_path / "r.csv", ROWS, header))
    assert len(df) == 3 and df.loc[0, "recommending_state"] == "Brazil"


def test_unknown_format(tmp_path):
    path = write_csv(tmp_path / "u.csv", ["1,2,3"], "alpha,beta,gamma")
    with pytest.raises(UnknownFormatError) as exc:
        load_recommendations(path)
    msg = str(exc.value)
    assert "'alpha', 'beta', 'gamma'" in msg
    for name in ("upr-info", "upr-info-uwazi", "dihr", "uhri"):
        assert repr(name) in msg
    assert "Tekst" in msg  # key columns are listed
