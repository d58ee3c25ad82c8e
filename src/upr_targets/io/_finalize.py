"""``finalize``: a reader's raw frame (values as written) to the normalized table.

The one place where text is cleaned, States are resolved, responses, action
categories, themes and sessions are normalized, and every rejected row or
guessed value is written to the load report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._schema import COLUMN_NAMES, conform, validate
from ._log import LoadReport
from ._resolve import ON_UNKNOWN, resolve_column
from ._sessions import fill_sessions, flag_mask
from ._values import (
    _UNCLEAR_RESPONSES,
    PARTIAL_RESPONSES,
    _norm_distinct,
    clean_text,
    is_placeholder,
    map_responses,
    map_theme_lists,
    parse_action_category,
)

__all__ = ["finalize"]

PathLike = str | Path


def _recommendation_ids(df: pd.DataFrame) -> pd.Series:
    key = pd.DataFrame(
        {
            "sur": df["sur_iso3"].astype("string").fillna(""),
            "when": df["session"]
            .astype("string")
            .fillna(df["year"].astype("string"))
            .fillna(""),
            "doc": df["document"].astype("string").fillna(""),
            "par": df["paragraph"].astype("string").fillna(""),
            "text": df["text"].astype("string").str.lower().fillna(""),
        }
    )
    import pyarrow as pa

    h = pd.util.hash_pandas_object(key, index=False).to_numpy()
    # 16 hex digits each: one hex string of the big-endian hashes, cut up by
    # the offsets of an Arrow string array
    digits = pa.py_buffer(h.astype(">u8").tobytes().hex().encode())
    offsets = pa.py_buffer(np.arange(0, 16 * len(h) + 1, 16, dtype=np.int32))
    ids = pa.StringArray.from_buffers(len(h), offsets, digits)
    return pd.Series(pd.arrays.ArrowStringArray(ids), index=df.index, dtype="string")


@dataclass
class RawPart:
    """One file's raw frame, read and waiting for :func:`finalize_parts`.

    ``raw`` and the other fields are :func:`finalize`'s parameters;
    ``rejected`` counts the rows the reader itself rejected (already in its
    report).
    """

    raw: pd.DataFrame
    file: Path
    fmt: str
    source_columns: dict[str, str] = field(default_factory=dict)
    theme_vocabulary: str | None = None
    encoding: str | None = None
    records_read: int | None = None
    rejected: int = 0

    @classmethod
    def read_into(cls, report: LoadReport, raw, file, fmt: str, **fields) -> RawPart:
        """The part of a reader that wrote its own rejections to ``report``."""
        file = Path(file)
        rejected = report.rejected_by_file().get(file.name, 0)
        return cls(raw, file, fmt, rejected=rejected, **fields)

    @property
    def batch_key(self) -> tuple:
        """Parts with the same key are finalized together."""
        return (self.fmt, self.theme_vocabulary, tuple(self.source_columns.items()))


def finalize(
    raw: pd.DataFrame,
    *,
    fmt: str,
    file: PathLike,
    report: LoadReport,
    source_columns: dict[str, str] | None = None,
    theme_vocabulary: str | None = None,
    encoding: str | None = None,
    records_read: int | None = None,
    on_unknown: str = "raise",
) -> pd.DataFrame:
    """Turn a reader's raw frame into the normalized table; log to ``report``.

    Parameters
    ----------
    raw : pandas.DataFrame
        Columns named as the schema, values as written in the source: ``text``,
        ``sur``, ``recommending_state`` (names as written), ``response`` (as
        written), ``action_category`` (raw), ``source_themes`` (lists),
        optionally ``themes`` (lists; else mapped from ``source_themes``),
        ``sdgs`` (lists), any of ``session``, ``cycle``, ``year``, ``date``,
        and ``document``, ``paragraph``, ``source_row``,
        ``recommendation_id``. Rows the reader already rejected must be in
        ``report.rejected``.
    fmt : str
        Format name, written to ``source``.
    file : path
        The file read (its name goes to ``source_file`` and the report).
    report : LoadReport
        Receives rejected rows, flagged values and the file's summary line.
    source_columns : dict, optional
        Schema column -> the source's own column label, used in messages
        (``{"recommending_state": "From"}``).
    theme_vocabulary : {"upr-info", "uhri", "sdg", "dihr"}, optional
        Vocabulary of ``source_themes`` for mapping them to ``themes``.
    encoding : str, optional
        Encoding the file was decoded with (for the report).
    records_read : int, optional
        Number of source records (default: rows of ``raw`` plus rows already
        rejected).
    on_unknown : {"raise", "flag"}, default "raise"
        An unknown State name raises one error naming every unknown value, or
        is flagged and left missing (a row whose State under review is
        unknown is then rejected). ``sur_group`` and ``rs_group`` columns of
        ``raw``, where the source has them, are checked against the States
        read.

    Returns
    -------
    pandas.DataFrame
        In the schema (:func:`upr_targets.validate` passes).

    Raises
    ------
    UnknownStateError
        For a State name the registry does not know, naming the value, the
        file, its row and the source's column, with the closest names.
    """
    part = RawPart.read_into(
        report,
        raw,
        file,
        fmt,
        source_columns=dict(source_columns or {}),
        theme_vocabulary=theme_vocabulary,
        encoding=encoding,
        records_read=records_read,
    )
    return finalize_parts([part], report, on_unknown=on_unknown)


def finalize_parts(
    parts: list[RawPart], report: LoadReport, *, on_unknown: str = "raise"
) -> pd.DataFrame:
    """:func:`finalize` for several files of one format (one ``batch_key``) at once.

    The rows of every part are cleaned, resolved and checked together (each
    distinct value once for all of them); the report still names each row's
    file, and gets one summary line per file. Raises as :func:`finalize` does,
    for the batch as a whole.
    """
    if len({p.batch_key for p in parts}) != 1:  # pragma: no cover - internal
        raise ValueError("finalize_parts: the parts do not share a batch_key")
    first = parts[0]
    fmt, theme_vocabulary = first.fmt, first.theme_vocabulary
    if on_unknown not in ON_UNKNOWN:
        raise ValueError(f"on_unknown={on_unknown!r}; use one of {list(ON_UNKNOWN)}")
    cols = {c: c for c in COLUMN_NAMES}
    cols.update(first.source_columns)
    before = report.rejected_by_file()  # the reader's own rejections
    frames = []
    for part in parts:
        frame = part.raw.reset_index(drop=True)
        if "source_row" not in frame:
            frame = frame.assign(source_row=np.arange(2, len(frame) + 2))
        frames.append(frame)
    raw = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    df = raw.copy()
    df["source_row"] = pd.to_numeric(df["source_row"], errors="coerce").astype("Int64")
    names = np.array([p.file.name for p in parts], dtype=object)
    df["source_file"] = pd.Series(
        names[np.repeat(np.arange(len(parts)), [len(f) for f in frames])],
        index=df.index,
        dtype="string",
    )
    file = df["source_file"]
    written = (
        df["text"].astype("string")
        if "text" in df
        else pd.Series(pd.NA, index=df.index, dtype="string")
    )
    for c in ("text", "sur", "recommending_state", "document", "paragraph"):
        df[c] = (
            clean_text(df[c])
            if c in df
            else pd.Series(pd.NA, index=df.index, dtype="string")
        )

    df["source_text"] = written.where(written != df["text"])
    # rows that cannot be kept: no text, no State under review
    blank = (df["text"].isna() | (df["text"] == "")).to_numpy(dtype=bool)
    no_sur = is_placeholder(df["sur"]) & ~blank
    for bad, c, reason in (
        (blank, "text", "blank recommendation text"),
        (no_sur, "sur", "no State under review named"),
    ):
        if bad.any():
            report.reject(file, df["source_row"][bad], cols[c], df[c][bad], reason)
    df = df.loc[~(blank | no_sur)].reset_index(drop=True)
    raw = raw.reset_index(drop=True).loc[~(blank | no_sur)].reset_index(drop=True)
    rows, file = df["source_row"], df["source_file"]

    # States
    def groups(c):
        return raw[c] if c in raw else None

    sur, unknown = resolve_column(
        df["sur"],
        rows,
        file,
        cols["sur"],
        report,
        on_unknown=on_unknown,
        groups=groups("sur_group"),
    )
    df["sur"], df["sur_iso3"], df["sur_group"] = sur["name"], sur["iso3"], sur["group"]
    if unknown.any():
        report.reject(
            file,
            rows[unknown],
            cols["sur"],
            raw["sur"][unknown],
            "State under review not known (on_unknown='flag')",
        )
        keep = ~unknown
        df = df.loc[keep].reset_index(drop=True)
        raw = raw.loc[keep].reset_index(drop=True)
        rows, file = df["source_row"], df["source_file"]
    placeholder = is_placeholder(df["recommending_state"])
    flag_mask(
        report,
        file,
        rows,
        placeholder,
        cols["recommending_state"],
        df["recommending_state"].fillna(""),
        "no recommending State named in the source; kept with recommending_state missing",
    )
    rs, _ = resolve_column(
        df["recommending_state"],
        rows,
        file,
        cols["recommending_state"],
        report,
        on_unknown=on_unknown,
        groups=groups("rs_group"),
    )
    df["recommending_state"], df["rs_iso3"], df["rs_group"] = (
        rs["name"],
        rs["iso3"],
        rs["group"],
    )

    # responses
    written = (
        df["response"].astype("string")
        if "response" in df
        else pd.Series(pd.NA, index=df.index, dtype="string")
    )
    df["response"] = map_responses(written)
    key = _norm_distinct(written)
    partial = key.isin(PARTIAL_RESPONSES).to_numpy(dtype=bool)
    flag_mask(
        report,
        file,
        rows,
        partial,
        cols["response"],
        written.fillna(""),
        "supported in part only (e.g. 'Supported/Noted'); counted as noted",
    )
    unclear = (df["response"] == "unclear").to_numpy(dtype=bool)
    if unclear.any():
        blank = (key == "").to_numpy(dtype=bool)
        stated = key.isin(_UNCLEAR_RESPONSES).to_numpy(dtype=bool)
        for mask, issue in (
            (unclear & blank, "no response in the source; set to 'unclear'"),
            (
                unclear & stated,
                "the source gives no clear response (pending, deferred); 'unclear'",
            ),
            (
                unclear & ~blank & ~stated,
                "response not recognized (not Supported/Accepted, Noted/Rejected "
                "or Not Supported); set to 'unclear'",
            ),
        ):
            flag_mask(
                report, file, rows, mask, cols["response"], written.fillna(""), issue
            )

    # action category
    if "action_category" in df:
        ac_raw = df["action_category"].astype("string").str.strip()
        df["action_category"] = parse_action_category(ac_raw)
        bad = (df["action_category"].isna() & ac_raw.notna() & (ac_raw != "")).to_numpy(
            dtype=bool
        )
        flag_mask(
            report,
            file,
            rows,
            bad,
            cols["action_category"],
            ac_raw,
            "action category not in 1-5; set to missing",
        )
        n_blank = (ac_raw.isna() | (ac_raw == "")).groupby(file, sort=False).sum()
        for name in names:
            if n_blank.get(name, 0):
                report.note(
                    f"{name}: {n_blank[name]:,} rows without an action category"
                )

    # themes
    for c in ("source_themes", "sdgs", "affected_persons"):
        if c not in df:
            df[c] = pd.Series(
                [[] for _ in range(len(df))], index=df.index, dtype=object
            )
    if "themes" not in df:
        if theme_vocabulary:
            df["themes"], unknown = map_theme_lists(
                df["source_themes"], theme_vocabulary
            )
            if len(unknown):
                report.flag(
                    file,
                    rows[unknown.index],
                    cols["source_themes"],
                    unknown,
                    "theme label not in the taxonomy or crosswalk; kept in source_themes only",
                )
            # affected persons with a theme of their own ("Women"), quietly
            persons = df["affected_persons"]
            lists = persons.to_numpy(dtype=object)
            has = np.flatnonzero(
                np.fromiter(map(len, lists), dtype=np.int64, count=len(df)) > 0
            )
            if has.size:
                person_themes, _ = map_theme_lists(persons.iloc[has], theme_vocabulary)
                themes = df["themes"].to_numpy(dtype=object, copy=True)
                for k, extra in zip(has, person_themes, strict=True):
                    themes[k] = list(dict.fromkeys(themes[k] + extra))
                df["themes"] = pd.Series(themes, index=df.index, dtype=object)
        else:
            df["themes"] = pd.Series(
                [[] for _ in range(len(df))], index=df.index, dtype=object
            )

    df = fill_sessions(df, raw, report, file, cols["session"])

    df["source"] = fmt
    if "recommendation_id" not in df or df["recommendation_id"].isna().all():
        df["recommendation_id"] = _recommendation_ids(df)
    else:
        df["recommendation_id"] = (
            df["recommendation_id"].astype("string").fillna(_recommendation_ids(df))
        )
    out = conform(df)[list(COLUMN_NAMES)]
    validate(out, name=", ".join(names))
    kept = out["source_file"].value_counts()
    rejected = {f: n - before.get(f, 0) for f, n in report.rejected_by_file().items()}
    for part, frame in zip(parts, frames, strict=True):
        name = part.file.name
        rows_read = len(frame) + part.rejected
        n_kept = int(kept.get(name, 0))
        n_rejected = part.rejected + int(rejected.get(name, 0))
        if rows_read != n_kept + n_rejected:  # pragma: no cover - internal check
            raise AssertionError(
                f"{name}: {rows_read} rows read but {n_kept} kept + {n_rejected} rejected"
            )
        report.add_file(
            part.file,
            format=fmt,
            rows_kept=n_kept,
            rows_read=rows_read,
            encoding=part.encoding,
            records_read=rows_read if part.records_read is None else part.records_read,
        )
    return out
