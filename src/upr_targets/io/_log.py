"""The load report: what was read from each file, what was kept, what was not.

Every loader records here the rows it rejected (with the reason) and the values
it had to guess or set to missing (with what it did), so that nothing is ever
dropped or changed silently. :func:`upr_targets.load_recommendations` attaches
the report to the returned table as ``df.attrs["load_report"]``.

Counting rows
-------------
A *record* is one data line (or spreadsheet row) of the source file. A *row*
is one (recommendation, recommending State) pair, the unit of the normalized
table. The formats that write one recommending State per record (UPR Info's
legacy export, DIHR) have as many rows as records; the formats that can name
several States in one record (UPR Info's Uwazi export, UHRI) give one row per
State. For every file ``rows_read == rows_kept + rows_rejected``.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .._utils import plural
from ._log_entries import Entries, one_frame, tally

_SUMMARY_COLUMNS = (
    "file",
    "format",
    "encoding",
    "records_read",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "rows_flagged",
)


class LoadReport:
    """What :func:`upr_targets.load_recommendations` read, kept and rejected.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per file: ``file, format, encoding, records_read, rows_read,
        rows_kept, rows_rejected, rows_flagged``. ``rows_read`` always equals
        ``rows_kept + rows_rejected``; ``records_read`` counts the source's own
        records (a record naming three recommending States is one record and
        three rows).
    rejected : pandas.DataFrame
        One row per row left out of the table: ``file, row, column, value,
        reason``; ``row`` is the row number a spreadsheet shows (header = 1).
    flagged : pandas.DataFrame
        Values that were kept but guessed, set to missing or found suspicious
        (unknown response, session outside the calendar, unknown theme label,
        duplicates, ...): ``file, row, column, value, issue``.
    notes : list of str
        Free-text remarks: the format chosen for each file, the encoding used.

    Examples
    --------
    >>> from upr_targets import LoadReport
    >>> report = LoadReport()
    >>> report.note("demo.csv: read as format 'upr-info'")
    >>> report.summary.columns.tolist()[:3]
    ['file', 'format', 'encoding']
    """

    def __init__(self) -> None:
        self._summary: list[dict] = []
        self._rejected: list[Entries | pd.DataFrame] = []
        self._flagged: list[Entries | pd.DataFrame] = []
        self.notes: list[str] = []
        self.skipped: list[tuple[str, str]] = []

    def __deepcopy__(self, memo) -> LoadReport:
        # pandas deep-copies ``DataFrame.attrs`` on every operation. The report
        # describes the load that made the table and is complete once
        # load_recommendations returns: every derived table shares it.
        return self

    # -- recording -----------------------------------------------------------
    def note(self, message: str) -> None:
        """Add a free-text remark.

        Parameters
        ----------
        message : str
            The remark, naming the file it is about.
        """
        self.notes.append(message)

    def skip_file(self, file, why: str) -> None:
        """Record a file that gave no rows at all (the others were read).

        Parameters
        ----------
        file : str or Path
            The file.
        why : str
            Why ("not read: unknown layout ...", "a header and no records").
        """
        self.skipped.append((Path(file).name, str(why)))

    def reject(self, file, rows, column, values, reason) -> None:
        """Record rows left out of the table.

        Parameters
        ----------
        file : str or Path
            The file read.
        rows : array-like of int
            Row numbers as a spreadsheet shows them (header = 1).
        column : str or None
            The source's column at fault.
        values : array-like
            The values at fault, aligned with ``rows``.
        reason : str or array-like of str
            Why the rows were left out.
        """
        rec = Entries(file, rows, column, values, reason, "reason")
        if len(rec):
            self._rejected.append(rec)

    def drop(self, file, rows, values, reason) -> None:
        """Reject rows already kept in the file's summary (after the file was read).

        Parameters
        ----------
        file : str or Path
            The file the rows came from.
        rows : sequence of int
            Their row numbers.
        values : sequence of str
            What to show for each.
        reason : str
            Why they are left out.
        """
        rows = list(rows)
        self.reject(file, rows, None, values, reason)
        name = Path(file).name
        for entry in self._summary:
            if entry["file"] == name:
                entry["rows_kept"] -= len(rows)

    def flag(self, file, rows, column, values, issue) -> None:
        """Record kept rows whose value was guessed, set to NA or is suspicious.

        Parameters
        ----------
        file : str or Path
            The file read.
        rows : array-like of int
            Row numbers as a spreadsheet shows them (header = 1).
        column : str or None
            The source's column.
        values : array-like
            The values flagged, aligned with ``rows``.
        issue : str or array-like of str
            What was done or found.
        """
        rec = Entries(file, rows, column, values, issue, "issue")
        if len(rec):
            self._flagged.append(rec)

    def clear_flags(self, file, rows, issue_contains: str) -> int:
        """Forget the flags of ``rows`` of ``file`` whose issue contains a text.

        Used when a later file settles what was flagged (an addendum gives
        the responses a report left pending).

        Parameters
        ----------
        file : str or Path
            The file whose flags are cleared.
        rows : iterable of int
            Its rows (as a spreadsheet shows them; pages for PDFs).
        issue_contains : str
            Only flags whose issue contains this text.

        Returns
        -------
        int
            How many flags were cleared.
        """
        name, keep_rows = str(Path(file).name), set(rows)
        rec = self.flagged
        hit = (
            (rec["file"].astype(str) == name)
            & rec["row"].isin(keep_rows)
            & rec["issue"].astype(str).str.contains(issue_contains, regex=False)
        )
        self._flagged[:] = [rec[~hit]]
        return int(hit.sum())

    def add_file(
        self,
        file,
        *,
        format: str,
        rows_kept: int,
        rows_read: int | None = None,
        encoding: str | None = None,
        records_read: int | None = None,
    ) -> None:
        """Close the books for one file; rejected/flagged counts come from the log.

        Parameters
        ----------
        file : str or Path
            The file read.
        format : str
            Its format (a key of ``FORMATS``, "demo", or "addendum": the
            State's responses to a report, which add no rows).
        rows_kept : int
            Rows of the normalized table from the file.
        rows_read : int, optional
            Rows the reader produced plus rows it rejected itself; by
            default ``rows_kept`` plus the rejected rows.
        encoding : str, optional
            The encoding the file was decoded with.
        records_read : int, optional
            The source's own records (a record can give several rows).
        """
        self._summary.append(
            {
                "file": Path(file).name,
                "format": format,
                "encoding": encoding,
                "records_read": records_read,
                "rows_read": rows_read,
                "rows_kept": rows_kept,
            }
        )

    def extend(self, other: LoadReport, order: list[str] | None = None) -> None:
        """Append the content of another report.

        Parameters
        ----------
        other : LoadReport
            Its files, rows and notes are added to this one.
        order : list of str, optional
            File names: ``other``'s rejected rows and flagged values are added
            file by file in this order (as if each file had been read alone).
        """
        self._summary.extend(other._summary)
        for mine, theirs, last in (
            (self._rejected, other._rejected, "reason"),
            (self._flagged, other._flagged, "issue"),
        ):
            if order is None or not theirs:
                mine.extend(theirs)
                continue
            frame = one_frame(list(theirs), last)
            rank = frame["file"].map({name: k for k, name in enumerate(order)})
            mine.append(frame.iloc[np.argsort(rank.to_numpy(), kind="stable")])
        self.notes.extend(other.notes)
        self.skipped.extend(other.skipped)

    # -- reading -------------------------------------------------------------
    @property
    def summary(self) -> pd.DataFrame:
        df = pd.DataFrame(
            self._summary,
            columns=[
                "file",
                "format",
                "encoding",
                "records_read",
                "rows_read",
                "rows_kept",
            ],
        )
        rej = self.rejected.groupby("file").size()
        flagged = self.flagged
        flag = flagged.drop_duplicates(["file", "row"]).groupby("file").size()
        df["rows_rejected"] = df["file"].map(rej).fillna(0)
        df["rows_read"] = df["rows_read"].fillna(df["rows_kept"] + df["rows_rejected"])
        df["rows_flagged"] = df["file"].map(flag).fillna(0)
        df = df[list(_SUMMARY_COLUMNS)]
        for c in ("file", "format", "encoding"):
            df[c] = df[c].astype("string")
        for c in _SUMMARY_COLUMNS[3:]:
            df[c] = pd.to_numeric(df[c]).astype("Int64")
        return df

    @property
    def rejected(self) -> pd.DataFrame:
        return one_frame(self._rejected, "reason")

    @property
    def flagged(self) -> pd.DataFrame:
        return one_frame(self._flagged, "issue")

    @property
    def n_rejected(self) -> int:
        return sum(len(p) for p in self._rejected)

    @property
    def n_files(self) -> int:
        """Files read (the rows of :attr:`summary`)."""
        return len(self._summary)

    @property
    def n_flagged(self) -> int:
        """Values flagged (the rows of :attr:`flagged`)."""
        return sum(len(p) for p in self._flagged)

    def rejected_by_file(self) -> dict[str, int]:
        """Rows rejected so far, by file name (without building :attr:`rejected`).

        Returns
        -------
        dict
            File name to number of rejected rows (files without any are absent).
        """
        counts: Counter = Counter()
        for p in self._rejected:
            counts.update(
                p.per_file
                if isinstance(p, Entries)
                else p["file"].value_counts(dropna=False).to_dict()
            )
        return {f: n for f, n in counts.items() if n}

    def to_frame(self) -> pd.DataFrame:
        """Return the per-file summary with a final ``TOTAL`` row.

        Returns
        -------
        pandas.DataFrame
            :attr:`summary` and a ``TOTAL`` row summing the counts.
        """
        s = self.summary
        if s.empty:
            return s
        total = s.iloc[:, 3:].sum(min_count=1).to_frame().T
        total.insert(0, "file", "TOTAL")
        total.insert(1, "format", pd.NA)
        total.insert(2, "encoding", pd.NA)
        out = pd.concat([s, total.astype(s.dtypes.to_dict())], ignore_index=True)
        return out

    def counts(self) -> pd.DataFrame:
        """Count rejected rows by reason and flagged values by issue.

        Returns
        -------
        pandas.DataFrame
            Columns ``kind`` ("rejected" or "flagged"), ``why`` and ``n``.
        """
        parts = []
        for kind, entries in (("rejected", self._rejected), ("flagged", self._flagged)):
            counts = tally(entries)  # (without building the tables)
            if counts:
                parts.append(
                    pd.DataFrame(
                        {
                            "kind": kind,
                            "why": pd.array(list(counts), dtype="string"),
                            "n": np.fromiter(counts.values(), dtype=np.int64),
                        }
                    )
                )
        if not parts:
            return pd.DataFrame({"kind": [], "why": [], "n": []})
        return pd.concat(parts, ignore_index=True)

    def problems(self) -> list[str]:
        """One line per kind of problem.

        Returns
        -------
        list of str
            E.g. ``"9 rows rejected: blank recommendation text"``.
        """
        c = self.counts()
        unit = {"rejected": ("row", "rejected"), "flagged": ("value", "flagged")}
        skipped = [f"{f}: {why}" for f, why in self.skipped]
        return skipped + [
            f"{plural(n, unit[kind][0])} {unit[kind][1]}: {why}"
            for kind, why, n in c.itertuples(index=False)
        ]

    # -- display -------------------------------------------------------------
    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<LoadReport: {plural(len(s), 'file')}, "
            f"{plural(int(s['rows_kept'].sum()), 'row')} kept, "
            f"{int(s['rows_rejected'].sum()):,} rejected, "
            f"{plural(len(self.flagged), 'value')} flagged>"
        )

    def __str__(self) -> str:
        lines = ["Load report", "", self.to_frame().to_string(index=False)]
        probs = self.problems()
        if probs:
            lines += ["", "Problems:"] + [f"  {p}" for p in probs]
        if self.notes:
            lines += ["", "Notes:"] + [f"  {n}" for n in self.notes]
        if len(self.rejected):
            lines += [
                "",
                "First rejected rows:",
                self.rejected.head(10).to_string(index=False),
            ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [
            "<div><strong>Load report</strong>",
            self.to_frame().to_html(index=False, na_rep=""),
        ]
        probs = self.problems()
        if probs:
            parts.append("<p>Problems:</p><ul>")
            parts += [f"<li>{html.escape(p)}</li>" for p in probs]
            parts.append("</ul>")
        if self.notes:
            parts.append("<details><summary>Notes</summary><ul>")
            parts += [f"<li>{html.escape(n)}</li>" for n in self.notes]
            parts.append("</ul></details>")
        for title, df in (
            ("Rejected rows", self.rejected),
            ("Flagged values", self.flagged),
        ):
            if len(df):
                parts.append(
                    f"<details><summary>{title} ({len(df):,}, first 20)</summary>"
                )
                parts.append(df.head(20).to_html(index=False, na_rep=""))
                parts.append("</details>")
        parts.append("</div>")
        return "\n".join(parts)
