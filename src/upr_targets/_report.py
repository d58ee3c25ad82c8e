"""Ranking reports.

STUB: to be replaced.
"""


def build_report(*args, **kwargs):  # stub
    raise NotImplementedError


def write_report(*args, **kwargs):  # stub
    raise NotImplementedError


class Report:  # stub
    pass
