"""The ``shopcards`` command: no sub-command opens the window; sub-commands do headless work.

Each sub-command lives in a module of this package with ``register(subparsers)``, which adds
its parser and sets ``func`` to a function ``(args) -> int``. Output is for a person; errors
are ShopError messages, never tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from shopcards import __version__, paths
from shopcards.core.errors import ShopError

COMMAND_MODULES = ("cardfile", "demo", "purchases", "drawing", "letters", "report", "settings")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shopcards",
        description="The customer-card cabinet of a small shop. Without a command, opens the "
        "window.",
    )
    parser.add_argument("--version", action="version", version=f"shopcards {__version__}")
    add_db_option(parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"shopcards.cli.{name}").register(commands)
    return parser


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS,
        help=f"the card file (default: {paths.default_db()})",
    )


def db_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.default_db())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        from shopcards.app import run_window

        return run_window(db_path(args))
    try:
        code: int = func(args)
        return code
    except ShopError as exc:
        print(f"shopcards: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("shopcards: stopped; nothing was half-saved.", file=sys.stderr)
        return 130
