"""Tests of the synthetic demo data."""

from __future__ import annotations

import pytest

from upr_targets import load_demo, make_demo, validate


@pytest.fixture(scope="module")
def gen():
    return make_demo(30_000, sessions=range(1, 41), seed=11)


def test_load_demo_schema_and_attrs(demo):
    validate(demo)
    assert 15_000 <= len(demo) <= 25_000
    assert demo.attrs["synthetic"] is True
    assert (
        "SYNTHETIC" in str(demo.attrs["load_report"])
        or "SYNTHETIC" in demo.attrs["note"]
    )
    assert (demo["source"] == "demo").all()
    assert demo["session"].min() == 1 and demo["session"].max() == 40
    assert demo["source_file"].eq("demo.csv.gz").all()
    assert demo["source_row"].iloc[0] == 2


def test_load_demo_returns_fresh_copies():
    a = load_demo()
    a.loc[0, "text"] = "changed"
    a["themes"].iloc[1].append("zzz")
    b = load_demo()
    assert b.loc[0, "text"] != "changed"
    assert "zzz" not in b["themes"].iloc[1]
    assert isinstance(b["themes"].iloc[0], list)


def test_bundled_file_is_small():
    from importlib import resources

    path = resources.files("upr_targets").joinpath("data", "demo.csv.gz")
    assert path.is_file()
    with resources.as_file(path) as p:
        assert p.stat().st_size < 1.5e6
