"""Where the benchmarks find the real UPR data (shared by the scripts here)."""

from __future__ import annotations

import os
from pathlib import Path

import upr_targets


def shared_data_dir() -> Path:
    """``$UPR_SHARED_DATA``, else ``../shared/data`` beside the checkout."""
    env = os.environ.get("UPR_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"


def load_upr_info():
    """The shared UPR Info exports (sessions 1-17), via the library's loader."""
    root = shared_data_dir()
    files = sorted((root / "upr-info").glob("sessions-*.csv"))
    if not files:
        raise SystemExit(
            f"UPR Info exports not found under {root} (set UPR_SHARED_DATA)"
        )
    return upr_targets.load_recommendations(files)
