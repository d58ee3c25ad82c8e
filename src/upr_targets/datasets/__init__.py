"""Datasets: the bundled synthetic demo data and its generator.

:func:`load_demo` reads the bundled table; :func:`make_demo` generates one of
any size (for benchmarks and tests). Both are labelled SYNTHETIC wherever
they are shown.
"""

from ._demo import load_demo
from ._generator import SYNTHETIC_NOTE, make_demo

__all__ = ["SYNTHETIC_NOTE", "load_demo", "make_demo"]
