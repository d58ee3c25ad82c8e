"""Fetchers against a local HTTP server, with the faults of real networks.

No test touches the internet: a server on 127.0.0.1 serves the files and API
pages in their real shapes, and drops connections, answers 500, truncates
files, repeats rows and changes ``totalRows`` on request.
"""

from __future__ import annotations

import warnings

import pytest
from _support.http import Server, api_route, api_rows, file_route, ranged_route
from _support.loaders import make_uhri

import upr_targets
from upr_targets import FetchError, UPRDataWarning
from upr_targets.fetch import downloads_dir


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch):
    monkeypatch.setattr("upr_targets.fetch._download.BACKOFF", 0.01)
    monkeypatch.setattr("upr_targets.fetch._download.CHUNK", 512)


@pytest.fixture
def workbook(tmp_path):
    return make_uhri(tmp_path / "source.xlsx").read_bytes()


def test_download_then_cache_then_not_modified(server, workbook, tmp_path):
    server.routes["/uhri.xlsx"] = file_route(workbook)
    url = server.url + "/uhri.xlsx"
    df = upr_targets.fetch_uhri(url, cache_dir=tmp_path / "c", progressbar=False)
    assert len(df) == 4 and df.attrs["fetched"]["how"] == "downloaded"
    again = upr_targets.fetch_uhri(url, cache_dir=tmp_path / "c", progressbar=False)
    assert again.attrs["fetched"]["how"] == "cached"
    assert server.hits[("GET", "/uhri.xlsx")] == 1  # not downloaded again
    third = upr_targets.fetch_uhri(url, cache_dir=tmp_path / "c", refresh=True)
    assert third.attrs["fetched"]["how"] == "not modified"  # same ETag
    assert server.hits[("GET", "/uhri.xlsx")] == 1
    assert server.hits[("HEAD", "/uhri.xlsx")] == 2  # one per fetch that asked


def test_500_then_200_is_retried(server, workbook, tmp_path):
    calls = {"n": 0}
    good = file_route(workbook)

    def flaky(h):
        if h.command == "GET":
            calls["n"] += 1
            if calls["n"] == 1:
                h.send_response(500)
                h.end_headers()
                return
        good(h)

    server.routes["/uhri.xlsx"] = flaky
    df = upr_targets.fetch_uhri(
        server.url + "/uhri.xlsx", cache_dir=tmp_path, progressbar=False
    )
    assert len(df) == 4 and calls["n"] == 2


@pytest.mark.parametrize("fault", ["dropped", "truncated"])
def test_broken_download_never_replaces_a_good_cache(server, workbook, tmp_path, fault):
    url = server.url + "/uhri.xlsx"
    server.routes["/uhri.xlsx"] = file_route(workbook)
    upr_targets.fetch_uhri(url, cache_dir=tmp_path, progressbar=False)
    cached = downloads_dir(tmp_path) / "uhri-export.xlsx"
    before = cached.read_bytes()
    half = workbook[: len(workbook) // 2]
    server.routes["/uhri.xlsx"] = (
        file_route(
            workbook, etag="v2", send=len(workbook) // 2
        )  # connection dropped mid-file
        if fault == "dropped"
        else file_route(half, etag="v2")  # a complete answer, but a cut file
    )
    with pytest.warns(UPRDataWarning, match="using the copy cached"):
        df = upr_targets.fetch_uhri(
            url, cache_dir=tmp_path, refresh=True, progressbar=False
        )
    assert len(df) == 4 and df.attrs["fetched"]["how"] == "fallback"
    assert cached.read_bytes() == before
    # a cut transfer is kept aside to be resumed; a complete bad file is not
    assert bool(list(cached.parent.glob("*.part"))) == (fault == "dropped")


def _cut_once(server, url, workbook, tmp_path, etag="v1"):
    """A first fetch whose every attempt drops after 1 KiB: no cache yet.

    Each retry goes on from where the last stopped, so four attempts leave
    4 KiB of the file, kept aside.
    """
    cut = 1024
    assert len(workbook) > 4 * cut
    server.routes["/uhri.xlsx"] = ranged_route(workbook, etag=etag, cut=cut)
    with pytest.raises(FetchError, match="No cached copy"):
        upr_targets.fetch_uhri(url, cache_dir=tmp_path, progressbar=False)
    part = downloads_dir(tmp_path) / "uhri-export.xlsx.part"
    assert part.read_bytes() == workbook[: 4 * cut]
    return part


def test_interrupted_download_is_resumed(server, workbook, tmp_path):
    url = server.url + "/uhri.xlsx"
    part = _cut_once(server, url, workbook, tmp_path)
    kept = part.stat().st_size
    server.routes["/uhri.xlsx"] = route = ranged_route(workbook)
    df = upr_targets.fetch_uhri(url, cache_dir=tmp_path, progressbar=False)
    assert len(df) == 4 and df.attrs["fetched"]["how"] == "downloaded"
    get_ranges = [r for r in route.seen if r]
    assert get_ranges == [f"bytes={kept}-"]  # only the rest was asked for
    assert (downloads_dir(tmp_path) / "uhri-export.xlsx").read_bytes() == workbook
    assert not part.exists()


@pytest.mark.parametrize("change", ["new etag", "no ranges", "range ignored"])
def test_resume_only_when_safe(server, workbook, tmp_path, change):
    url = server.url + "/uhri.xlsx"
    _cut_once(server, url, workbook, tmp_path)
    server.routes["/uhri.xlsx"] = route = ranged_route(
        workbook,
        etag="v2" if change == "new etag" else "v1",
        ranges=change != "no ranges",
        honour_range=change != "range ignored",
    )
    df = upr_targets.fetch_uhri(url, cache_dir=tmp_path, progressbar=False)
    assert len(df) == 4
    assert (downloads_dir(tmp_path) / "uhri-export.xlsx").read_bytes() == workbook
    if change != "range ignored":
        assert not any(route.seen)  # the partial file was not trusted


def test_no_network_no_cache(tmp_path):
    with pytest.raises(FetchError, match="No cached copy"):
        upr_targets.fetch_uhri("http://127.0.0.1:9/uhri.xlsx", cache_dir=tmp_path)
    with pytest.raises(FetchError, match="offline and no usable cached copy"):
        upr_targets.fetch_uhri(
            "http://127.0.0.1:9/x.xlsx", cache_dir=tmp_path, offline=True
        )
    with pytest.raises(FetchError, match="needs the address"):
        upr_targets.fetch_uhri(cache_dir=tmp_path)


def test_corrupt_cached_file_is_downloaded_again(server, workbook, tmp_path):
    server.routes["/uhri.xlsx"] = file_route(workbook)
    cached = downloads_dir(tmp_path) / "uhri-export.xlsx"
    cached.write_bytes(b"PK\x03\x04 not really a workbook")
    df = upr_targets.fetch_uhri(server.url + "/uhri.xlsx", cache_dir=tmp_path)
    assert len(df) == 4 and df.attrs["fetched"]["how"] == "downloaded"
    with pytest.raises(FetchError):
        cached.write_bytes(b"garbage")
        upr_targets.fetch_uhri(server.url + "/x.xlsx", cache_dir=tmp_path, offline=True)


# ------------------------------------------------------------ UPR Info API


@pytest.mark.parametrize("fault", [None, "repeat", "moved_total"])
def test_upr_info_all_pages_nothing_lost_nothing_doubled(server, tmp_path, fault):
    rows = api_rows(25)
    route, state = api_route(
        rows, repeat=fault == "repeat", move_total_once=fault == "moved_total"
    )
    server.routes["/api/search"] = route
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        df = upr_targets.fetch_upr_info(
            base_url=server.url, page_size=10, cache_dir=tmp_path
        )
    assert len(df) == 25 and df["text"].nunique() == 25
    assert set(df["recommending_state"]) == {"Kenya", "Peru"}
    assert df["session"].tolist() == [29] * 25  # 29/01/2018, France's third review
    if fault == "moved_total":
        assert state["pages"] > 3  # read again from the start


def test_upr_info_offline_uses_the_snapshot(server, tmp_path):
    route, _ = api_route(api_rows(5))
    server.routes["/api/search"] = route
    upr_targets.fetch_upr_info(base_url=server.url, cache_dir=tmp_path)
    df = upr_targets.fetch_upr_info(
        base_url="http://127.0.0.1:9", cache_dir=tmp_path, offline=True
    )
    assert len(df) == 5 and df.attrs["fetched"]["how"] == "cached"
