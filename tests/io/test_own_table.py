"""Tests of reading the library's own table back (search --out, to_csv, to_parquet)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _support.loaders import check_report

from upr_targets import (
    LoadError,
    UPRDataWarning,
    load_recommendations,
    save_recommendations,
)
from upr_targets.io import detect_format
from upr_targets.io._tables import join_lists

# where the row was read from: the file written, not the one first read
_WHERE = ["source_file", "source_row"]


def _same(read: pd.DataFrame, written: pd.DataFrame) -> None:
    left = read.drop(columns=_WHERE).reset_index(drop=True)
    right = written.drop(columns=_WHERE).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=True)


@pytest.fixture(scope="module")
def sample(demo) -> pd.DataFrame:
    # joint recommendations, every response, rows without themes or category
    return demo.iloc[::40].reset_index(drop=True)


def _load(path):
    with warnings.catch_warnings():
        # nothing to flag but what the demo's own load flags
        warnings.simplefilter("error", UPRDataWarning)
        warnings.filterwarnings("ignore", "Loaded .* calendar does not list")
        return load_recommendations(path)


def test_search_export_reads_back(sample, tmp_path):
    path = tmp_path / "search.csv"
    join_lists(sample).to_csv(path, index=False)  # what `search --out` writes
    assert detect_format(path) == "upr-targets"
    df = _load(path)
    _same(df, sample)
    assert (df["source"] == "demo").all()  # still marked as the demo data
    assert df["source_file"].eq("search.csv").all()
    report = check_report(df)
    assert report.summary.loc[0, "format"] == "upr-targets"


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_dataframe_writers_read_back(sample, tmp_path, suffix):
    path = tmp_path / f"table{suffix}"
    rows = sample if suffix != ".xlsx" else sample.head(60)
    {
        ".csv": lambda: rows.to_csv(path, index=False),  # lists as "['a', 'b']"
        ".parquet": lambda: save_recommendations(rows, path),
        ".xlsx": lambda: join_lists(rows).to_excel(path, index=False),
    }[suffix]()
    _same(_load(path), rows)


def test_a_folder_of_parquet_files(sample, tmp_path):
    save_recommendations(sample.head(100), tmp_path / "a.parquet")
    save_recommendations(sample.tail(50), tmp_path / "b.csv")
    df = _load(tmp_path)
    assert len(df) == 150 and df["source_file"].value_counts().to_dict() == {
        "a.parquet": 100,
        "b.csv": 50,
    }


def test_a_table_made_by_hand(tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text(
        "text,sur,recommending_state,response,session,themes\n"
        "Repeal article 162 of the Penal Code,Kenya,UK,Noted,35,LGBTI; Sexual orientation\n"
        "Ratify OP-CAT,Kenya,Czech Republic,supported,21,[]\n"
    )
    df = _load(path)
    assert df["recommending_state"].tolist() == ["United Kingdom", "Czechia"]
    assert df["response"].tolist() == ["noted", "supported"]
    assert df["year"].tolist() == [2020, 2015]
    assert df["source"].eq("upr-targets").all()
    assert df["recommendation_id"].notna().all() and df["recommendation_id"].is_unique
    assert df["themes"].tolist()[1] == []


def test_bad_cells_are_flagged_with_their_rows(tmp_path):
    path = tmp_path / "ours.csv"
    path.write_text(
        "text,sur,recommending_state,response,themes\n"
        "A,Kenya,France,supported,Death penalty; Not a theme\n"
        "B,Kenya,France,supported,[Torture]\n"
    )
    with pytest.warns(UPRDataWarning):
        df = load_recommendations(path)
    flagged = df.attrs["load_report"].flagged
    flagged = flagged[flagged["column"] == "themes"].sort_values("row")
    assert flagged[["row", "value", "issue"]].values.tolist() == [
        [
            2,
            "Not a theme",
            "theme not in the taxonomy or crosswalk; left out of themes",
        ],
        [3, "[Torture]", "not a list of labels; read as one label"],
    ]
    assert df["themes"].tolist()[0] == ["Death penalty"]


def test_a_broken_parquet_file_is_named(tmp_path):
    path = tmp_path / "cut.parquet"
    path.write_bytes(b"PAR1 not really")
    with pytest.raises(LoadError, match=r"cut\.parquet is not a readable Parquet file"):
        load_recommendations(path)


def test_real_table_round_trip(upr_info, tmp_path):
    path = tmp_path / "upr-info.parquet"
    save_recommendations(upr_info, path)
    with pytest.warns(UPRDataWarning):  # the source's own problems, flagged again
        df = load_recommendations(path)
    _same(df, upr_info)


def test_pandas_to_parquet_cannot_write_the_load_report_save_can(sample, tmp_path):
    with pytest.raises(TypeError, match="LoadReport is not JSON serializable"):
        sample.to_parquet(tmp_path / "x.parquet")
    assert save_recommendations(sample, tmp_path / "x.parquet").exists()
    assert sample.attrs["load_report"] is not None  # the caller's table unchanged
    with pytest.raises(LoadError, match=r"x\.txt: cannot write a \.txt file"):
        save_recommendations(sample, tmp_path / "x.txt")


def test_saved_workbook_keeps_every_value(sample, tmp_path):
    rows = sample.head(40).copy()
    rows.loc[0, "text"] = '=HYPERLINK("http://x") Ratify the OP-CAT'  # not a formula
    rows.loc[1, "text"] = "- Ratify the OP-CAT"
    path = save_recommendations(rows, tmp_path / "hits.xlsx")
    _same(_load(path), rows)
