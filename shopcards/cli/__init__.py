"""The ``shopcards`` command: no sub-command opens the window; sub-commands do headless work.

Each sub-command lives in a module of this package with ``register(subparsers)``, which adds
its parser (with :func:`add_command`, so it has a description) and sets ``func`` to a function
``(args) -> int``. Output is for a person; errors
are ShopError messages, never tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from shopcards import __version__, paths
from shopcards.core.errors import ShopError

COMMAND_MODULES = (
    "cardfile",
    "demo",
    "purchases",
    "drawing",
    "letters",
    "report",
    "settings",
    "loyalty",
)


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


class HelpFormatter(argparse.HelpFormatter):
    """Wraps a description to the terminal, but keeps a text with line breaks of its own (a
    table of selections in an epilog) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """A sub-command's parser: ``summary`` is its line in ``shopcards --help``, ``description``
    opens its own ``--help``, ``epilog`` (lines kept as written) closes it."""
    return commands.add_parser(
        name, help=summary, description=description, epilog=epilog, formatter_class=HelpFormatter
    )


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"the card file (default: {paths.default_db()})",
    )


def db_path(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or paths.default_db())


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # what shopcards creates (card file, backups, logs, PDFs) is the user's alone
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
