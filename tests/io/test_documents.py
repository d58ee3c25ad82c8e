"""Readers of UN Working Group report PDFs and OHCHR UPR matrices (.docx)."""

from __future__ import annotations

import pytest

from upr_targets.io._documents import split_cluster, split_states


@pytest.mark.parametrize(
    ("text", "body", "states"),
    [
        (
            "Ratify the OP-CAT (Portugal) (Spain);",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        (
            "Ratify the OP-CAT (Portugal, Spain).",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        ("Ratify the OP-CAT (Portugal);", "Ratify the OP-CAT", ["Portugal"]),
        (
            "Ratify the OP-CAT (Portugal) and (Spain);",
            "Ratify the OP-CAT",
            ["Portugal", "Spain"],
        ),
        ("Ratify it ( Portugal ) ;", "Ratify it", ["Portugal"]),
        (
            "Abolish the death penalty (Iran (Islamic Republic of), Venezuela "
            "(Bolivarian Republic of));",
            "Abolish the death penalty",
            ["Iran (Islamic Republic of)", "Venezuela (Bolivarian Republic of)"],
        ),
        (
            "Ratify ILO Convention 1989 (No. 169) (Denmark);",
            "Ratify ILO Convention 1989 (No. 169)",
            ["Denmark"],
        ),
        (
            "Ratify the ICRMW (ICRMW) (Iran (Islamic Republic of));",
            "Ratify the ICRMW (ICRMW)",
            ["Iran (Islamic Republic of)"],
        ),
        ("Repeal the law (Uruguay)1;", "Repeal the law", ["Uruguay"]),
        (
            "Improve the living conditions of Roma (the former Yugoslav Republic of "
            "Macedonia);",
            "Improve the living conditions of Roma",
            ["the former Yugoslav Republic of Macedonia"],
        ),
        (
            "Repeal the law (United Kingdom of Great Britain and Northern Ireland).",
            "Repeal the law",
            ["United Kingdom of Great Britain and Northern Ireland"],
        ),
        ("Ratify the Protocol", "Ratify the Protocol", []),
    ],
)
def test_split_states_patterns(text, body, states):
    assert split_states(text) == (body, states)


def test_split_states_inline_attribution_cycle1():
    # A/HRC/8/40, recommendation 20: three clauses, each with its own States
    text = (
        "To maintain the current de facto moratorium (Belgium, Italy) and to "
        "progress towards the abolition of the death penalty (Belgium, Italy, "
        "Mexico) and to pass the special bill (Netherlands, United Kingdom of "
        "Great Britain and Northern Ireland);"
    )
    body, states = split_states(text)
    assert states == [
        "Belgium",
        "Italy",
        "Mexico",
        "Netherlands",
        "United Kingdom of Great Britain and Northern Ireland",
    ]
    assert body.endswith("the special bill")
    assert "(Belgium, Italy)" in body  # who said what stays in the text


def test_split_states_inline_with_nested_names():
    body, states = split_states(
        "To abolish the death penalty (Iran (Islamic Republic of), Italy) and to "
        "ratify the Second Optional Protocol (Mexico);"
    )
    assert states == ["Iran (Islamic Republic of)", "Italy", "Mexico"]


def test_split_states_ignores_non_state_asides():
    body, states = split_states(
        "Ratify the Palermo Protocol (Protocol to Prevent Trafficking), and the "
        "Convention (CEDAW), as recommended (Brazil);"
    )
    assert states == ["Brazil"]


def test_split_cluster():
    text = (
        "Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile);Timely ratify the "
        "ICCPR (Japan, Spain); Ratify the ICCPR (France) ;"
    )
    assert split_cluster(text) == [
        ("Ratify ICCPR", ["Albania"]),
        ("Ratify ICCPR and CPED", ["Chile"]),
        ("Timely ratify the ICCPR", ["Japan", "Spain"]),
        ("Ratify the ICCPR", ["France"]),
    ]
    # a semicolon inside one recommendation does not split it
    assert len(split_cluster("Adopt a law; Train judges (Brazil);")) == 1
