"""Synthetic demo data.

STUB: to be replaced.
"""


def load_demo(*args, **kwargs):  # stub
    raise NotImplementedError


def make_demo(*args, **kwargs):  # stub
    raise NotImplementedError
