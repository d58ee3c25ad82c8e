"""Reader for the OHCHR Universal Human Rights Index (UHRI) Excel export.

Multi-value cells hold ``- ``-prefixed values on separate lines; dates are
Excel serial numbers; ``UPR Session`` reads like ``- 28th Session - Cycle 2``;
one record can name several recommending States (one output row each, sharing
the record's ``recommendation_id``). The index also holds treaty-body and
special-procedure recommendations: records whose recommending body is not the
UPR are skipped, not rejected (they are not UPR rows), and counted by body in
the report's notes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._finalize import finalize
from ._formats import FORMATS, match_columns
from ._log import LoadReport
from ._tables import read_table
from ._values import (
    clean_text,
    explode_states,
    lists_from_parts,
    map_theme_lists,
    split_multi,
)

_MULTI = r"\s*(?:\r\n|\r|\n)\s*-?\s*|^\s*-\s*"
_SDG = r"^\s*(?:SDG|Goal|Target)?\s*(\d{1,2}(?:\.[0-9a-z]{1,2})?)\b"


def multi_values(s: pd.Series) -> pd.Series:
    """``"- a\\n- b"`` -> ``["a", "b"]`` (also a single value without dash)."""
    return split_multi(s.astype("string"), _MULTI)


def _excel_dates(s: pd.Series) -> pd.Series:
    num = pd.to_numeric(s, errors="coerce")
    serial = pd.to_datetime(num, unit="D", origin="1899-12-30", errors="coerce")
    other = pd.to_datetime(
        s.where(num.isna()), errors="coerce", dayfirst=True, format="mixed"
    )
    return serial.fillna(other)


def read_uhri(
    path, report: LoadReport, *, encoding: str | None = None, on_unknown: str = "raise"
) -> pd.DataFrame:
    """Read an OHCHR UHRI export (.xlsx, or the same columns as CSV)."""
    path = Path(path)
    fmt = FORMATS["uhri"]
    table = read_table(path, report, encoding=encoding)
    pos = match_columns(table.header, fmt, file=path)
    col = {name: table.column(i) for name, i in pos.items()}
    empty = pd.Series(pd.NA, index=table.body.index, dtype="string")
    rows = table.rows

    keep = pd.Series(True, index=table.body.index)
    if "body" in col:
        body = clean_text(
            col["body"].astype("string").str.replace(r"^\s*-\s*", "", regex=True)
        )
        upr = body.str.contains(
            r"universal periodic review|\bUPR\b", case=False, regex=True
        )
        not_upr = (body.notna() & (body != "") & ~upr.fillna(False)).to_numpy(
            dtype=bool
        )
        if not_upr.any():
            # the index also holds treaty bodies' and special procedures'
            # recommendations: not errors, not UPR rows; skipped and counted
            bodies = body[not_upr].value_counts()
            report.note(
                f"{path.name}: {int(not_upr.sum()):,} recommendations of other "
                "mechanisms skipped (not the Universal Periodic Review): "
                + ", ".join(f"{b} {n:,}" for b, n in bodies.head(5).items())
            )
            keep &= ~not_upr
    sur = multi_values(col["sur"])
    several = (sur.map(len) > 1).to_numpy(dtype=bool) & keep.to_numpy()
    if several.any():
        report.reject(
            path,
            rows[several],
            table.header[pos["sur"]],
            sur[several].map(" | ".join),
            "several countries concerned: cannot tell the State under review",
        )
        keep &= ~several
    session_text = clean_text(col.get("session", empty).astype("string"))
    parsed = session_text.str.extract(r"(\d+)\s*(?:st|nd|rd|th)?\s*session", flags=2)[0]
    cycle = session_text.str.extract(r"cycle\s*(\d+)", flags=2)[0]
    sdg_parts = multi_values(col.get("sdgs", empty)).explode().dropna().astype("string")
    codes = sdg_parts.str.extract(_SDG)[0].dropna()
    sdgs = lists_from_parts(codes.astype(object), table.body.index)
    themes_src = multi_values(col.get("themes", empty))
    persons = multi_values(col.get("affected", empty))
    raw = pd.DataFrame(
        {
            "text": col["text"].astype("string"),
            "sur": sur.str[0],
            "recommending_state": col["recommending_state"]
            .astype("string")
            .str.replace(r"^\s*-\s*", "", regex=True)
            .str.replace(r"(?:\r\n|\r|\n)\s*-\s*", "\n", regex=True),
            "response": clean_text(
                col["response"]
                .astype("string")
                .str.replace(r"^\s*-\s*", "", regex=True)
            ),
            "session": parsed,
            "cycle": cycle,
            "document": clean_text(
                col.get("document", empty)
                .astype("string")
                .str.replace(r"^\s*-\s*", "", regex=True)
            ),
            "sdgs": sdgs,
            "source_themes": themes_src,
            "affected_persons": persons,
            "source_row": rows,
        },
        index=table.body.index,
    )
    if "date" in col:
        # the report's publication date: a few months after the review; used
        # (with the cycle) only where ``UPR Session`` is missing
        raw["date"] = _excel_dates(col["date"])
    if "annotation_id" in col:
        ids = col["annotation_id"].astype("string").str.strip()
        raw["recommendation_id"] = ("uhri-" + ids).where(ids.notna() & (ids != ""))
    raw = raw[keep.to_numpy()]
    t_themes, unknown = map_theme_lists(raw["source_themes"], "uhri")
    s_themes, _ = map_theme_lists(raw["sdgs"], "sdg")
    p_themes, _ = map_theme_lists(raw["affected_persons"], "uhri")  # "Women"
    raw["themes"] = [
        list(dict.fromkeys(a + c + b))
        for a, b, c in zip(t_themes, s_themes, p_themes, strict=True)
    ]
    if len(unknown):
        report.flag(
            path,
            rows[unknown.index],
            "Themes/Affected Persons",
            unknown,
            "UHRI theme not in the crosswalk; kept in source_themes only",
        )
    raw = explode_states(raw)
    n_upr = (
        int((~not_upr).sum()) if "body" in col and not_upr.any() else len(table.body)
    )
    return finalize(
        raw,
        on_unknown=on_unknown,
        fmt="uhri",
        file=path,
        report=report,
        source_columns={name: table.header[i] for name, i in pos.items()},
        encoding=table.encoding,
        records_read=n_upr,
    )
