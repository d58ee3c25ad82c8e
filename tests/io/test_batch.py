"""Files of one format read together: the same table and report as one by one."""

from __future__ import annotations

import pandas as pd
import pytest
from _support.loaders import ROWS, check_report, load_quiet, write_csv

from upr_targets import UnknownStateError

MESSY = [
    *ROWS,
    'France,WEOG,EU,"",Chile,GRULAC,OAS,Noted,4,Detention,2',  # blank text
    "Kenya,Africa,AU,Protect  defenders,(Unknown),,,Pending,9,Nonsense label,99",
]


def _one_by_one(paths, **kwargs):
    """The reference: each file loaded alone, tables and reports put together."""
    frames, reports = [], []
    for p in paths:
        df = load_quiet(p, **kwargs)
        reports.append(df.attrs.pop("load_report"))
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    summary = pd.concat([r.summary for r in reports], ignore_index=True)
    rejected = pd.concat([r.rejected for r in reports], ignore_index=True)
    flagged = pd.concat([r.flagged for r in reports], ignore_index=True)
    return df, summary, rejected, flagged


def _files(tmp_path):
    return [
        write_csv(tmp_path / "a.csv", MESSY),
        write_csv(tmp_path / "b.csv", ROWS[1:]),
        write_csv(tmp_path / "c.csv", MESSY[::-1], sep="\r"),
    ]


def test_several_files_give_what_each_gives_alone(tmp_path):
    paths = _files(tmp_path)
    together = load_quiet(paths)
    report = check_report(together)
    df, summary, rejected, flagged = _one_by_one(paths)
    # the duplicates across files are flagged only when loaded together
    flagged_dup = report.flagged["issue"].str.startswith("duplicate row")
    pd.testing.assert_frame_equal(together, df, check_like=False)
    pd.testing.assert_frame_equal(
        report.summary.drop(columns="rows_flagged"),
        summary.drop(columns="rows_flagged"),
    )
    pd.testing.assert_frame_equal(report.rejected, rejected)
    pd.testing.assert_frame_equal(
        report.flagged[~flagged_dup].reset_index(drop=True), flagged
    )
    assert rejected["file"].tolist() == ["a.csv", "c.csv"]  # each row its own file
    assert len(flagged) >= 8 and set(flagged["file"]) == {"a.csv", "c.csv"}


def test_unknown_state_raises_naming_its_file(tmp_path):
    bad = [*ROWS[:1], ROWS[1].replace("Chile", "Westerosia")]
    paths = [write_csv(tmp_path / "a.csv"), write_csv(tmp_path / "b.csv", bad)]
    with pytest.raises(
        UnknownStateError, match=r"Westerosia.*b\.csv|b\.csv.*Westerosia"
    ):
        load_quiet(paths)
    df = load_quiet(paths, on_unknown="flag")
    hit = df.attrs["load_report"].flagged.query("value == 'Westerosia'")
    assert hit["file"].tolist() == ["b.csv"] and hit["row"].tolist() == [3]


def test_a_file_at_fault_is_skipped_alone(tmp_path):
    # b.csv's "From" column holds texts, not States: b.csv alone is not read
    wrong = [
        f"France,WEOG,EU,Do more,Text number {k} here,WEOG,EU,Noted,3,Justice,2"
        for k in range(12)
    ]
    paths = [
        write_csv(tmp_path / "a.csv"),
        write_csv(tmp_path / "b.csv", wrong),
        write_csv(tmp_path / "c.csv"),
    ]
    df = load_quiet(paths, on_unknown="flag")
    report = check_report(df)
    assert [f for f, _ in report.skipped] == ["b.csv"]
    assert "does not hold State names" in report.skipped[0][1]
    assert df["source_file"].tolist() == ["a.csv"] * 3 + ["c.csv"] * 3


def test_same_name_in_two_folders_and_a_header_only_file(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    paths = [
        write_csv(tmp_path / "x" / "s.csv"),
        write_csv(tmp_path / "y" / "s.csv"),
        write_csv(tmp_path / "empty.csv", []),
    ]
    df = load_quiet(paths)
    report = check_report(df)
    assert len(df) == 6 and report.summary["rows_kept"].tolist() == [3, 3, 0]
    assert ("empty.csv", "a header and no records") in report.skipped


def test_the_real_exports_give_what_each_gives_alone(upr_info_files):
    together = load_quiet(upr_info_files)
    report = check_report(together)
    df, summary, rejected, flagged = _one_by_one(upr_info_files)
    pd.testing.assert_frame_equal(together, df)
    pd.testing.assert_frame_equal(
        report.summary.drop(columns="rows_flagged"),
        summary.drop(columns="rows_flagged"),
    )
    pd.testing.assert_frame_equal(report.rejected, rejected)
    # loaded together, the repeats across files are flagged too
    alone = report.flagged[~report.flagged["issue"].str.startswith("duplicate row")]
    within = flagged[~flagged["issue"].str.startswith("duplicate row")]
    pd.testing.assert_frame_equal(alone.reset_index(drop=True), within)
