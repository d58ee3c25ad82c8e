"""The list of speakers of a review: who has inscribed to take the floor.

States inscribe to speak about two weeks before a Working Group session and
the list is settled before the review: the best evidence of who will make
recommendations. With it, a ranking keeps the listed States only and orders
them by how likely each is to raise the themes when it speaks: the share of
the reviews it joined in which it raised them (``theme_rate``, with
``SPEAKER_WEIGHTS``); whether it takes the floor is no longer in question.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._errors import UPRDataWarning
from ._features import CountTensors
from ._utils import plural
from .reference import resolve_states

__all__ = ["parse_speakers", "speaker_mask"]

_SPLIT = re.compile(r"\s*(?:\r\n|\r|\n|;|\t)\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]?\s+|[-•*]\s+)")


def parse_speakers(text: str) -> list[str]:
    """The names of a pasted list of speakers (one per line or ``;``-separated).

    Numbering ("1. France", "12) Peru") and bullets are dropped; commas are
    kept, as in "Korea, Republic of".

    Parameters
    ----------
    text : str
        The list as pasted from the OHCHR programme or an e-mail.

    Returns
    -------
    list of str
        The names, in order.

    Examples
    --------
    >>> from upr_targets._speakers import parse_speakers
    >>> parse_speakers("1. France\\n2. Korea, Republic of\\n- Peru")
    ['France', 'Korea, Republic of', 'Peru']
    """
    names = [_NUMBERED.sub("", part).strip() for part in _SPLIT.split(text)]
    return [n for n in names if n]


def speaker_mask(
    tensors: CountTensors, speakers: Iterable[str], sur: int | None
) -> tuple[np.ndarray, list[str]]:
    """Which States of the tensors are on the list, and the canonical names.

    Names or ISO codes are resolved (an unknown name raises with the closest
    names); listed States with no recommendation in the data cannot be ranked
    and are named in a warning; the SuR is never a speaker at its own review.
    """
    names = [s for s in speakers if isinstance(s, str) and s.strip()]
    found = resolve_states(
        pd.Series(names, dtype="string"),
        source="the list of speakers",
        rows=pd.Series(range(1, len(names) + 1)),
    )
    canonical = list(dict.fromkeys(found["name"].astype(str)))
    pos = tensors.state_pos
    mask = np.zeros(len(tensors.states), dtype=bool)
    absent = []
    for name in canonical:
        i = pos.get(name)
        if i is None or not tensors.is_candidate[i]:
            absent.append(name)
        elif i != sur:
            mask[i] = True
    if absent:
        warnings.warn(
            f"{plural(len(absent), 'listed speaker')} made no recommendation in the data and "
            f"cannot be ranked: {', '.join(absent)}.",
            UPRDataWarning,
            stacklevel=3,
        )
    return mask, canonical
