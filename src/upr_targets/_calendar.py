"""The UPR calendar: sessions, cycles, dates and States reviewed.

STUB: to be replaced.
"""


def calendar(*args, **kwargs):  # stub
    raise NotImplementedError


def sessions(*args, **kwargs):  # stub
    raise NotImplementedError


def cycle_of_session(*args, **kwargs):  # stub
    raise NotImplementedError


def assign_sessions(*args, **kwargs):  # stub
    raise NotImplementedError


def next_review(*args, **kwargs):  # stub
    raise NotImplementedError
