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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shopcards import __version__
from shopcards.cli.terminal import unmarked_output
from shopcards.core import i18n
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.services import catalogues
from shopcards.services.connection_secret import start_location

if TYPE_CHECKING:
    from shopcards.services.session import Location

PROG = "shopcards"
PRIVATE_UMASK = 0o077
COMMAND_MODULES = (
    "cardfile",
    "demo",
    "purchases",
    "customers_import",
    "drawing",
    "letters",
    "report",
    "settings",
    "loyalty",
    "merge",
    "export",
    "forget",
    "sharing",
    "customer_data",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "The customer-card cabinet of a small shop. Without a command, opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"shopcards {__version__}",
        help=_("show program's version number and exit"),
    )
    add_db_option(parser)
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
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
        type=location,
        default=argparse.SUPPRESS,
        help=_(
            "the card file (default: {path}), or a shared card file's address "
            "(postgresql://shopcards@till-pc:5433/shopcards)",
            path=start_location(),
        ),
    )


def location(text: str) -> Location:
    """A card file's path, or a shared card file's address (``postgresql://…``)."""
    from shopcards.core.shared_address import SharedAddressError, parse_location

    try:
        return parse_location(text)
    except SharedAddressError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def db_location(args: argparse.Namespace) -> Location:
    """The card file or shared card file the command works on: ``--db``, else the one this PC
    opens at start (its own card file, or the shared one once it shared or connected)."""
    found: Location | None = getattr(args, "db", None)
    return start_location() if found is None else found


def db_path(args: argparse.Namespace) -> Path:
    """The card file the command works on: only a card file on this PC will do."""
    found = db_location(args)
    if not isinstance(found, Path):
        raise ShopError(
            _("This command works on a card file on this PC, not on a shared card file.")
        )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` (default: the process's arguments); returns the exit status.

    What shopcards creates (card file, backups, logs, PDFs) is the user's alone: the umask is
    077 while a command runs, and given back afterwards, so a caller in the same process (a
    test, a script) keeps its own. The window keeps it to the end of the process, as Qt may
    save its settings file while the process exits. What it prints carries no bidi isolates
    (cli/terminal.py says why).
    """
    with unmarked_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        arguments, language = language_option(arguments)
    except i18n.UnknownLanguageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    afterwards = os.umask(PRIVATE_UMASK)
    try:
        window_db = window_card_file(arguments)
    except argparse.ArgumentTypeError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if window_db is not None:
        return open_window(window_db, language)
    try:
        args = build_parser().parse_args(arguments)
        func = getattr(args, "func", None)
        if func is None:
            afterwards = PRIVATE_UMASK
            return open_window(db_location(args), language)
        return _run(func, args)
    finally:
        os.umask(afterwards)


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """The sub-command's exit status; a ShopError or Ctrl+C is a message, not a traceback."""
    try:
        return func(args)
    except ShopError as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("shopcards: stopped; nothing was half-saved."), file=sys.stderr)
        return 130


def language_option(arguments: list[str]) -> tuple[list[str], str | None]:
    """``arguments`` without ``--lang CODE``, and the language it asks for (checked).

    The command line speaks that language, else ``SHOPCARDS_LANG`` or the PC's locale; it is
    read before the parser is built, as the parser's own help is said in it. The window keeps
    to the language chosen on the PC unless ``--lang`` is given."""
    rest: list[str] = []
    code: str | None = None
    words = iter(arguments)
    for word in words:
        if word == "--lang":
            code = next(words, "")
        elif word.startswith("--lang="):
            code = word.removeprefix("--lang=")
        else:
            rest.append(word)
    if code is not None and code not in i18n.LANGUAGES and code != i18n.PSEUDO:
        catalogues.start()  # to say so in the language the PC asks for
        raise i18n.UnknownLanguageError(code)
    catalogues.start(code)
    argparse._ = i18n._  # type: ignore[attr-defined]  # argparse's own words, from our catalogue
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    return rest, code


def window_card_file(arguments: Sequence[str]) -> Location | None:
    """The card file to open the window on when ``arguments`` ask for nothing else (nothing, or
    only ``--db PATH``); None for anything the full parser must read.

    The window then starts without importing every command's module (issue 12: they took
    half of the start)."""
    match list(arguments):
        case []:
            return start_location()
        case ["--db", str(db)] if db and not db.startswith("-"):
            return location(db)
        case [str(option)] if option.startswith("--db=") and option != "--db=":
            return location(option.removeprefix("--db="))
    return None


def open_window(db: Location, language: str | None = None) -> int:
    from shopcards.app import run_window

    return run_window(db, language)
