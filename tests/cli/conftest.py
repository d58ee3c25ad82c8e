"""Fixtures of the command-line tests."""

from __future__ import annotations

from collections import Counter

import pytest


@pytest.fixture(autouse=True)
def _narrow_terminal(monkeypatch):
    # shutil.get_terminal_size() reads COLUMNS first: pretend a 100-column terminal
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="module")
def demo_sur(demo) -> str:
    """The State under review with the most recommendations in the demo data."""
    return str(demo["sur"].value_counts().index[0])


@pytest.fixture(scope="module")
def demo_theme(demo) -> str:
    counts = Counter(t for ts in demo["themes"] for t in ts)
    return counts.most_common(1)[0][0]


@pytest.fixture(scope="module")
def real_args(upr_info_files):
    args = []
    for f in upr_info_files:
        args += ["--data", str(f)]
    return args
