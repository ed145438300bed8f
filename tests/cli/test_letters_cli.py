"""`shopcards letters`, `labels` and `envelopes` as the owner types them, PIN and all."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import letters_sent
from shopcards.services.opening import open_session
from shopcards.services.settings import update_settings
from tests.cli.run import shopcards, shopcards_process
from tests.conftest import PIN, set_test_pin
from tests.letters_shop import build_shop, names_on, page_texts


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    ids = build_shop(session)
    set_test_pin(session)
    session.close()
    return db, ids


def test_help_of_the_real_process_lists_the_selections(tmp_path: Path) -> None:
    """`python -m shopcards COMMAND --help` itself: exit status 0, the epilog as written."""
    for command in ("letters", "labels", "envelopes"):
        done = shopcards_process(command, "--help", home=tmp_path)
        assert done.returncode == 0
        for example in (
            "all",
            "ids:1,2,3",
            "birthdays:2026-12-01..2026-12-31",
            "greeting:hanukkah",
        ):
            assert f"\n  {example} " in done.stdout


def test_letters_print_lists_who_is_left_out_and_record_the_sends(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, ids = shop
    out = tmp_path / "quarterly.pdf"
    done = shopcards(
        "letters",
        "--template",
        "Quarterly letter to regular customers",
        "--to",
        "all",
        "--out",
        str(out),
        "--households",
        "--db",
        str(db),
        home=tmp_path,
        pin=PIN,
    )
    assert done.returncode == 0, done.stderr
    assert "Left out (3):" in done.stdout
    assert "Söderberg, Erik: no postal address" in done.stdout
    assert "Smith, John: said no to post" in done.stdout
    assert "4 letters to 5 customers; 3 left out: 4 pages, written to" in done.stdout
    assert "Recorded on each card as sent" in done.stdout
    assert "held back" not in done.stdout.lower()  # nobody, unless asked for
    assert {frozenset(names_on(text)) for text in page_texts(out)} == {
        frozenset({"anna", "mikko"}),
        frozenset({"david"}),
        frozenset({"aram"}),
        frozenset({"paivi"}),
    }
    session = open_session(db)
    try:
        assert letters_sent.last_sent(session, ids["aram"]).letter is not None
    finally:
        session.close()


def test_a_batch_needs_the_pin_but_one_card_does_not(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, ids = shop
    out = tmp_path / "x.pdf"
    refused = shopcards(
        "letters",
        "--template",
        "welcome",
        "--to",
        "all",
        "--out",
        str(out),
        "--db",
        str(db),
        home=tmp_path,
    )
    assert refused.returncode == 2
    assert "owner's PIN" in refused.stderr and not out.exists()
    wrong = shopcards(
        "labels", "--to", "all", "--out", str(out), "--db", str(db), home=tmp_path, pin="0000"
    )
    assert wrong.returncode == 2 and not out.exists()
    one = shopcards(
        "letters",
        "--template",
        "birthday",
        "--to",
        f"ids:{ids['paivi']}",
        "--out",
        str(out),
        "--db",
        str(db),
        home=tmp_path,
    )
    assert one.returncode == 0, one.stderr
    assert "Dear Päivi" in page_texts(out)[0]


def test_a_misspelled_field_in_a_template_file_is_named_with_its_place(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = shop
    template = tmp_path / "spring.txt"
    template.write_text(
        "name: Spring\nkind: letter\n---\n{salutation},\n\nSee you, {gven_name}!\n",
        encoding="utf-8",
    )
    out = tmp_path / "spring.pdf"
    done = shopcards(
        "letters",
        "--template",
        str(template),
        "--to",
        "all",
        "--out",
        str(out),
        "--db",
        str(db),
        home=tmp_path,
        pin=PIN,
    )
    assert done.returncode == 2
    assert (
        "spring.txt: Line 6, column 10: unknown merge field {gven_name}; did you mean {given_name}?"
    ) in done.stderr
    assert not out.exists()


def test_labels_and_envelopes(shop: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, _ = shop
    labels = shopcards(
        "labels",
        "--to",
        "greeting:christmas",
        "--out",
        str(tmp_path / "l.pdf"),
        "--start-at",
        "4",
        "--db",
        str(db),
        home=tmp_path,
        pin=PIN,
    )
    assert labels.returncode == 0, labels.stderr
    assert "2 labels to 2 customers; 1 left out: 1 page, written to" in labels.stdout
    envelopes = shopcards(
        "envelopes",
        "--to",
        "birthdays:2026-12-01..2026-12-31",
        "--out",
        str(tmp_path / "e.pdf"),
        "--summary",
        "--db",
        str(db),
        home=tmp_path,
        pin=PIN,
    )
    assert envelopes.returncode == 0, envelopes.stderr
    assert "1  no postal address" in envelopes.stdout
    assert len(page_texts(tmp_path / "e.pdf")) == 2


def test_list_templates_and_a_bad_selection(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = shop
    listed = shopcards("letters", "--list-templates", "--db", str(db), home=tmp_path)
    assert "card_hanukkah" in listed.stdout and "Hanukkah card (built in)" in listed.stdout
    bad = shopcards(
        "envelopes",
        "--to",
        "everyone",
        "--out",
        str(tmp_path / "e.pdf"),
        "--db",
        str(db),
        home=tmp_path,
        pin=PIN,
    )
    assert bad.returncode == 2 and "is not a selection" in bad.stderr


def _quarterly(db: Path, out: Path, *options: str) -> list[str]:
    return [
        "letters",
        "--template",
        "letter_quarterly",
        "--to",
        "all",
        "--out",
        str(out),
        "--db",
        str(db),
        *options,
    ]


def test_letters_hold_back_nobody_unless_asked_even_with_a_share_in_the_settings(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = shop
    session = open_session(db, Role.OWNER)
    update_settings(session, holdout_share=0.5)
    session.close()
    done = shopcards(*_quarterly(db, tmp_path / "q.pdf"), home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert "5 letters to 5 customers; 3 left out: 5 pages" in done.stdout
    assert "held back" not in done.stdout.lower()


def test_a_hold_out_asked_for_lists_who_was_held_back(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = shop
    out = tmp_path / "q.pdf"
    done = shopcards(*_quarterly(db, out, "--hold-out", "40%"), home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert "3 letters to 3 customers; 3 left out; 2 customers held back to compare" in done.stdout
    listed = done.stdout.split("Held back to measure the effect (2):\n")[1].splitlines()[:2]
    held = {short for line in listed for short in names_on(line)}
    assert len(held) == 2 and all(line.strip()[:7].isdigit() for line in listed)
    printed = {short for text in page_texts(out) for short in names_on(text)}
    assert not held & printed and len(printed) == 3


def test_a_hold_out_out_of_range_is_refused_before_anything_is_printed(
    shop: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = shop
    out = tmp_path / "q.pdf"
    done = shopcards(*_quarterly(db, out, "--hold-out", "60"), home=tmp_path, pin=PIN)
    assert done.returncode == 2
    assert "hold back between 0 and 50 per cent, not 60" in done.stderr
    assert not out.exists()
