"""Argument types of the ``upr-targets`` options (argparse ``type=``)."""

from __future__ import annotations

import argparse

__all__ = ["days", "positive_int", "session_range"]


def session_range(text: str) -> list[int]:
    """Parse '13-17', '13,15,17' or '13' into a list of session numbers."""
    out: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if "-" in part:
                lo, hi = (int(p) for p in part.split("-", 1))
                if hi < lo:
                    raise ValueError
                out.extend(range(lo, hi + 1))
            else:
                out.append(int(part))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid session range {text!r}: write e.g. 13-17, 13,15 or 13"
        ) from None
    if not out or min(out) < 1:
        raise argparse.ArgumentTypeError(
            f"invalid session range {text!r}: sessions are numbered from 1"
        )
    return out


def _number(convert, minimum, what: str):
    """An argparse type: ``convert(text)``, at least ``minimum``."""

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
        if not value >= minimum:  # NaN too
            raise argparse.ArgumentTypeError(
                f"expected a number >= {minimum}, got {value:g}"
            )
        return value

    return parse


positive_int = _number(int, 1, "a whole number")
"""A whole number >= 1."""

days = _number(float, 0, "a number of days")
"""A number of days >= 0."""
