import pandas as pd
import pytest

from upr_targets import COLUMNS, RESPONSES, SchemaError, schema_table, validate
from upr_targets._schema import COLUMN_NAMES, conform, empty_recommendations


def _one_row(**overrides):
    row = {
        "text": "Abolish the death penalty.",
        "sur": "Kenya",
        "sur_iso3": "KEN",
        "recommending_state": "France",
        "rs_iso3": "FRA",
        "sur_group": "African",
        "rs_group": "WEOG",
        "response": "noted",
        "action_category": 5,
        "themes": [["Death penalty"]],
        "session": 8,
        "cycle": 1,
        "year": 2010,
        "source": "demo",
        "recommendation_id": "r1",
    }
    row.update(overrides)
    return conform({k: v if isinstance(v, list) else [v] for k, v in row.items()})


def test_schema_table_lists_every_column_once():
    table = schema_table()
    assert list(table["name"]) == list(COLUMN_NAMES)
    assert table["name"].is_unique
    assert len(table) == len(COLUMNS)
    assert table["description"].str.len().gt(10).all()


def test_empty_recommendations_is_valid():
    df = empty_recommendations()
    assert list(df.columns) == list(COLUMN_NAMES)
    assert validate(df) is df


def test_conform_fills_missing_columns_and_casts():
    df = _one_row()
    assert df["action_category"].dtype == "Int64"
    assert df.loc[0, "source_themes"] == []
    assert df["document"].isna().all()
    validate(df)


def test_validate_names_missing_columns():
    df = _one_row().drop(columns=["response", "themes"])
    with pytest.raises(SchemaError, match=r"missing columns \['response', 'themes'\]"):
        validate(df)


def test_validate_names_bad_values_and_rows():
    df = _one_row(response="Accepted", action_category=7, rs_group="Europe")
    with pytest.raises(SchemaError) as err:
        validate(df)
    msg = str(err.value)
    assert "'response' has values ['Accepted']" in msg
    assert str(list(RESPONSES)) in msg
    assert "'action_category' has values outside 1-5" in msg
    assert "'rs_group' has values ['Europe']" in msg


def test_validate_rejects_missing_text_and_non_list_themes():
    df = _one_row(text=None)
    df["themes"] = ["Death penalty"]
    with pytest.raises(SchemaError) as err:
        validate(df)
    assert "'text' has missing values in rows [0]" in str(err.value)
    assert "'themes' must hold lists" in str(err.value)


def test_extra_columns_are_kept_after_schema_columns():
    df = conform(pd.DataFrame({"text": ["x"], "note": ["kept"]}))
    assert list(df.columns)[-1] == "note"
