"""Tests of the cache: tables and models back as they went in, damage ignored."""

from __future__ import annotations

import gc
import subprocess
import sys

import pandas as pd
from _support.loaders import load_quiet, write_csv

from upr_targets._cache import Cache, files_key


def test_a_loaded_table_comes_back_with_its_dtypes_lists_and_report(tmp_path):
    df = load_quiet(write_csv(tmp_path / "s.csv"))
    cache = Cache(tmp_path / "cache")
    cache.save_table("k", df)
    back = cache.load_table("k")
    pd.testing.assert_frame_equal(back, df)
    assert back["themes"].map(type).eq(list).all()
    assert back.attrs["load_report"].summary.equals(df.attrs["load_report"].summary)
    assert gc.isenabled()  # paused while the lists are read, then restored


def test_a_damaged_or_missing_entry_is_a_miss(tmp_path):
    df = load_quiet(write_csv(tmp_path / "s.csv"))
    cache = Cache(tmp_path / "cache")
    assert cache.load_table("k") is None
    cache.save_table("k", df)
    (arrow,) = (tmp_path / "cache" / "tables").glob("k.arrow")
    arrow.write_bytes(arrow.read_bytes()[:100])  # cut short
    assert cache.load_table("k") is None
    assert Cache(tmp_path / "cache", enabled=False).load_table("k") is None


def test_the_key_changes_with_the_file(tmp_path):
    path = write_csv(tmp_path / "s.csv")
    key = files_key([path], format="auto")
    assert files_key([path], format="auto") == key
    assert files_key([path], format="upr-info") != key
    write_csv(path, [])
    assert files_key([path], format="auto") != key


def test_a_table_from_the_cache_loads_none_of_the_readers(tmp_path):
    path = write_csv(tmp_path / "s.csv")
    code = (
        "import sys, warnings; warnings.simplefilter('ignore')\n"
        "from upr_targets import load_recommendations\n"
        f"df = load_recommendations({str(path)!r}, cache=True, cache_dir={str(tmp_path)!r})\n"
        "print(len(df), sorted(m for m in sys.modules if m.startswith('upr_targets.io.')))"
    )
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    warm = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "upr_targets.io._finalize" in cold
    assert warm.startswith("3 ") and "_finalize" not in warm and "_pdf" not in warm
