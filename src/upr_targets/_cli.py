"""The upr-targets command.

STUB: to be replaced.
"""


def main(*args, **kwargs):  # stub
    raise NotImplementedError
