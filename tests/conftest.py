"""Shared fixtures.

Real UPR data live outside the repository, in ``../shared/data`` next to the
checkout (or wherever ``UPR_SHARED_DATA`` points). Tests that need them take
the ``shared_data`` fixture and are skipped cleanly when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# property tests: a fast profile in CI; UPR_TARGETS_FUZZ=long for a long run
settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("UPR_TARGETS_FUZZ", "ci"))

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory):
    """Tests share one cache folder of their own, never the user's."""
    path = tmp_path_factory.mktemp("cache")
    old = os.environ.get("UPR_TARGETS_CACHE")
    os.environ["UPR_TARGETS_CACHE"] = str(path)
    yield path
    if old is None:
        os.environ.pop("UPR_TARGETS_CACHE", None)
    else:
        os.environ["UPR_TARGETS_CACHE"] = old


def _shared_data_dir() -> Path:
    env = os.environ.get("UPR_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to the real data folder; skips the test when it is absent."""
    path = _shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"real UPR data not found at {path} (set UPR_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def upr_info_files(shared_data: Path) -> list[Path]:
    """The four UPR Info legacy CSV exports (sessions 1-17)."""
    files = sorted((shared_data / "upr-info").glob("sessions-*.csv"))
    if not files:
        pytest.skip("no UPR Info exports in shared data")
    return files


@pytest.fixture(scope="session")
def upr_info(upr_info_files: list[Path]):
    """The UPR Info exports loaded once per test session (33,082 rows)."""
    import upr_targets

    return upr_targets.load_recommendations(upr_info_files)


@pytest.fixture(scope="session")
def demo():
    """The bundled synthetic demo data."""
    import upr_targets

    return upr_targets.load_demo()


# Fitted objects, shared by every test that only reads them (fitting is the slow
# part of most tests): do not change them in a test.


@pytest.fixture(scope="session")
def small_recs():
    """A 400-row real table (see ``_support.tables``)."""
    from _support.tables import small_table

    return small_table()


@pytest.fixture(scope="session")
def small_ranker(small_recs):
    import upr_targets

    return upr_targets.TargetRanker().fit(small_recs)


@pytest.fixture(scope="session")
def demo_ranker(demo):
    import upr_targets

    return upr_targets.TargetRanker().fit(demo)


@pytest.fixture(scope="session")
def upr_info_ranker(upr_info):
    import upr_targets

    return upr_targets.TargetRanker().fit(upr_info)


@pytest.fixture(scope="session")
def taxonomy_matcher():
    import upr_targets

    return upr_targets.ThemeMatcher().fit()


@pytest.fixture(scope="session")
def demo_matcher(demo):
    import upr_targets

    return upr_targets.ThemeMatcher().fit(demo)


@pytest.fixture(scope="session")
def demo_acceptance(demo):
    import upr_targets

    return upr_targets.AcceptanceModel().fit(demo)
