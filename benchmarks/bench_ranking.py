"""Speed and memory of the ranker, on the shared UPR Info data and a synthetic table.

Run: ``python benchmarks/bench_ranking.py [--rows 1000000] [--skip-real]``.
Prints fit time, mean and max time of a ``rank()`` call (wall-clock and
process CPU time: on a shared machine the CPU time is the steadier figure), the time of a full
backtest over sessions 13-17 with every baseline, and the peak memory
(tracemalloc peak of Python allocations and the process's peak RSS).
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
import warnings

import numpy as np
from _data import load_upr_info

import upr_targets
from upr_targets import UPRDataWarning


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(name: str, df, n_rank: int = 50) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    ranker = upr_targets.TargetRanker().fit(df)
    fit_s, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()  # a second fit, traced (tracing slows it down)
    upr_targets.TargetRanker().fit(df)
    _, fit_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rng = np.random.default_rng(0)
    from upr_targets.reference import observer_iso3

    members = [
        s
        for s, iso3 in zip(ranker.states_, ranker.tensors_.iso3, strict=True)
        if iso3 not in observer_iso3()
    ]
    surs = rng.choice(members, n_rank)
    themes = rng.choice(ranker.themes_, n_rank)
    ranker.rank(surs[0], themes=[themes[0]])  # warm-up
    times, cpu = [], []
    for sur, theme in zip(surs, themes, strict=True):
        t, c = time.perf_counter(), time.process_time()
        ranker.rank(sur, themes=[theme])
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    res = upr_targets.backtest(df, test_sessions=range(13, 18), n_boot=1000)
    bt_s, bt_cpu = time.perf_counter() - t, time.process_time() - c
    out = {
        "data": name,
        "rows": len(df),
        "states": len(ranker.states_),
        "themes": len(ranker.themes_),
        "sessions": len(ranker.sessions_),
        "fit_s": round(fit_s, 2),
        "fit_cpu_s": round(fit_cpu, 2),
        "fit_tracemalloc_peak_mb": round(fit_peak / 2**20, 1),
        "rank_mean_ms": round(1000 * float(np.mean(times)), 1),
        "rank_max_ms": round(1000 * float(np.max(times)), 1),
        "rank_mean_cpu_ms": round(1000 * float(np.mean(cpu)), 1),
        "backtest_13_17_s": round(bt_s, 1),
        "backtest_13_17_cpu_s": round(bt_cpu, 1),
        "backtest_queries": res.params["n_queries"],
        "peak_rss_mb": round(peak_rss_mb(), 0),
    }
    print(
        res.summary[["method", "n_queries", "ndcg@10", "map"]]
        .round(4)
        .to_string(index=False)
    )
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--skip-real", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    args = ap.parse_args()
    warnings.simplefilter("ignore", UPRDataWarning)
    rows = []
    if not args.skip_real:
        rows.append(bench("UPR Info 1-17", load_upr_info()))
        print(rows[-1], flush=True)
    if not args.skip_synthetic:
        t = time.perf_counter()
        df = upr_targets.make_demo(args.rows)
        print(
            f"make_demo({args.rows}) took {time.perf_counter() - t:.1f} s", flush=True
        )
        rows.append(bench(f"make_demo({args.rows})", df))
        print(rows[-1], flush=True)
    import pandas as pd

    print(pd.DataFrame(rows).T.to_string(header=False))


if __name__ == "__main__":
    main()
