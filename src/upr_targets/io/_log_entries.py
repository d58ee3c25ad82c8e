"""The rows a load report records, kept as arrays until a table is asked for.

A load records rejected rows and flagged values in many small calls (one per
reason and file). Each call keeps its columns as arrays (:class:`Entries`);
the report's tables are built from all of them at once when they are read,
and the rows per file are counted as they are recorded, so that a loader can
ask "how many rows of this file were rejected?" without building a table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["Entries", "one_frame", "tally"]

COLUMNS = ("file", "row", "column", "value")


class Entries:
    """The rows recorded by one call: ``file, row, column, value`` and ``kind``.

    ``kind`` is the name of the last column ("reason" or "issue").
    """

    __slots__ = ("arrays", "column", "kind", "n", "per_file", "text")

    def __init__(
        self,
        file: str | Path | pd.Series,
        rows,
        column: str | None,
        values,
        text: str | Iterable[str],
        kind: str,
    ) -> None:
        rows = rows if isinstance(rows, pd.Series) else pd.Series(rows)
        n = len(rows)
        if isinstance(file, pd.Series):  # each row's own file (files read together)
            names = file.loc[rows.index].astype("string").array
            self.per_file = Counter(names.value_counts(dropna=False).to_dict())
        else:
            name = Path(file).name
            names = pd.array([name] * n, dtype="string")
            self.per_file = Counter({name: n}) if n else Counter()
        if isinstance(rows.dtype, np.dtype) and rows.dtype.kind in "iu":
            row = pd.array(rows.to_numpy(dtype=np.int64), dtype="Int64")
        else:
            row = pd.to_numeric(rows, errors="coerce").astype("Int64").array
        if values is None:
            value = pd.array([pd.NA] * n, dtype="string")
        else:
            values = values if isinstance(values, pd.Series) else pd.Series(values)
            value = values.astype("string").array
        self.arrays = {"file": names, "row": row, "value": value}
        self.column, self.kind, self.n = column, kind, n
        self.text = text if isinstance(text, str) else pd.array(list(text), "string")

    def __len__(self) -> int:
        return self.n

    def arrays_with_text(self) -> dict:
        """The five columns, the repeated ones spelled out."""
        n = self.n
        text = self.text
        if isinstance(text, str):
            text = pd.array([text] * n, dtype="string")
        return {
            "file": self.arrays["file"],
            "row": self.arrays["row"],
            "column": pd.array([self.column] * n, dtype="string"),
            "value": self.arrays["value"],
            self.kind: text,
        }


def _concat(arrays: list):
    return arrays[0] if len(arrays) == 1 else type(arrays[0])._concat_same_type(arrays)


def one_frame(parts: list, last: str) -> pd.DataFrame:
    """The entries (or frames) in ``parts`` as one frame, last column ``last``.

    ``parts`` is collapsed in place to that one frame, so later calls do not
    build it again.
    """
    if len(parts) == 1 and isinstance(parts[0], pd.DataFrame):
        return parts[0]
    names = (*COLUMNS, last)
    if not parts:
        empty = Entries("", [], None, [], [], last).arrays_with_text()
        return pd.DataFrame(empty, columns=list(names))
    columns = [
        p.arrays_with_text()
        if isinstance(p, Entries)
        else {c: p[c].array for c in names}
        for p in parts
    ]
    frame = pd.DataFrame({c: _concat([col[c] for col in columns]) for c in names})
    parts[:] = [frame]
    return frame


def tally(parts: list) -> dict[str, int]:
    """Rows per reason (or issue) of the entries or frames in ``parts``.

    In the order each first appears, missing reasons left out: what
    ``groupby(reason, sort=False).size()`` of their table gives, without
    building the table.
    """
    counts: dict[str, int] = {}
    for p in parts:
        if isinstance(p, Entries) and isinstance(p.text, str):
            counts[p.text] = counts.get(p.text, 0) + p.n
            continue
        values = p.text if isinstance(p, Entries) else p[p.columns[-1]].array
        for why, n in pd.Series(values).value_counts(sort=False).items():
            counts[why] = counts.get(why, 0) + int(n)
    return counts
