"""Time loading every shared export: UPR Info (4 CSV files) and DIHR (xlsx).

Run ``python benchmarks/bench_load.py`` (``UPR_SHARED_DATA`` points to the data
folder when it is not ``../shared/data``). Prints, per data set, the best of
``--repeat`` runs and the median ratio to a plain pandas read of the same files
(``pandas.read_csv`` / ``pandas.read_excel`` with calamine), each load paired
with a plain read just before it,
rows per second, and the peak memory that Python allocated during one load
(tracemalloc). Add ``--profile`` for the top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
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


def _plain(paths):
    """The plain pandas read of the same files (what a script would do)."""
    import pandas as pd

    frames = []
    for p in paths:
        if p.suffix == ".xlsx":
            frames.append(pd.read_excel(p, dtype=str, engine="calamine"))
        else:
            frames.append(
                pd.read_csv(p, dtype=str, encoding="mac_roman", lineterminator="\r")
            )
    return pd.concat(frames)


def _timed(fn, paths):
    gc.collect()
    t0 = time.perf_counter()
    out = fn(paths)
    return time.perf_counter() - t0, out


def bench(name: str, paths, repeat: int) -> dict:
    _load(paths)  # warm caches (State registry, calendar, themes)
    _plain(paths)
    # each load paired with a plain read just before it: the ratio holds
    # when the machine's speed drifts during the run
    pairs = [(_timed(_plain, paths)[0], _timed(_load, paths)) for _ in range(repeat)]
    best = min(t for _, (t, _) in pairs)
    df = pairs[0][1][1]
    gc.collect()
    tracemalloc.start()
    _load(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "data": name,
        "files": len(paths),
        "rows": len(df),
        "seconds": round(best, 2),
        "x_pandas": round(statistics.median(t / b for b, (t, _) in pairs), 1),
        "rows_per_s": int(len(df) / best),
        "peak_mb": round(peak / 2**20, 1),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
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
