"""Tests of ``upr-targets fetch``, against a local HTTP server (never the internet)."""

from __future__ import annotations

import pytest
from _support.cli import run
from _support.http import Server, api_route, api_rows, file_route
from _support.loaders import make_uhri

import upr_targets


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def _lines(out: str) -> dict[str, str]:
    return {line.split(":", 1)[0]: line for line in out.splitlines() if ":" in line}


def test_fetch_upr_info_says_what_it_got_and_how_to_use_it(
    capsys, server, tmp_path, monkeypatch
):
    route, _ = api_route(api_rows(12))
    server.routes["/api/search"] = route
    monkeypatch.setenv("UPR_TARGETS_UPR_INFO_URL", server.url)
    cache = tmp_path / "cache"
    code, out, _ = run(
        capsys, "fetch", "upr-info", "--sur", "France", "--cache-dir", str(cache)
    )
    assert code == 0, out
    assert "UPR Info's database, France: downloaded now (0 days old)" in out
    # the counts said are those of the table the fetcher gives
    df = upr_targets.fetch_upr_info("France", cache_dir=cache, offline=True)
    n_recs = df["recommendation_id"].nunique()
    assert f"{len(df):,} rows, {n_recs:,} recommendations, 1 State under review" in out
    assert "sessions 29, years 2018" in out
    path = _lines(out)["File"].split(": ", 1)[1]
    assert path.endswith("upr-info-France-all.csv")
    assert f'--data "{path}" --sur "France"' in out
    # the file is what --data reads: the same table, format detected
    again = upr_targets.load_recommendations(path)
    assert len(again) == len(df)


def test_fetch_offline_copy_and_out(capsys, server, tmp_path, monkeypatch):
    route, _ = api_route(api_rows(5))
    server.routes["/api/search"] = route
    monkeypatch.setenv("UPR_TARGETS_UPR_INFO_URL", server.url)
    cache = str(tmp_path / "cache")
    assert run(capsys, "fetch", "upr-info", "--cache-dir", cache)[0] == 0
    monkeypatch.setenv("UPR_TARGETS_UPR_INFO_URL", "http://127.0.0.1:9")
    out_file = tmp_path / "kept" / "all.csv"
    code, out, _ = run(
        capsys,
        "fetch",
        "upr-info",
        "--offline",
        "--cache-dir",
        cache,
        "--out",
        str(out_file),
    )
    assert code == 0
    assert "from the cache" in out and f"Copied to {out_file}" in out
    assert len(upr_targets.load_recommendations(out_file)) == 5
    code, _, err = run(
        capsys, "fetch", "upr-info", "--cache-dir", cache, "--out", "x.xlsx"
    )
    assert code == 2 and "give a name ending in .csv" in err


def test_fetch_uhri_and_its_errors(capsys, server, tmp_path, monkeypatch):
    monkeypatch.delenv("UPR_TARGETS_UHRI_URL", raising=False)
    workbook = make_uhri(tmp_path / "source.xlsx").read_bytes()
    server.routes["/uhri.xlsx"] = file_route(workbook)
    cache = str(tmp_path / "cache")
    code, out, _ = run(
        capsys,
        "fetch",
        "uhri",
        "--url",
        server.url + "/uhri.xlsx",
        "--cache-dir",
        cache,
    )
    assert code == 0 and "OHCHR's UHRI export: downloaded now" in out
    assert "4 rows" in out
    # no address: the message says where to find one; no cache offline: said too
    code, _, err = run(capsys, "fetch", "uhri", "--cache-dir", str(tmp_path / "x"))
    assert code == 1 and "needs the address of a UHRI export" in err
    code, _, err = run(
        capsys,
        "fetch",
        "uhri",
        "--url",
        "http://127.0.0.1:9/u.xlsx",
        "--offline",
        "--cache-dir",
        str(tmp_path / "x"),
    )
    assert code == 1 and "offline and no usable cached copy" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fetch"], "required: SOURCE"),
        (["fetch", "upr-info", "--max-age", "-1"], "expected a number >= 0, got -1"),
        (["fetch", "upr-info", "--max-age", "soon"], "expected a number of days"),
        (["fetch", "web"], "invalid choice: 'web'"),
    ],
)
def test_fetch_usage_errors(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
