"""The theme taxonomy (UPR Info issue labels) and crosswalks.

STUB: to be replaced.
"""


def themes(*args, **kwargs):  # stub
    raise NotImplementedError


def normalize_theme(*args, **kwargs):  # stub
    raise NotImplementedError


def theme_crosswalk(*args, **kwargs):  # stub
    raise NotImplementedError


def map_source_themes(*args, **kwargs):  # stub
    raise NotImplementedError
