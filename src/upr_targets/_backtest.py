"""Backtesting the ranker against baselines.

STUB: to be replaced.
"""


def backtest(*args, **kwargs):  # stub
    raise NotImplementedError


class BacktestResult:  # stub
    pass
