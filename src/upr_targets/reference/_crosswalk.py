"""Crosswalks from other theme vocabularies to the taxonomy.

OHCHR's Universal Human Rights Index (UHRI) themes, Sustainable Development
Goals and the DIHR's group keywords are mapped onto the taxonomy's themes by
``data/theme_crosswalk.csv``; see ``docs/themes.md`` for the sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from .._errors import UnknownThemeError
from .._utils import fold_key as _key
from .._utils import read_package_csv
from ._themes import normalize_theme, theme_table

__all__ = ["SOURCES", "map_source_themes", "theme_crosswalk"]

SOURCES: tuple[str, ...] = ("upr-info", "uhri", "sdg", "dihr")
"""Vocabularies that :func:`map_source_themes` understands."""


@lru_cache(maxsize=1)
def _crosswalk_table() -> pd.DataFrame:
    df = read_package_csv("theme_crosswalk.csv")
    return df.astype("string")


def theme_crosswalk() -> pd.DataFrame:
    """Return the crosswalk from other theme vocabularies to the taxonomy.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (``"uhri"``: OHCHR Universal Human Rights Index
        themes and affected persons; ``"sdg"``: Sustainable Development Goals
        and targets; ``"dihr"``: the Danish Institute for Human Rights' group
        keywords), ``source_label`` (the name in that vocabulary), ``code``
        (UHRI code such as ``"D23"``, SDG goal or target such as ``"5"`` or
        ``"16.10"``; missing where the vocabulary has none) and ``theme``.
        A source label with several themes has several rows. Only clear
        correspondences are listed.

    Examples
    --------
    >>> from upr_targets import theme_crosswalk
    >>> cw = theme_crosswalk()
    >>> cw.loc[(cw["source"] == "sdg") & (cw["code"] == "5"), "theme"].tolist()
    ["Women's rights"]
    """
    return _crosswalk_table().copy()


@lru_cache(maxsize=1)
def _crosswalk_index() -> dict[str, dict[str, list[str]]]:
    """Per source, a dict from normalized label or code to themes."""
    index: dict[str, dict[str, list[str]]] = {s: {} for s in SOURCES}
    for row in _crosswalk_table().itertuples(index=False):
        targets = index.setdefault(row.source, {})
        keys = {_key(row.source_label)}
        # "Right to health - General" is also written "Right to health"
        keys.add(_key(_GENERAL.sub("", row.source_label)))
        # "National Human Rights Institution (NHRI)" is also written without it
        keys.add(_key(_ACRONYM.sub("", row.source_label)))
        if isinstance(row.code, str) and row.code:
            keys.add(row.code.lower())
            if row.source == "uhri":
                keys.add(_key(f"{row.code} {row.source_label}"))
        for k in keys:
            themes_ = targets.setdefault(k, [])
            if row.theme not in themes_:
                themes_.append(row.theme)
    for t in theme_table()["theme"]:
        index["upr-info"][_key(t)] = [t]
    return index


_ACRONYM = re.compile(r"\s*\([A-Z]{2,}[a-z]?\)\s*$")
_GENERAL = re.compile(r"\s*(?:-\s*general|\(general\))\s*$", re.I)
_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(\D.*)$")
_UHRI_CODE = re.compile(r"^\s*-?\s*([A-H]\d{1,3})\s+(.*)$")
_SDG_CODE = re.compile(r"^\s*(?:sdg|goal|target)?\s*(\d{1,2})(?:\.(\w{1,2}))?\b", re.I)


def _map_one(label: str, source: str) -> list[str]:
    index = _crosswalk_index()[source]
    text = str(label).strip().lstrip("-•").strip()
    text = re.sub(r"^(?:theme|themes|sdg|goal)\s*:\s*", "", text, flags=re.I)
    if not text:
        return []
    if source == "sdg":
        m = _SDG_CODE.match(text)
        if m:
            goal, target = m.group(1), m.group(2)
            code = f"{goal}.{target.lower()}" if target else goal
            if code in index:
                return index[code]
            return index.get(goal, [])
        return index.get(_key(text), [])
    key = _key(text)
    if key in index:
        return index[key]
    bare = _key(_ACRONYM.sub("", text))
    if bare and bare in index:
        return index[bare]
    if source == "uhri":
        m = _UHRI_CODE.match(text)
        if m:
            code, name = m.group(1).lower(), _key(m.group(2))
            return index.get(name) or index.get(code, [])
        # later matrices number their themes: "2.1. Acceptance of international norms"
        m = _NUMBERED.match(text)
        if m:
            return _map_one(m.group(1), source)
        # an uncoded label spelled as a theme of the taxonomy ("Right to education")
        return _crosswalk_index()["upr-info"].get(key, [])
    if source == "upr-info":
        try:
            return [normalize_theme(text)]
        except UnknownThemeError:
            return []
    if source == "dihr":
        # DIHR exports concatenate keywords without separator
        # ("Women and girlsChildren"): find every known keyword in the text.
        found: list[tuple[int, list[str]]] = []
        for k, themes_ in index.items():
            pos = key.find(k)
            if pos >= 0:
                found.append((pos, themes_))
        return [t for _, ts in sorted(found, key=lambda x: x[0]) for t in ts]
    return []


def map_source_themes(labels: Iterable[str] | str | None, source: str) -> list[str]:
    """Map a source's own theme labels to the taxonomy's themes.

    Parameters
    ----------
    labels : list of str, str or None
        Labels as written in the source: UPR Info issues (``"Women's
        rights"``), UHRI themes with or without their code (``"D23 Death
        penalty"``, ``"- women"``), SDG goals or targets (``"5"``,
        ``"5. Gender equality"``, ``"16.10"``) or DIHR keywords (also when
        concatenated, ``"Women and girlsChildren"``). A single string is
        one label.
    source : {"upr-info", "uhri", "sdg", "dihr"}
        The vocabulary of ``labels``.

    Returns
    -------
    list of str
        Themes, deduplicated, in the order of the labels. Labels without a
        clear correspondence are skipped (the source's labels stay in the
        ``source_themes`` column). An SDG target not in the crosswalk falls
        back to its goal when the goal has a mapping.

    Raises
    ------
    ValueError
        When ``source`` is not one of the known vocabularies.

    Examples
    --------
    >>> from upr_targets.reference import map_source_themes
    >>> map_source_themes(["D23 Death penalty", "F13 Violence against women"], "uhri")
    ['Death penalty', "Women's rights"]
    >>> map_source_themes(["16.10", "5.3"], "sdg")
    ['Freedom of opinion and expression', 'Freedom of the press', 'Human rights defenders', "Women's rights", 'Rights of the Child']
    """
    if source not in SOURCES:
        raise ValueError(
            f"Unknown theme source {source!r}; use one of {list(SOURCES)}."
        )
    if labels is None:
        return []
    if isinstance(labels, str):
        labels = [labels]
    out: list[str] = []
    for label in labels:
        if label is None or (not isinstance(label, str) and pd.isna(label)):
            continue
        for theme in _map_one(str(label), source):
            if theme not in out:
                out.append(theme)
    return out
