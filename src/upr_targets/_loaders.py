"""Loading real UPR exports into the normalized table.

STUB: to be replaced.
"""


def load_recommendations(*args, **kwargs):  # stub
    raise NotImplementedError


class LoadReport:  # stub
    pass


FORMATS: dict = {}
