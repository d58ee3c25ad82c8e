"""Resolving State names as exports write them to the canonical table.

Name resolution (:func:`normalize_state`, :func:`resolve_states`) goes, for
each distinct value, through:

1. ISO 3166 alpha-2 and alpha-3 codes, in upper case ("GB", "GBR", "NA");
2. an exact lookup of a folded key (case, accents, punctuation, "&"/"and",
   "St"/"Saint" and "the" ignored; "Iran (Islamic Republic of)" and
   "Korea, Republic of" also tried as "Islamic Republic of Iran", "Republic of
   Korea") in the canonical, formal and UN names and the aliases
   (``data/state_aliases.csv``); values that are not States ("(Unknown)",
   "European Union", former States) and values naming two States or more
   ("France, Germany") stop here, unresolved;
3. country_converter's regular expressions, kept only when they give exactly
   one State of the table and no other State is closer by spelling;
4. a fuzzy match (rapidfuzz) of the key, accepted only when it is close
   (similarity >= 85) and clearly better than the next State (by 4 points).

Anything else raises :class:`~upr_targets.UnknownStateError` with the three
closest canonical names. Results are cached, so that a column of 33,000 rows
costs one lookup per distinct value.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from .._errors import UnknownStateError
from .._utils import name_key as state_key
from ._name_index import (
    NOT_STATES,
    by_converter,
    by_ratio,
    closest,
    codes,
    keys_of,
    name_index,
)
from ._states import by_iso3, state_table

__all__ = ["normalize_state", "resolve_states", "state_key"]

_FUZZY_MIN = 85.0
_FUZZY_MARGIN = 4.0
_DISTINCT_MIN = 80.0

# ------------------------------------------------------------------ lookup

# raw value -> iso3, or None when unresolved
_CACHE: dict[str, str | None] = {}


def _lookup(value: str) -> str | None:
    """ISO3 code of ``value`` or None; never raises."""
    try:
        return _CACHE[value]
    except KeyError:
        pass
    iso3 = _lookup_uncached(value)
    _CACHE[value] = iso3
    return iso3


_JOINT = re.compile(r"\s*(?:[,;/+|&]|\band\b)\s*", flags=re.IGNORECASE)


def _is_joint(value: str) -> bool:
    """Whether ``value`` names several States ("Sudan and South Sudan")."""
    index = name_index()
    parts = (state_key(p) for p in _JOINT.split(html.unescape(value)))
    found = {index[p] for p in parts if p in index}
    return len(found) >= 2


# Words of formal-name qualifiers ("Iran, Islamic Rep.", "Congo, Dem. Rep.").
_QUALIFIER_WORDS = frozenset(
    "republic rep of islamic democratic dem peoples people federal federated "
    "states state plurinational bolivarian united kingdom arab socialist "
    "principality grand duchy sultanate commonwealth independent hashemite "
    "union and".split()
)
_PARTS = re.compile(r"\s*[,;/|]\s*")


def _has_unknown_part(value: str) -> bool:
    """Whether a list-like value has a part that is neither a State nor a qualifier.

    "Chile, Westerosia" names an unknown entity beside Chile: country_converter
    would find Chile inside it and drop the rest, so such values stay
    unresolved. "Iran, Islamic Rep." is a State with its qualifier.
    """
    parts = [p for p in _PARTS.split(html.unescape(value)) if p.strip()]
    if len(parts) < 2:
        return False
    index = name_index()
    for part in parts:
        key = state_key(part)
        if key in index or set(key.split()) <= _QUALIFIER_WORDS:
            continue
        return True
    return False


def _lookup_uncached(value: str) -> str | None:
    index = name_index()
    stripped = value.strip()
    if stripped in codes():  # "GB", "GBR"; "NA" is Namibia, "na" is not
        return codes()[stripped]
    keys = keys_of(value)
    if keys[0] in NOT_STATES:
        return None
    for key in keys:
        if key in index:
            return index[key]
    if _is_joint(value) or _has_unknown_part(value):
        return None
    ranked = by_ratio(keys[0])
    iso3 = by_converter(html.unescape(value).strip())
    if iso3 is not None:
        # country_converter's regexes search within the text, so they read
        # "Nigerai" as Niger; keep them only when no other State is as close.
        if not ranked or ranked[0][0] == iso3 or ranked[0][1] < _FUZZY_MIN - 10:
            return iso3
    top = ranked[0][1] if ranked else 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= _FUZZY_MIN and top - second >= _FUZZY_MARGIN:
        return ranked[0][0]
    return None


def _error(value, *, source=None, row=None, column=None) -> UnknownStateError:
    key = state_key(value) if isinstance(value, str) else ""
    names = by_iso3()
    if key in NOT_STATES:
        hint = (
            "It is not a UN member or observer State (an unknown, blank, group, "
            "organisation or former State); drop or report such rows, or map them with "
            "resolve_states(..., errors='coerce')."
        )
        candidates: list[str] = []
    else:
        candidates = [names[iso3][0] for iso3, _ in closest(key)] if key else []
        hint = (
            "Use the State's UN short name (see upr_targets.list_states()) or its ISO "
            "3166 code."
        )
    return UnknownStateError(
        value, candidates, source=source, row=row, column=column, hint=hint
    )


def normalize_state(
    name: str,
    *,
    source: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> str:
    """Return the canonical short name of a UN member or observer State.

    Parameters
    ----------
    name : str
        Any usual spelling: the canonical, UN or formal name, ISO 3166 alpha-2
        or alpha-3 code, with or without accents, case, punctuation, "&",
        "St" or a leading "the"; former names ("Swaziland", "Turkey", "the
        former Yugoslav Republic of Macedonia", "Burma"); small typos
        ("Untied Kingdom").
    source, row, column : optional
        Where ``name`` was read (file, spreadsheet row, column); only used in
        the error message.

    Returns
    -------
    str
        The name in ``list_states()["name"]``.

    Raises
    ------
    UnknownStateError
        When ``name`` is not a State (e.g. "(Unknown)", "European Union") or
        is too far from every State's names; the message names the value,
        where it was read and the three closest States (``.candidates``).

    Examples
    --------
    >>> from upr_targets import normalize_state
    >>> normalize_state("Iran (Islamic Republic of)")
    'Iran'
    >>> normalize_state("St Kitts & Nevis")
    'Saint Kitts and Nevis'
    >>> normalize_state("Untied Kingdom")
    'United Kingdom'
    >>> normalize_state("Atlantis", source="recs.csv", row=12, column="From")
    Traceback (most recent call last):
    ...
    upr_targets._errors.UnknownStateError: Unknown State 'Atlantis' in column 'From', row 12 of recs.csv — ...
    """
    if not isinstance(name, str):
        raise _error(name, source=source, row=row, column=column)
    iso3 = _lookup(name)
    if iso3 is None:
        raise _error(name, source=source, row=row, column=column)
    return by_iso3()[iso3][0]


def resolve_states(
    values: pd.Series,
    *,
    source: str | None = None,
    column: str | None = None,
    rows: pd.Series | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Resolve a column of State names to canonical name, ISO3 code and group.

    Each distinct value is resolved once (and cached across calls), so this
    takes milliseconds on a 33,000-row column.

    Parameters
    ----------
    values : pandas.Series
        State names in any spelling :func:`normalize_state` accepts. Missing
        values (NA) give missing results without error.
    source, column : str, optional
        File and column the values come from, for error messages.
    rows : pandas.Series, optional
        Row numbers to report (aligned with ``values``), e.g. the spreadsheet
        row; by default the index of ``values``.
    errors : {"raise", "coerce"}
        "raise": the first unresolved value raises ``UnknownStateError``
        naming its row; "coerce": unresolved values give NA.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``values``, string columns ``name``, ``iso3``, ``group``.

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.reference import resolve_states
    >>> s = pd.Series(["UK", "Cote d'Ivoire", "(Unknown)", "UK"])
    >>> resolve_states(s, errors="coerce")
                 name  iso3    group
    0  United Kingdom   GBR     WEOG
    1   Côte d'Ivoire   CIV  African
    2            <NA>  <NA>     <NA>
    3  United Kingdom   GBR     WEOG
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    values = pd.Series(values)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = np.array([_lookup(str(u)) for u in uniques], dtype=object)
    if errors == "raise":
        missing = np.flatnonzero(pd.isna(found))
        if missing.size:
            first = int(np.flatnonzero(np.isin(codes, missing))[0])
            where = rows.iloc[first] if rows is not None else values.index[first]
            where = where.item() if hasattr(where, "item") else where
            raise _error(values.iloc[first], source=source, row=where, column=column)
    table = state_table().set_index("iso3")
    iso3 = np.append(found, None)[codes]  # code -1 (NA) -> None
    iso3 = pd.array(iso3, dtype="string")
    out = pd.DataFrame(
        {
            "name": table["name"].reindex(iso3).to_numpy(),
            "iso3": iso3,
            "group": table["group"].reindex(iso3).to_numpy(),
        },
        index=values.index,
    )
    return out.astype("string")
