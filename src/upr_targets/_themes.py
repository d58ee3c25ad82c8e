"""The theme taxonomy (UPR Info issue labels) and crosswalks from other vocabularies.

The taxonomy is the list of issue labels of UPR Info's recommendation database
(``data/themes.csv``); OHCHR's Universal Human Rights Index (UHRI) themes,
Sustainable Development Goals and the DIHR's group keywords are mapped onto it
by ``data/theme_crosswalk.csv``. See ``docs/themes.md`` for the sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import pandas as pd

from ._errors import UnknownThemeError

__all__ = ["map_source_themes", "normalize_theme", "theme_crosswalk", "themes"]

SOURCES: tuple[str, ...] = ("upr-info", "uhri", "sdg", "dihr")
"""Vocabularies that :func:`map_source_themes` understands."""


def _read_data_csv(name: str) -> pd.DataFrame:
    with resources.files("upr_targets").joinpath("data", name).open("rb") as fh:
        return pd.read_csv(fh, comment="#", dtype=str, keep_default_na=False)


def _key(label: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive form of a label."""
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=1)
def _themes_table() -> pd.DataFrame:
    df = _read_data_csv("themes.csv")
    df["keywords"] = df["keywords"].map(
        lambda s: [k.strip() for k in s.split(";") if k.strip()]
    )
    df["n_upr_info"] = pd.to_numeric(df["n_upr_info"]).astype("Int64")
    for col in ("theme", "description", "status"):
        df[col] = df[col].astype("string")
    return df


@lru_cache(maxsize=1)
def _theme_keys() -> dict[str, str]:
    keys = {_key(t): t for t in _themes_table()["theme"]}
    # Common alternative spellings of the labels themselves (not fuzzy guesses).
    aliases = {
        "sogi": "Sexual Orientation and Gender Identity",
        "lgbt": "Sexual Orientation and Gender Identity",
        "lgbti": "Sexual Orientation and Gender Identity",
        "torture": "Torture and other CID treatment",
        "children": "Rights of the Child",
        "child rights": "Rights of the Child",
        "rights of the children": "Rights of the Child",
        "women": "Women's rights",
        "womens rights": "Women's rights",
        "education": "Right to education",
        "health": "Right to health",
        "hiv aids": "HIV - Aids",
        "hiv": "HIV - Aids",
        "refugees": "Asylum-seekers - refugees",
        "asylum seekers refugees": "Asylum-seekers - refugees",
        "idps": "Internally displaced persons",
        "national human rights institution": "NHRI",
        "disability": "Disabilities",
        "persons with disabilities": "Disabilities",
        "esc rights": "ESC rights - general",
        "cp rights": "CP rights - general",
        "freedom of expression": "Freedom of opinion and expression",
        "freedom of religion": "Freedom of religion and belief",
        "freedom of assembly": "Freedom of association and peaceful assembly",
        "freedom of association": "Freedom of association and peaceful assembly",
        "press freedom": "Freedom of the press",
        "upr": "UPR process",
        "ihl": "International humanitarian law",
        "racism": "Racial discrimination",
    }
    for alias, theme in aliases.items():
        keys.setdefault(alias, theme)
    return keys


def themes() -> pd.DataFrame:
    """Return the theme taxonomy: UPR Info's issue labels.

    Returns
    -------
    pandas.DataFrame
        One row per theme, columns ``theme`` (the label used in the
        ``themes`` column of recommendation tables), ``description`` (one
        line), ``keywords`` (list of words and phrases used for it in UN
        documents and by NGOs), ``status`` (``"upr-info-2015"``: a label of
        UPR Info's 2015 database export) and ``n_upr_info`` (recommendation
        rows labelled with it in that export, sessions 1-17).

    Examples
    --------
    >>> from upr_targets import themes
    >>> t = themes()
    >>> len(t)
    54
    >>> t.loc[t["theme"] == "Death penalty", "keywords"].iloc[0][:3]
    ['death penalty', 'capital punishment', 'execution']
    """
    df = _themes_table().copy()
    df["keywords"] = df["keywords"].map(list)
    return df


def normalize_theme(label: str) -> str:
    """Return the taxonomy's label for a theme name written loosely.

    Matching is exact first, then ignoring case, accents and punctuation
    (``"death penalty"``, ``"WOMENS RIGHTS"``), then a few common aliases
    (``"SOGI"``, ``"LGBT"``, ``"torture"``), then a keyword of exactly one
    theme (``"capital punishment"``, ``"human trafficking"``), then fuzzy
    (rapidfuzz) for spelling mistakes (``"Women rights"``, ``"Rigths of the
    child"``). Free text is the job of :func:`upr_targets.match_themes`;
    the error's candidates come from it.

    Parameters
    ----------
    label : str
        A theme name.

    Returns
    -------
    str
        The label as in :func:`themes`.

    Raises
    ------
    UnknownThemeError
        When no label is close enough; ``candidates`` lists the closest.

    Examples
    --------
    >>> from upr_targets import normalize_theme
    >>> normalize_theme("death penalty")
    'Death penalty'
    >>> normalize_theme("Women rights")
    "Women's rights"
    """
    from rapidfuzz import fuzz, process

    labels = list(_themes_table()["theme"])
    if isinstance(label, str) and label in labels:
        return label
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        raise UnknownThemeError(
            label, [], hint="Give a theme name; see upr_targets.themes()."
        )
    key = _key(label)
    keys = _theme_keys()
    if key in keys:
        return keys[key]
    hint = "See upr_targets.themes() for the valid labels."
    if not key:
        raise UnknownThemeError(label, [], hint=hint)
    by_keyword = _keyword_keys().get(key, ())
    if len(by_keyword) == 1:
        return by_keyword[0]
    choices = list(keys)
    found = process.extract(key, choices, scorer=fuzz.WRatio, limit=12)
    ranked: list[tuple[str, float]] = []
    for choice, score, _ in found:
        theme = keys[choice]
        if theme not in (t for t, _ in ranked):
            ranked.append((theme, score))
    best_theme, best = ranked[0]
    # Accept a fuzzy match only when it is close on the whole string and clearly
    # ahead of the next different theme.
    ratio = fuzz.ratio(key, process.extractOne(key, choices, scorer=fuzz.ratio)[0])
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if ratio >= 85 or (best >= 90 and best - second >= 5 and len(key) >= 4):
        return best_theme
    candidates = []
    try:  # themes whose keywords match the label best, then the closest spellings
        from ._text import match_themes

        candidates = match_themes(label, top=3)["theme"].tolist()
    except Exception:  # pragma: no cover - never let the hint hide the error
        candidates = []
    for t, _ in ranked:
        if t not in candidates:
            candidates.append(t)
    raise UnknownThemeError(label, candidates[:3], hint=hint)


@lru_cache(maxsize=1)
def _keyword_keys() -> dict[str, tuple[str, ...]]:
    """Folded keyword -> the themes that list it."""
    out: dict[str, list[str]] = {}
    for theme, kws in zip(
        _themes_table()["theme"], _themes_table()["keywords"], strict=True
    ):
        for k in kws:
            themes_ = out.setdefault(_key(k), [])
            if theme not in themes_:
                themes_.append(theme)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _crosswalk_table() -> pd.DataFrame:
    df = _read_data_csv("theme_crosswalk.csv")
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
        if isinstance(row.code, str) and row.code:
            keys.add(row.code.lower())
            if row.source == "uhri":
                keys.add(_key(f"{row.code} {row.source_label}"))
        for k in keys:
            themes_ = targets.setdefault(k, [])
            if row.theme not in themes_:
                themes_.append(row.theme)
    for t in _themes_table()["theme"]:
        index["upr-info"][_key(t)] = [t]
    return index


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
    if source == "uhri":
        m = _UHRI_CODE.match(text)
        if m:
            code, name = m.group(1).lower(), _key(m.group(2))
            return index.get(name) or index.get(code, [])
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
    >>> from upr_targets._themes import map_source_themes
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
