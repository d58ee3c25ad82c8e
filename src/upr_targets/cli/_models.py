"""The fitted models the commands use, read from the cache or fitted once.

The rankers are cached without their text matcher, which is a cache entry of
its own (:data:`MATCHER`): a theme query never unpickles scikit-learn for a
matcher it does not use, and the rankers of both actions and ``search
--text`` share one matcher.
"""

from __future__ import annotations

import contextlib

from ._data import Data
from ._terminal import progress

__all__ = ["MATCHER", "cached_matcher", "fitted_ranker", "keeping_matcher"]

MATCHER = "matcher"
"""The cache entry of the text matcher (one per data, whatever the action)."""


def _ranker_name(action: str) -> str:
    return "ranker" if action == "any" else f"ranker-{action}"


def fitted_ranker(data: Data, action: str = "any", *, text: bool = False):
    """A :class:`TargetRanker` fitted on the data (cached; with a progress line).

    With ``text``, the cached text matcher is put back when there is one.
    """
    from .._ranking import TargetRanker

    with progress("Fitting the ranker"):
        ranker, _ = data.fitted(
            _ranker_name(action), lambda: TargetRanker(action=action).fit(data.table)
        )
        if text and ranker.matcher_ is None:
            ranker.matcher_ = data.cache.load_model(MATCHER, data.key, data.table)
    return ranker


@contextlib.contextmanager
def keeping_matcher(data: Data, ranker):
    """Cache the ranker's text matcher if it was fitted in the block."""
    had = ranker.matcher_ is not None
    yield
    if not had and ranker.matcher_ is not None:
        data.remember(MATCHER, ranker.matcher_)


def cached_matcher(data: Data):
    """The text matcher fitted on the data: from the cache, else fitted and cached."""
    from .._matching import matcher_for

    with progress("Fitting the text matcher"):
        matcher, _ = data.fitted(MATCHER, lambda: matcher_for(data.table))
    return matcher
