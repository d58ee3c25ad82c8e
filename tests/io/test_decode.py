"""Tests of the encoding evidence (``upr_targets.io._decode``)."""

from __future__ import annotations

import numpy as np
import pytest

from upr_targets.io._decode import _CONTRACTION, _contractions, decode_text

TEXTS = [
    "Women\u2019s rights; don\u2019t; they\u2019re; we\u2019ll; I\u2019ve; she\u2019d; I\u2019m",
    "\u2019s at the start, l\u2019\u00e9tat, O\u2019Brien, rock\u2019n\u2019roll",
    "the States\u2019 reviews \u2014 \u201cquoted\u201d \u2019tis; Kenya\u2019sx; end\u2019s",
    "caf\u00e9\u2019s and na\u00efve\u2019t",
    "no apostrophe at all",
]


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
@pytest.mark.parametrize("text", TEXTS)
def test_contractions_count_as_the_regex_over_the_text(text, encoding):
    data = text.encode(encoding)
    as_bytes = np.frombuffer(data, dtype=np.uint8)
    assert _contractions(data, as_bytes, encoding) == len(
        _CONTRACTION.findall(data.decode(encoding))
    )


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
def test_apostrophes_tell_the_code_pages_apart(encoding):
    text = "Recommendation,State\r\n" + "Protect women\u2019s rights,Peru\r\n" * 40
    found = decode_text(text.encode(encoding))
    assert found.encoding == encoding and found.text == text
