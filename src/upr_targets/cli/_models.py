"""The fitted models the commands use, read from the cache or fitted once.

The rankers are cached without their text matcher, which is a cache entry of
its own (:data:`MATCHER`): a theme query never unpickles scikit-learn for a
matcher it does not use, and the rankers of both actions and ``search
--text`` share one matcher.
"""

from __future__ import annotations

import argparse
import contextlib
import warnings
from typing import TYPE_CHECKING

from .._errors import UPRDataWarning
from ._data import Data
from ._terminal import err, progress

if TYPE_CHECKING:
    from .._ranking import TargetRanker

__all__ = [
    "MATCHER",
    "cached_matcher",
    "chosen_action",
    "fitted_ranker",
    "keeping_matcher",
    "ranker_for",
]

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


# the fit's warning of the rows without session or State (a subset of them
# for the specific ranker, fitted after the general one)
_UNPLACED = r"\d+ of \d+ specific recommendations .* have no session"


def chosen_action(args: argparse.Namespace) -> str:
    """--action, where "auto" is "specific" when an issue asks for a change."""
    from .._action import resolve_action

    action = resolve_action(args.action, args.issue)
    if args.action == "auto" and action == "specific":
        err(
            "Your issue asks for a change in law or practice: ranking the States "
            "likely to make a specific, action-oriented recommendation (action "
            "category 4-5); --action any counts every recommendation on the themes"
        )
    return action


def ranker_for(
    data: Data, args: argparse.Namespace
) -> tuple[TargetRanker, dict[str, list[str]]]:
    """The ranker counting ``--action`` (cached) and the themes of each issue.

    The issues are matched by the general ranker (its themes are those of the
    whole table); a ranker of specific recommendations shares its matcher.
    """
    action = chosen_action(args)
    ranker = fitted_ranker(data, text=bool(args.issue))
    with keeping_matcher(data, ranker):
        matched = {issue: ranker.themes_for(issue) for issue in args.issue}
    if action != "any":
        matcher = ranker.matcher_
        with warnings.catch_warnings():  # the rows neither can place: said above
            warnings.filterwarnings("ignore", _UNPLACED, UPRDataWarning)
            ranker = fitted_ranker(data, action)
        ranker.matcher_ = ranker.matcher_ or matcher
    return ranker, matched
