"""The theme taxonomy: UPR Info's issue labels, their descriptions and keywords.

The taxonomy is the list of issue labels of UPR Info's recommendation database
(``data/themes.csv``); see ``docs/themes.md`` for the sources. Other
vocabularies are mapped onto it in :mod:`upr_targets.reference._crosswalk`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .._errors import UnknownThemeError
from .._utils import fold_key as _key
from .._utils import read_package_csv

__all__ = ["list_themes", "normalize_theme"]


@lru_cache(maxsize=1)
def theme_table() -> pd.DataFrame:
    df = read_package_csv("themes.csv")
    df["keywords"] = df["keywords"].map(
        lambda s: [k.strip() for k in s.split(";") if k.strip()]
    )
    df["n_upr_info"] = pd.to_numeric(df["n_upr_info"]).astype("Int64")
    for col in ("theme", "description", "status"):
        df[col] = df[col].astype("string")
    return df


@lru_cache(maxsize=1)
def _theme_keys() -> dict[str, str]:
    keys = {_key(t): t for t in theme_table()["theme"]}
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


def list_themes() -> pd.DataFrame:
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
    >>> from upr_targets import list_themes
    >>> t = list_themes()
    >>> len(t)
    54
    >>> t.loc[t["theme"] == "Death penalty", "keywords"].iloc[0][:3]
    ['death penalty', 'capital punishment', 'execution']
    """
    df = theme_table().copy()
    df["keywords"] = df["keywords"].map(list)
    return df


def normalize_theme(label: str) -> str:
    """Return the taxonomy's label for a theme name written loosely.

    Matching is exact first, then ignoring case, accents and punctuation
    (``"death penalty"``, ``"WOMENS RIGHTS"``), then a few common aliases
    (``"SOGI"``, ``"LGBT"``, ``"torture"``), then a keyword of exactly one
    theme (``"capital punishment"``, ``"human trafficking"``), then fuzzy
    (rapidfuzz) for spelling mistakes (``"Women rights"``, ``"Rigths of the
    child"``). Free text is the job of :func:`upr_targets.match_themes`.

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

    labels = list(theme_table()["theme"])
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
    hint = "See upr_targets.list_themes() for the valid labels."
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
    # themes whose keywords are closest to the label, then the closest spellings
    candidates = _keyword_candidates(key)
    for t, _ in ranked:
        if t not in candidates:
            candidates.append(t)
    raise UnknownThemeError(label, candidates[:3], hint=hint)


@lru_cache(maxsize=1)
def _keyword_keys() -> dict[str, tuple[str, ...]]:
    """Folded keyword -> the themes that list it."""
    out: dict[str, list[str]] = {}
    for theme, kws in zip(
        theme_table()["theme"], theme_table()["keywords"], strict=True
    ):
        for k in kws:
            themes_ = out.setdefault(_key(k), [])
            if theme not in themes_:
                themes_.append(theme)
    return {k: tuple(v) for k, v in out.items()}


def _keyword_candidates(key: str, limit: int = 3) -> list[str]:
    """Themes whose keywords share the most words with ``key``, best first."""
    from rapidfuzz import fuzz, process

    kw = _keyword_keys()
    choices = list(kw)
    found = process.extract(key, choices, scorer=fuzz.token_set_ratio, limit=30)
    out: list[str] = []
    for choice, score, _ in sorted(found, key=lambda f: (-f[1], len(f[0]))):
        if score < 60:
            break
        for theme in kw[choice]:
            if theme not in out:
                out.append(theme)
    return out[:limit]
