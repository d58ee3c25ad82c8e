"""Reading real UPR exports into the normalized table.

:func:`load_recommendations` reads one file, a list of files, a directory or a
glob pattern, recognizes each file's format from its header (``FORMATS``),
hands it to that format's reader and returns one table in the schema of
:mod:`upr_targets._schema`, with a :class:`~upr_targets.LoadReport` in
``df.attrs["load_report"]``.

Every reader turns its file into a *raw* frame whose columns are named as the
schema but hold the values as written in the source, then calls
:func:`finalize`, the one place where text is cleaned, States are resolved,
responses, action categories, themes and sessions are normalized and every
rejected row or guessed value is written to the report.
"""

from __future__ import annotations

import csv
import glob as _glob
import html
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import numpy as np
import pandas as pd

from . import _schema
from ._errors import LoadError, UnknownFormatError, UPRDataWarning
from ._load_report import LoadReport

__all__ = ["FORMATS", "Format", "LoadReport", "finalize", "load_recommendations"]

logger = logging.getLogger("upr_targets")

PathLike = str | Path

TABLE_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")


# --------------------------------------------------------------------------
# Column labels
# --------------------------------------------------------------------------
def norm_label(label) -> str:
    """Column label without case, accents, punctuation or spaces."""
    text = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@dataclass(frozen=True)
class Field:
    """One column a format reads: its usual label and accepted variants."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(norm_label(a) for a in (self.label, *self.aliases)))


@dataclass(frozen=True)
class Format:
    """One export format: how to recognize it and which function reads it.

    ``reader`` is ``"module:function"`` (imported on first use), called as
    ``reader(path, report, **options)``; it returns the finalized table.
    Table formats are recognized by their header (all ``required`` fields
    present), document formats by their file extension.
    """

    name: str
    description: str
    reader: str
    fields: tuple[Field, ...] = ()
    extensions: tuple[str, ...] = TABLE_EXTENSIONS
    by_header: bool = True

    @property
    def key_columns(self) -> list[str]:
        return [f.label for f in self.fields if f.required]

    def load(self) -> Callable:
        module, func = self.reader.split(":")
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
        "._load_upr_info:read_upr_info",
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
    )
)
register_format(
    Format(
        "upr-info-uwazi",
        "UPR Info's current database (Uwazi) CSV export, one row per recommendation",
        "._load_upr_info:read_upr_info_uwazi",
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
    )
)
register_format(
    Format(
        "dihr",
        "Danish Institute for Human Rights SDG-Human Rights Data Explorer export",
        "._load_dihr:read_dihr",
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
        "._load_uhri:read_uhri",
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


def _register_documents() -> None:
    """Register the document readers when their module is available."""
    try:
        docs = import_module("._load_documents", package=__package__)
    except ImportError:  # pragma: no cover - module not there yet
        return
    for name, ext, func, desc in (
        (
            "un-report-pdf",
            (".pdf",),
            "read_un_report_pdf",
            "UN Working Group report (PDF)",
        ),
        ("ohchr-matrix", (".docx",), "read_ohchr_matrix", "OHCHR UPR matrix (.docx)"),
    ):
        if hasattr(docs, func):
            register_format(
                Format(name, desc, f"._load_documents:{func}", (), ext, by_header=False)
            )


_register_documents()


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
    keys = [norm_label(h) for h in header]
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
                norm_label(alias),
                [norm_label(h) for h in labels],
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


# --------------------------------------------------------------------------
# Reading text tables: encoding, delimiter, truncation
# --------------------------------------------------------------------------
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


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "|", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


@dataclass
class RawTable:
    """A file's header and records, all values as strings (or objects for Excel)."""

    file: Path
    header: list[str]
    body: pd.DataFrame  # positional columns 0..n-1
    rows: pd.Series  # spreadsheet row numbers (header = 1)
    encoding: str | None = None
    records_read: int = 0

    def column(self, pos: int | None) -> pd.Series:
        if pos is None:
            return pd.Series(pd.NA, index=self.body.index, dtype="object")
        return self.body[pos]


def _read_text_table(path: Path, report: LoadReport, encoding=None) -> RawTable:
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(
            f"{path.name} is empty ({len(data)} bytes); download the export again."
        )
    text, enc = decode_bytes(data, encoding)
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    sep = _sniff_delimiter(first_line)
    records = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    )
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(v.strip() for v in r)]
    header = [h.strip() for h in numbered[0][1]]
    body = numbered[1:]
    n_fields = len(header)
    row_no = np.fromiter((i for i, _ in body), dtype=np.int64, count=len(body))
    lengths = np.fromiter((len(r) for _, r in body), dtype=np.int64, count=len(body))
    # an odd number of quotes in a file that does not end with a line break:
    # the file was cut inside a quoted field (the reader then silently returns
    # the partial record)
    truncated_quote = text.count('"') % 2 == 1 and not text.endswith(("\n", "\r"))
    ok = lengths == n_fields
    bad = np.flatnonzero(~ok)
    for j in bad:
        fields = body[j][1]
        if j == len(body) - 1 and (truncated_quote or lengths[j] < n_fields):
            reason = (
                "file ends inside this record (cut mid-field?): "
                f"{lengths[j]} of {n_fields} fields; download the export again"
            )
        elif lengths[j] < n_fields:
            reason = f"record has {lengths[j]} fields, the header has {n_fields}"
        else:
            reason = (
                f"record has {lengths[j]} fields, the header has {n_fields} "
                "(unquoted delimiter in a value?)"
            )
        value = sep.join(fields)
        report.reject(path, [row_no[j]], None, [value[:200]], reason)
    if truncated_quote and len(body) and ok[-1]:
        j = len(body) - 1
        ok[j] = False
        report.reject(
            path,
            [row_no[j]],
            None,
            [sep.join(body[j][1])[:200]],
            "file ends inside a quoted field (cut short?); download the export again",
        )
    kept = [r for (_, r), good in zip(body, ok, strict=True) if good]
    frame = (
        pd.DataFrame(kept, columns=range(n_fields), dtype="str")
        if kept
        else (pd.DataFrame({i: pd.Series([], dtype="str") for i in range(n_fields)}))
    )
    table = RawTable(
        path,
        header,
        frame,
        pd.Series(row_no[ok], index=frame.index, dtype="Int64"),
        enc,
        len(body),
    )
    report.note(
        f"{path.name}: read as text, encoding {enc!r}, delimiter {sep!r}, "
        f"{len(body):,} records"
    )
    return table


def excel_engine() -> str:
    """``"calamine"`` when python-calamine is installed (about 7x faster), else
    ``"openpyxl"``."""
    from importlib.util import find_spec

    return "calamine" if find_spec("python_calamine") is not None else "openpyxl"


def _read_excel_table(path: Path, report: LoadReport) -> RawTable:
    engine = excel_engine()
    try:
        raw = pd.read_excel(path, header=None, dtype=object, engine=engine)
    except Exception as exc:  # openpyxl raises many types on broken files
        raise LoadError(
            f"{path.name} cannot be read as an Excel workbook ({exc}); "
            "open it in Excel and save it again as .xlsx."
        ) from exc
    raw = raw.dropna(how="all")
    if raw.empty:
        raise LoadError(f"{path.name} has no rows; download the export again.")
    header_row = raw.index[0]
    header = [str(h).strip() if pd.notna(h) else "" for h in raw.loc[header_row]]
    body = raw.loc[raw.index > header_row].reset_index()
    rows = (body.pop("index") + 1).astype("Int64")
    body.columns = range(len(header))
    report.note(
        f"{path.name}: read as Excel workbook (first sheet, {engine}), "
        f"{len(body):,} records"
    )
    return RawTable(path, header, body, rows, None, len(body))


def read_table(
    path: PathLike, report: LoadReport, *, encoding: str | None = None
) -> RawTable:
    """Read a CSV/TSV or Excel file into a :class:`RawTable`."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_EXTENSIONS:
        return _read_excel_table(path, report)
    return _read_text_table(path, report, encoding)


def peek_header(path: Path, *, encoding: str | None = None) -> list[str]:
    """Return the header labels of a table file (reads only its start)."""
    if path.suffix.lower() in EXCEL_EXTENSIONS:
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # BadZipFile, InvalidFileException, KeyError...
            raise LoadError(
                f"{path.name} cannot be read as an Excel workbook ({exc}); "
                "download it again, or open it in Excel and save it as .xlsx."
            ) from exc
        try:
            for row in wb.worksheets[0].iter_rows(values_only=True):
                if any(v is not None and str(v).strip() for v in row):
                    return [str(v).strip() if v is not None else "" for v in row]
        finally:
            wb.close()
        return []
    with open(path, "rb") as fh:
        data = fh.read(65536)
    if not data.strip():
        raise LoadError(
            f"{path.name} is empty ({path.stat().st_size} bytes); download the export again."
        )
    if encoding is None:
        try:
            text, _ = decode_bytes(data)
        except UnicodeDecodeError:  # cut in the middle of a multi-byte character
            text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode(encoding, errors="replace")
    text = text.lstrip("\ufeff")
    first = next(
        csv.reader(
            io.StringIO(text, newline=""),
            delimiter=_sniff_delimiter(re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]),
            skipinitialspace=True,
        ),
        [],
    )
    return [h.strip() for h in first]


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
    keys = {norm_label(h) for h in header}
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
    raise UnknownFormatError(
        f"{path.name}: unknown layout; columns seen: {header}. Known formats (key "
        f"columns): {known}. Pass format=... if the file is one of these with "
        "renamed columns, or rename its columns."
    )


# --------------------------------------------------------------------------
# Shared value parsing
# --------------------------------------------------------------------------
_WS = re.compile(r"\s+")


def clean_text(s: pd.Series) -> pd.Series:
    """Decode HTML entities and fold white space (vectorised; NA stays NA).

    Columns with repeated values (State names, labels) are cleaned once per
    distinct value.
    """
    s = s.astype("string")
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if len(uniques) < 0.5 * len(s):
        cleaned = clean_text(pd.Series(uniques, dtype="string")).to_numpy()
        values = np.append(cleaned.astype(object), pd.NA)[codes]
        return pd.Series(values, index=s.index, dtype="string")
    has_entity = s.str.contains("&", regex=False, na=False)
    if has_entity.any():
        s = s.copy()
        s[has_entity] = s[has_entity].map(html.unescape)
    return s.str.replace(_WS, " ", regex=True).str.strip()


def lists_from_parts(parts: pd.Series, index: pd.Index) -> pd.Series:
    """Gather an exploded Series back into one list per label of ``index``.

    ``parts`` is indexed by labels of ``index`` (repeated, in order, as
    ``explode`` leaves them); labels without parts get an empty list.
    """
    if len(index) == 0:
        return pd.Series([], index=index, dtype=object)
    pos = index.get_indexer(parts.index)
    order = np.argsort(pos, kind="stable")
    counts = np.bincount(pos, minlength=len(index))
    chunks = np.split(parts.to_numpy(dtype=object)[order], np.cumsum(counts)[:-1])
    return pd.Series([c.tolist() for c in chunks], index=index, dtype=object)


def split_multi(s: pd.Series, pattern: str) -> pd.Series:
    """Split each string on ``pattern`` into a list of stripped, non-empty parts."""
    original = s.index
    s = s.reset_index(drop=True)
    parts = s.astype("string").str.split(pattern, regex=True).explode()
    parts = clean_text(parts)
    parts = parts[parts.notna() & (parts != "")]
    out = lists_from_parts(parts.astype(object), s.index)
    out.index = original
    return out


_PLACEHOLDER = re.compile(
    r"^\W*(?:unknown|n/?a|none|not specified|unspecified|no state|-+)?\W*$", re.I
)


def is_placeholder(s: pd.Series) -> np.ndarray:
    """True where a State cell is blank or a placeholder such as ``(Unknown)``."""
    s = s.astype("string")
    return (s.isna() | s.str.match(_PLACEHOLDER).fillna(True)).to_numpy(dtype=bool)


_RESPONSES = {
    "supported": "supported",
    "accepted": "supported",
    "a": "supported",
    "s": "supported",
    "supportedaccepted": "supported",
    "acceptedsupported": "supported",
    "noted": "noted",
    "rejected": "noted",
    "n": "noted",
    "notaccepted": "noted",
    "notsupported": "not supported",
    "ns": "not supported",
}


_UNCLEAR_RESPONSES = frozenset(
    {"unclear", "pending", "deferred", "examinelater", "tobeexamined", "partially"}
)


def _norm_distinct(s: pd.Series) -> pd.Series:
    """``norm_label`` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(s.astype("string"), use_na_sentinel=True)
    keys = np.array([norm_label(u) for u in uniques] + [""], dtype=object)
    return pd.Series(keys[codes], index=s.index, dtype="string")


def map_responses(s: pd.Series) -> pd.Series:
    """Map source responses to ``RESPONSES`` (anything else: ``"unclear"``)."""
    return _norm_distinct(s).map(_RESPONSES).fillna("unclear").astype("string")


def parse_action_category(s: pd.Series) -> pd.Series:
    """``"4"``, ``4.0``, ``"Category 4"``, ``"4 - general action"`` -> 4; else NA."""
    text = s.astype("string").str.strip()
    digit = text.str.extract(
        r"^(?:category|cat\.?|action)?\s*([1-5])(?:\.0+)?(?:\b|$)", flags=re.I
    )[0]
    return pd.to_numeric(digit, errors="coerce").astype("Int64")


# --------------------------------------------------------------------------
# finalize: raw source values -> normalized table
# --------------------------------------------------------------------------
def _flag_mask(report, file, rows, mask, column, values, issue):
    if mask.any():
        report.flag(file, rows[mask], column, values[mask], issue)


def _resolve(
    values: pd.Series, rows: pd.Series, file: Path, column: str
) -> pd.DataFrame:
    from ._states import resolve_states

    out = resolve_states(
        values, source=file.name, column=column, rows=rows, errors="raise"
    )
    return out.reindex(values.index)


def map_theme_lists(lists: pd.Series, vocabulary: str):
    """Map source labels (lists) to themes, once per distinct label."""
    from ._themes import map_source_themes

    ex = lists.explode()
    ex = ex[ex.notna()].astype(str)
    mapping = {lab: map_source_themes([lab], vocabulary) for lab in ex.unique()}
    unknown = {lab for lab, t in mapping.items() if not t}
    themes = ex.map(mapping).explode().dropna()
    pos = lists.index.get_indexer(themes.index)
    keep = ~pd.DataFrame({"i": pos, "t": themes.to_numpy()}).duplicated().to_numpy()
    out = lists_from_parts(themes[keep], lists.index)
    bad = ex[ex.isin(unknown)]
    return out, bad


def _recommendation_ids(df: pd.DataFrame) -> pd.Series:
    key = pd.DataFrame(
        {
            "sur": df["sur_iso3"].astype("string").fillna(""),
            "when": df["session"]
            .astype("string")
            .fillna(df["year"].astype("string"))
            .fillna(""),
            "doc": df["document"].astype("string").fillna(""),
            "par": df["paragraph"].astype("string").fillna(""),
            "text": df["text"].astype("string").str.lower().fillna(""),
        }
    )
    h = pd.util.hash_pandas_object(key, index=False).to_numpy()
    return pd.Series([f"{v:016x}" for v in h], index=df.index, dtype="string")


def _fill_sessions(df, raw, report, file, label="session"):
    """Fill session/cycle/year from the source and the UPR calendar."""
    from ._calendar import assign_sessions, calendar, cycle_of_session, sessions

    cal = sessions()
    known = pd.Index(cal["session"].astype("int64"))
    year_of = pd.Series(cal["year"].to_numpy(), index=known)
    rows = df["source_row"]
    given = raw["session"] if "session" in raw else pd.Series(pd.NA, index=df.index)
    given_text = given.astype("string").str.strip()
    session = pd.to_numeric(
        given_text.str.extract(r"^(\d+)(?:\.0+)?$")[0], errors="coerce"
    ).astype("Int64")
    nonblank = given_text.notna() & (given_text != "")
    unknown = (nonblank & (session.isna() | ~session.isin(known))).to_numpy(dtype=bool)
    _flag_mask(
        report,
        file,
        rows,
        unknown,
        label,
        given_text,
        f"session not in the UPR calendar (sessions {known.min()}-{known.max()}); set to missing",
    )
    session = session.mask(unknown)
    reviewed = pd.MultiIndex.from_frame(calendar()[["session", "sur_iso3"]].astype(str))
    pairs = pd.MultiIndex.from_arrays(
        [
            session.astype("string").fillna(""),
            df["sur_iso3"].astype("string").fillna(""),
        ]
    )
    elsewhere = (session.notna() & ~pairs.isin(reviewed)).to_numpy(dtype=bool)
    _flag_mask(
        report,
        file,
        rows,
        elsewhere,
        label,
        df["sur"].astype("string") + ", session " + session.astype("string"),
        "the UPR calendar does not list this State under review in this session; kept",
    )
    cycle = pd.Series(pd.NA, index=df.index, dtype="Int64")
    year = pd.Series(pd.NA, index=df.index, dtype="Int64")
    has = session.notna()
    if has.any():
        cycle[has] = pd.Series(
            np.asarray(cycle_of_session(session[has].astype("int64"))),
            index=session[has].index,
        ).astype("Int64")
        year[has] = session[has].astype("int64").map(year_of).astype("Int64")
    src_year = (
        pd.to_numeric(raw["year"], errors="coerce").astype("Int64")
        if "year" in raw
        else None
    )
    src_cycle = (
        pd.to_numeric(raw["cycle"], errors="coerce").astype("Int64")
        if "cycle" in raw
        else None
    )
    src_date = pd.to_datetime(raw["date"], errors="coerce") if "date" in raw else None
    need = ~has & df["sur_iso3"].notna()
    if need.any() and any(x is not None for x in (src_year, src_cycle, src_date)):
        idx = need[need].index
        got = assign_sessions(
            df.loc[idx, "sur_iso3"],
            year=None if src_year is None else src_year[idx],
            date=None if src_date is None else src_date[idx],
            cycle=None if src_cycle is None else src_cycle[idx],
        )
        got = pd.DataFrame(got).reindex(idx)
        session[idx] = pd.to_numeric(got["session"], errors="coerce").astype("Int64")
        cycle[idx] = pd.to_numeric(got["cycle"], errors="coerce").astype("Int64")
        year[idx] = pd.to_numeric(got["year"], errors="coerce").astype("Int64")
    if src_cycle is not None:
        cycle = cycle.fillna(src_cycle)
    if src_year is not None:
        year = year.fillna(src_year)
    if src_date is not None:
        year = year.fillna(pd.Series(src_date.dt.year, index=df.index).astype("Int64"))
    missing = session.isna().to_numpy(dtype=bool) & ~unknown
    if missing.any():
        what = pd.Series(
            "SuR "
            + df["sur"].astype("string").fillna("?")
            + ", year "
            + year.astype("string").fillna("?")
            + ", cycle "
            + cycle.astype("string").fillna("?"),
            index=df.index,
        )
        _flag_mask(
            report,
            file,
            rows,
            missing,
            label,
            what,
            "session could not be determined from the UPR calendar; set to missing",
        )
    df["session"], df["cycle"], df["year"] = session, cycle, year
    return df


def finalize(
    raw: pd.DataFrame,
    *,
    fmt: str,
    file: PathLike,
    report: LoadReport,
    source_columns: dict[str, str] | None = None,
    theme_vocabulary: str | None = None,
    encoding: str | None = None,
    records_read: int | None = None,
) -> pd.DataFrame:
    """Turn a reader's raw frame into the normalized table; log to ``report``.

    Parameters
    ----------
    raw : pandas.DataFrame
        Columns named as the schema, values as written in the source: ``text``,
        ``sur``, ``recommending_state`` (names as written), ``response`` (as
        written), ``action_category`` (raw), ``source_themes`` (lists),
        optionally ``themes`` (lists; else mapped from ``source_themes``),
        ``sdgs`` (lists), any of ``session``, ``cycle``, ``year``, ``date``,
        and ``document``, ``paragraph``, ``source_row``,
        ``recommendation_id``. Rows the reader already rejected must be in
        ``report.rejected``.
    fmt : str
        Format name, written to ``source``.
    file : path
        The file read (its name goes to ``source_file`` and the report).
    report : LoadReport
        Receives rejected rows, flagged values and the file's summary line.
    source_columns : dict, optional
        Schema column -> the source's own column label, used in messages
        (``{"recommending_state": "From"}``).
    theme_vocabulary : {"upr-info", "uhri", "sdg", "dihr"}, optional
        Vocabulary of ``source_themes`` for mapping them to ``themes``.
    encoding : str, optional
        Encoding the file was decoded with (for the report).
    records_read : int, optional
        Number of source records (default: rows of ``raw`` plus rows already
        rejected).

    Returns
    -------
    pandas.DataFrame
        In the schema (:func:`upr_targets.validate` passes).

    Raises
    ------
    UnknownStateError
        For a State name the registry does not know, naming the value, the
        file, its row and the source's column, with the closest names.
    """
    file = Path(file)
    pre_rejected = int((report.rejected["file"] == file.name).sum())
    rows_read = len(raw) + pre_rejected
    cols = {c: c for c in _schema.COLUMN_NAMES}
    cols.update(source_columns or {})
    df = raw.copy().reset_index(drop=True)
    if "source_row" not in df:
        df["source_row"] = np.arange(2, len(df) + 2)
    df["source_row"] = pd.to_numeric(df["source_row"], errors="coerce").astype("Int64")
    for c in ("text", "sur", "recommending_state", "document", "paragraph"):
        df[c] = (
            clean_text(df[c])
            if c in df
            else pd.Series(pd.NA, index=df.index, dtype="string")
        )

    # rows that cannot be kept: no text, no State under review
    blank = (df["text"].isna() | (df["text"] == "")).to_numpy(dtype=bool)
    no_sur = is_placeholder(df["sur"]) & ~blank
    for bad, c, reason in (
        (blank, "text", "blank recommendation text"),
        (no_sur, "sur", "no State under review named"),
    ):
        if bad.any():
            report.reject(file, df["source_row"][bad], cols[c], df[c][bad], reason)
    df = df.loc[~(blank | no_sur)].reset_index(drop=True)
    raw = raw.reset_index(drop=True).loc[~(blank | no_sur)].reset_index(drop=True)
    rows = df["source_row"]

    # States
    sur = _resolve(df["sur"], rows, file, cols["sur"])
    df["sur"], df["sur_iso3"], df["sur_group"] = sur["name"], sur["iso3"], sur["group"]
    placeholder = is_placeholder(df["recommending_state"])
    _flag_mask(
        report,
        file,
        rows,
        placeholder,
        cols["recommending_state"],
        df["recommending_state"].fillna(""),
        "no recommending State named in the source; kept with recommending_state missing",
    )
    rs = pd.DataFrame(
        {"name": pd.NA, "iso3": pd.NA, "group": pd.NA}, index=df.index, dtype="string"
    )
    if (~placeholder).any():
        rs.loc[~placeholder] = _resolve(
            df.loc[~placeholder, "recommending_state"],
            rows[~placeholder],
            file,
            cols["recommending_state"],
        ).to_numpy()
    df["recommending_state"], df["rs_iso3"], df["rs_group"] = (
        rs["name"],
        rs["iso3"],
        rs["group"],
    )

    # responses
    written = (
        df["response"].astype("string")
        if "response" in df
        else pd.Series(pd.NA, index=df.index, dtype="string")
    )
    df["response"] = map_responses(written)
    unclear = (df["response"] == "unclear").to_numpy(dtype=bool)
    if unclear.any():
        key = _norm_distinct(written)
        blank = (key == "").to_numpy(dtype=bool)
        stated = key.isin(_UNCLEAR_RESPONSES).to_numpy(dtype=bool)
        for mask, issue in (
            (unclear & blank, "no response in the source; set to 'unclear'"),
            (
                unclear & stated,
                "the source gives no clear response (pending, deferred); 'unclear'",
            ),
            (
                unclear & ~blank & ~stated,
                "response not recognized (not Supported/Accepted, Noted/Rejected "
                "or Not Supported); set to 'unclear'",
            ),
        ):
            _flag_mask(
                report, file, rows, mask, cols["response"], written.fillna(""), issue
            )

    # action category
    if "action_category" in df:
        ac_raw = df["action_category"].astype("string").str.strip()
        df["action_category"] = parse_action_category(ac_raw)
        bad = (df["action_category"].isna() & ac_raw.notna() & (ac_raw != "")).to_numpy(
            dtype=bool
        )
        _flag_mask(
            report,
            file,
            rows,
            bad,
            cols["action_category"],
            ac_raw,
            "action category not in 1-5; set to missing",
        )
        n_blank = int((ac_raw.isna() | (ac_raw == "")).sum())
        if n_blank:
            report.note(f"{file.name}: {n_blank:,} rows without an action category")

    # themes
    for c in ("source_themes", "sdgs"):
        if c not in df:
            df[c] = pd.Series(
                [[] for _ in range(len(df))], index=df.index, dtype=object
            )
    if "themes" not in df:
        if theme_vocabulary:
            df["themes"], unknown = map_theme_lists(
                df["source_themes"], theme_vocabulary
            )
            if len(unknown):
                report.flag(
                    file,
                    rows[unknown.index],
                    cols["source_themes"],
                    unknown,
                    "theme label not in the taxonomy or crosswalk; kept in source_themes only",
                )
        else:
            df["themes"] = pd.Series(
                [[] for _ in range(len(df))], index=df.index, dtype=object
            )

    df = _fill_sessions(df, raw, report, file, cols["session"])

    df["source"] = fmt
    df["source_file"] = file.name
    if "recommendation_id" not in df or df["recommendation_id"].isna().all():
        df["recommendation_id"] = _recommendation_ids(df)
    else:
        df["recommendation_id"] = (
            df["recommendation_id"].astype("string").fillna(_recommendation_ids(df))
        )
    out = _schema.conform(df)[list(_schema.COLUMN_NAMES)]
    _schema.validate(out, name=file.name)
    n_rejected = int((report.rejected["file"] == file.name).sum())
    if rows_read != len(out) + n_rejected:  # pragma: no cover - internal check
        raise AssertionError(
            f"{file.name}: {rows_read} rows read but {len(out)} kept + {n_rejected} rejected"
        )
    report.add_file(
        file,
        format=fmt,
        rows_kept=len(out),
        rows_read=rows_read,
        encoding=encoding,
        records_read=records_read if records_read is not None else rows_read,
    )
    return out


# --------------------------------------------------------------------------
# load_recommendations
# --------------------------------------------------------------------------
def _expand_paths(path_or_paths) -> list[Path]:
    if isinstance(path_or_paths, (str, Path)):
        items: Iterable = [path_or_paths]
    else:
        items = list(path_or_paths)
    out: list[Path] = []
    known_ext = {e for f in FORMATS.values() for e in f.extensions}
    for item in items:
        p = Path(item)
        if p.is_dir():
            files = sorted(
                q
                for q in p.iterdir()
                if q.is_file()
                and q.suffix.lower() in known_ext
                and not q.name.startswith((".", "~$"))
            )
            if not files:
                raise LoadError(
                    f"directory {p} holds no file with a known extension {sorted(known_ext)}"
                )
            out.extend(files)
        elif p.exists():
            out.append(p)
        elif any(ch in str(item) for ch in "*?["):
            files = sorted(Path(q) for q in _glob.glob(str(item)))
            if not files:
                raise LoadError(f"no file matches {str(item)!r}")
            out.extend(files)
        else:
            raise LoadError(f"file not found: {p} (working directory {Path.cwd()})")
    if not out:
        raise LoadError("no file given")
    return out


def _flag_duplicates(df: pd.DataFrame, report: LoadReport) -> None:
    keys = ["sur_iso3", "rs_iso3", "session", "year", "text"]
    k = df[keys].astype("string").fillna("\x00")
    dup = k.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    grp = k.groupby(keys, sort=False).ngroup()
    first_file = df["source_file"].groupby(grp).transform("first")
    first_row = df["source_row"].groupby(grp).transform("first")
    what = (
        "duplicate of "
        + first_file.astype("string")
        + " row "
        + first_row.astype("string").fillna("?")
    )
    first_source = df["source"].groupby(grp).transform("first")
    other_source = (first_source != df["source"]).to_numpy(dtype=bool)
    issues = np.where(
        other_source,
        "same recommendation as in another export already loaded; kept (loading "
        "both double-counts it: load one source per period)",
        "duplicate row (same SuR, recommending State, session and text); kept",
    )
    for (f, issue), sub in (
        df[dup]
        .assign(_issue=issues[dup])
        .groupby(["source_file", "_issue"], sort=False)
    ):
        report.flag(f, sub["source_row"], None, what[sub.index], issue)


def load_recommendations(
    path_or_paths: PathLike | Sequence[PathLike],
    *,
    format: str = "auto",
    encoding: str | None = None,
) -> pd.DataFrame:
    """Load UPR recommendations from real exports into the normalized table.

    Parameters
    ----------
    path_or_paths : str, Path or list of them
        A file, a directory (its files with a known extension), a glob pattern
        (``"exports/*.csv"``) or a list of any of these.
    format : str, default "auto"
        One of ``FORMATS`` (``"upr-info"``, ``"upr-info-uwazi"``, ``"dihr"``,
        ``"uhri"``, and the document formats when available), or ``"auto"``
        to recognize each file from its header (the choice is logged and
        written to the report).
    encoding : str, optional
        Text encoding of CSV files; by default detected (UTF-8/16, then
        Windows cp1252 or Mac Roman, whichever reads as text).

    Returns
    -------
    pandas.DataFrame
        One row per (recommendation, recommending State), all columns of
        :func:`upr_targets.schema_table`, and ``attrs["load_report"]``, a
        :class:`LoadReport`.

    Warns
    -----
    UPRDataWarning
        When rows were rejected or values guessed or set to missing, saying
        how many and why.

    Raises
    ------
    UnknownFormatError
        When a file matches no known layout.
    LoadError
        Empty or unreadable files, missing columns.
    UnknownStateError
        A State name that is neither known nor a placeholder such as
        ``(Unknown)``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from upr_targets import load_recommendations
    >>> csv = (
    ...     "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session\\n"
    ...     "France,WEOG,EU,Ratify the OP-CAT,Brazil,GRULAC,,Accepted,5,Torture and other CID treatment,2\\n"
    ... )
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = path.write_text(csv)
    >>> df = load_recommendations(path)
    >>> df[["sur", "recommending_state", "response", "session", "year"]]
          sur recommending_state   response  session  year
    0  France             Brazil  supported        2  2008
    >>> df.attrs["load_report"].summary[["file", "format", "rows_read", "rows_kept"]]
             file    format  rows_read  rows_kept
    0  export.csv  upr-info          1          1
    """
    if format != "auto" and format not in FORMATS:
        raise LoadError(
            f"unknown format {format!r}; use 'auto' or one of {list(FORMATS)}"
        )
    report = LoadReport()
    frames = []
    for path in _expand_paths(path_or_paths):
        name = detect_format(path, encoding=encoding) if format == "auto" else format
        fmt = FORMATS[name]
        how = "given"
        if format == "auto":
            how = f"recognized from its {'header' if fmt.by_header else 'extension'}"
        report.note(f"{path.name}: format {name!r} ({how})")
        logger.info("upr_targets: reading %s as format %r (%s)", path.name, name, how)
        kwargs = {"encoding": encoding} if encoding and fmt.by_header else {}
        frames.append(fmt.load()(path, report, **kwargs))
    df = (
        pd.concat(frames, ignore_index=True)
        if len(frames) > 1
        else frames[0].reset_index(drop=True)
    )
    _flag_duplicates(df, report)
    df.attrs["load_report"] = report
    n_rej, n_flag = len(report.rejected), len(report.flagged)
    if n_rej or n_flag:
        warnings.warn(
            f"Loaded {len(df):,} rows from {len(frames)} file(s); "
            + "; ".join(report.problems()[:8])
            + ". See df.attrs['load_report'].",
            UPRDataWarning,
            stacklevel=2,
        )
    return df
