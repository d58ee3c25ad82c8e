"""The commands' fitted models in the cache: the rankers and their text matcher."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _cli_in_a_process(cache, *args) -> str:
    code = (
        "import sys; from upr_targets.cli import main; "
        f"rc = main({[*args, '--cache-dir', str(cache)]!r}); "
        "print('rc', rc, 'sklearn', 'sklearn' in sys.modules)"
    )
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return res.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_theme_query_after_an_issue_query_does_not_load_sklearn(tmp_path):
    """The text matcher is cached on its own: a theme query never unpickles it."""
    cache = tmp_path / "cache"
    first = _cli_in_a_process(cache, "rank", "--sur", "Kenya", "--issue", "torture")
    assert first == "rc 0 sklearn True"
    (matcher,) = (cache / "models").glob("matcher-*.pickle")
    written = matcher.stat().st_mtime_ns
    theme = ("rank", "--sur", "Kenya", "--theme", "Death penalty")
    assert _cli_in_a_process(cache, *theme) == "rc 0 sklearn False"
    # the next issue query reads the matcher back instead of fitting it again
    again = ("rank", "--sur", "Chad", "--issue", "children forced to marry")
    assert _cli_in_a_process(cache, *again) == "rc 0 sklearn True"
    assert matcher.stat().st_mtime_ns == written
    # search --text ranks with the same cached matcher
    search = ("search", "--sur", "Kenya", "--text", "torture in prisons", "--top", "3")
    assert _cli_in_a_process(cache, *search) == "rc 0 sklearn True"
    assert matcher.stat().st_mtime_ns == written
    assert len(list((cache / "models").glob("matcher-*.pickle"))) == 1
