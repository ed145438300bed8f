"""The command line in the language asked for: our words and argparse's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core import i18n
from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin


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


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (1, "S-a importat 1 cumpărătură."),
        (2, "S-au importat 2 cumpărături."),
        (20, "S-au importat 20 de cumpărături."),
    ],
)
def test_the_import_report_takes_romanians_three_plural_forms(
    tmp_path: Path, rows: int, said: str
) -> None:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    card_no = cards.add_card(session, card_input()).card_no
    set_test_pin(session)
    session.close()
    export = tmp_path / "till.csv"
    lines = "".join(f"2024-11-{day:02d};12,50;{card_no}\n" for day in range(1, rows + 1))
    export.write_text(f"date;amount;card\n{lines}", encoding="utf-8")
    ran = shopcards(
        "--lang", "ro", "import-purchases", str(export), "--db", str(db), home=tmp_path, pin=PIN
    )
    assert ran.returncode == 0, ran.stderr
    assert said in ran.stdout.splitlines()
    assert "  rândul 2: fișa 0000018 după numărul fișei, 12,50\xa0EUR pe 2024-11-01" in ran.stdout


def test_hebrew_on_the_terminal_carries_no_bidi_isolates(tmp_path: Path) -> None:
    """A terminal runs no bidi algorithm: the isolates a Hebrew message puts around a path
    (core/i18n.py) are taken out of standard output and standard error alike."""
    db = tmp_path / "shop.db"
    made = shopcards("--lang", "he", "demo", "--customers", "5", "--db", str(db), home=tmp_path)
    assert made.returncode == 0
    missing = tmp_path / "nothere.db"
    checked = shopcards("--lang", "he", "check", "--db", str(missing), home=tmp_path)
    assert checked.returncode != 0
    said = made.stdout + made.stderr + checked.stdout + checked.stderr
    assert str(db) in said and str(missing) in said and "כרטיס" in said
    assert "\u2068" not in said and "\u2069" not in said
