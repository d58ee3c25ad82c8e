"""``fetch_uhri``: OHCHR's Universal Human Rights Index export, cached and loaded."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .._errors import FetchError
from ..io import load_recommendations
from ..io._workbook import read_workbook
from ._download import fetch_file

__all__ = ["UHRI_URL_VARIABLE", "fetch_uhri"]

UHRI_URL_VARIABLE = "UPR_TARGETS_UHRI_URL"
"""Environment variable holding the address of the UHRI export to fetch."""


def _check_workbook(path: Path) -> None:
    read_workbook(path)  # LoadError (a ValueError) for a truncated or broken file


def fetch_uhri(
    url: str | None = None,
    *,
    cache_dir=None,
    offline: bool = False,
    refresh: bool = False,
    max_age_days: float = 7.0,
    progressbar: bool = True,
    on_unknown: str = "flag",
) -> pd.DataFrame:
    """Download (or reuse) a UHRI Excel export and load its UPR recommendations.

    OHCHR's Universal Human Rights Index (uhri.ohchr.org) exports the
    recommendations of every UPR cycle, with themes, SDGs, affected persons
    and positions, as an Excel file. Copy the address of the export (the
    site's "Export" button, after choosing "Universal Periodic Review" and
    the language) and pass it as ``url``, or set ``$UPR_TARGETS_UHRI_URL``.
    Recommendations of other mechanisms in the file are skipped and counted
    in the load report's notes.

    Parameters
    ----------
    url : str, optional
        The export's address (default: ``$UPR_TARGETS_UHRI_URL``).
    cache_dir : path, optional
        The cache folder (default ``$UPR_TARGETS_CACHE``, else the user's
        cache folder); the file goes to its ``downloads`` folder.
    offline : bool
        Use the cached copy only, and say how old it is.
    refresh : bool
        Ask the server whether the file changed even if the copy is recent.
    max_age_days : float
        A cached copy younger than this is used without asking the server.
    progressbar : bool
        Show a progress bar while downloading.
    on_unknown : {"flag", "raise"}
        As for :func:`upr_targets.load_recommendations`.

    Returns
    -------
    pandas.DataFrame
        The normalized table; ``attrs["fetched"]`` says where the file is,
        when it was fetched and whether it was downloaded or cached.

    Raises
    ------
    FetchError
        No address, or neither network nor a usable cached copy.
    """
    url = url or os.environ.get(UHRI_URL_VARIABLE)
    if not url:
        raise FetchError(
            "fetch_uhri needs the address of a UHRI export: on uhri.ohchr.org choose "
            "the Universal Periodic Review, then Export, copy the link and pass it as "
            f"url=..., or set ${UHRI_URL_VARIABLE}."
        )
    got = fetch_file(
        url,
        "uhri-export.xlsx",
        validate=_check_workbook,
        cache_dir=cache_dir,
        offline=offline,
        refresh=refresh,
        max_age_days=max_age_days,
        progressbar=progressbar,
    )
    df = load_recommendations(got.path, format="uhri", on_unknown=on_unknown)
    df.attrs["load_report"].note(got.describe())
    df.attrs["fetched"] = {
        "path": str(got.path),
        "how": got.how,
        "age_days": got.age_days,
    }
    return df
