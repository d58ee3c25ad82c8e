"""Run code on a pickled object in a fresh interpreter (what it imports there)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path


def run_on_pickle(obj, code: str, tmp_path: Path) -> str:
    """Pickle ``obj``, run ``code`` with it as ``obj`` in a new Python, return stdout.

    ``code`` sees ``obj`` (unpickled) and ``sys``; it prints what the test reads.
    """
    path = tmp_path / "object.pkl"
    path.write_bytes(pickle.dumps(obj))
    prelude = "import pickle, sys; obj = pickle.loads(open(sys.argv[1], 'rb').read())\n"
    out = subprocess.run(
        [sys.executable, "-c", prelude + code, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()
