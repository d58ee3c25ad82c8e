"""Write the bundled synthetic demo data, src/upr_targets/data/demo.csv.gz.

Run from the repository root after changing the generator (upr_targets.datasets)
or the reference data it uses (States, calendar, themes)::

    python scripts/make_demo_data.py

The file is deterministic: a fixed seed, sessions 1-40 (cycles 1-3), and a
gzip header without a time stamp.
"""

from __future__ import annotations

import sys
from pathlib import Path

from upr_targets.datasets._demo import write_demo_csv
from upr_targets.datasets._generator import make_demo

SEED = 20080407  # the first UPR Working Group session opened on 7 April 2008
N_ROWS = 20_000
OUT = (
    Path(__file__).resolve().parents[1] / "src" / "upr_targets" / "data" / "demo.csv.gz"
)


def main() -> int:
    df = make_demo(N_ROWS, sessions=range(1, 41), seed=SEED)
    write_demo_csv(df, OUT)
    weog = (df["rs_group"] == "WEOG").mean()
    supported = (df["response"] == "supported").mean()
    print(
        f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB): {len(df)} rows, "
        f"{df['recommendation_id'].nunique()} recommendations, "
        f"WEOG {weog:.1%}, supported {supported:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
