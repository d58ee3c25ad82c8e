"""The export formats: how each is recognized, which columns it has, who reads it.

``FORMATS`` is the registry that :func:`upr_targets.load_recommendations`
dispatches on. A table format lists its columns (``Field``: the usual label
and accepted variants, compared ignoring case and punctuation) and is
recognized by its header; a document format is recognized by its file
extension. Each names its reader as ``"module:function"``, imported on first
use. A new source format is one ``register_format`` call here and one reader
module beside this one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from .._errors import LoadError, UnknownFormatError
from .._schema import COLUMN_NAMES
from .._utils import compact_key
from ._tables import PARQUET_EXTENSIONS, TABLE_EXTENSIONS, peek_header

__all__ = [
    "FORMATS",
    "Field",
    "Format",
    "detect_format",
    "match_columns",
    "register_format",
]

PathLike = str | Path


@dataclass(frozen=True)
class Field:
    """One column a format reads: its usual label and accepted variants."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(compact_key(a) for a in (self.label, *self.aliases)))


@dataclass(frozen=True)
class Format:
    """One export format: how to recognize it and which function reads it.

    ``reader`` is ``"module:function"`` (imported on first use), called as
    ``reader(path, report, **options)``; it returns the finalized table.
    ``part_reader``, where a format has one, reads a file only up to its raw
    frame (a :class:`RawPart`, without ``on_unknown``): several files of the
    format are then finalized together. Table formats are recognized by their
    header (all ``required`` fields present), document formats by their file
    extension.
    """

    name: str
    description: str
    reader: str
    fields: tuple[Field, ...] = ()
    extensions: tuple[str, ...] = TABLE_EXTENSIONS
    by_header: bool = True
    part_reader: str | None = None

    @property
    def key_columns(self) -> list[str]:
        return [f.label for f in self.fields if f.required]

    def load(self) -> Callable:
        return _function(self.reader)

    def load_part(self) -> Callable | None:
        return _function(self.part_reader) if self.part_reader else None


def _function(spec: str) -> Callable:
    module, func = spec.split(":")
    return getattr(import_module(module, package=__package__), func)


def _f(name, label, *aliases, required=False) -> Field:
    return Field(name, label, aliases, required)


FORMATS: dict[str, Format] = {}
"""The export formats :func:`load_recommendations` knows, by name."""


def register_format(fmt: Format) -> Format:
    """Add a format to ``FORMATS`` (one entry per format: dispatch is table-driven)."""
    FORMATS[fmt.name] = fmt
    return fmt


register_format(
    Format(
        "upr-info",
        "UPR Info legacy database export (sessions 1-26), one row per "
        "(recommendation, recommending State)",
        "._upr_info:read_upr_info",
        (
            _f("sur", "To", "SuR", "State under review SuR", required=True),
            _f("sur_group", "To-Rgrp"),
            _f("sur_org", "To-Org"),
            _f("text", "Text", "Recommendation", required=True),
            _f("recommending_state", "From", "RS", required=True),
            _f("rs_group", "From-Rgrp"),
            _f("rs_org", "From-Org"),
            _f("response", "Response", required=True),
            _f("action_category", "Action", "Action category"),
            _f("issues", "Issue", "Issues"),
            _f("session", "Session", required=True),
        ),
        part_reader="._upr_info:read_upr_info_part",
    )
)
register_format(
    Format(
        "upr-info-uwazi",
        "UPR Info's current database (Uwazi) CSV export, one row per recommendation",
        "._upr_info:read_upr_info_uwazi",
        (
            _f("paragraph", "Title"),
            _f("date_added", "Date added"),
            _f("template", "Template"),
            _f("cycle", "Cycle"),
            _f("session", "Session", "Session date", required=True),
            _f("sur", "State under Review", required=True),
            _f("sur_group", "State under Review - Regional Group"),
            _f("text", "Recommendation", required=True),
            _f(
                "recommending_state",
                "Recommending State",
                "Recommending States",
                "Recommending State(s)",
                "Recommending country",
                required=True,
            ),
            _f("rs_group", "Recommending State - Regional Group"),
            _f("response", "Response", "Position", "Responses", required=True),
            _f("action_category", "Action Category", "Action", "Action categories"),
            _f("issues", "Issues", "Issue", "Themes"),
        ),
        part_reader="._upr_info:read_upr_info_uwazi_part",
    )
)
register_format(
    Format(
        "dihr",
        "Danish Institute for Human Rights SDG-Human Rights Data Explorer export",
        "._dihr:read_dihr",
        (
            _f("goals", "Goals"),
            _f("sur", "Recommendation", required=True),
            _f("text", "Tekst", required=True),
            _f("targets", "Targets"),
            _f("keywords", "Keywords"),
            _f("response", "Response", required=True),
            _f("recommending_state", "Recommending state", required=True),
            _f("mechanism", "Mechanism"),
            _f("type", "Type"),
            _f("year", "field_year", required=True),
            _f("document", "Document"),
        ),
    )
)
register_format(
    Format(
        "uhri",
        "OHCHR Universal Human Rights Index (UHRI) Excel export",
        "._uhri:read_uhri",
        (
            _f("text", "Text", required=True),
            _f("sur", "Countries Concerned", "Country Concerned", required=True),
            _f("body", "Reccomending Body", "Recommending Body"),
            _f("document", "Document Symbol"),
            _f("themes", "Themes"),
            _f("affected", "Affected Persons"),
            _f("sdgs", "Sdgs", "SDG"),
            _f("date", "Document Publication Date"),
            _f(
                "recommending_state",
                "UPR Reccomending States",
                "UPR Recommending States",
                required=True,
            ),
            _f("response", "UPR Position", required=True),
            _f("type", "Type"),
            _f("annotation_id", "OHCHR Annotation Id"),
            _f("session", "UPR Session"),
        ),
    )
)

_OWN_REQUIRED = ("text", "sur", "recommending_state", "response")
register_format(
    Format(
        "upr-targets",
        "This library's own table (the columns of upr_targets.schema_table()), as "
        "written by `upr-targets search --out` or DataFrame.to_csv, to_excel or "
        "to_parquet",
        "._own_table:read_own_table",
        tuple(Field(c, c, (), c in _OWN_REQUIRED) for c in COLUMN_NAMES),
        extensions=TABLE_EXTENSIONS + PARQUET_EXTENSIONS,
    )
)

register_format(
    Format(
        "un-report-pdf",
        "UN Working Group report (PDF)",
        "._pdf:read_un_report_pdf",
        extensions=(".pdf",),
        by_header=False,
    )
)
register_format(
    Format(
        "ohchr-matrix",
        "OHCHR UPR matrix (.docx)",
        "._matrix:read_ohchr_matrix",
        extensions=(".docx",),
        by_header=False,
    )
)


def match_columns(
    header: Sequence[str],
    fmt: Format,
    *,
    file: PathLike | None = None,
) -> dict[str, int]:
    """Map a format's fields to header positions (case/punctuation-insensitive).

    UPR Info's own header repeats ``Rgrp`` and ``Org``: a bare ``Rgrp``/``Org``
    belongs to the State column (SuR or RS) just before it.

    Raises
    ------
    LoadError
        When required columns are missing: names them, lists the columns seen
        and the closest labels.
    """
    keys = [compact_key(h) for h in header]
    by_key: dict[str, str] = {}
    for f in fmt.fields:
        for k in f.keys:
            by_key.setdefault(k, f.name)
    found: dict[str, int] = {}
    party = None
    for i, k in enumerate(keys):
        name = by_key.get(k)
        if name is None and k in ("rgrp", "org", "regionalgroup", "group") and party:
            name = {"sur": "sur", "recommending_state": "rs"}[party] + (
                "_org" if k == "org" else "_group"
            )
        if name in ("sur", "recommending_state"):
            party = name
        if name is not None and name not in found:
            found[name] = i
    missing = [f for f in fmt.fields if f.required and f.name not in found]
    if missing:
        raise LoadError(_missing_message(missing, header, fmt, file))
    return found


def _missing_message(missing, header, fmt: Format, file) -> str:
    from rapidfuzz import fuzz, process

    where = f"{Path(file).name}: " if file is not None else ""
    labels = [str(h) for h in header]
    hints = []
    for f in missing:
        best = None
        for alias in (f.label, *f.aliases):
            m = process.extractOne(
                compact_key(alias),
                [compact_key(h) for h in labels],
                scorer=fuzz.ratio,
                score_cutoff=70,
            )
            if m and (best is None or m[1] > best[1]):
                best = m
        if best:
            hints.append(f"column {labels[best[2]]!r} looks like {f.label!r}")
    msg = (
        f"{where}missing required column(s) {[f.label for f in missing]} for format "
        f"{fmt.name!r}; columns seen: {labels}."
    )
    if hints:
        msg += " " + "; ".join(hints) + " — rename it in the file."
    else:
        msg += f" The format needs {fmt.key_columns}."
    return msg


def detect_format(path: PathLike, *, encoding: str | None = None) -> str:
    """Recognize a file's export format from its header (or extension).

    Raises
    ------
    UnknownFormatError
        Listing the known formats with their key columns and the columns seen.
    LoadError
        When the header is close to a format but misses required columns.
    """
    path = Path(path)
    ext = path.suffix.lower()
    for fmt in FORMATS.values():
        if not fmt.by_header and ext in fmt.extensions:
            return fmt.name
    header = peek_header(path, encoding=encoding)
    keys = {compact_key(h) for h in header}
    scored = []
    for fmt in FORMATS.values():
        if not fmt.by_header or ext not in fmt.extensions:
            continue
        req = [f for f in fmt.fields if f.required]
        hit = sum(any(k in keys for k in f.keys) for f in req)
        extra = sum(any(k in keys for k in f.keys) for f in fmt.fields)
        scored.append((hit / len(req), extra, fmt))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if scored and scored[0][0] == 1.0:
        return scored[0][2].name
    if scored and scored[0][0] >= 0.5:
        match_columns(header, scored[0][2], file=path)  # raises with hints
    known = "; ".join(
        f"{f.name!r} ({', '.join(f.key_columns) or 'extension ' + '/'.join(f.extensions)})"
        for f in FORMATS.values()
    )
    seen = ", ".join(repr(h[:40]) for h in header[:12])
    if len(header) > 12:
        seen += f", ... ({len(header)} columns)"
    raise UnknownFormatError(
        f"{path.name}: unknown layout; columns seen: {seen}. Known formats (key "
        f"columns): {known}. Pass format=... if the file is one of these with "
        "renamed columns, or rename its columns."
    )
