"""Helpers of the command-line tests."""

from __future__ import annotations

from upr_targets.cli import main

SUBCOMMANDS = ("rank", "report", "backtest", "themes", "states", "search", "fetch")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
