"""The command line on the real data, cold and warm, against a plain pandas script.

Run ``python benchmarks/bench_cli.py`` (``UPR_SHARED_DATA`` points to the data
folder when it is not ``../shared/data``). Each command runs in a fresh
process: once with an empty cache (cold), then ``--repeat`` times with the
cache it left (warm). The plain script reads the same four UPR Info CSV files
with ``pandas.read_csv`` and counts each State's recommendations on the theme,
what ``rank --theme`` answers at its simplest. Each warm run is paired with a
run of the plain script just before it, so that the ratio holds when the
machine's speed drifts during the run. Prints the median wall and CPU time (of
the child process) of each command, and the median of its pairwise ratios to
the plain script.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from _data import shared_data_dir

PLAIN = """
import glob, sys
import pandas as pd
files = sorted(glob.glob(sys.argv[1] + "/upr-info/sessions-*.csv"))
df = pd.concat(
    [pd.read_csv(f, dtype=str, encoding="mac_roman", lineterminator="\\r") for f in files]
)
on = df[df["Issue"].fillna("").str.contains("Death penalty")]
print(on.groupby("From").size().sort_values(ascending=False).head(20))
"""


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    data = shared_data_dir()
    files = sorted(str(p) for p in (data / "upr-info").glob("sessions-*.csv"))
    if not files:
        raise SystemExit(f"UPR Info exports not found under {data}")
    cli = [sys.executable, "-m", "upr_targets"]
    src = ["--data", *files, "--sur", "Kenya"]
    commands = {
        "rank --theme": [*cli, "rank", *src, "--theme", "Death penalty"],
        "rank --issue": [*cli, "rank", *src, "--issue", "abolish the death penalty"],
        "report": [*cli, "report", *src, "--issue", "death penalty", "--out"],
    }
    plain = [sys.executable, "-c", PLAIN, str(data)]
    median = statistics.median
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.html")
        rows = []
        for k, (name, cmd) in enumerate(commands.items()):
            # a cache of its own: the first run of each command is cold
            env = dict(os.environ, UPR_TARGETS_CACHE=os.path.join(tmp, f"cache{k}"))
            cmd = [*cmd, out] if name == "report" else cmd
            cold = _run(cmd, env)
            pairs = [(_run(plain, env), _run(cmd, env)) for _ in range(args.repeat)]
            rows.append((name, cold, pairs))
    print(
        f"{'command':14s} {'cold s':>7s} {'warm s':>7s} {'warm CPU':>8s} "
        f"{'plain s':>7s} {'x plain (wall)':>14s} {'x plain (CPU)':>13s}"
    )
    for name, (c_wall, _), pairs in rows:
        print(
            f"{name:14s} {c_wall:7.2f} {median(w for _, (w, _) in pairs):7.2f} "
            f"{median(c for _, (_, c) in pairs):8.2f} "
            f"{median(w for (w, _), _ in pairs):7.2f} "
            f"{median(w / b for (b, _), (w, _) in pairs):14.2f} "
            f"{median(c / b for (_, b), (_, c) in pairs):13.2f}"
        )


if __name__ == "__main__":
    main()
