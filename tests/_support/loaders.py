"""Helpers of the loader tests: small exports written on the fly."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

import upr_targets
from upr_targets import (
    LoadReport,
    UPRDataWarning,
    load_recommendations,
)

DATA = Path(__file__).parents[1] / "data" / "loaders"

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROWS = [
    'France,WEOG,EU,"Ratify CED, without delay",Brazil,GRULAC,OAS,Accepted,5,"International instruments, Enforced disappearances",2',
    "France,WEOG,EU,Abolish the d&#233;tention of minors,Chile,GRULAC,OAS,Noted,4,Detention,2",
    "Brazil,GRULAC,OAS,Share experience on Bolsa Fam\u00edlia,Angola,Africa,AU,Accepted,1,Poverty,1",
]


def write_csv(
    path: Path, rows=ROWS, header=HEADER, *, sep="\n", encoding="utf-8"
) -> Path:
    path.write_bytes((sep.join([header, *rows]) + sep).encode(encoding))
    return path


def check_report(df: pd.DataFrame) -> LoadReport:
    report = df.attrs["load_report"]
    s = report.summary
    assert (s["rows_read"] == s["rows_kept"] + s["rows_rejected"]).all()
    assert int(s["rows_kept"].sum()) == len(df)
    upr_targets.validate(df)
    return report


def load_quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UPRDataWarning)
        return load_recommendations(*args, **kwargs)


UHRI_HEADER = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]


UHRI_ROWS = [
    [
        "Ratify the Optional Protocol to the Convention against Torture",
        "- Mali",
        "- Universal Periodic Review",
        "A/HRC/38/7",
        "- D26 Conditions of detention\n- D25 Prohibition of torture and cruel, inhuman or degrading treatment",
        "- persons deprived of their liberty",
        "- 16 - Peace, justice and strong institutions\n- 16.3",
        43173,
        "- France\n- Germany\n- Ghana",
        "Supported",
        "Recommendation",
        "f1b2c3",
        "- 29th Session - Cycle 3",
        "- Africa",
        "- Western European and Others Group\n- Africa",
        44000,
    ],
    [
        "Abolish the death penalty",
        "- Brazil",
        "- Universal Periodic Review",
        "A/HRC/36/11",
        "- D23 Death penalty",
        "- general",
        "",
        43000,
        "- Australia",
        "Noted",
        "Recommendation",
        "a9e8d7",
        "- 27th Session - Cycle 3",
        "- Latin America and the Caribbean",
        "- Western European and Others Group",
        44000,
    ],
    [
        "Adopt a law against torture",
        "- Mali",
        "- Committee against Torture",
        "CAT/C/MLI/CO/2",
        "- D25 Prohibition of torture",
        "",
        "",
        43000,
        "",
        "",
        "Recommendation",
        "zz99",
        "",
        "- Africa",
        "",
        44000,
    ],
]


def make_uhri(path: Path, header=UHRI_HEADER, rows=UHRI_ROWS) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path
