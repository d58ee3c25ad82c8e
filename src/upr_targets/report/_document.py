"""The :class:`Report` object: the report's tables, written as HTML, Markdown or Excel."""

from __future__ import annotations

import base64
import datetime as _dt
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._components import COMPONENTS
from .._utils import plural
from ._context import SECTIONS, template_context
from ._excel import ranking_rows, report_sheets, write_workbook
from ._figures import figures as draw_figures
from ._format import (
    MdSafe,
    check_suffix,
    environment,
    html_table,
    md_table,
)
from ._ics import write_timeline_ics

__all__ = ["MAX_ISSUES", "SECTIONS", "Report"]

MAX_ISSUES = 4
"""Most issues in one report: UPR advocacy guides advise focusing on a few."""

N_EVIDENCE_STATES = 10
"""Top States whose past recommendations are listed as evidence."""

# --------------------------------------------------------------------------
# The Report object
# --------------------------------------------------------------------------


@dataclass(repr=False)
class Report:
    """A ranking report for one State under review and up to four issues.

    Built by :func:`build_report`; every attribute is a plain DataFrame that
    can be inspected in a notebook. Write it with :meth:`save` (format from
    the extension), :meth:`to_html`, :meth:`to_markdown` or :meth:`to_excel`.

    Attributes
    ----------
    sur : str
        The State under review.
    issues : list of str
        The issues as given.
    themes : DataFrame
        ``issue, theme, score, used``: the themes each issue matched (with
        the matcher's score) and whether they were used to rank.
    data_summary : DataFrame
        ``item, value``: sources, sessions, years and row counts.
    load_summary : DataFrame or None
        The loader's per-file report (``file, format, rows_read, ...``).
    ranking : DataFrame
        The combined ranking over all issues (``rank, state, iso3, group,
        score``, the score components, evidence columns, ``explanation``).
    rankings : dict of str to DataFrame
        One ranking per issue.
    evidence : DataFrame
        ``state, target, sur, session, year, response, themes, text``: the
        top States' past recommendations on these themes (``target`` is
        "this SuR" or "other SuRs").
    evidence_counts : DataFrame
        Per top State, how many such recommendations there are in total.
    acceptance_by_group, acceptance_by_category : DataFrame
        The SuR's past responses by recommending group / action category.
    acceptance_estimates : DataFrame
        For the top States: their past recommendations to the SuR, the share
        supported, the ranker's acceptance estimate when it gives one, and
        :class:`AcceptanceModel`'s probability that the SuR supports a
        recommendation from the State on one of these themes
        (``p_supported``: themes weighted equally, action categories as the
        SuR received them; ``p_supported_specific``: a specific one, action
        category 5).
    themes_acceptance : (int, float)
        Recommendations to the SuR on the report's themes and the share it
        supported.
    groupings : DataFrame
        ``kind, grouping, n_states, states``: top States sharing a regional
        group or a bloc, for joint briefings.
    timeline : DataFrame
        ``phase, start, end, status, what``: the advocacy calendar.
    figures : dict of str to bytes
        PNG images: ``ranking``, ``acceptance_group``, ``acceptance_category``,
        ``interest``; drawn on first access from ``figure_data`` (the small
        frames they need).
    synthetic : bool
        True for synthetic (demo) data: every format then carries a banner.
    notes : list of str
        Caveats met while building the report.

    Examples
    --------
    >>> import tempfile, pathlib, upr_targets
    >>> recs = upr_targets.make_demo(3_000, sessions=range(1, 22))
    >>> report = upr_targets.build_report(
    ...     recs, "Kenya", ["torture in prisons", "child marriage"], top=10
    ... )
    >>> report.synthetic  # the demo data are made up: every format says so
    True
    >>> list(report.ranking.columns[:4])
    ['rank', 'state', 'iso3', 'group']
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [report.save(folder / f"kenya.{ext}").name for ext in ("html", "md", "xlsx")]
    ['kenya.html', 'kenya.md', 'kenya.xlsx']
    >>> report.to_html().startswith("<!DOCTYPE html>")
    True
    >>> "## 7. Advocacy timeline" in report.to_markdown()
    True
    >>> list(report.excel_sheets())[:3]
    ['Summary', 'Ranking', 'Evidence']
    """

    sur: str
    issues: list[str]
    themes: pd.DataFrame
    data_summary: pd.DataFrame
    load_summary: pd.DataFrame | None
    ranking: pd.DataFrame
    rankings: dict[str, pd.DataFrame]
    evidence: pd.DataFrame
    evidence_counts: pd.DataFrame
    acceptance_by_group: pd.DataFrame
    acceptance_by_category: pd.DataFrame
    acceptance_estimates: pd.DataFrame
    groupings: pd.DataFrame
    timeline: pd.DataFrame
    next_review: pd.Series | None = None
    themes_acceptance: tuple[int, float] = (0, float("nan"))
    figure_data: dict | None = field(default=None, repr=False)
    synthetic: bool = False
    notes: list[str] = field(default_factory=list)
    today: _dt.date = field(default_factory=_dt.date.today)
    top: int = 20
    _figures: dict[str, bytes] | None = field(default=None, repr=False)

    @property
    def figures(self) -> dict[str, bytes]:
        """PNG images, drawn on first use (Excel output does not need them)."""
        if self._figures is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # layout notices
                self._figures = draw_figures(**self.figure_data)
        return self._figures

    # ---- presentation helpers -------------------------------------------------

    @property
    def title(self) -> str:
        return f"Whom to lobby for the UPR of {self.sur}"

    @property
    def specific(self) -> bool:
        """Whether the ranking counts specific recommendations only (category 4-5)."""
        return self.ranking.attrs.get("action") == "specific"

    @property
    def components(self) -> list[str]:
        """The score-component columns of the ranking."""
        return [c for c in COMPONENTS if c in self.ranking.columns]

    def _context(
        self, table: Callable[..., Any], image: Callable[[str], Any] | None
    ) -> dict:
        """Template variables (see :func:`template_context`)."""
        return template_context(self, table, image)

    # ---- HTML -----------------------------------------------------------------

    def _render_html(self, template: str) -> str:
        env = environment(html=True)

        def image(name: str) -> str:
            return "data:image/png;base64," + base64.b64encode(
                self.figures[name]
            ).decode("ascii")

        ctx = self._context(html_table, image)
        return env.get_template(template).render(
            **ctx, inline_css=True, ranking_data=self._ranking_data()
        )

    def _ranking_data(self) -> str:
        """The rankings as JSON, for the page's hidden data element.

        The page's autoescape writes it as an attribute value;
        :func:`upr_targets.load_ranking` reads it back.
        """
        cols = ["issue", "rank", "state", "iso3", "score"]
        rows = ranking_rows(self)[cols].astype(object)
        return rows.where(rows.notna(), None).to_json(orient="records")

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS and images).

        Every text taken from the data is escaped. See :class:`Report` for
        an example.

        Returns
        -------
        str
            The page, starting with ``<!DOCTYPE html>``.
        """
        return self._render_html("report.html.j2")

    def _repr_html_(self) -> str:
        return self._render_html("report_body.html.j2")

    # ---- Markdown ---------------------------------------------------------------

    def to_markdown(
        self, image_dir: str | Path | None = None, *, image_prefix: str = ""
    ) -> str:
        """The report as Markdown (tables as pipe tables).

        Parameters
        ----------
        image_dir : path, optional
            Folder to write the figures to, as PNG files linked from the
            Markdown; without it the figures are left out.
        image_prefix : str
            Prefix of the image links (the folder as seen from the Markdown
            file); :meth:`save` sets it.

        Returns
        -------
        str
            The Markdown text.
        """
        paths: dict[str, str] = {}
        if image_dir is not None:
            image_dir = Path(image_dir)
            image_dir.mkdir(parents=True, exist_ok=True)
            for name, png in self.figures.items():
                (image_dir / f"{name}.png").write_bytes(png)
                paths[name] = f"{image_prefix}{name}.png"
        env = environment(html=False)
        ctx = self._context(
            md_table, (lambda name: MdSafe(paths[name])) if paths else None
        )
        text = env.get_template("report.md.j2").render(**ctx)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    # ---- Excel ----------------------------------------------------------------------

    def excel_sheets(self) -> dict[str, pd.DataFrame]:
        """The tables written to Excel, one per sheet.

        Returns
        -------
        dict of str to pandas.DataFrame
            Sheet name -> table, in workbook order.
        """
        return report_sheets(self)

    def to_excel(self, path: str | Path) -> Path:
        """Write the report's tables to an Excel workbook, one sheet per table.

        Text cells that a spreadsheet could read as a formula are prefixed
        with a single quote (see :func:`write_workbook`).

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write.

        Returns
        -------
        Path
            ``path``.
        """
        return write_workbook(
            self.excel_sheets(),
            path,
            plain=set(self.components) | {"score"},
            synthetic=self.synthetic,
        )

    # ---- saving ---------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the report; the format follows the extension.

        ``.html``/``.htm``: one self-contained page; ``.md``/``.markdown``:
        Markdown, with the figures as PNG files in a ``<name>_files`` folder
        next to it; ``.xlsx``: an Excel workbook; ``.ics``: the advocacy
        timeline as an iCalendar file, to import into a calendar.

        Parameters
        ----------
        path : str or Path
            Where to write; the extension gives the format.

        Returns
        -------
        Path
            ``path``.

        Raises
        ------
        ValueError
            For another extension.
        """
        path = Path(path)
        suffix = check_suffix(path)
        if suffix in (".html", ".htm"):
            path.write_text(self.to_html(), encoding="utf-8")
        elif suffix in (".md", ".markdown"):
            folder = path.with_name(f"{path.stem}_files")
            path.write_text(
                self.to_markdown(folder, image_prefix=f"{folder.name}/"),
                encoding="utf-8",
            )
        elif suffix == ".ics":
            write_timeline_ics(self.timeline, path, sur=self.sur)
        else:
            self.to_excel(path)
        return path

    def __repr__(self) -> str:
        top = (
            ", ".join(self.ranking["state"].head(5).astype(str))
            if len(self.ranking)
            else "-"
        )
        flag = " [SYNTHETIC DATA]" if self.synthetic else ""
        return (
            f"<Report: {self.sur}, {plural(len(self.issues), 'issue')}, {len(self.ranking)} States "
            f"(top: {top}){flag}>"
        )
