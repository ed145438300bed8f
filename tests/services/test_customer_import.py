"""Importing customers into a real card file: the preview's classes and duplicate rules, the
owner's decisions, all rows or none, the batch in the change log, its undo, saved mappings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from shopcards.core.card import CardQuery, CardSummary, Consent, JoinedVia, Phone
from shopcards.core.customer_headings import Field
from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import Cancelled, PermissionDenied, ShopError
from shopcards.core.progress import Progress
from shopcards.core.purchase import PurchaseInput
from shopcards.core.roles import Role
from shopcards.services import cards, customer_mappings, purchases
from shopcards.services.customer_files import read_customer_file
from shopcards.services.customer_import import Decision, Preview, Status, preview, save
from shopcards.services.customer_import_undo import undo_import
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import FIXED_NOW, card_input
from tests.store.test_old_card_files import OLD_FILES, old_card_file

HEADINGS = ("Card", "First", "Last", "Phone", "E-mail", "Postcode", "Birthday", "Letters")
MAPPING = {
    0: Field.card_no,
    1: Field.given_name,
    2: Field.family_name,
    3: Field.phone,
    4: Field.email,
    5: Field.postcode,
    6: Field.birthday,
    7: Field.consent_post,
}


def _table(*rows: tuple[str, ...], name: str = "regulars.csv") -> CustomerTable:
    padded = tuple((*row, *("",) * (len(HEADINGS) - len(row))) for row in rows)
    return CustomerTable(f"/somewhere/{name}", "csv", HEADINGS, padded, 2)


@pytest.fixture
def shop(owner: Session) -> dict[str, str]:
    """Anna (phone, e-mail, postcode, birthday) in a Finnish shop."""
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    anna = cards.add_card(
        owner,
        card_input(
            "Anna",
            "Virtanen",
            email="anna@example.fi",
            phones=[("", "040 123 4567")],
            postcode="00100",
            birthday="1980-03-15",
        ),
    )
    return {"anna": anna.card_no}


def _preview(session: Session, table: CustomerTable) -> Preview:
    return preview(session, table, MAPPING)


def _search(session: Session, text: str) -> list[CardSummary]:
    return cards.list_cards(session, CardQuery(text=text))


def _statuses(result: object) -> list[tuple[int, str]]:
    return [(row.row, row.status.value) for row in result.rows]  # type: ignore[attr-defined]


def test_every_row_is_classified_with_its_reason(owner: Session, shop: dict[str, str]) -> None:
    result = _preview(
        owner,
        _table(
            ("", "Mikko", "Äijälä", "050 765 4321"),
            (shop["anna"], "Anna", "Virtanen", "", "", "", "", "x"),
            ("", "Liisa", "Koski", "+358 40 1234567"),
            ("", "Pekka", "Nieminen", "", "ANNA@EXAMPLE.FI"),
            ("", "Ana", "Virtanen", "", "", "001 00"),
            ("", "Virtanen", "Anna", "", "", "", "15.3.1980"),
            ("", "Mikko", "Aijala", "0507654321"),
            ("", "Bo", "Berg", "", "", "", "2026-02-30"),
            (),
            ("18", "Eva", "Lind"),
        ),
    )
    assert _statuses(result) == [
        (2, "new"),
        (3, "update"),
        (4, "duplicate"),
        (5, "duplicate"),
        (6, "duplicate"),
        (7, "duplicate"),
        (8, "duplicate"),
        (9, "refused"),
        (11, "update"),
    ]
    anna = f"card {shop['anna']} (Virtanen, Anna)"
    reasons = {row.row: row.reason for row in result.rows}
    assert reasons[4] == f"same phone +358401234567 as {anna}"
    assert reasons[5] == f"same e-mail as {anna}"
    assert reasons[6] == f"close name, same postcode as {anna}"
    assert reasons[7] == f"close name, same birthday as {anna}"
    assert reasons[8] == "same phone +358507654321 as row 2"
    assert reasons[9] == "“2026-02-30” is not a date: 30 February 2026 does not exist"
    assert result.rows[7].column == "Birthday"
    assert result.rows[-1].reason == "card number 18"  # a spreadsheet's 0000018


def test_a_refusal_names_the_row_the_file_shows_after_blank_lines_and_long_cells(
    owner: Session, tmp_path: Path
) -> None:
    """Rows are numbered as a spreadsheet opening the file numbers them, not by their place
    among the rows read: a blank line is a row of its own there, a cell over two lines is not."""
    path = tmp_path / "regulars.csv"
    path.write_text(
        "Card,First,Last,Phone,E-mail,Postcode,Birthday,Letters\n"
        ',Mikko,Äijälä,,,,"1980-01-02",\n'
        "\n"
        ',Liisa,"Koski\nsecond line",,,,,\n'
        ",Bo,Berg,,,,2026-02-30,\n",
        encoding="utf-8",
    )
    table = read_customer_file(path)
    assert table.first_row == 2
    result = _preview(owner, table)
    refused = [row for row in result.rows if row.status is Status.REFUSED]
    assert [(row.row, row.column) for row in refused] == [(4, "Last"), (5, "Birthday")]
    assert [row.row for row in result.rows] == [2, 4, 5]


def test_a_clerk_cannot_import(clerk: Session, shop: dict[str, str]) -> None:
    with pytest.raises(PermissionDenied):
        _preview(clerk, _table(("", "Mikko", "Äijälä")))


def test_new_cards_are_saved_as_one_batch_in_the_change_log(
    owner: Session, shop: dict[str, str]
) -> None:
    result = _preview(
        owner,
        _table(
            ("", "Mikko", "Äijälä", "050 765 4321", "", "", "", "kyllä"),
            (shop["anna"], "Anna", "Virtanen", "09 555 1234", "", "", "--03-15", "no"),
        ),
    )
    saved = save(owner, result)
    assert (saved.added, saved.updated, saved.skipped) == (1, 1, 0)
    (mikko,) = _search(owner, "Äijälä")
    card = cards.get_card(owner, mikko.id)
    assert card.joined_via is JoinedVia.IMPORT and card.consent_post is Consent.YES
    assert card.phones == (Phone("+358507654321", ""),)
    log = owner.db.execute(
        "SELECT entity, entity_id, action, details FROM changes WHERE action LIKE '%import%' "
        "ORDER BY id"
    ).fetchall()
    assert [(e, a) for e, _, a, _ in log] == [
        ("customer", "imported"),
        ("customer", "import_updated"),
        ("card_file", "customers_imported"),
    ]
    added, updated, batch = (json.loads(details) for *_, details in log)
    assert added == {
        "batch": saved.batch,
        "row": 2,
        "consent": {"post": "yes"},
        "consent_via": "import",
    }
    assert updated["values"]["before"] == {
        "phones": [["+358401234567", ""]],
        "birthday": "1980-03-15",
        "consent_post": "not_asked",
    }
    assert batch == {
        "batch": saved.batch,
        "file": "regulars.csv",
        "added": 1,
        "updated": 1,
        "skipped": 0,
    }


def test_duplicates_as_decided_per_row_or_for_all(owner: Session, shop: dict[str, str]) -> None:
    table = _table(
        ("", "Anna", "Virtanen-Koski", "040 123 4567"),
        ("", "Pekka", "Nieminen", "", "anna@example.fi"),
        ("", "Ana", "Virtanen", "", "", "00100"),
    )
    with pytest.raises(ShopError, match=r"3 rows may be customers you already have \(2, 3, 4\)"):
        save(owner, _preview(owner, table))
    saved = save(
        owner,
        _preview(owner, table),
        decisions={2: Decision.UPDATE, 3: Decision.ADD},
        for_all=Decision.SKIP,
    )
    assert (saved.added, saved.updated, saved.skipped) == (1, 1, 1)
    anna = cards.find_card_no(owner, shop["anna"])
    assert anna is not None and anna.family_name == "Virtanen-Koski"
    assert [c.family_name for c in _search(owner, "Nieminen")] == ["Nieminen"]


def test_refused_rows_save_nothing(owner: Session, shop: dict[str, str]) -> None:
    table = _table(("", "Mikko", "Äijälä"), ("", "Bo", "", "12"))
    with pytest.raises(ShopError, match="row 3, column Phone: “12” has the wrong number"):
        save(owner, _preview(owner, table))
    assert _search(owner, "Äijälä") == []


def test_row_5000_of_10000_failing_at_save_leaves_nothing(owner: Session) -> None:
    rows = [("", f"Given{n}", f"Family{n}") for n in range(10_000)]
    result = _preview(owner, _table(*rows))
    owner.db.execute(
        "CREATE TEMP TRIGGER fail_5000 BEFORE INSERT ON customers "
        "WHEN NEW.family_name = 'Family4998' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        save(owner, result, for_all=Decision.ADD)
    assert owner.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    assert owner.db.execute("SELECT count(*) FROM customer_import_batches").fetchone()[0] == 0
    assert (
        owner.db.execute("SELECT count(*) FROM changes WHERE action = 'imported'").fetchone()[0]
        == 0
    )


def test_a_cancel_keeps_nothing(owner: Session) -> None:
    table = _table(*[("", f"G{n}", f"F{n}") for n in range(5_000)])
    told: list[int] = []

    def stop(step: Progress) -> None:
        told.append(step.done)
        if step.done >= 2_000:
            raise Cancelled()

    with pytest.raises(Cancelled):
        preview(owner, table, MAPPING, progress=stop)
    assert told == [2_000]
    with pytest.raises(Cancelled):
        save(owner, _preview(owner, table), progress=stop)
    assert owner.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_imported_cards_are_found_by_the_search_box(owner: Session) -> None:
    save(owner, _preview(owner, _table(("", "Zoë", "Ångström", "+358 40 9876543"))))
    assert [c.family_name for c in _search(owner, "angstrom")] == ["Ångström"]
    assert [c.family_name for c in _search(owner, "0409876543")] == ["Ångström"]


def test_undo_takes_the_batch_back_the_same_day(owner: Session, shop: dict[str, str]) -> None:
    before = cards.find_card_no(owner, shop["anna"])
    result = _preview(
        owner,
        _table(
            ("", "Mikko", "Äijälä"),
            (shop["anna"], "", "Virtanen-Koski", "09 555 1234", "", "", "", "yes"),
        ),
    )
    saved = save(owner, result)
    undone = undo_import(owner, saved.batch)
    assert (undone.removed, undone.restored) == (1, 1)
    assert _search(owner, "Äijälä") == []
    after = cards.find_card_no(owner, shop["anna"])
    assert after is not None and before is not None
    assert (after.family_name, after.phones, after.consent_post) == (
        before.family_name,
        before.phones,
        before.consent_post,
    )
    with pytest.raises(ShopError, match="was undone at"):
        undo_import(owner, saved.batch)


def test_undo_is_refused_naming_cards_used_or_edited_since(
    owner: Session, shop: dict[str, str]
) -> None:
    saved = save(
        owner,
        _preview(owner, _table(("", "Mikko", "Äijälä"), (shop["anna"], "", "Virtanen-Koski"))),
    )
    (mikko,) = _search(owner, "Äijälä")
    purchases.record_purchase(owner, mikko.id, PurchaseInput("12.50"))
    anna = cards.find_card_no(owner, shop["anna"])
    assert anna is not None
    cards.update_card(owner, anna, card_input("Anna", "Koski"))
    with pytest.raises(ShopError) as refused:
        undo_import(owner, saved.batch)
    assert refused.value.message == (
        f"Import {saved.batch} (regulars.csv) was not undone, as some of its cards were edited "
        f"since: cards {shop['anna']}; and some with purchases, calls, letters or entries "
        f"recorded since: cards {mikko.card_no}. Nothing was changed."
    )
    assert len(_search(owner, "Äijälä")) == 1


def test_undo_only_the_same_day_and_by_the_owner(
    owner: Session, clerk: Session, shop: dict[str, str]
) -> None:
    saved = save(owner, _preview(owner, _table(("", "Mikko", "Äijälä"))))
    with pytest.raises(PermissionDenied):
        undo_import(clerk, saved.batch)
    owner.db.execute("UPDATE customer_import_batches SET at = '2026-11-22T09:00:00'")
    with pytest.raises(ShopError, match="only be undone the day it was made"):
        undo_import(owner, saved.batch)


def test_a_saved_mapping_comes_back_for_a_file_with_the_same_headings(owner: Session) -> None:
    customer_mappings.save_mapping(owner, "old till", HEADINGS, MAPPING)
    assert customer_mappings.mapping_named(owner, "old till", HEADINGS) == MAPPING
    reordered = (*HEADINGS[::-1], "Extra")
    found = customer_mappings.matching(owner, reordered)
    assert found is not None and found[0] == "old till"
    assert found[1] == {len(HEADINGS) - 1 - i: f for i, f in MAPPING.items()}
    assert customer_mappings.matching(owner, ("Something", "else")) is None
    with pytest.raises(ShopError, match="no saved mapping “new till”"):
        customer_mappings.mapping_named(owner, "new till", HEADINGS)


def test_an_old_release_file_takes_an_import_and_its_undo(tmp_path: Path) -> None:
    """m015 adds the batch tables to a file made by an old release, with its cards in."""
    path = old_card_file(OLD_FILES[-1], tmp_path)
    session = open_session(path, Role.OWNER)
    try:
        session.clock = lambda: FIXED_NOW
        known = session.db.execute("SELECT count(*) FROM customers").fetchone()[0]
        saved = save(session, _preview(session, _table(("", "Mikko", "Äijälä"))))
        assert session.db.execute("SELECT count(*) FROM customers").fetchone()[0] == known + 1
        undo_import(session, saved.batch)
        assert session.db.execute("SELECT count(*) FROM customers").fetchone()[0] == known
    finally:
        session.close()


def test_a_card_number_not_in_the_file_makes_a_new_card_with_a_number_of_its_own(
    owner: Session, shop: dict[str, str]
) -> None:
    (row,) = _preview(owner, _table(("4242", "Eva", "Lind"))).rows
    assert (row.status, row.reason) == (
        Status.NEW,
        "card number 4242 is not in this card file: a new one is given",
    )
