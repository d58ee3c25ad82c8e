"""Decoding text exports: encodings and delimiters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from .._errors import LoadError

__all__ = ["Decoded", "decode_bytes", "decode_text", "sniff_delimiter"]


_LIKELY_PUNCT = set(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00b0\u20ac\u00a3\u00a0\u00b7\u2022"
)


def _plausibility(data: bytes, high: np.ndarray, encoding: str) -> float:
    """Score how natural the non-ASCII characters of ``data`` read as ``encoding``.

    ``high`` holds the positions of the bytes >= 0x80 (an 8-bit code page
    reads each byte as one character, so the characters to score are exactly
    those, and a byte's neighbours are its character's). Accented letters
    inside words and typographic punctuation score up; symbols, control
    characters and capitals glued to the end of a lowercase word (``EquitŽ``:
    cp1252's reading of Mac Roman's é) score down.
    """
    score = 0.0
    n = len(data)
    for i in high.tolist():
        start = max(i - 1, 0)
        window = data[start : i + 2].decode(encoding)
        c = window[i - start]
        prev = window[0] if i else " "
        nxt = window[i - start + 1] if i + 1 < n else " "
        cat = unicodedata.category(c)
        if cat == "Ll" and (prev.isalpha() or nxt.isalpha()):
            score += 1
        elif cat == "Lu" and not prev.islower():
            score += 1
        elif c in _LIKELY_PUNCT:
            score += 0.5
        else:
            score -= 1
    return score


def _undefined(encoding: str) -> np.ndarray:
    """The bytes an 8-bit code page leaves undefined, asked of the codec itself."""
    bad = []
    for b in range(0x80, 0x100):
        try:
            bytes([b]).decode(encoding)
        except UnicodeDecodeError:
            bad.append(b)
    return np.array(bad, dtype=np.uint8)


_CODE_PAGES = ("cp1252", "mac_roman")
_UNDEFINED = {enc: _undefined(enc) for enc in _CODE_PAGES}
# the first non-ASCII characters scored (enough to tell the code pages apart)
_SCORED = 5000


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding chosen, how sure the choice is, and why."""

    text: str
    encoding: str
    confidence: str  # "certain" (BOM, valid UTF-8, given), "high", "low"
    why: str


# an apostrophe in an English contraction or possessive: "Women’s", "don’t"
_CONTRACTION = re.compile(r"[A-Za-z]\u2019(?:s|t|re|ll|ve|d|m)\b")
_APOSTROPHE = {enc: "\u2019".encode(enc)[0] for enc in _CODE_PAGES}


def _contractions(sample: bytes, as_bytes: np.ndarray, encoding: str) -> int:
    """How many "’s", "n’t", ... the sample holds when read as ``encoding``.

    Only the bytes that read as ’ are looked at, with the letter before
    and the three characters after them (the longest suffix and the word's
    end): a few windows, not a pass of a regular expression over the text.
    """
    at = np.flatnonzero(as_bytes[1:] == _APOSTROPHE[encoding]) + 1
    return sum(
        _CONTRACTION.match(sample[i - 1 : i + 4].decode(encoding)) is not None
        for i in at.tolist()
    )


def _decode_error(name: str, data: bytes, encoding: str, exc: Exception) -> LoadError:
    if isinstance(exc, LookupError):
        return LoadError(
            f"{name}: {encoding!r} is not a known text encoding; leave encoding "
            "unset to detect it, or give one such as 'utf-8' or 'cp1252'."
        )
    start = getattr(exc, "start", 0)
    line = data[:start].count(b"\n") + 1
    bad = data[start : start + 1].hex()
    return LoadError(
        f"{name}: byte 0x{bad} at line {line} cannot be read as {encoding!r}; leave "
        "encoding unset to detect it, or give the file's encoding (often 'utf-8' "
        "or 'cp1252')."
    )


def decode_text(
    data: bytes, encoding: str | None = None, *, name: str = "file"
) -> Decoded:
    """Decode a text file's bytes, choosing the encoding by evidence.

    A UTF-16/UTF-8 byte-order mark wins; then strict UTF-8. Otherwise the file
    is one of the 8-bit code pages of exports (Windows cp1252 or Mac Roman),
    chosen by how natural each reading of the non-ASCII bytes looks (accented
    letters inside words, typographic punctuation, apostrophes in "Women’s"
    rather than "Womenís"), weighed by the line endings: CR-only lines are
    old Mac files, CRLF or LF lines make Mac Roman unlikely.

    Raises
    ------
    LoadError
        An unknown ``encoding``, or bytes that ``encoding`` cannot read.
    """
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding, "certain", "given")
        except (LookupError, UnicodeDecodeError) as exc:
            raise _decode_error(name, data, encoding, exc) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(data.decode("utf-16"), "utf-16", "certain", "byte-order mark")
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return Decoded(data.decode(enc), enc, "high", "NUL bytes of UTF-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(
            data[3:].decode("utf-8"), "utf-8-sig", "certain", "byte-order mark"
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "certain", "valid UTF-8")
    except UnicodeDecodeError:
        pass
    sample = data[:200000]
    crlf = sample.count(b"\r\n")
    cr_only = sample.count(b"\r") - crlf
    lf_only = sample.count(b"\n") - crlf
    old_mac = cr_only > 0 and crlf == 0 and lf_only == 0
    as_bytes = np.frombuffer(data, dtype=np.uint8)
    high = np.flatnonzero(as_bytes >= 0x80)
    n_high = int(np.count_nonzero(high < len(sample))) or 1
    scored = []
    for enc in _CODE_PAGES:
        if np.isin(as_bytes[high], _UNDEFINED[enc]).any():
            continue  # a byte this code page does not define: it cannot read the file
        score = _plausibility(data, high[:_SCORED], enc)
        score += 2 * _contractions(sample, as_bytes[: len(sample)], enc)
        # line endings as a prior worth a fifth of the non-ASCII characters
        if (enc == "mac_roman") == old_mac:
            score += 0.2 * n_high
        scored.append((score, enc))
    scored.sort(key=lambda t: t[0], reverse=True)
    score, enc = scored[0]
    text = data.decode(enc)
    ends = "CR-only" if old_mac else ("CRLF" if crlf else "LF")
    if len(scored) == 1:
        return Decoded(
            text, enc, "high", f"the only code page that reads it ({ends} lines)"
        )
    margin = (score - scored[1][0]) / n_high
    confidence = "high" if margin >= 0.5 else "low"
    why = (
        f"{ends} line ends; its non-ASCII characters read more naturally than as "
        f"{scored[1][1]} (margin {margin:.2f} per character)"
    )
    return Decoded(text, enc, confidence, why)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)`` (see :func:`decode_text`)."""
    found = decode_text(data, encoding)
    return found.text, found.encoding


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "|", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","
