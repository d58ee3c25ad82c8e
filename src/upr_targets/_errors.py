"""Exceptions and warnings raised by upr_targets.

Every error names the bad value, where it came from (file, row, column) when
known, and what to do about it.
"""

from __future__ import annotations


class UPRTargetsError(Exception):
    """Base class of the errors raised by upr_targets."""


class SchemaError(UPRTargetsError, ValueError):
    """A table does not follow the normalized schema (see ``schema_table()``)."""


class LoadError(UPRTargetsError, ValueError):
    """A file cannot be read as UPR recommendations."""


class UnknownFormatError(LoadError):
    """A file's layout matches none of the known export formats."""


class FetchError(UPRTargetsError, OSError):
    """Data cannot be downloaded, and there is no usable cached copy."""


class NotReviewedError(UPRTargetsError, ValueError):
    """A State that the UPR does not review (the observer States) as SuR."""


def _where(
    source: str | None = None, row: int | None = None, column: str | None = None
) -> str:
    parts = []
    if column is not None:
        parts.append(f"in column '{column}'")
    if row is not None:
        parts.append(f"row {row}")
    text = ", ".join(parts)
    if source is not None:
        text = f"{text} of {source}" if text else f"in {source}"
    return f" {text}" if text else ""


class UnknownNameError(UPRTargetsError, KeyError):
    """A name (State, theme, ...) could not be resolved.

    Attributes
    ----------
    value : str
        The name as given.
    candidates : list of str
        The closest valid names, best first.
    source, row, column
        Where the name was read, when known.
    """

    kind = "name"

    def __init__(
        self, value, candidates=(), *, source=None, row=None, column=None, hint=""
    ):
        self.value = value
        self.candidates = list(candidates)
        self.source, self.row, self.column = source, row, column
        msg = f"Unknown {self.kind} {value!r}{_where(source, row, column)}"
        if self.candidates:
            msg += f" — did you mean {self.candidates[0]!r}?"
            if len(self.candidates) > 1:
                msg += " Other close names: " + ", ".join(
                    repr(c) for c in self.candidates[1:]
                )
        if hint:  # end the previous sentence before the hint
            msg += ("" if msg.endswith(("?", ".")) else ".") + f" {hint}"
        self.message = msg
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return self.message


class UnknownStateError(UnknownNameError):
    """A State name could not be resolved to a UN member or observer State."""

    kind = "State"


class UnknownThemeError(UnknownNameError):
    """A theme label is not in the taxonomy (see ``upr_targets.themes()``)."""

    kind = "theme"


class UPRDataWarning(UserWarning):
    """Data were usable but not clean: rows rejected, values guessed, and so on."""


class StaleDataWarning(UPRDataWarning):
    """The data stop before the latest reviews of the State under review.

    A ranking for the next review then rests on what States said several
    reviews ago; ``upr_targets.data_coverage`` says which reviews are missing.
    """
