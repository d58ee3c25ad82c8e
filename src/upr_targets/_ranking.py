"""The target ranker.

STUB: to be replaced.
"""


class TargetRanker:  # stub
    pass
