"""Reader for the Danish Institute for Human Rights' UPR export (SDG links).

Columns: ``Goals, Recommendation`` (the State under review's name),
``Tekst`` (the text), ``Targets, Keywords, Response, Recommending state,
Mechanism, Procedures, Treaties, Type, field_year`` (``2009 Cycle 1``),
``Document`` (``Source:A/HRC/12/9|95.1|``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._finalize import finalize
from ._formats import FORMATS, match_columns
from ._log import LoadReport
from ._tables import read_table
from ._values import clean_text, lists_from_parts, map_theme_lists, split_multi

# Goals: "5. Gender equality ,16. Peace, justice and strong institutions"
_GOAL = r"(?:^|,)\s*(\d{1,2})\.\s"
# Keywords are concatenated without separator: "Women and girlsChildren",
# "LGBTIMembers of minorities": split before a capital that follows a
# lower-case letter, or before a capital + lower-case after a capital.
_KEYWORD_SPLIT = r"(?<=[a-z)])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])"


def _sdgs(goals: pd.Series, targets: pd.Series) -> pd.Series:
    g = goals.astype("string").str.extractall(_GOAL)[0]
    g.index = g.index.droplevel(1)
    t = split_multi(targets, r"\s*[,;]\s*").explode().dropna()
    both = pd.concat([g.rename("v"), t.rename("v")]).astype(str)
    pos = goals.index.get_indexer(both.index)
    order = np.argsort(pos, kind="stable")
    both = both.iloc[order]
    keep = (
        ~pd.DataFrame({"i": pos[order], "v": both.to_numpy()}).duplicated().to_numpy()
    )
    return lists_from_parts(both[keep], goals.index)


def read_dihr(
    path, report: LoadReport, *, encoding: str | None = None, on_unknown: str = "raise"
) -> pd.DataFrame:
    """Read the DIHR SDG-Human Rights Data Explorer export (.xlsx or .csv)."""
    path = Path(path)
    fmt = FORMATS["dihr"]
    table = read_table(path, report, encoding=encoding)
    pos = match_columns(table.header, fmt, file=path)
    col = {name: table.column(i).astype("string") for name, i in pos.items()}
    n = len(table.body)
    empty = pd.Series(pd.NA, index=table.body.index, dtype="string")
    year_cycle = clean_text(col["year"]).str.extract(
        r"^(\d{4})\s*(?:cycle\s*(\d+))?", flags=2
    )
    doc = clean_text(col.get("document", empty)).str.extract(
        r"^(?:Source:)?\s*([^|]+?)\s*(?:\|\s*([^|]*?)\s*(?:\|.*)?)?$"
    )
    keywords = split_multi(col.get("keywords", empty), _KEYWORD_SPLIT)
    sdgs = _sdgs(col.get("goals", empty), col.get("targets", empty))
    raw = pd.DataFrame(
        {
            "text": col["text"],
            "sur": col["sur"],
            "recommending_state": col["recommending_state"],
            "response": col["response"],
            "year": year_cycle[0],
            "cycle": year_cycle[1],
            "document": doc[0],
            "paragraph": doc[1].replace("", pd.NA),
            "source_themes": keywords,
            "sdgs": sdgs,
            "source_row": table.rows,
        },
        index=table.body.index,
    )
    kw_themes, unknown = map_theme_lists(keywords, "dihr")
    sdg_themes, _ = map_theme_lists(sdgs, "sdg")
    raw["themes"] = [
        list(dict.fromkeys(a + b)) for a, b in zip(kw_themes, sdg_themes, strict=True)
    ]
    if len(unknown):
        report.flag(
            path,
            table.rows[unknown.index],
            table.header[pos["keywords"]],
            unknown,
            "keyword not in the theme crosswalk; kept in source_themes only",
        )
    return finalize(
        raw,
        on_unknown=on_unknown,
        fmt="dihr",
        file=path,
        report=report,
        source_columns={
            ("source_themes" if name == "keywords" else name): table.header[i]
            for name, i in pos.items()
        },
        encoding=table.encoding,
        records_read=n,
    )
