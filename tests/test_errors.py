import pytest

from upr_targets import UnknownStateError, UnknownThemeError, UPRTargetsError


def test_unknown_state_message_names_value_place_and_fix():
    err = UnknownStateError(
        "Untied Kingdom",
        ["United Kingdom", "United States"],
        source="x.csv",
        row=812,
        column="From",
    )
    msg = str(err)
    assert msg.startswith(
        "Unknown State 'Untied Kingdom' in column 'From', row 812 of x.csv"
    )
    assert "did you mean 'United Kingdom'?" in msg
    assert err.candidates == ["United Kingdom", "United States"]
    assert isinstance(err, KeyError) and isinstance(err, UPRTargetsError)


def test_unknown_theme_without_candidates():
    with pytest.raises(UnknownThemeError, match="^Unknown theme 'zzz'$"):
        raise UnknownThemeError("zzz")
