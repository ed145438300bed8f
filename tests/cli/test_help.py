"""Every command's ``--help``: readable in a 100-column terminal, with a description, and
advertising only options the command takes."""

from __future__ import annotations

import argparse
import re

import pytest

from shopcards.cli import build_parser


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **commands.choices}


def _summaries() -> dict[str, str]:
    """Each command's line in ``shopcards --help``."""
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {action.dest: action.help or "" for action in commands._choices_actions}


COMMANDS = sorted(_commands())


@pytest.fixture(autouse=True)
def _terminal_100_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize("name", COMMANDS)
def test_help_fits_100_columns_and_describes_the_command(name: str) -> None:
    parser = _commands()[name]
    text = parser.format_help()
    long = [line for line in text.splitlines() if len(line) > 100]
    assert not long, f"shopcards {name} --help has lines over 100 characters: {long}"
    assert parser.description, f"shopcards {name} --help has no description"
    if name:
        assert _summaries()[name], f"shopcards --help says nothing about {name}"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_advertises_only_options_the_command_takes(name: str) -> None:
    parser = _commands()[name]
    text = parser.format_help()
    taken = set(parser._option_string_actions)
    advertised = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text))
    assert advertised <= taken, f"shopcards {name} --help mentions {advertised - taken}"
    for action in parser._actions:
        if action.help is not argparse.SUPPRESS and action.option_strings:
            assert action.help, f"shopcards {name}: {action.option_strings} has no help"


@pytest.mark.parametrize("name", ["demo", "backup", "restore", "check"])
def test_the_card_file_commands_have_their_own_description(name: str) -> None:
    description = _commands()[name].description or ""
    assert len(description) > 60


def test_report_takes_as_of_not_to_in_its_help() -> None:
    text = _commands()["report"].format_help()
    assert "--as-of YYYY-MM-DD" in text and "--to" not in text
