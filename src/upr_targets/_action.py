"""What a recommendation asks for: its action category, given or read from its verb.

Edward McMahon's scale, used by UPR Info: 1 minimal action (addressed to
other States, "share experience"), 2 continuing action ("continue"), 3
considering action ("consider"), 4 general action ("take measures",
"strengthen"), 5 specific action ("ratify", "repeal", "abolish"). Sources
that do not give it (UHRI, OHCHR matrices, Working Group reports) can have it
read from the recommendation's first verb, with the category UPR Info gives
most often to recommendations opening with that verb
(``data/action_verbs.csv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ._utils import check_choice, read_package_csv

__all__ = [
    "SPECIFIC",
    "asks_for_change",
    "first_verb",
    "infer_action_category",
    "resolve_action",
    "specific_mask",
    "specific_rows",
]

SPECIFIC = 4
"""Action categories from this one up are specific, action-oriented ones."""

# "Kenya should ...", "To ratify", "(Brazil) Continue", "1. Adopt"
_LEAD = re.compile(
    r"^[^a-z]*(?:(?:that\s+)?[a-z' -]{0,40}?\bshould\s+)?(?:to\s+)?", re.I
)
_WORD = re.compile(r"[a-z]+")


def first_verb(texts: pd.Series) -> pd.Series:
    """The first word of each text after "To", "should", numbering (lower case)."""
    s = texts.astype("string").str.lower().str.replace(_LEAD, "", regex=True)
    return s.str.extract(r"^([a-z]+)", expand=False)


@lru_cache(maxsize=1)
def _verbs() -> dict[str, int]:
    table = read_package_csv("action_verbs.csv")
    return dict(zip(table["verb"], table["category"].astype(int), strict=True))


def infer_action_category(texts: pd.Series) -> pd.Series:
    """The usual action category of each text's first verb (NA when unknown).

    Parameters
    ----------
    texts : pandas.Series
        Recommendation texts.

    Returns
    -------
    pandas.Series
        ``Int64`` categories 1-5, aligned with ``texts``.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets._action import infer_action_category
    >>> texts = pd.Series(["Ratify the OP-CAT", "Continue its efforts", "Kenya should consider"])
    >>> infer_action_category(texts).tolist()
    [5, 2, 3]
    """
    verbs = first_verb(texts)
    return verbs.map(_verbs()).astype("Int64")


_CHANGE = re.compile(
    r"\b(?:repeal|amend|abolish|adopt|enact|ratify|accede|criminali[sz]e|"
    r"decriminali[sz]e|ban|prohibit|outlaw|release|end|stop|law|laws|legislation|"
    r"article|penal code|bill|act|detained|arrested|jailed|imprisoned)\b",
    re.I,
)


def asks_for_change(text: str) -> bool:
    """Whether an issue's text asks for a change in law or practice.

    Examples
    --------
    >>> from upr_targets._action import asks_for_change
    >>> asks_for_change("repeal article 162"), asks_for_change("indigenous peoples")
    (True, False)
    """
    return bool(_CHANGE.search(text or ""))


def resolve_action(action: str, issues) -> str:
    """``action``, where ``"auto"`` is ``"specific"`` when an issue asks for a change.

    Examples
    --------
    >>> from upr_targets._action import resolve_action
    >>> resolve_action("auto", ["repeal article 162"]), resolve_action("auto", ["torture"])
    ('specific', 'any')
    """
    check_choice("action", action, ("auto", "any", "specific"))
    if action != "auto":
        return action
    return "specific" if any(map(asks_for_change, issues)) else "any"


def specific_mask(recommendations: pd.DataFrame) -> np.ndarray:
    """True for the specific, action-oriented recommendations (category 4-5).

    The source's action category is used where it gives one, the first
    verb's usual category elsewhere.
    """
    given = recommendations["action_category"]
    missing = given.isna()
    category = given.copy()
    if missing.any():
        category[missing] = infer_action_category(recommendations.loc[missing, "text"])
    return (category >= SPECIFIC).fillna(False).to_numpy(dtype=bool)


def specific_rows(
    recommendations: pd.DataFrame, mask: np.ndarray | None = None
) -> pd.DataFrame:
    """The specific, action-oriented recommendations (category 4-5) of a table.

    The rows of :func:`specific_mask` (or of ``mask``, when computed
    already); ``attrs["inferred_action"]`` says for how many rows the category
    was read from the first verb, ``attrs["rows"]`` names the rows in messages.
    """
    if mask is None:
        mask = specific_mask(recommendations)
    out = recommendations[mask]
    out.attrs["inferred_action"] = int(recommendations["action_category"].isna().sum())
    out.attrs["rows"] = "specific recommendations (action category 4-5)"
    return out
