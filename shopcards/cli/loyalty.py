"""`shopcards loyalty …`: the loyalty scheme's commands (here: ``tiers``)."""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, loyalty_tiers


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(commands, "loyalty", "the loyalty scheme", "The loyalty scheme's commands.")
    loyalty = p.add_subparsers(title="commands", metavar="COMMAND", required=True)
    loyalty_tiers.add_to(loyalty)
