"""The States of a raw frame: resolve each column once, say every guess, fail fast.

Every distinct value is read with :func:`upr_targets.reference.resolve_states`.
A reading that is not exact (``qualifier``, ``fuzzy``) is flagged with the
value, the State read, the method and its score; a reading that contradicts
the file's own regional-group column is flagged too. Unknown names either
raise one error naming them all (``on_unknown="raise"``) or are kept with the
State missing and flagged (``"flag"``; a row without a State under review
cannot be kept, it is rejected). A column whose values are mostly not State
names is the wrong column: that is said at once, before any fuzzy matching.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import LoadError
from ..reference import normalize_group, resolve_states
from ._log import LoadReport
from ._values import is_placeholder

__all__ = ["ON_UNKNOWN", "resolve_column"]

ON_UNKNOWN = ("raise", "flag")
"""What loaders do with an unknown State name."""

_EMPTY = pd.DataFrame(columns=["name", "iso3", "group", "method", "score"])


_MANY = 400
"""More distinct values than a State column can hold: a sample is checked
before any of them is matched (a column of texts fails at once)."""


def _check_column(values: pd.Series, file: Path, label: str, found=None) -> None:
    """Raise when most distinct values are not State names (the wrong column).

    ``found``: the readings of ``values`` already made (else a sample is read).
    """
    distinct = values.dropna().unique()
    if len(distinct) < 8:
        return
    if found is None:
        sample = pd.Series(
            distinct[:: max(len(distinct) // 60, 1)][:60], dtype="string"
        )
        found = resolve_states(sample, errors="coerce")
    else:
        sample = values.reset_index(drop=True)
        found = found.reset_index(drop=True)
    share = found["iso3"].isna().mean()
    if share <= 0.5:
        return
    examples = "; ".join(repr(str(v)[:60]) for v in sample[found["iso3"].isna()][:3])
    raise LoadError(
        f"{file.name}: column {label!r} does not hold State names ({share:.0%} of "
        f"the values checked are not States, e.g. {examples}). Are two columns "
        "swapped or misnamed? Rename the columns in the file, or pass format=... "
        "if it is another export."
    )


def resolve_column(
    values: pd.Series,
    rows: pd.Series,
    file: Path,
    label: str,
    report: LoadReport,
    *,
    on_unknown: str = "raise",
    groups: pd.Series | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Canonical ``name, iso3, group`` of a State column, and which rows are unknown.

    Parameters
    ----------
    values : pandas.Series
        The names as written (placeholders such as "(Unknown)" are left
        missing without error; the caller reports them).
    rows : pandas.Series
        Row numbers of the file, aligned with ``values``.
    file : Path
        The file, for messages.
    label : str
        The source's column label, for messages.
    report : LoadReport
        Receives the flags.
    on_unknown : {"raise", "flag"}
        Unknown names raise one error naming all of them, or are flagged and
        left missing.
    groups : pandas.Series, optional
        The file's own regional group of each row, checked against the
        State read.

    Returns
    -------
    states : pandas.DataFrame
        ``name, iso3, group`` (strings) indexed like ``values``.
    unknown : numpy.ndarray
        True where a name was given but is not a State.
    """
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype="string")
    given_u = ~is_placeholder(distinct)
    given = np.append(given_u, False)[codes]
    unknown = np.zeros(len(values), dtype=bool)
    if not given.any():
        out = pd.DataFrame(index=values.index, columns=["name", "iso3", "group"])
        return out.astype("string"), unknown
    if given_u.sum() > _MANY:
        _check_column(distinct[given_u], file, label)
    found_u = resolve_states(distinct, errors="coerce")
    if given_u.sum() <= _MANY:
        _check_column(distinct[given_u], file, label, found_u[given_u])
    found_u.loc[~given_u, ["name", "iso3", "group", "method"]] = pd.NA
    missing_u = given_u & found_u["iso3"].isna().to_numpy()
    if missing_u.any() and on_unknown == "raise":  # one error naming every row
        resolve_states(
            values[given],
            source=file.name,
            column=label,
            rows=rows[given],
            hint="Fix the names in the file, or pass on_unknown='flag' to keep the "
            "rows with the State missing (they are listed in the load report).",
        )
    # spread the distinct readings over the rows; a missing value (code -1)
    # takes the last row, an empty reading
    padded = pd.concat([found_u, found_u.iloc[:0].reindex([len(found_u)])])
    found = padded.iloc[codes].set_axis(values.index).astype({"score": "float64"})
    out = found[["name", "iso3", "group"]].copy()
    row_missing = np.append(missing_u, False)[codes]
    unknown[row_missing] = True
    if row_missing.any():
        report.flag(
            file,
            rows[row_missing],
            label,
            values[row_missing],
            "unknown State name (" + found["method"][row_missing].fillna("") + "); "
            "kept with the State missing",
        )
    method = found["method"]
    # a code among names ("RS" in a column of names) is as much a guess
    coded = (method == "code").to_numpy(dtype=bool, na_value=False)
    guessed = method.isin(["qualifier", "fuzzy"]).to_numpy(dtype=bool).copy()
    if coded.any() and coded[given].mean() < 0.5:
        guessed |= coded
    if guessed.any():
        how = (
            "read as "
            + found["name"][guessed]
            + " ("
            + method[guessed].replace("code", "ISO code")
            + np.where(
                method[guessed] == "fuzzy",
                ", similarity " + found["score"][guessed].map("{:.0f}".format),
                "",
            )
            + "): check the name"
        )
        report.flag(file, rows[guessed], label, values[guessed], how)
    if groups is not None:
        _check_groups(out, groups, rows, file, label, report)
    return out, unknown


def _check_groups(out, groups, rows, file, label, report) -> None:
    """Flag rows whose State read belongs to another group than the file says."""
    written = groups.reindex(out.index).astype("string")
    has = written.notna() & (written.str.strip() != "") & out["iso3"].notna()
    if not has.any():
        return
    try:
        said = normalize_group(written[has])
    except ValueError:  # labels that are no regional group: nothing to check
        return
    read = out.loc[has, "group"]
    # labels that name no regional group ("Observer") say nothing to check
    clash = (said.notna() & (said != read.fillna("none"))).to_numpy(dtype=bool)
    if clash.any():
        idx = has[has].index[clash]
        report.flag(
            file,
            rows[idx],
            label,
            out.loc[idx, "name"] + " (file says " + written[idx] + ")",
            "the State read belongs to "
            + out.loc[idx, "group"].fillna("no regional group")
            + ", not to the file's regional group: check the name",
        )
