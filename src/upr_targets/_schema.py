"""The normalized recommendations table: column names, dtypes and meanings.

This module is the single place where the columns of the table returned by
:func:`upr_targets.load_recommendations` (and :func:`upr_targets.load_demo`)
are documented. Every other part of the library reads and writes these names.

One row is one (recommendation, recommending State) pair: a joint
recommendation made by three States is three rows that share one
``recommendation_id``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._errors import SchemaError

RESPONSES: tuple[str, ...] = ("supported", "noted", "not supported", "unclear")
"""Allowed values of ``response`` (lower case). UPR Info's legacy "Accepted"
is loaded as ``"supported"``."""

REGIONAL_GROUPS: tuple[str, ...] = (
    "African",
    "Asia-Pacific",
    "Eastern European",
    "GRULAC",
    "WEOG",
)
"""The five UN regional groups. Observers outside any group (the Holy See)
have a missing group."""


@dataclass(frozen=True)
class Column:
    """One column of the normalized table."""

    name: str
    dtype: str  # "string", "Int64", "list" or "category"
    required: bool
    nullable: bool
    description: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "text",
        "string",
        True,
        False,
        "The recommendation's text, HTML entities decoded and white space folded.",
    ),
    Column(
        "sur",
        "string",
        True,
        False,
        "State under review: canonical short name (see `upr_targets.states()`).",
    ),
    Column(
        "sur_iso3",
        "string",
        True,
        False,
        "ISO 3166-1 alpha-3 code of the State under review.",
    ),
    Column(
        "recommending_state",
        "string",
        True,
        True,
        "Recommending State: canonical short name; missing only where the source names none.",
    ),
    Column(
        "rs_iso3",
        "string",
        True,
        True,
        "ISO 3166-1 alpha-3 code of the recommending State (VAT Holy See, PSE State of Palestine).",
    ),
    Column(
        "sur_group",
        "string",
        True,
        True,
        "UN regional group of the State under review, one of REGIONAL_GROUPS.",
    ),
    Column(
        "rs_group",
        "string",
        True,
        True,
        "UN regional group of the recommending State, one of REGIONAL_GROUPS; missing for the Holy See.",
    ),
    Column("response", "string", True, False, "The SuR's response, one of RESPONSES."),
    Column(
        "action_category",
        "Int64",
        True,
        True,
        "Edward McMahon's action category, 1 (minimal action) to 5 (specific action); missing where the source lacks it.",
    ),
    Column(
        "themes",
        "list",
        True,
        False,
        "Theme labels in the library's taxonomy (UPR Info issue labels, see `upr_targets.themes()`); empty list where none.",
    ),
    Column(
        "source_themes",
        "list",
        True,
        False,
        "The source's own theme labels (UPR Info issues, UHRI themes, DIHR keywords), as written there.",
    ),
    Column(
        "sdgs",
        "list",
        True,
        False,
        "Sustainable Development Goals and targets linked by the source, as strings: '5', '5.2'; empty list where none.",
    ),
    Column(
        "affected_persons",
        "list",
        True,
        False,
        "Groups of persons the source says the recommendation concerns (UHRI 'Affected Persons', the matrices' 'Groups of persons'), as written there; empty list where none. Where the crosswalk maps one to a theme ('Women' to Women's rights), the theme is in `themes` too.",
    ),
    Column(
        "session",
        "Int64",
        True,
        True,
        "UPR Working Group session number (from the source, or the UPR calendar).",
    ),
    Column(
        "cycle",
        "Int64",
        True,
        True,
        "UPR cycle (1: sessions 1-12, 2: 13-26, 3: 27-40, 4: 41-54, 5: 55-).",
    ),
    Column("year", "Int64", True, True, "Year of the Working Group session."),
    Column(
        "document",
        "string",
        True,
        True,
        "Symbol of the Working Group report, e.g. 'A/HRC/12/9'.",
    ),
    Column(
        "paragraph",
        "string",
        True,
        True,
        "Paragraph number of the recommendation in that report, e.g. '95.1'.",
    ),
    Column(
        "source",
        "string",
        True,
        False,
        "Format the row was read from: 'upr-info', 'upr-info-uwazi', 'dihr', 'uhri', 'un-report-pdf', 'ohchr-matrix', 'demo'; a table written by `save_recommendations` keeps the source it was first read from ('upr-targets' for one made by hand).",
    ),
    Column("source_file", "string", True, True, "File name the row was read from."),
    Column(
        "source_row",
        "Int64",
        True,
        True,
        "Row of the record in that file as a spreadsheet shows it (header = row 1, first record = row 2).",
    ),
    Column(
        "recommendation_id",
        "string",
        True,
        False,
        "Identifier shared by the rows of one joint recommendation.",
    ),
    Column(
        "source_text",
        "string",
        True,
        True,
        "The text as the source wrote it, where `text` differs from it (HTML entities decoded, white space folded); missing where they are the same.",
    ),
)
"""All columns, in the order the loaders return them."""

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

_BY_NAME = {c.name: c for c in COLUMNS}


def schema_table() -> pd.DataFrame:
    """Return the schema as a DataFrame (name, dtype, required, nullable, description).

    Returns
    -------
    pandas.DataFrame
        One row per column of the normalized table, in table order.

    Examples
    --------
    >>> from upr_targets import schema_table
    >>> schema_table().loc[0, "name"]
    'text'
    """
    return pd.DataFrame(
        [(c.name, c.dtype, c.required, c.nullable, c.description) for c in COLUMNS],
        columns=["name", "dtype", "required", "nullable", "description"],
    )


def empty_recommendations() -> pd.DataFrame:
    """Return an empty normalized table with every column and dtype in place."""
    return conform({name: [] for name in COLUMN_NAMES})


def conform(data: pd.DataFrame | dict) -> pd.DataFrame:
    """Cast columns to the schema's dtypes and order, adding missing optional ones.

    List columns missing from ``data`` are filled with empty lists, other
    missing columns with NA. Extra columns are kept after the schema's.
    """
    df = pd.DataFrame(data).copy()
    n = len(df)
    for col in COLUMNS:
        if col.name not in df.columns:
            if col.dtype == "list":
                df[col.name] = pd.Series(
                    [[] for _ in range(n)], index=df.index, dtype=object
                )
            else:
                df[col.name] = pd.NA
        if col.dtype == "string":
            df[col.name] = df[col.name].astype("string")
        elif col.dtype == "Int64":
            df[col.name] = pd.to_numeric(df[col.name], errors="coerce").astype("Int64")
        elif col.dtype == "list":
            df[col.name] = df[col.name].astype(object)
    extra = [c for c in df.columns if c not in _BY_NAME]
    return df[list(COLUMN_NAMES) + extra]


_TYPE = np.frompyfunc(type, 1, 1)


def _is_list_column(s: pd.Series) -> np.ndarray:
    """True where a value is a list (one C-level pass over the objects)."""
    if len(s) == 0:
        return np.zeros(0, dtype=bool)
    types = _TYPE(s.to_numpy(dtype=object))
    return np.asarray(types == list, dtype=bool)  # noqa: E721 (elementwise)


def _is_str_column(s: pd.Series) -> np.ndarray:
    """True where a value is a string (vectorised for string dtypes)."""
    if isinstance(s.dtype, pd.StringDtype):
        return np.ones(len(s), dtype=bool)
    if len(s) == 0:
        return np.zeros(0, dtype=bool)
    values = s.to_numpy(dtype=object)
    ok = np.asarray(_TYPE(values) == str, dtype=bool)  # noqa: E721 (elementwise)
    rest = np.flatnonzero(~ok)  # subclasses of str (numpy.str_) are strings too
    ok[rest] = [isinstance(v, str) for v in values[rest]]
    return ok


def validate(df: pd.DataFrame, *, name: str = "recommendations") -> pd.DataFrame:
    """Check that ``df`` follows the normalized schema; return it unchanged.

    Parameters
    ----------
    df : pandas.DataFrame
        A table from :func:`load_recommendations` or built by hand.
    name : str
        How to call the table in error messages.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself, so that ``validate`` can be chained.

    Raises
    ------
    SchemaError
        Listing every problem found: missing columns, wrong dtypes, missing
        values in non-nullable columns, values outside the allowed sets, with
        the first offending rows.

    Examples
    --------
    >>> import upr_targets
    >>> df = upr_targets.load_demo()
    >>> upr_targets.validate(df) is df
    True
    """
    problems: list[str] = []
    missing = [c.name for c in COLUMNS if c.required and c.name not in df.columns]
    if missing:
        problems.append(
            f"missing columns {missing}; build the table with "
            "upr_targets.load_recommendations() or add them (see upr_targets.schema_table())"
        )

    def rows(mask: np.ndarray) -> str:
        idx = list(df.index[mask][:5])
        more = int(mask.sum()) - len(idx)
        return f"{idx}" + (f" and {more} more" if more > 0 else "")

    for col in COLUMNS:
        if col.name not in df.columns:
            continue
        s = df[col.name]
        if col.dtype == "Int64":
            if not (pd.api.types.is_integer_dtype(s) or s.isna().all()):
                problems.append(
                    f"column '{col.name}' has dtype {s.dtype}, expected Int64 (nullable integer)"
                )
                continue
        if col.dtype == "list":
            ok = _is_list_column(s)
            if not ok.all():
                problems.append(
                    f"column '{col.name}' must hold lists; rows {rows(~ok)} do not"
                )
            continue
        na = s.isna().to_numpy()
        if not col.nullable and na.any():
            problems.append(
                f"column '{col.name}' has missing values in rows {rows(na)}"
            )
        if col.dtype == "string":
            bad = ~na & ~_is_str_column(s)
            if bad.any():
                problems.append(
                    f"column '{col.name}' must hold strings; rows {rows(bad)} do not"
                )
    if "response" in df.columns:
        bad = ~df["response"].isin(RESPONSES).to_numpy()
        if bad.any():
            vals = sorted(set(map(str, df.loc[bad, "response"].unique())))[:5]
            problems.append(
                f"column 'response' has values {vals} in rows {rows(bad)}; allowed: {list(RESPONSES)}"
            )
    if "action_category" in df.columns and pd.api.types.is_numeric_dtype(
        df["action_category"]
    ):
        ac = df["action_category"]
        bad = (ac.notna() & ~ac.isin([1, 2, 3, 4, 5])).to_numpy(dtype=bool)
        if bad.any():
            problems.append(
                f"column 'action_category' has values outside 1-5 in rows {rows(bad)}"
            )
    for gcol in ("sur_group", "rs_group"):
        if gcol in df.columns:
            g = df[gcol]
            bad = (g.notna() & ~g.isin(REGIONAL_GROUPS)).to_numpy(dtype=bool)
            if bad.any():
                vals = sorted(set(map(str, g[bad].unique())))[:5]
                problems.append(
                    f"column '{gcol}' has values {vals} in rows {rows(bad)}; allowed: {list(REGIONAL_GROUPS)}"
                )
    if problems:
        raise SchemaError(
            f"{name} does not follow the upr_targets schema:\n- "
            + "\n- ".join(problems)
        )
    return df
