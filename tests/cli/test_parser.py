"""Tests of the ``upr-targets`` command."""

from __future__ import annotations

import pytest
from _support.cli import SUBCOMMANDS, run

from upr_targets.cli import build_parser


def test_help(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for cmd in SUBCOMMANDS:
        assert cmd in out
    assert "examples:" in out


@pytest.mark.parametrize("cmd", SUBCOMMANDS)
def test_subcommand_help_has_examples(capsys, cmd):
    code, out, _ = run(capsys, cmd, "--help")
    assert code == 0
    assert "examples:" in out
    assert f"upr-targets {cmd}" in out


def test_version(capsys):
    import upr_targets

    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert upr_targets.__version__ in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["rank"], "the following arguments are required: --sur"),
        (["rank", "--sur", "Kenya", "--top", "0"], "expected a number >= 1, got 0"),
        (
            ["report", "--sur", "Kenya", "--issue", "torture"],
            "the following arguments are required: --out",
        ),
        (
            ["report", "--sur", "Kenya", "--out", "r.html"],
            "report needs at least one --issue TEXT or --theme LABEL",
        ),
        (
            ["report", "--sur", "Kenya", "--out", "r.html"] + ["--issue", "x"] * 5,
            "5 issues given; a report takes at most four",
        ),
        (["backtest", "--test-sessions", "17-13"], "invalid session range '17-13'"),
        (["nonsense"], "invalid choice: 'nonsense'"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "error:" in err and message in err


def test_parser_defaults():
    args = build_parser().parse_args(["backtest"])
    assert args.test_sessions == [13, 14, 15, 16, 17]
    assert args.k == 10
    assert args.data == []
