"""Time loading every shared export: UPR Info (4 CSV files) and DIHR (xlsx).

Run ``python benchmarks/bench_load.py`` (``UPR_SHARED_DATA`` points to the data
folder when it is not ``../shared/data``). Prints, per data set, the wall time
of the best of ``--repeat`` runs, rows per second, and the peak memory that
Python allocated during one load (tracemalloc: pandas/numpy buffers included,
interpreter and libraries excluded). Add ``--profile`` for the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import time
import tracemalloc
import warnings

from _data import shared_data_dir

import upr_targets
from upr_targets import UPRDataWarning

shared_data = shared_data_dir


def _load(paths):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        return upr_targets.load_recommendations(paths)


def bench(name: str, paths, repeat: int) -> dict:
    _load(paths)  # warm caches (State registry, calendar, themes)
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        df = _load(paths)
        times.append(time.perf_counter() - t0)
    gc.collect()
    tracemalloc.start()
    _load(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = min(times)
    return {
        "data": name,
        "files": len(paths),
        "rows": len(df),
        "seconds": round(best, 2),
        "rows_per_s": int(len(df) / best),
        "peak_mb": round(peak / 2**20, 1),
    }


def _engine() -> str:
    import upr_targets.io._tables as loaders

    return loaders.excel_engine()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--excel-engine",
        choices=["auto", "openpyxl", "calamine"],
        default="auto",
        help="auto: python-calamine when installed, else openpyxl",
    )
    args = parser.parse_args(argv)
    if args.excel_engine != "auto":
        import upr_targets.io._tables as loaders

        loaders.excel_engine = lambda: args.excel_engine
    print(f"Excel engine: {_engine()}")
    root = shared_data()
    sets = {
        "upr-info": sorted((root / "upr-info").glob("sessions-*.csv")),
        "dihr": sorted((root / "dihr").glob("*.xlsx")),
    }
    sets = {k: v for k, v in sets.items() if v}
    if not sets:
        raise SystemExit(f"no shared data under {root}")
    sets["all"] = [p for v in sets.values() for p in v]
    import pandas as pd

    results = [bench(name, paths, args.repeat) for name, paths in sets.items()]
    print(pd.DataFrame(results).to_string(index=False))
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(_load, sets["all"])
        pstats.Stats(prof).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
