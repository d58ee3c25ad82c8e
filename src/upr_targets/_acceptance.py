"""Acceptance estimates.

STUB: to be replaced.
"""


class AcceptanceModel:  # stub
    pass
