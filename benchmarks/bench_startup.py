"""Start-up time: ``import upr_targets`` and ``upr-targets --help`` against pandas.

Run ``python benchmarks/bench_startup.py``. Each command runs in a fresh
interpreter ``--repeat`` times, in turns; the figures are medians of the
wall time, as ratios to ``python -c "import pandas"`` measured in the same
run. ``python -X importtime`` then names the slowest imports of each, and the
heavy libraries (scikit-learn, SciPy, matplotlib, Jinja2, pypdf,
python-docx) that each loaded: none should, they load on first use.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "import pandas": "import pandas",
    "import upr_targets": "import upr_targets",
    "upr-targets --help": (
        "import contextlib, io\n"
        "from upr_targets.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    ),
}
HEAVY = ("sklearn", "scipy", "matplotlib", "jinja2", "pypdf", "docx")


def _time(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t0


def _importtime(code: str, top: int) -> tuple[list[tuple[float, str]], list[str]]:
    """The slowest imports (cumulative ms) and the heavy packages loaded."""
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in res.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cum_us, name = line[len("import time:") :].split("|")
        rows.append((int(cum_us) / 1000, name.strip()))
    heavy = sorted({n.strip().split(".")[0] for _, n in rows} & set(HEAVY))
    rows.sort(reverse=True)
    return rows[:top], heavy


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    for _ in range(args.repeat):
        for name, code in COMMANDS.items():
            times[name].append(_time(code))
    base = statistics.median(times["import pandas"])
    print(f"{'command':<22} {'median s':>9} {'x pandas':>9}  heavy libraries loaded")
    for name, code in COMMANDS.items():
        med = statistics.median(times[name])
        _, heavy = _importtime(code, args.top)
        print(f"{name:<22} {med:9.3f} {med / base:9.2f}  {', '.join(heavy) or '-'}")
    print()
    for name, code in COMMANDS.items():
        slow, _ = _importtime(code, args.top)
        print(f"slowest imports of {name!r} (cumulative ms):")
        for ms, mod in slow:
            print(f"  {ms:8.1f}  {mod}")


if __name__ == "__main__":
    main()
