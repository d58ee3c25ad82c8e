"""Fixtures of the reader tests."""

import pytest


@pytest.fixture(params=["openpyxl", "calamine"])
def excel_engine(request, monkeypatch):
    if request.param == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setattr("upr_targets.io._tables.excel_engine", lambda: request.param)
    return request.param
