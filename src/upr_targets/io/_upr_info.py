"""Readers for UPR Info's exports: the legacy database and the Uwazi platform."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ._finalize import RawPart, finalize_parts
from ._formats import FORMATS, match_columns
from ._log import LoadReport
from ._tables import read_table
from ._values import clean_text, explode_states, split_multi

# UPR Info issue lists are comma-separated ("Justice, Detention").
_ISSUE_SEP = r"\s*[,;|\n]\s*"


def read_upr_info(
    path, report: LoadReport, *, encoding: str | None = None, on_unknown: str = "raise"
) -> pd.DataFrame:
    """Read UPR Info's legacy export (``To,To-Rgrp,...`` or ``SuR | Rgrp | ...``).

    One record is one (recommendation, recommending State) row; ``Session`` is
    the Working Group session number.
    """
    part = read_upr_info_part(path, report, encoding=encoding)
    return finalize_parts([part], report, on_unknown=on_unknown)


def read_upr_info_part(
    path, report: LoadReport, *, encoding: str | None = None
) -> RawPart:
    """:func:`read_upr_info` up to the raw frame (files are finalized together)."""
    path = Path(path)
    fmt = FORMATS["upr-info"]
    table = read_table(path, report, encoding=encoding)
    pos = match_columns(table.header, fmt, file=path)
    col = {name: table.column(i) for name, i in pos.items()}
    names = ("text", "sur", "recommending_state", "response", "action_category")
    names += ("sur_group", "rs_group")  # checked against the States read
    raw = pd.DataFrame({c: col[c] for c in names if c in col}, index=table.body.index)
    raw["session"] = col["session"]
    raw["source_row"] = table.rows
    if "issues" in col:
        raw["source_themes"] = split_multi(col["issues"], _ISSUE_SEP)
    return _part(raw, table, pos, fmt="upr-info", path=path, report=report)


def _part(raw, table, pos: dict[str, int], *, fmt: str, path, report) -> RawPart:
    """The :class:`RawPart` of a UPR Info table: its issues become ``source_themes``."""
    return RawPart.read_into(
        report,
        raw,
        path,
        fmt,
        source_columns=_labels(table.header, pos, {"issues": "source_themes"}),
        theme_vocabulary="upr-info",
        encoding=table.encoding,
        records_read=table.records_read,
    )


def _labels(
    header, pos: dict[str, int], rename: dict[str, str] | None = None
) -> dict[str, str]:
    rename = rename or {}
    return {rename.get(name, name): header[i] for name, i in pos.items()}


_CYCLE = re.compile(r"(\d+)")


def read_upr_info_uwazi(
    path, report: LoadReport, *, encoding: str | None = None, on_unknown: str = "raise"
) -> pd.DataFrame:
    """Read the CSV export of UPR Info's current database (Uwazi).

    ``Session`` holds the session's date (``29/01/2018``), turned into a
    session number with the UPR calendar; ``Cycle`` reads like ``Cycle 3 (2017 -
    2021)``. A record naming several recommending States becomes one row per
    State, sharing a ``recommendation_id``.
    """
    part = read_upr_info_uwazi_part(path, report, encoding=encoding)
    return finalize_parts([part], report, on_unknown=on_unknown)


def read_upr_info_uwazi_part(
    path, report: LoadReport, *, encoding: str | None = None
) -> RawPart:
    """:func:`read_upr_info_uwazi` up to the raw frame."""
    path = Path(path)
    fmt = FORMATS["upr-info-uwazi"]
    table = read_table(path, report, encoding=encoding)
    pos = match_columns(table.header, fmt, file=path)
    col = {name: table.column(i) for name, i in pos.items()}
    session = clean_text(col["session"])
    as_number = session.str.fullmatch(r"\d{1,3}").fillna(False)
    date = pd.to_datetime(session.mask(as_number), format="%d/%m/%Y", errors="coerce")
    retry = date.isna() & session.notna() & ~as_number
    if retry.any():
        date[retry] = pd.to_datetime(
            session[retry], dayfirst=True, errors="coerce", format="mixed"
        )
    bad_date = (date.isna() & session.notna() & (session != "") & ~as_number).to_numpy(
        dtype=bool
    )
    if bad_date.any():
        report.flag(
            path,
            table.rows[bad_date],
            table.header[pos["session"]],
            session[bad_date],
            "session date not understood (expected DD/MM/YYYY); session from cycle only",
        )
    raw = pd.DataFrame(
        {
            "text": col["text"],
            "sur": col["sur"],
            "recommending_state": col["recommending_state"],
            "response": col["response"],
            "session": session.where(as_number),
            "date": date,
            "source_row": table.rows,
        },
        index=table.body.index,
    )
    if "sur_group" in col:
        raw["sur_group"] = col["sur_group"]
    if "paragraph" in col:
        raw["paragraph"] = col["paragraph"]
    if "action_category" in col:
        raw["action_category"] = col["action_category"]
    if "cycle" in col:
        raw["cycle"] = clean_text(col["cycle"]).str.extract(_CYCLE)[0]
    raw["source_themes"] = (
        split_multi(col["issues"], _ISSUE_SEP)
        if "issues" in col
        else [[] for _ in range(len(raw))]
    )
    raw = explode_states(raw)
    return _part(raw, table, pos, fmt="upr-info-uwazi", path=path, report=report)
