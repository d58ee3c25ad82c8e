"""Matching free text to themes and past recommendations.

STUB: to be replaced.
"""


class ThemeMatcher:  # stub
    pass


def match_themes(*args, **kwargs):  # stub
    raise NotImplementedError


def similar_recommendations(*args, **kwargs):  # stub
    raise NotImplementedError
