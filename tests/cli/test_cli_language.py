"""The command line in the language asked for: our words and argparse's own."""

from __future__ import annotations

from pathlib import Path

from shopcards.core import i18n
from tests.cli.run import shopcards


def test_help_in_finnish_has_argparses_words_and_ours(tmp_path: Path) -> None:
    ran = shopcards("--lang", "fi", "--help", home=tmp_path)
    assert ran.returncode == 0
    assert ran.stdout.startswith("käyttö: shopcards")
    assert "Pienen kaupan asiakaskortisto. Ilman komentoa avaa ikkunan." in ran.stdout
    assert "\nvalinnat:\n" in ran.stdout
    assert "näytä tämä ohje ja lopeta" in ran.stdout
    assert "options:" not in ran.stdout


def test_a_wrong_command_is_refused_in_romanian_with_the_choices_kept(tmp_path: Path) -> None:
    ran = shopcards("--lang", "ro", "no-such-command", home=tmp_path)
    assert ran.returncode == 2
    assert "shopcards: eroare: argumentul COMANDĂ: alegere nevalidă: 'no-such-command'" in (
        ran.stderr
    )
    assert "'backup'" in ran.stderr


def test_an_unknown_language_names_the_five_there_are(tmp_path: Path) -> None:
    ran = shopcards("--lang", "xx", "--help", home=tmp_path)
    assert ran.returncode == 2
    for language in i18n.LANGUAGES.values():
        assert f"{language.code} ({language.name})" in ran.stderr
    assert "'xx'" in ran.stderr


def test_help_in_english_is_unchanged(tmp_path: Path) -> None:
    ran = shopcards("--lang", "en", "--help", home=tmp_path)
    assert ran.stdout.startswith("usage: shopcards")
    assert "\noptions:\n" in ran.stdout
