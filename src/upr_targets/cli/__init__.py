"""The ``upr-targets`` command: rank, report, backtest, themes and states.

Every subcommand is a thin layer over the public API: what it prints can be
reproduced in Python with the functions named in its ``--help``. Exit codes:
0 on success, 2 on a usage error (argparse), 1 on a data error (unknown
State, unreadable file, ...); ``--debug`` shows the full traceback instead of
the one-line message. ``--help`` imports only the parser.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Sequence

from ._parser import PROG, build_parser

__all__ = ["PROG", "build_parser", "main"]


def print_err(*parts: object) -> None:
    print(*parts, file=sys.stderr)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print library warnings as one plain line on stderr (no file/line noise)."""
    print(f"warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``upr-targets`` command; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on a usage error, 1 on a data error.

    Examples
    --------
    >>> from upr_targets.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    upr-targets ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    debug = bool(getattr(args, "debug", False))
    from .._errors import StaleDataWarning, UPRTargetsError
    from ._commands import COMMANDS, UsageError

    try:
        with warnings.catch_warnings():
            if not debug:
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", FutureWarning)
                warnings.showwarning = _show_warning
            # the commands say what the data hold of the SuR's reviews themselves
            warnings.simplefilter("ignore", StaleDataWarning)
            return int(COMMANDS[args.command](args) or 0)
    except UsageError as exc:
        print_err(f"{PROG} {args.command}: error: {exc}")
        return 2
    except BrokenPipeError:  # e.g. `upr-targets states | head`
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except UPRTargetsError as exc:
        if debug:
            raise
        print_err(f"{PROG}: error: {exc}")
        return 1
    except (OSError, ValueError) as exc:
        if debug:
            raise
        print_err(f"{PROG}: error: {exc}")
        print_err("(run again with --debug for the full traceback)")
        return 1
    except Exception as exc:  # a bug: say so briefly, --debug shows where
        if debug:
            raise
        print_err(f"{PROG}: internal error: {type(exc).__name__}: {exc}")
        print_err(
            "(this is a bug in upr_targets: run again with --debug and report the traceback)"
        )
        return 1
    except KeyboardInterrupt:
        print_err("interrupted")
        return 130
