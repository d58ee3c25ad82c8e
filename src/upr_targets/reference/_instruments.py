"""International instruments named in a recommendation (``data/instruments.csv``).

"Ratify the Optional Protocol to the Convention against Torture" and "Ratify
the Optional Protocol to the International Covenant on Economic, Social and
Cultural Rights" share nearly every word, and ask for different treaties.
Text matching reads which instruments each text names, so that two texts
naming different ones are not taken for the same recommendation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from .._utils import read_package_csv
from ._acronyms import expand_acronyms

__all__ = [
    "different_instruments",
    "instruments_in",
    "instruments_of",
    "list_instruments",
]

# the protocols to the Convention on the Rights of the Child, when named
_CRC_PROTOCOLS = frozenset({"OPAC", "OPSC", "OPIC"})


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    table = read_package_csv("instruments.csv")
    return tuple(
        (row.instrument, re.compile(row.pattern))
        for row in table.itertuples(index=False)
    )


def list_instruments() -> pd.DataFrame:
    """The instruments that :func:`instruments_in` knows: ``instrument, name``.

    Examples
    --------
    >>> from upr_targets.reference import list_instruments
    >>> "OPCAT" in set(list_instruments()["instrument"])
    True
    """
    table = read_package_csv("instruments.csv")
    return (
        table[["instrument", "name"]]
        .drop_duplicates("instrument")
        .reset_index(drop=True)
    )


def instruments_in(text: str) -> frozenset[str]:
    """The instruments a text names (ids of :func:`list_instruments`).

    Acronyms are spelled out first ("OPCAT", "CRPD"); a protocol's title is
    not read as its treaty's ("the Optional Protocol to the Convention
    against Torture" is the OPCAT, not the Convention).

    Examples
    --------
    >>> from upr_targets.reference import instruments_in
    >>> sorted(instruments_in("Ratify the OPCAT and the Rome Statute"))
    ['OPCAT', 'ROME']
    >>> sorted(instruments_in("Ratify the Optional Protocol to the International "
    ...                       "Covenant on Economic, Social and Cultural Rights"))
    ['OP-ICESCR']
    >>> sorted(instruments_in("Accede to the CRPD and its Optional Protocol"))
    ['CRPD', 'OP-CRPD']
    >>> instruments_in("Combat domestic violence")
    frozenset()
    """
    rest = expand_acronyms(str(text)).casefold()
    found = set()
    for instrument, pattern in _patterns():
        if pattern.search(rest):
            found.add(instrument)
            # blank what was read (a look-ahead reads nothing: it leaves all)
            rest = pattern.sub(lambda m: " " if m.group(0) else "", rest)
    if found & _CRC_PROTOCOLS:
        found.discard("OP-CRC")
    return frozenset(found)


# the asks that are about joining an instrument: ratify, accede, sign, become
# a party, withdraw or lift reservations
_JOIN = re.compile(
    r"\b(?:ratif\w*|accede\w*|accession|adhere\w*|adhesion|sign\b|signing|"
    r"signature|become (?:a )?party|becoming (?:a )?party|withdraw\w*|lift\w*|"
    r"reservations?)\b",
    re.I,
)


def instruments_of(
    texts: Iterable[str], *, joining: bool = False
) -> list[frozenset[str]]:
    """:func:`instruments_in` of each text (each distinct text once).

    With ``joining``, only the texts that ask to ratify, accede to or sign
    an instrument (or to withdraw reservations) get theirs; for the others
    ("define torture in line with the ICCPR") an instrument is the reason
    given, not the ask, and they get none.
    """
    texts = [str(t) for t in texts]
    seen = {
        t: instruments_in(t) if not joining or _JOIN.search(t) else frozenset()
        for t in dict.fromkeys(texts)
    }
    return [seen[t] for t in texts]


def different_instruments(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two texts both name instruments, and no instrument in common.

    "The Optional Protocols to the Convention on the Rights of the Child"
    (``OP-CRC``, not saying which) has each of them in common.

    Examples
    --------
    >>> from upr_targets.reference._instruments import different_instruments
    >>> different_instruments(frozenset({"OPCAT"}), frozenset({"OP-ICESCR"}))
    True
    >>> different_instruments(frozenset({"OPCAT"}), frozenset())
    False
    >>> different_instruments(frozenset({"OP-CRC"}), frozenset({"OPIC"}))
    False
    """
    if not a or not b or a & b:
        return False
    unsaid = "OP-CRC"
    return not (
        (unsaid in a and b & _CRC_PROTOCOLS) or (unsaid in b and a & _CRC_PROTOCOLS)
    )
