"""Resolving State names as exports write them to the canonical table.

Name resolution (:func:`normalize_state`, :func:`resolve_states`) accepts, for
each distinct value, only:

- ``code``: an ISO 3166 alpha-2 or alpha-3 code, in upper case ("GB", "GBR");
- ``name``: a canonical, UN or formal name, ignoring case, accents,
  punctuation, "&"/"and", "St"/"Saint" and "the" ("Iran (Islamic Republic
  of)" and "Korea, Republic of" are also tried qualifier first);
- ``alias``: a name listed in ``data/state_aliases.csv`` (former names,
  usual short forms: "Swaziland", "Turkey", "DPR Korea");
- ``qualifier``: a name whose words without the qualifiers of formal names
  ("republic", "of", "federal", ...) are those of exactly one State
  ("Republic of Nigeria" is Nigeria, not Niger);
- ``fuzzy``: a misspelling at least ``FUZZY_MIN`` (rapidfuzz ratio, 0-100)
  alike to one State's name or alias, ``FUZZY_MARGIN`` points ahead of any
  other State, for values of at least ``FUZZY_MIN_LENGTH`` letters
  ("Untied Kingdom").

Values that are not States ("(Unknown)", "European Union", former States),
that name two States or more ("France, Germany", "Peru Russian Federation"),
that hold an unknown part beside a State ("Chile, Westerosia") or that are
longer than ``MAX_LENGTH`` characters stay unresolved. :func:`match_state`
says which way a value was read; loaders flag every ``qualifier`` and
``fuzzy`` reading in their load report. Results are cached, so that a column
of 33,000 rows costs one lookup per distinct value.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._errors import UnknownStateError
from .._utils import name_key as state_key
from ._name_index import (
    NOT_STATES,
    QUALIFIER_WORDS,
    closest,
    codes,
    core,
    core_index,
    fuzzy_ranking,
    keys_of,
    name_index,
    names_only,
)
from ._states import by_iso3, state_table

__all__ = [
    "FUZZY_MARGIN",
    "FUZZY_MIN",
    "MAX_LENGTH",
    "StateMatch",
    "match_state",
    "normalize_state",
    "resolve_states",
    "state_key",
]

FUZZY_MIN = 85.0
"""Least rapidfuzz ratio (0-100) of an accepted misspelling to a name or alias."""
FUZZY_MARGIN = 5.0
"""Least lead of the best State over the next one for a fuzzy reading."""
FUZZY_MIN_LENGTH = 6
"""Shorter values are read exactly or not at all ("From" is not a State)."""
MAX_LENGTH = 80
"""Longer values are not State names (and are not matched at all)."""


@dataclass(frozen=True)
class StateMatch:
    """How a value was read: the State (or None), the method and its score."""

    iso3: str | None
    method: str
    score: float = 100.0

    @property
    def exact(self) -> bool:
        """Read from a code, a name or an alias (nothing guessed)."""
        return self.method in ("code", "name", "alias")


_CACHE: dict[str, StateMatch] = {}


def match_state(value: str) -> StateMatch:
    """How ``value`` reads as a State (see the module's doc for the methods).

    Parameters
    ----------
    value : str
        A State's name as written.

    Returns
    -------
    StateMatch
        ``iso3`` (None when unresolved), ``method`` ("code", "name",
        "alias", "qualifier", "fuzzy"; or why it is unresolved: "not a
        State", "several States", "unknown part", "too long", "no match")
        and ``score`` (100 for exact readings).

    Examples
    --------
    >>> from upr_targets.reference import match_state
    >>> match_state("Republic of Nigeria")
    StateMatch(iso3='NGA', method='qualifier', score=100.0)
    >>> match_state("Peru Russian Federation").method
    'several States'
    """
    try:
        return _CACHE[value]
    except KeyError:
        pass
    found = _match(value)
    _CACHE[value] = found
    return found


_JOINT = re.compile(r"\s*(?:[,;/+|&]|\band\b)\s*", flags=re.IGNORECASE)
_PARTS = re.compile(r"\s*[,;/|]\s*")
_CAMEL = re.compile(r"(?<=[a-z\u00e0-\u00ff])(?=[A-Z])")


def _several(value: str) -> bool:
    """Whether ``value`` names several States.

    Parts separated by commas, "and", slashes ("Sudan and South Sudan"), or
    names run together by a space, a line break or nothing at all
    ("Peru Russian Federation", "ChileEstonia").
    """
    index = name_index()
    text = html.unescape(value)
    parts = (state_key(p) for p in _JOINT.split(text))
    if len({index[p] for p in parts if p in index}) >= 2:
        return True
    words = state_key(_CAMEL.sub(" ", text)).split()
    if not 2 <= len(words) <= 15:
        return False
    # can the words be cut into two or more names of the index?
    reach = [False] * (len(words) + 1)
    count = [0] * (len(words) + 1)
    reach[0] = True
    for end in range(1, len(words) + 1):
        for start in range(end):
            if reach[start] and " ".join(words[start:end]) in index:
                if not reach[end] or count[start] + 1 > count[end]:
                    count[end] = count[start] + 1
                reach[end] = True
    return reach[-1] and count[-1] >= 2


def _unknown_part(value: str) -> bool:
    """Whether a list-like value has a part that is neither a State nor a qualifier.

    "Chile, Westerosia" names an unknown entity beside Chile. "Iran, Islamic
    Rep." is a State with its qualifier.
    """
    parts = [p for p in _PARTS.split(html.unescape(value)) if p.strip()]
    if len(parts) < 2:
        return False
    index = name_index()
    for part in parts:
        key = state_key(part)
        if key in index or set(key.split()) <= QUALIFIER_WORDS:
            continue
        return True
    return False


def _match(value: str) -> StateMatch:
    stripped = value.strip()
    if len(stripped) > MAX_LENGTH:
        return StateMatch(None, "too long", 0.0)
    if stripped in codes():  # "GB", "GBR"; "NA" is Namibia, "na" is not
        return StateMatch(codes()[stripped], "code")
    keys = keys_of(value)
    if keys[0] in NOT_STATES:
        return StateMatch(None, "not a State", 0.0)
    names, index = names_only(), name_index()
    for key in keys:
        if key in names:
            return StateMatch(names[key], "name")
    for key in keys:
        if key in index:
            return StateMatch(index[key], "alias")
    if _several(value):
        return StateMatch(None, "several States", 0.0)
    if _unknown_part(value):
        return StateMatch(None, "unknown part", 0.0)
    for key in keys:
        iso3 = core_index().get(core(key))
        if iso3 is not None:
            return StateMatch(iso3, "qualifier")
    key = keys[0]
    if len(key.replace(" ", "")) < FUZZY_MIN_LENGTH:
        return StateMatch(None, "no match", 0.0)
    ranked = fuzzy_ranking(key)
    top = ranked[0][1] if ranked else 0.0
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top >= FUZZY_MIN and top - second >= FUZZY_MARGIN:
        return StateMatch(ranked[0][0], "fuzzy", round(float(top), 1))
    return StateMatch(None, "no match", round(float(top), 1))


def _candidates(value) -> list[str]:
    key = state_key(value) if isinstance(value, str) else ""
    if not key or key in NOT_STATES:
        return []
    names = by_iso3()
    return [names[iso3][0] for iso3, _ in closest(key[:MAX_LENGTH])]


def _error(value, *, source=None, row=None, column=None) -> UnknownStateError:
    key = state_key(value) if isinstance(value, str) else ""
    if key in NOT_STATES:
        hint = (
            "It is not a UN member or observer State (an unknown, blank, group, "
            "organisation or former State); drop or report such rows, or map them with "
            "resolve_states(..., errors='coerce')."
        )
    elif isinstance(value, str) and match_state(value).method == "several States":
        hint = (
            "It names several States: give one per row (or separate them with "
            "'|' in a multi-State column)."
        )
    else:
        hint = (
            "Use the State's UN short name (see upr_targets.list_states()) or its ISO "
            "3166 code."
        )
    return UnknownStateError(
        value, _candidates(value), source=source, row=row, column=column, hint=hint
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
        ("Untied Kingdom"). See :func:`match_state` for what is accepted.
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
        When ``name`` is not a State (e.g. "(Unknown)", "European Union"),
        names several, or is too far from every State's names; the message
        names the value, where it was read and the three closest States
        (``.candidates``).

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
    found = match_state(name)
    if found.iso3 is None:
        raise _error(name, source=source, row=row, column=column)
    return by_iso3()[found.iso3][0]


def _unknown_error(values, codes_, missing, rows, source, column, hint):
    """One error naming every unresolved value, its rows and the closest States."""
    parts = []
    for k in missing[:20]:
        where = np.flatnonzero(codes_ == k)
        shown = [
            int(rows.iloc[i]) if rows is not None else int(values.index[i])
            for i in where[:5]
        ]
        more = f" and {len(where) - 5} more" if len(where) > 5 else ""
        cands = _candidates(values.iloc[where[0]])
        guess = f"; did you mean {cands[0]!r}?" if cands else ""
        label = "row" if len(where) == 1 else "rows"
        parts.append(
            f"{values.iloc[where[0]]!r} ({label} {', '.join(map(str, shown))}{more}{guess})"
        )
    if len(missing) > 20:
        parts.append(f"and {len(missing) - 20} more values")
    first = values.iloc[int(np.flatnonzero(codes_ == missing[0])[0])]
    if len(missing) == 1:
        err = _error(
            first,
            source=source,
            column=column,
            row=int(shown[0]) if len(where) == 1 else None,
        )
        if len(where) > 1:
            err.message += f" (rows {', '.join(map(str, shown))}{more})"
        if hint:
            err.message += f" {hint}"
        err.args = (err.message,)
        return err
    where_text = ""
    if column is not None:
        where_text += f" in column {column!r}"
    if source is not None:
        where_text += f" of {source}"
    first_row = np.flatnonzero(codes_ == missing[0])[0]
    err = UnknownStateError(
        first,
        _candidates(first),
        source=source,
        column=column,
        row=int(rows.iloc[first_row])
        if rows is not None
        else int(values.index[first_row]),
    )
    err.message = (
        f"{len(missing)} unknown State names{where_text}: "
        + "; ".join(parts)
        + "."
        + (
            f" {hint}"
            if hint
            else " Use the States' UN short names (see "
            "upr_targets.list_states()) or ISO 3166 codes."
        )
    )
    err.args = (err.message,)
    err.unknown = [values.iloc[int(np.flatnonzero(codes_ == k)[0])] for k in missing]
    return err


def resolve_states(
    values: pd.Series,
    *,
    source: str | None = None,
    column: str | None = None,
    rows: pd.Series | None = None,
    errors: str = "raise",
    hint: str = "",
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
        "raise": unresolved values raise one ``UnknownStateError`` naming
        every one of them with its rows and the closest States; "coerce":
        unresolved values give NA.
    hint : str
        Added to the error message (what the caller can do about it).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``values``, string columns ``name``, ``iso3``, ``group``,
        ``method`` and float ``score`` (see :func:`match_state`; NA where
        ``values`` is missing).

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.reference import resolve_states
    >>> s = pd.Series(["UK", "Cote d'Ivoire", "(Unknown)", "UK"])
    >>> resolve_states(s, errors="coerce")[["name", "iso3", "group", "method"]]
                 name  iso3    group       method
    0  United Kingdom   GBR     WEOG        alias
    1   Côte d'Ivoire   CIV  African         name
    2            <NA>  <NA>     <NA>  not a State
    3  United Kingdom   GBR     WEOG        alias
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    values = pd.Series(values)
    codes_, uniques = pd.factorize(values, use_na_sentinel=True)
    matches = [match_state(str(u)) for u in uniques]
    found = np.array([m.iso3 for m in matches], dtype=object)
    if errors == "raise":
        missing = np.flatnonzero(pd.isna(found))
        if missing.size:
            raise _unknown_error(values, codes_, missing, rows, source, column, hint)
    table = state_table().set_index("iso3")
    iso3 = pd.Index(found, dtype=object)
    distinct = {
        "name": table["name"].reindex(iso3).to_numpy(dtype=object, na_value=None),
        "iso3": found,
        "group": table["group"].reindex(iso3).to_numpy(dtype=object, na_value=None),
        "method": np.array([m.method for m in matches], dtype=object),
    }
    out = pd.DataFrame(
        {
            c: pd.array(np.append(v, None)[codes_], dtype="string")
            for c, v in distinct.items()
        },
        index=values.index,
    )
    out["score"] = np.array([m.score for m in matches] + [np.nan])[codes_]
    return out
