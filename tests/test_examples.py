"""The example script and the API-docs builder run end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import upr_targets

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_quickstart_on_demo(tmp_path):
    res = _run([str(REPO / "examples" / "quickstart.py")], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "SYNTHETIC" in res.stdout
    assert "States to lobby before the review of Kenya" in res.stdout
    report = tmp_path / "quickstart-report.html"
    assert report.exists() and report.stat().st_size > 1000


@pytest.mark.slow
def test_quickstart_on_real_data(tmp_path, upr_info_files):
    args = [str(REPO / "examples" / "quickstart.py"), "--sur", "Sri Lanka"]
    res = _run([*args, *map(str, upr_info_files[-2:])], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "SYNTHETIC" not in res.stdout
    assert "rows_kept" in res.stdout


@pytest.mark.slow
def test_build_api_docs(tmp_path):
    pytest.importorskip("numpydoc")
    out = tmp_path / "api.md"
    res = _run(
        [str(REPO / "scripts" / "build_api_docs.py"), "--out", str(out)], cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    for name in upr_targets.__all__:
        assert f"`{name}" in text, name
    assert "**Parameters**" in text and "```pycon" in text


def test_committed_api_docs_list_every_public_name():
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [n for n in upr_targets.__all__ if f'id="api-{n.lower()}"' not in text]
    assert not missing, (
        f"docs/api.md lacks {missing}: run python scripts/build_api_docs.py"
    )
