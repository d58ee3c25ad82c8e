"""UN regional groups as exports write them, mapped to ``REGIONAL_GROUPS``."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import pandas as pd

from .._schema import REGIONAL_GROUPS
from .._utils import name_key as state_key

__all__ = ["normalize_group"]

_PAREN = re.compile(r"^\s*(?P<a>[^(]+?)\s*\((?P<b>[^)]+)\)\s*$")


_GROUP_KEYS: dict[str, str | None] = {}
for _label, _keys_ in {
    "African": (
        "africa",
        "african",
        "african group",
        "african states",
        "group of african states",
        "africa african group",
    ),
    "Asia-Pacific": (
        "asia",
        "asian",
        "asian group",
        "asia pacific",
        "asia pacific group",
        "asia pacific states",
        "asian states",
        "group of asian states",
        "group of asia pacific states",
        "asia and pacific",
        "asia and pacific group",
        "asia asian group",
        "asia pacific asian group",
    ),
    "Eastern European": (
        "eeg",
        "eastern europe",
        "eastern european",
        "eastern european group",
        "eastern european states",
        "group of eastern european states",
        "eastern europe eastern european group",
        "eastern european group eeg",
        "eeg eastern european group",
    ),
    "GRULAC": (
        "grulac",
        "latin america",
        "latin america and caribbean",
        "latin american and caribbean",
        "latin american and caribbean group",
        "latin american and caribbean states",
        "group of latin american and caribbean states",
        "latin america and caribbean group",
        "latin american and caribbean group grulac",
        "grulac latin american and caribbean group",
        "latin america and caribbean grulac",
    ),
    "WEOG": (
        "weog",
        "western europe and others",
        "western european and others",
        "western european and others group",
        "western european and other states",
        "western european and others states",
        "group of western european and other states",
        "western european and others group weog",
        "weog western european and others group",
        "western europe and others weog",
        "western european and other states group",
    ),
    None: ("observer", "observers", "none", "unknown", "", "na", "nan", "no group"),
}.items():
    for _k in _keys_:
        _GROUP_KEYS[_k] = _label
for _g in REGIONAL_GROUPS:
    _GROUP_KEYS[state_key(_g)] = _g


@lru_cache(maxsize=256)
def _group(label: str):
    key = state_key(label)
    if key in _GROUP_KEYS:
        return _GROUP_KEYS[key]
    m = _PAREN.match(html.unescape(label))
    if m:  # "Asia (Asian Group)": try each part
        for part in (m.group("a"), m.group("b")):
            k = state_key(part)
            if _GROUP_KEYS.get(k) is not None:
                return _GROUP_KEYS[k]
    raise ValueError(
        f"Unknown regional group {label!r}; expected one of {list(REGIONAL_GROUPS)} "
        "or a usual spelling of them ('Africa', 'Asia (Asian Group)', 'EEG', "
        "'Latin American and Caribbean Group', 'Western European and others "
        "Group'), or 'Observer' for no group."
    )


def normalize_group(label: str | None | pd.Series) -> str | pd.Series:
    """Map a regional group label, as exports write it, to ``REGIONAL_GROUPS``.

    Parameters
    ----------
    label : str, None or pandas.Series
        "Africa", "Asia", "EEG", "GRULAC", "WEOG" (UPR Info), "Asia (Asian
        Group)" (UPR Info's Uwazi database), "African Group", "Asia-Pacific
        Group", "Eastern European Group", "Latin American and Caribbean
        Group", "Western European and others Group", and so on. A Series is
        mapped value by value (each distinct label once).

    Returns
    -------
    str, pandas.NA or pandas.Series
        One of ``REGIONAL_GROUPS``; NA for "Observer", unknown or missing. For
        a Series, a string Series with the same index.

    Raises
    ------
    ValueError
        For a label that names no regional group.

    Examples
    --------
    >>> from upr_targets import normalize_group
    >>> normalize_group("Asia (Asian Group)")
    'Asia-Pacific'
    >>> normalize_group("EEG")
    'Eastern European'
    >>> normalize_group("Observer")
    <NA>
    """
    if isinstance(label, pd.Series):
        codes, uniques = pd.factorize(label, use_na_sentinel=True)
        mapped = [normalize_group(u) for u in uniques] + [pd.NA]
        out = pd.array(mapped, dtype="string")[codes]
        return pd.Series(out, index=label.index, name=label.name, dtype="string")
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return pd.NA
    group = _group(str(label))
    return pd.NA if group is None else group
