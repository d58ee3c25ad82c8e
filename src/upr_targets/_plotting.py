"""Plots.

STUB: to be replaced.
"""


def plot_interest_heatmap(*args, **kwargs):  # stub
    raise NotImplementedError


def plot_ranking(*args, **kwargs):  # stub
    raise NotImplementedError


def plot_acceptance(*args, **kwargs):  # stub
    raise NotImplementedError


def plot_backtest(*args, **kwargs):  # stub
    raise NotImplementedError
