"""`shopcards loyalty …`: the loyalty scheme from the command line.

A minimal group for the cards branch: each part of the scheme adds its sub-command with
``add_to(loyalty_subparsers)`` (here only ``cards``; the ledger's and the tiers' join on merge).
"""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, loyalty_cards


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "loyalty",
        "the loyalty scheme: print loyalty cards",
        "The loyalty scheme: print customers' loyalty cards with a barcode the till scans.",
    )
    loyalty = p.add_subparsers(title="loyalty commands", metavar="COMMAND", required=True)
    loyalty_cards.add_to(loyalty)
