"""Fixtures of the plot tests."""

import matplotlib.pyplot as plt
import pytest
from _support.plots import fake_recommendations


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def recs():
    return fake_recommendations()
