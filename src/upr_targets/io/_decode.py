"""Decoding text exports: encodings and delimiters."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["decode_bytes", "sniff_delimiter"]


_LIKELY_PUNCT = set(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb\u00b0\u20ac\u00a3\u00a0\u00b7\u2022"
)


def _plausibility(text: str, limit: int = 5000) -> float:
    """Score how natural the non-ASCII characters of a decoded text look.

    Accented letters inside words and typographic punctuation score up;
    symbols, control characters and capitals glued to the end of a lowercase
    word (``EquitŽ``: cp1252's reading of Mac Roman's é) score down.
    """
    score = 0.0
    n = len(text)
    for k, m in enumerate(re.finditer(r"[^\x00-\x7f]", text)):
        if k >= limit:
            break
        i = m.start()
        c = m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
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


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)``.

    Without ``encoding``: a UTF-16/UTF-8 byte-order mark wins; then strict
    UTF-8; then the 8-bit code page (Windows cp1252 or Mac Roman) whose reading
    of the non-ASCII bytes looks most like text (accented letters inside words
    rather than symbols), ties going to Mac Roman when lines end with a bare CR
    (old Mac files) and to cp1252 otherwise.
    """
    if encoding:
        return data.decode(encoding), encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return data.decode(enc), enc
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    old_mac = b"\r" in data[:20000] and b"\n" not in data[:20000]
    candidates = []
    for enc in ("cp1252", "mac_roman"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        bonus = 0.1 if (enc == "mac_roman") == old_mac else 0.0
        candidates.append((_plausibility(text) + bonus, enc, text))
    score, enc, text = max(candidates, key=lambda c: c[0])
    return text, enc


def sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "|", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","
