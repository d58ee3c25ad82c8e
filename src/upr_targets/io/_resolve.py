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
from ._values import group_codes, is_placeholder

__all__ = ["ON_UNKNOWN", "resolve_column"]

ON_UNKNOWN = ("raise", "flag")
"""What loaders do with an unknown State name."""

_EMPTY = pd.DataFrame(columns=["name", "iso3", "group", "method", "score"])


_MANY = 400
"""More distinct values than a State column can hold: a sample is checked
before any of them is matched (a column of texts fails at once)."""


def _check_column(values: pd.Series, name: str, label: str, found=None) -> None:
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
        f"{name}: column {label!r} does not hold State names ({share:.0%} of "
        f"the values checked are not States, e.g. {examples}). Are two columns "
        "swapped or misnamed? Rename the columns in the file, or pass format=... "
        "if it is another export."
    )


def resolve_column(
    values: pd.Series,
    rows: pd.Series,
    file: Path | pd.Series,
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
    file : Path or pandas.Series
        The file, for messages; or each row's file (a Series aligned with
        ``values``) when several files are resolved together.
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
    # each file's own distinct values, in the order they appear in it
    if isinstance(file, pd.Series):
        per_file = {
            name: pd.unique(codes[at])
            for name, at in file.groupby(file, sort=False).indices.items()
        }
    else:
        per_file = {file.name: np.arange(len(distinct))}
    per_file = {name: u[u >= 0][given_u[u[u >= 0]]] for name, u in per_file.items()}
    for name, u in per_file.items():
        if len(u) > _MANY:
            _check_column(distinct.iloc[u], name, label)
    found_u = resolve_states(distinct, errors="coerce")
    not_state_u = found_u["iso3"].isna().to_numpy(dtype=bool)
    for name, u in per_file.items():
        # the check of _check_column on arrays; it words the error
        if 8 <= len(u) <= _MANY and not_state_u[u].mean() > 0.5:
            _check_column(distinct.iloc[u], name, label, found_u.iloc[u])
    missing_u = given_u & found_u["iso3"].isna().to_numpy()
    if missing_u.any() and on_unknown == "raise":  # one error naming every row
        # the first file holding an unknown name
        name = next(n for n, u in per_file.items() if missing_u[u].any())
        in_file = given & (
            (file == name).to_numpy(dtype=bool) if isinstance(file, pd.Series) else True
        )
        resolve_states(
            values[in_file],
            source=name,
            column=label,
            rows=rows[in_file],
            hint="Fix the names in the file, or pass on_unknown='flag' to keep the "
            "rows with the State missing (they are listed in the load report).",
        )
    # each row points at its value's reading; placeholders and missing values
    # at none (-1), which spreads as missing
    codes = np.where(given, codes, -1)

    def spread(column):
        return pd.Series(
            found_u[column].array.take(codes, allow_fill=True), index=values.index
        )

    out = pd.DataFrame({c: spread(c) for c in ("name", "iso3", "group")})
    unknown[np.append(missing_u, False)[codes]] = True
    method_u = found_u["method"].fillna("")
    if unknown.any():
        report.flag(
            file,
            rows[unknown],
            label,
            values[unknown],
            "unknown State name ("
            + spread("method")[unknown].fillna("")
            + "); kept with the State missing",
        )
    # a code among names ("RS" in a column of names) is as much a guess
    guessed_u = method_u.isin(["qualifier", "fuzzy"]).to_numpy(dtype=bool, copy=True)
    coded = np.append((method_u == "code").to_numpy(dtype=bool), False)[codes]
    if coded.any() and coded[given].mean() < 0.5:
        guessed_u |= (method_u == "code").to_numpy(dtype=bool)
    guessed = np.append(guessed_u & given_u, False)[codes]
    if guessed.any():
        method = spread("method")[guessed]
        how = (
            "read as "
            + out["name"][guessed]
            + " ("
            + method.replace("code", "ISO code")
            + np.where(
                method == "fuzzy",
                ", similarity " + spread("score")[guessed].map("{:.0f}".format),
                "",
            )
            + "): check the name"
        )
        report.flag(file, rows[guessed], label, values[guessed], how)
    if groups is not None:
        _check_groups(out, codes, groups, rows, file, label, report)
    return out, unknown


def _check_groups(out, codes, groups, rows, file, label, report) -> None:
    """Flag rows whose State read belongs to another group than the file says.

    ``codes``: each row's State reading (-1 for none). Each distinct pair of
    reading and written group is checked once.
    """
    gcodes, labels = pd.factorize(groups.reindex(out.index).astype("string"))
    labels = pd.Series(labels, dtype="string")
    label_ok = np.append((labels.str.strip() != "").to_numpy(dtype=bool), False)
    iso3 = out["iso3"].notna().to_numpy(dtype=bool)
    has = label_ok[gcodes] & (codes >= 0) & iso3
    if not has.any():
        return
    at = np.flatnonzero(has)
    pair, first = group_codes(codes[at], gcodes[at])
    rows_u = at[first]
    written = labels.iloc[gcodes[rows_u]].reset_index(drop=True)
    try:
        said = normalize_group(written)
    except ValueError:  # labels that are no regional group: nothing to check
        return
    read = out["group"].iloc[rows_u].reset_index(drop=True)
    # labels that name no regional group ("Observer") say nothing to check
    clash_u = (said.notna() & (said != read.fillna("none"))).to_numpy(dtype=bool)
    if not clash_u.any():
        return
    clash = np.zeros(len(out), dtype=bool)
    clash[at] = clash_u[pair]
    idx = out.index[clash]
    written_rows = labels.array.take(gcodes[clash])
    report.flag(
        file,
        rows[idx],
        label,
        out.loc[idx, "name"]
        + " (file says "
        + pd.Series(written_rows, index=idx)
        + ")",
        "the State read belongs to "
        + out.loc[idx, "group"].fillna("no regional group")
        + ", not to the file's regional group: check the name",
    )
