"""`shopcards share`, `shopcards connect ADDRESS` and `shopcards unshare FILE`: one card file
for two or more PCs, through the till PC's server (issue 16).

``share`` runs on the PC that holds the card file (the till): it sets up the server, moves the
card file in and prints what the other PCs type. ``connect`` runs on each other PC: it keeps
the address and password, and checks them. ``unshare`` copies a shared card file back into a
card file on this PC.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location, location
from shopcards.cli.terminal import terminal_progress
from shopcards.core.i18n import N_, _
from shopcards.core.shared_address import SharedAddress, SharedAddressError
from shopcards.services import sharing
from shopcards.services.auth import cli_session
from shopcards.services.connection_secret import start_location

MOVED = N_("{done} / {total} rows moved")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    share = add_command(
        commands,
        "share",
        _("share the card file with other PCs through this PC's server (owner)"),
        _(
            "Set up the shop's server on this PC (the one that holds the card file, usually the "
            "till), move the card file into it, and print the address and password the other "
            "PCs connect with. The card file itself stays as it was."
        ),
    )
    add_db_option(share)
    share.set_defaults(func=_share)
    connect = add_command(
        commands,
        "connect",
        _("connect this PC to a shared card file"),
        _("Keep the address and password of a shared card file on this PC, and check them."),
    )
    connect.add_argument("address", type=location, help=_("the address shown by `shopcards share`"))
    connect.set_defaults(func=_connect)
    unshare = add_command(
        commands,
        "unshare",
        _("copy a shared card file back into a card file on this PC (owner)"),
        _("Copy the shared card file given with --db into a new card file FILE on this PC."),
    )
    unshare.add_argument("file", type=Path, help=_("the new card file"))
    add_db_option(unshare)
    unshare.set_defaults(func=_unshare)


def _share(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        server = sharing.share(session, terminal_progress(MOVED))
    finally:
        session.close()
    print(
        _(
            "The card file is shared. On each other PC, run\n  shopcards connect {address}\n"
            "and type this password when asked: {password}",
            address=server.address,
            password=server.password,
        )
    )
    print(_(sharing.OPENS_SHARED))
    for outcome in server.autostart:
        if not outcome.done:
            print(outcome.not_done())
    return 0


def _connect(args: argparse.Namespace) -> int:
    address = args.address
    if not isinstance(address, SharedAddress):
        raise SharedAddressError(_("Give the address of a shared card file (postgresql://…)."))
    sharing.connect(address, getpass.getpass(_("Password: ")))  # refused if it is wrong
    print(_("Connected."), _(sharing.OPENS_SHARED))
    return 0


def _unshare(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        made = sharing.unshare(session, args.file, terminal_progress(MOVED))
    finally:
        session.close()
    print(_("The shared card file was copied into {path}.", path=made))
    if start_location() == made.resolve():
        print(_("From now on shopcards opens {path} on this PC.", path=made))
    return 0
