"""Tests of the States table and of State name resolution."""

from __future__ import annotations

import pandas as pd
import pytest

from upr_targets import (
    REGIONAL_GROUPS,
    list_states,
)

# --------------------------------------------------------------- the table


def test_states_counts_and_columns():
    df = list_states()
    assert list(df.columns) == [
        "name",
        "official_name",
        "un_name",
        "iso3",
        "iso2",
        "group",
        "status",
        "memberships",
    ]
    assert (df["status"] == "member").sum() == 193
    observers = df.loc[df["status"] == "observer"].set_index("iso3")
    assert sorted(observers.index) == ["PSE", "VAT"]
    assert observers.loc["PSE", "name"] == "State of Palestine"
    assert observers.loc["PSE", "group"] == "Asia-Pacific"
    assert observers.loc["VAT", "name"] == "Holy See"
    assert pd.isna(observers.loc["VAT", "group"])


@pytest.mark.parametrize("col", ["name", "official_name", "un_name", "iso3", "iso2"])
def test_states_identifiers_unique(col):
    s = list_states()[col]
    assert s.notna().all()
    assert s.is_unique, s[s.duplicated()].tolist()


def test_iso_codes_look_right():
    df = list_states()
    assert df["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert df["iso2"].str.fullmatch(r"[A-Z]{2}").all()
    assert df.set_index("iso3").loc["NAM", "iso2"] == "NA"  # not read as missing


def test_every_member_in_exactly_one_group():
    members = list_states().query("status == 'member'")
    assert members["group"].isin(REGIONAL_GROUPS).all()


def test_group_sizes():
    # UN DGACM groups; the United States counted in WEOG (it attends WEOG),
    # Türkiye and Israel in WEOG, Kiribati and Cyprus in Asia-Pacific.
    members = list_states().query("status == 'member'")
    assert members["group"].value_counts().to_dict() == {
        "African": 54,
        "Asia-Pacific": 54,
        "Eastern European": 23,
        "GRULAC": 33,
        "WEOG": 29,
    }
    by = list_states().set_index("name")["group"]
    assert by["United States"] == by["Türkiye"] == by["Israel"] == "WEOG"
    assert by["Kiribati"] == by["Cyprus"] == "Asia-Pacific"


def test_bloc_sizes():
    counts = list_states()["memberships"].explode().value_counts().to_dict()
    expected = {
        "EU": 27,
        "AU": 54,
        "OIC": 57,
        "AL": 22,
        "GCC": 6,
        "ASEAN": 11,
        "OAS": 34,
        "Commonwealth": 56,
        "CIS": 10,
        "PIF": 14,
        "CARICOM": 14,
        "NAM": 120,
        "OECD": 38,
    }
    for bloc, n in expected.items():
        assert counts[bloc] == n, bloc
    assert "OIF" in counts


def test_memberships_examples():
    m = list_states().set_index("name")["memberships"]
    assert "EU" not in m["United Kingdom"]  # left in 2020
    assert {"Commonwealth", "OECD"} <= set(m["United Kingdom"])
    assert {"AU", "AL", "OIC"} <= set(m["Egypt"])
    assert {"OIC", "AL"} <= set(m["State of Palestine"])
    assert m["Holy See"] == []


def test_states_returns_a_copy():
    df = list_states()
    df.loc[0, "name"] = "changed"
    df["memberships"].iloc[1].append("XX")
    fresh = list_states()
    assert fresh.loc[0, "name"] != "changed"
    assert "XX" not in fresh["memberships"].iloc[1]


# ------------------------------------------------------------ normalization


def test_observer_states_are_not_reviewed():
    from upr_targets import NotReviewedError
    from upr_targets.reference import check_reviewed, observer_iso3

    assert observer_iso3() == {"VAT", "PSE"}
    with pytest.raises(NotReviewedError, match="observer State"):
        check_reviewed("VAT")
    check_reviewed("KEN")  # a member: nothing to say
