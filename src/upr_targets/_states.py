"""UN member and observer States: canonical names, ISO codes, groups, blocs.

STUB: to be replaced.
"""


def states(*args, **kwargs):  # stub
    raise NotImplementedError


def normalize_state(*args, **kwargs):  # stub
    raise NotImplementedError


def normalize_group(*args, **kwargs):  # stub
    raise NotImplementedError


def resolve_states(*args, **kwargs):  # stub
    raise NotImplementedError
