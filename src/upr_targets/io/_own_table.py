"""Reader for this library's own table, written to a file and read back.

What ``upr-targets search --out``, ``DataFrame.to_csv``, ``to_excel`` and
``to_parquet`` write of a loaded table: the columns of
:func:`upr_targets.schema_table` under their own names, list cells joined by
``"; "`` (``search --out``, Parquet) or written as Python lists
(``"['Death penalty']"``, pandas' ``to_csv``). A table an NGO assembled by
hand in these columns reads the same way. The rows go through
:func:`~upr_targets.io._finalize.finalize` as any export's do (State names
resolved, responses mapped, every problem named with its row); the
``recommendation_id`` and the ``source`` (``upr-info``, ``demo``...) they were
written with are kept, so that joint recommendations stay joint and the demo
data stay marked as such.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd

from .._errors import LoadError
from .._schema import COLUMNS
from ._finalize import finalize
from ._formats import FORMATS, match_columns
from ._log import LoadReport
from ._tables import join_lists, read_table
from ._values import _spread_lists, map_theme_lists

_LISTS = tuple(c.name for c in COLUMNS if c.dtype == "list")
_AS_WRITTEN = ("text", "sur", "recommending_state", "response", "action_category")
_AS_WRITTEN += ("sur_group", "rs_group", "session", "cycle", "year")
_AS_WRITTEN += ("document", "paragraph", "recommendation_id")


def list_cells(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Lists from cells written ``"a; b"`` or ``"['a', 'b']"``, each distinct cell once.

    Returns the lists and, aligned with ``cells``, whether a cell in brackets
    is not a list of strings (it is then read as one item).

    Examples
    --------
    >>> import pandas as pd
    >>> from upr_targets.io._own_table import list_cells
    >>> cells = pd.Series(["Torture; Detention", "['Women', 'Children']", None])
    >>> lists, bad = list_cells(cells)
    >>> lists.tolist(), bad.tolist()
    ([['Torture', 'Detention'], ['Women', 'Children'], []], [False, False, False])
    """
    codes, uniques = pd.factorize(cells.astype("string"), use_na_sentinel=True)
    lists, malformed = [], []
    for cell in np.asarray(uniques, dtype=object):
        cell = cell.strip()
        items, bad = [p.strip() for p in cell.split(";")], False
        if cell.startswith("[") and cell.endswith("]"):
            try:
                value = ast.literal_eval(cell)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                value = None
            bad = not (
                isinstance(value, (list, tuple))
                and all(isinstance(v, (str, int, float)) for v in value)
            )
            items = [cell] if bad else [str(v).strip() for v in value]
        lists.append([item for item in items if item])
        malformed.append(bad)
    flags = np.array([*malformed, False], dtype=bool)[codes]
    return _spread_lists(lists, codes, cells.index), pd.Series(flags, cells.index)


def read_own_table(
    path, report: LoadReport, *, encoding: str | None = None, on_unknown: str = "raise"
) -> pd.DataFrame:
    """Read a table in this library's columns (CSV, Excel or Parquet)."""
    path = Path(path)
    table = read_table(path, report, encoding=encoding)
    pos = match_columns(table.header, FORMATS["upr-targets"], file=path)
    col = {name: table.column(i).astype("string") for name, i in pos.items()}
    raw = pd.DataFrame(
        {c: col[c] for c in _AS_WRITTEN if c in col}, index=table.body.index
    )
    raw["source_row"] = table.rows
    for c in _LISTS:
        if c not in col:
            continue
        raw[c], malformed = list_cells(col[c])
        report.flag(
            path,
            table.rows[malformed],
            table.header[pos[c]],
            col[c][malformed],
            "not a list of labels; read as one label",
        )
    if "themes" in raw:
        raw["themes"], unknown = map_theme_lists(raw["themes"], "upr-info")
        report.flag(
            path,
            table.rows[unknown.index],
            table.header[pos["themes"]],
            unknown,
            "theme not in the taxonomy or crosswalk; left out of themes",
        )
    df = finalize(
        raw,
        fmt="upr-targets",
        file=path,
        report=report,
        source_columns={name: table.header[i] for name, i in pos.items()},
        theme_vocabulary="upr-info",  # when the file has no themes column
        encoding=table.encoding,
        records_read=len(table.body),
        on_unknown=on_unknown,
    )
    # what the file says of each kept row's origin (finalize sets it to the file)
    by_row = pd.Index(table.rows)
    at = by_row.get_indexer(df["source_row"])
    for c in ("source", "source_text"):
        if c in col:
            written = col[c].to_numpy()[at]
            df[c] = pd.Series(written, dtype="string").where(
                lambda s: s.str.strip() != "", df[c] if c == "source" else pd.NA
            )
    return df


def save_recommendations(recommendations: pd.DataFrame, path: str | Path) -> Path:
    """Write a table of recommendations to a file that loads back as it was.

    ``.csv`` and ``.xlsx`` join list cells with ``"; "`` (a text that starts
    with ``=`` stays text in Excel, not a formula); ``.parquet`` keeps lists
    and dtypes (about a third of the CSV's size). The load report in
    ``attrs`` is not written (pandas' own ``to_parquet`` fails on it).
    :func:`load_recommendations` reads either file back (format
    ``"upr-targets"``), keeping ``recommendation_id`` and ``source``.

    Parameters
    ----------
    recommendations : pandas.DataFrame
        A table from :func:`load_recommendations` or :func:`search`; extra
        columns (``similarity``) are written too.
    path : str or Path
        Ends in ``.csv``, ``.xlsx`` or ``.parquet``; its folder is made if
        needed.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import upr_targets
    >>> recs = upr_targets.load_demo().head(3)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "three.parquet"
    >>> again = upr_targets.load_recommendations(upr_targets.save_recommendations(recs, path))
    >>> again["recommendation_id"].tolist() == recs["recommendation_id"].tolist()
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".parquet"):
        raise LoadError(
            f"{path.name}: cannot write a {suffix or 'suffix-less'} file; use .csv, "
            ".xlsx or .parquet"
        )
    table = recommendations.copy(deep=False)
    table.attrs = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        table.to_parquet(path, index=False)
        return path
    table = join_lists(table)
    if suffix == ".xlsx":
        _write_xlsx(table, path)
    else:
        table.to_csv(path, index=False)
    return path


def _write_xlsx(table: pd.DataFrame, path: Path) -> None:
    """One sheet, every cell as written (a text is never read as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("recommendations")
    ws.append([str(c) for c in table.columns])
    cells = table.astype(object).where(table.notna(), None).to_numpy()
    for row in cells:
        values = []
        for v in row:
            if isinstance(v, str):
                v = ILLEGAL_CHARACTERS_RE.sub("", v)
                if v.startswith("="):
                    cell = WriteOnlyCell(ws, v)
                    cell.data_type = "s"  # openpyxl would store a formula
                    v = cell
            values.append(v)
        ws.append(values)
    wb.save(path)
