"""An after-review document: numbered sections of sentences, tables and charts.

:class:`FollowupReport` renders to self-contained HTML, Markdown, Excel (one
sheet per table) or Word; :mod:`._followup` builds the outcome and mid-term
reports as such documents.
"""

from __future__ import annotations

import base64
import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._excel import write_workbook
from ._format import environment, header, html_table, md_table

__all__ = ["FollowupReport", "Section"]

_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".xlsx", ".docx")


@dataclass
class Section:
    """One numbered section: an id, a title, sentences, a table, a chart."""

    id: str
    title: str
    paragraphs: list[str]
    table: pd.DataFrame | None = None
    figure: str | None = None


@dataclass
class FollowupReport:
    """An after-review document; save it with :meth:`save` (.html/.md/.xlsx/.docx)."""

    title: str
    meta: str
    sections: list[Section]
    notes: list[str] = field(default_factory=list)
    figures: dict[str, bytes] = field(default_factory=dict)
    synthetic: bool = False
    today: _dt.date = field(default_factory=_dt.date.today)

    def _context(self, render_table) -> dict:
        return {
            "title": self.title,
            "meta": self.meta,
            "notes": self.notes,
            "synthetic": self.synthetic,
            "today": self.today.isoformat(),
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "paragraphs": s.paragraphs,
                    "table": None if s.table is None else render_table(s.table),
                    "figure": s.figure,
                }
                for s in self.sections
            ],
        }

    def to_html(self) -> str:
        """Render as self-contained HTML (styles and charts inline).

        Returns
        -------
        str
        """
        figures = {
            k: "data:image/png;base64," + base64.b64encode(v).decode("ascii")
            for k, v in self.figures.items()
        }
        template = environment(html=True).get_template("followup.html.j2")
        return template.render(**self._context(html_table), figures=figures)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_markdown(self) -> str:
        """Render as Markdown (charts left out, every cell escaped).

        Returns
        -------
        str
        """
        template = environment(html=False).get_template("followup.md.j2")
        return template.render(**self._context(md_table))

    def to_excel(self, path) -> Path:
        """Write one sheet per section's table.

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file.

        Returns
        -------
        pathlib.Path
        """
        sheets = {s.title[:31]: s.table for s in self.sections if s.table is not None}
        return write_workbook(sheets, path, synthetic=self.synthetic)

    def to_docx(self, path) -> Path:
        """Write a Word document (python-docx), charts included.

        Parameters
        ----------
        path : str or Path
            The ``.docx`` file.

        Returns
        -------
        pathlib.Path
        """
        import io

        from docx import Document
        from docx.shared import Inches

        doc = Document()
        doc.add_heading(self.title, level=0)
        doc.add_paragraph(
            f"{self.meta} · Generated on {self.today.isoformat()} by upr_targets"
        )
        if self.synthetic:
            doc.add_paragraph("SYNTHETIC DATA: made-up demo data, not for advocacy.")
        for note in self.notes:
            doc.add_paragraph(note, style="List Bullet")
        for i, s in enumerate(self.sections, start=1):
            doc.add_heading(f"{i}. {s.title}", level=1)
            for p in s.paragraphs:
                doc.add_paragraph(p)
            if s.figure and s.figure in self.figures:
                doc.add_picture(io.BytesIO(self.figures[s.figure]), width=Inches(6))
            if s.table is not None and len(s.table):
                table = doc.add_table(rows=1, cols=len(s.table.columns))
                table.style = "Light Grid Accent 1"
                for cell, col in zip(table.rows[0].cells, s.table.columns, strict=True):
                    cell.text = header(col)
                for values in (
                    s.table.astype(object)
                    .where(s.table.notna(), "")
                    .itertuples(index=False)
                ):
                    for cell, v in zip(table.add_row().cells, values, strict=True):
                        cell.text = str(v)
        path = Path(path)
        doc.save(path)
        return path

    def save(self, path) -> Path:
        """Write to ``path``; the format follows its suffix.

        Parameters
        ----------
        path : str or Path
            Ending in .html, .md, .xlsx or .docx.

        Returns
        -------
        pathlib.Path
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in _SUFFIXES:
            raise ValueError(
                f"Cannot tell the format from {str(path)!r}: use a file name ending in "
                + ", ".join(_SUFFIXES)
            )
        if suffix in (".html", ".htm"):
            path.write_text(self.to_html(), encoding="utf-8")
        elif suffix in (".md", ".markdown"):
            path.write_text(self.to_markdown(), encoding="utf-8")
        elif suffix == ".xlsx":
            self.to_excel(path)
        else:
            self.to_docx(path)
        return path
