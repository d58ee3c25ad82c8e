"""Load the shared UPR Info exports for the benchmarks."""

from __future__ import annotations

import os
from pathlib import Path

import upr_targets

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    env = os.environ.get("UPR_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load_upr_info():
    files = sorted((shared_data() / "upr-info").glob("sessions-*.csv"))
    if not files:
        raise SystemExit(f"UPR Info exports not found under {shared_data()}")
    return upr_targets.load_recommendations(files)
