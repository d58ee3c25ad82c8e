"""Property tests of State name resolution: no State out of thin air."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from upr_targets.reference import match_state
from upr_targets.reference._name_index import (
    codes,
    core,
    core_index,
    keys_of,
    name_index,
)
from upr_targets.reference._names import FUZZY_MIN, FUZZY_MIN_LENGTH, state_key


def _keys_of_state(iso3: str) -> list[str]:
    return [k for k, v in name_index().items() if v == iso3]


def _check(value: str) -> None:
    found = match_state(value)
    if found.iso3 is None:
        return
    key = state_key(value)
    if found.method == "code":
        assert value.strip() in codes() and codes()[value.strip()] == found.iso3
    elif found.method in ("name", "alias"):
        assert any(name_index().get(k) == found.iso3 for k in keys_of(value))
    elif found.method == "qualifier":
        assert core_index().get(core(key)) == found.iso3
    else:
        assert found.method == "fuzzy"
        assert len(key.replace(" ", "")) >= FUZZY_MIN_LENGTH
        best = max(fuzz.ratio(key, k) for k in _keys_of_state(found.iso3))
        assert best >= FUZZY_MIN - 1e-9


@given(st.text(alphabet=string.ascii_letters + " ,.-()'", max_size=30))
def test_random_strings_resolve_only_within_documented_distance(value):
    _check(value)


@given(st.text(max_size=40))
def test_any_unicode_never_crashes(value):
    _check(value)


def _names():
    from upr_targets import list_states

    return list_states()["name"].tolist()


@given(
    st.sampled_from(_names()),
    st.sampled_from(_names()),
    st.sampled_from([" ", "\n", ""]),
)
def test_two_names_joined_are_not_one_state(a, b, sep):
    if a == b or a in b or b in a:
        return
    assert match_state(a + sep + b).iso3 is None
