"""Acronyms of the UN human rights vocabulary, spelled out (``data/acronyms.csv``).

NGOs write "LGBTI", "FGM" or "OPCAT"; Working Group reports spell the words
out. Text matching expands the short forms first, so that the two meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .._utils import read_package_csv

__all__ = ["expand_acronyms"]


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, str]]:
    table = read_package_csv("acronyms.csv")
    expansions = dict(zip(table["acronym"], table["expansion"], strict=True))
    names = sorted(expansions, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w/-])(?:{alternatives})(?![\w/-])"), expansions


def expand_acronyms(text: str) -> str:
    """``text`` with each known acronym followed by its expansion in parentheses.

    Only upper-case forms written as in ``data/acronyms.csv`` are expanded
    ("CAT" the Convention, not "cat").

    Examples
    --------
    >>> from upr_targets.reference import expand_acronyms
    >>> expand_acronyms("Protect LGBTI pupils and end FGM")
    'Protect LGBTI (lesbian, gay, bisexual, transgender and intersex) pupils and end FGM (female genital mutilation)'
    """
    pattern, expansions = _pattern()
    return pattern.sub(lambda m: f"{m.group(0)} ({expansions[m.group(0)]})", text)
