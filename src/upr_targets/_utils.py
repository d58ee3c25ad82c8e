"""Small helpers shared by every layer: text folding, package data, choices.

Nothing here knows about UPR data; every other module may import it.
"""

from __future__ import annotations

import gc
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

__all__ = [
    "check_choice",
    "compact_key",
    "fold_ascii",
    "fold_key",
    "name_key",
    "package_file",
    "plural",
    "pretty_label",
    "read_package_csv",
    "squeeze_space",
    "strip_accents",
]

_WORDS = re.compile(r"[a-z0-9]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Côte" -> "Cote"; "ß" is kept)."""
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold_ascii(text: str) -> str:
    """``text`` in lower-case ASCII: accents dropped, other letters removed."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return text.lower()


def fold_key(text: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive key ("&" reads "and").

    Examples
    --------
    >>> from upr_targets._utils import fold_key
    >>> fold_key("  Women's  Rights & Girls ")
    'women s rights and girls'
    """
    return " ".join(_WORDS.findall(fold_ascii(text).replace("&", " and ")))


def compact_key(text: Any) -> str:
    """Like :func:`fold_key` without any separator: how column labels compare.

    Examples
    --------
    >>> from upr_targets._utils import compact_key
    >>> compact_key("State under Review - Regional Group")
    'stateunderreviewregionalgroup'
    """
    return _NOT_ALNUM.sub("", fold_ascii(text))


_PUNCT = re.compile(r"[^\w\s]+")


def name_key(text: str) -> str:
    """Key of a proper name (a State, a group): case, accents, punctuation,
    "&"/"and", "St"/"Saint" and "the" ignored.

    Examples
    --------
    >>> from upr_targets._utils import name_key
    >>> name_key("St. Kitts & Nevis"), name_key("the Gambia")
    ('saint kitts and nevis', 'gambia')
    """
    text = strip_accents(html.unescape(str(text))).casefold()
    text = text.replace("&", " and ").replace("\u2019", "'").replace("'", "")
    words = [w for w in _PUNCT.sub(" ", text).split() if w != "the"]
    return " ".join("saint" if w in ("st", "ste") else w for w in words)


def plural(n: int, noun: str, many: str | None = None) -> str:
    """A count and its noun, singular for one: ``"1 recommendation"``, ``"2 issues"``.

    Examples
    --------
    >>> from upr_targets._utils import plural
    >>> plural(1, "recommendation"), plural(0, "file"), plural(2_500, "speech")
    ('1 recommendation', '0 files', '2,500 speeches')
    """
    if many is None:
        many = noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{n:,} {noun if n == 1 else many}"


def squeeze_space(text: str) -> str:
    """White space folded to single spaces, no space inside brackets or before , ;"""
    text = _SPACE.sub(" ", text).strip()
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return re.sub(r"\s+([,;])", r"\1", text)


def package_file(name: str):
    """A file of the package's ``data`` folder (an importlib Traversable)."""
    return resources.files("upr_targets") / "data" / name


def read_package_csv(name: str):
    """One of the package's reference CSV files, every cell a string.

    Lines starting with ``#`` are comments (the files name their sources
    there); empty cells stay empty strings.
    """
    import pandas as pd

    with package_file(name).open("rb") as fh:
        return pd.read_csv(fh, comment="#", dtype=str, keep_default_na=False)


def check_choice(name: str, value: Any, allowed: Iterable[Any]) -> None:
    """Raise ``ValueError`` naming ``name``, ``value`` and the allowed values."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(
            f"{name}={value!r} is not supported; use one of "
            f"{', '.join(map(repr, allowed))}."
        )


def pretty_label(name: str) -> str:
    """A column name as a heading: "n_to_sur" -> "N to SuR".

    Examples
    --------
    >>> from upr_targets._utils import pretty_label
    >>> pretty_label("sur_theme_interest")
    'SuR theme interest'
    """
    s = re.sub(r"\bsur\b", "SuR", str(name).replace("_", " ").strip())
    return s[:1].upper() + s[1:]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block that makes no cycles.

    Loading a table builds a few lists per row (themes, SDGs, affected
    persons): the collector's passes over them cost from a sixth of a load
    to most of reading a cached table back, and find nothing to free. It
    runs again as before once the block is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
