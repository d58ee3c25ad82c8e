"""Tests of load_recommendations: every format, real files and bad input."""

from __future__ import annotations

import pytest
from _support.loaders import (
    HEADER,
    ROWS,
    load_quiet,
    write_csv,
)

from upr_targets import (
    LoadError,
    UnknownFormatError,
    UPRDataWarning,
    load_recommendations,
)


def test_directory_list_and_glob(tmp_path):
    write_csv(tmp_path / "a.csv")
    write_csv(tmp_path / "b.csv", ROWS[:1])
    (tmp_path / "notes.md").write_text("not data")
    assert len(load_quiet(tmp_path)) == 4
    assert len(load_quiet([tmp_path / "a.csv", str(tmp_path / "b.csv")])) == 4
    assert len(load_quiet(str(tmp_path / "*.csv"))) == 4


def test_folders_and_globs_read_numbered_files_in_number_order(tmp_path):
    names = ["sessions-10-13.csv", "sessions-1-5.csv", "sessions-6-9.csv"]
    for name in names:
        write_csv(tmp_path / name)
    want = ["sessions-1-5.csv", "sessions-6-9.csv", "sessions-10-13.csv"]
    for given in (tmp_path, str(tmp_path / "sessions-*.csv")):
        summary = load_quiet(given).attrs["load_report"].summary
        assert summary["file"].tolist() == want


def test_duplicates_reported_and_kept(tmp_path):
    with pytest.warns(UPRDataWarning, match="duplicate"):
        df = load_recommendations(write_csv(tmp_path / "d.csv", [*ROWS, ROWS[0]]))
    assert len(df) == 4
    flagged = df.attrs["load_report"].flagged
    assert (
        flagged.loc[0, "row"] == 5
        and flagged.loc[0, "value"] == "duplicate of d.csv row 2"
    )


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="file not found"):
        load_recommendations(tmp_path / "nope.csv")


# ---------------------------------------------------------- paths, folders


@pytest.mark.parametrize("bad", [b"recs.csv", None, 3])
def test_path_of_the_wrong_type(bad):
    with pytest.raises(LoadError, match="path"):
        load_recommendations(bad)


def test_symlink_loop(tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(LoadError, match="symbolic link"):
        load_recommendations(tmp_path / "a.csv")


def test_folder_with_a_bad_file_loads_the_rest(tmp_path):
    write_csv(tmp_path / "good.csv")
    (tmp_path / "bad.csv").write_text("Name,Colour\nBob,red\n")
    with pytest.warns(UPRDataWarning, match="bad.csv: not read"):
        df = load_recommendations(tmp_path)
    assert len(df) == 3
    assert df.attrs["load_report"].skipped[0][0] == "bad.csv"
    with pytest.raises(UnknownFormatError):
        load_recommendations(tmp_path, strict=True)


def test_header_only_file_warns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(HEADER + "\n")
    with pytest.warns(UPRDataWarning, match="a header and no records"):
        df = load_recommendations(path)
    assert len(df) == 0


def test_unknown_layout_shows_a_short_excerpt(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "Name,Colour," + ",".join(f"c{i}" for i in range(400)) + "\nBob,red\n"
    )
    with pytest.raises(UnknownFormatError) as info:
        load_recommendations(path)
    assert len(str(info.value)) < 900


def test_drop_duplicates_across_sources(tmp_path):
    # the same recommendation in a UPR Info export and a Uwazi export
    write_csv(tmp_path / "a.csv")
    uwazi = (
        "Title,Session,State under Review,Recommendation,Recommending State,Response\n"
        '1,14/05/2008,France,"RATIFY CED without delay!",Brazil,Supported\n'
        "2,14/05/2008,France,A new one,Chile,Supported\n"
    )
    (tmp_path / "b.csv").write_text(uwazi)
    kept = load_quiet(tmp_path)
    dropped = load_quiet(tmp_path, drop_duplicates=True)
    assert len(kept) - len(dropped) == 1
    report = dropped.attrs["load_report"]
    s = report.summary.set_index("file")
    assert (s["rows_read"] == s["rows_kept"] + s["rows_rejected"]).all()
    assert report.rejected["reason"].str.contains("drop_duplicates=True").sum() == 1


def test_duplicates_compare_letters_of_every_script(tmp_path):
    # two different Russian texts must not fold to the same (empty) key
    header = (
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
    )
    rows = [
        "France,WEOG,EU,Ратифицировать Конвенцию,Brazil,GRULAC,,Accepted,5,Torture,2",
        "France,WEOG,EU,Отменить смертную казнь,Brazil,GRULAC,,Accepted,5,Torture,2",
    ]
    df = load_quiet(write_csv(tmp_path / "ru.csv", rows, header=header))
    assert not df.attrs["load_report"].flagged["issue"].str.contains("duplicate").any()
