"""Tests of the instruments a text names (reference/_instruments.py)."""

from __future__ import annotations

import pytest

from upr_targets.reference import instruments_in, list_instruments
from upr_targets.reference._instruments import different_instruments, instruments_of


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a protocol is not its treaty
        ("Ratify the Optional Protocol to the Convention against Torture", {"OPCAT"}),
        ("Ratify the Optional Protocol to CAT", {"OPCAT"}),
        ("Ratify the OP-CAT without reservations", {"OPCAT"}),
        ("Ratify CAT-OP and establish a national preventive mechanism", {"OPCAT"}),
        ("Ratify the Convention against Torture", {"CAT"}),
        (
            "Ratify the Optional Protocol to the International Covenant on Economic, "
            "Social and Cultural Rights",
            {"OP-ICESCR"},
        ),
        ("Ratify the Optional Protocol to the ICESCR", {"OP-ICESCR"}),
        ("Ratify the CRPD and its Optional Protocol", {"CRPD", "OP-CRPD"}),
        # a look-ahead reads nothing: the treaty's name is left whole
        ("Ratify the ICCPR and its second optional protocol", {"ICCPR", "ICCPR-OP2"}),
        (
            "Ratify the Second Optional Protocol to the ICCPR, aiming at the "
            "abolition of the death penalty",
            {"ICCPR-OP2"},
        ),
        ("Ratify the OPCAT and abolish the death penalty", {"OPCAT"}),
        (
            "Ratify the optional protocols to the CRC on the involvement of children "
            "in armed conflict and on the sale of children",
            {"OPAC", "OPSC"},
        ),
        (
            "Ratify the Optional Protocol to the Rights of the Child on a "
            "communications procedure",
            {"OPIC"},
        ),
        ("Ratify the Optional Protocols to the CRC", {"OP-CRC"}),
        ("Ratify the Rome Statute of the ICC", {"ROME"}),
        ("Ratify ILO Convention No. 189 on domestic workers", {"ILO-189"}),
        (
            "Ratify the Indigenous and Tribal Peoples Convention, 1989 (No. 169)",
            {"ILO-169"},
        ),
        ("Implement the recommendations of the Committee against Torture", set()),
        ("Combat domestic violence", set()),
    ],
)
def test_instruments_in(text, want):
    assert instruments_in(text) == want


def test_every_instrument_is_listed_once():
    table = list_instruments()
    assert table["instrument"].is_unique
    assert {"OPCAT", "CAT", "ROME", "OP-CRC"} <= set(table["instrument"])
    assert (table["name"].str.len() > 0).all()


def test_different_instruments():
    assert different_instruments(frozenset({"OPCAT"}), frozenset({"OP-ICESCR"}))
    assert not different_instruments(frozenset({"OPCAT"}), frozenset({"OPCAT", "CRC"}))
    assert not different_instruments(frozenset({"OPCAT"}), frozenset())
    # "the Optional Protocols to the CRC" may be any of them, not another treaty
    assert not different_instruments(frozenset({"OP-CRC"}), frozenset({"OPAC"}))
    assert different_instruments(frozenset({"OP-CRC"}), frozenset({"CRC"}))


def test_only_asks_to_join_count_when_asked():
    texts = [
        "Ratify the Optional Protocol to the Convention against Torture",
        "Define torture in the Penal Code in line with the Convention against Torture",
        "Withdraw its reservations to CEDAW",
    ]
    assert instruments_of(texts) == [
        {"OPCAT"},
        {"CAT"},
        {"CEDAW"},
    ]
    # "in line with the Convention" gives the reason, not the ask
    assert instruments_of(texts, joining=True) == [{"OPCAT"}, set(), {"CEDAW"}]
