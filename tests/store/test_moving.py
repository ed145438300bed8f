"""Moving a card file into a shared card file and back (store/moving.py), on a real server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopcards.core.card import CardQuery
from shopcards.core.collation import Alphabet
from shopcards.core.errors import Cancelled, ServerUnreachable
from shopcards.core.progress import Progress
from shopcards.core.roles import Role
from shopcards.core.shared_address import SharedAddress
from shopcards.services import cards, demo
from shopcards.services.opening import open_session
from shopcards.store import card_list, moving, pg_schema, shared_file
from shopcards.store.cardfile import open_card_file
from shopcards.store.reads import Reads
from shopcards.store.shared_file import open_shared
from tests.shared_store import ServerForTests

TRICKY = (
    "tab\there\nnew line\r\\N not null \\ back\x1c\u2028 \x0b\x0c it's 'NULL', \"q\"\n\\.\n end"
)
"""What COPY's text or CSV must escape or quote, line endings, and its end-of-data mark."""
THIRD = 1 / 3
"""A REAL that reads back the same only when written with all its digits."""
TABLES = ("customers", "phones", "purchases", "changes", "search_words", "settings", "tags")


def _demo_shop(path: Path, customers: int = 60) -> None:
    session = open_session(path, Role.OWNER)
    try:
        demo.build_demo(session, customers_count=customers, seed=3)
    finally:
        session.close()


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_a_card_file_goes_in_and_comes_back_the_same(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    source = tmp_path / "shop.db"
    _demo_shop(source)
    pg_server.run("CREATE DATABASE moving_round TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    shared = open_shared(pg_server.address("moving_round"), None)
    card_file = open_card_file(source)
    steps: list[Progress] = []
    with card_file.write() as db:  # what COPY must escape, and a line ending it must not
        db.execute("UPDATE customers SET notes = ? WHERE id = 1", [TRICKY])
        db.execute("UPDATE customers SET is_staff = 1 WHERE id = 2")
        db.execute(
            "INSERT INTO letter_batches (created_at, created_by, template, kind, selection, "
            "holdout_share) VALUES ('2026-01-01', 'owner', '', 'post', '{}', ?)",
            [THIRD],
        )
    moving.into_server(card_file, shared, steps.append)
    moving.card_file_copy(shared, tmp_path / "back.db")
    back = open_card_file(tmp_path / "back.db")
    tables = [
        name
        for (name,) in card_file.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("customer_search")
    ]
    assert set(TABLES) <= set(tables)
    for table in tables:
        assert _rows(back.conn, table) == _rows(card_file.conn, table), table
    assert back.conn.execute("SELECT notes FROM customers WHERE id = 1").fetchone() == (TRICKY,)
    third = "SELECT count(*) FROM letter_batches WHERE holdout_share = ?"
    assert back.conn.execute(third, [THIRD]).fetchone() == (1,)
    assert back.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    assert back.conn.execute(schema).fetchall() == card_file.conn.execute(schema).fetchall()
    assert steps and steps[-1].done == steps[-1].total
    words = "SELECT count(*) FROM customer_search WHERE customer_search MATCH 'a*'"
    assert back.conn.execute(words).fetchone() == card_file.conn.execute(words).fetchone()
    shared.close()
    back.close()
    card_file.close()


def test_a_cancelled_move_leaves_the_server_empty(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    source = tmp_path / "shop.db"
    _demo_shop(source)
    pg_server.run("CREATE DATABASE moving_cancel TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    shared = open_shared(pg_server.address("moving_cancel"), None)

    def stop(step: Progress) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        moving.into_server(open_card_file(source), shared, stop)
    tables = shared.conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    ).fetchone()
    assert tables == (0,)
    shared.close()


def test_a_cancelled_copy_out_leaves_no_file_and_the_server_as_it_was(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    """Cancelled in the middle of a table's rows: the rows still on their way are read and
    dropped, so the connection is in step for the next statement, and no file is left."""
    source = tmp_path / "shop.db"
    _demo_shop(source)
    pg_server.run("CREATE DATABASE moving_out_cancel TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    shared = open_shared(pg_server.address("moving_out_cancel"), None)
    moving.into_server(open_card_file(source), shared, None)
    back = tmp_path / "back.db"

    def stop(step: Progress) -> None:
        if step.done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        moving.card_file_copy(shared, back, stop)
    assert list(tmp_path.glob("back.db*")) == []
    assert shared.conn.execute("SELECT count(*) FROM customers").fetchone() == (60,)
    shared.close()


def test_a_long_index_build_is_waited_for_and_a_short_wait_is_back_after(
    pg_server: ServerForTests, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The move builds its indexes in one statement each, minutes of the server's work on a
    big file: it must not be taken for a cut cable (it was, on 1,000,000 cards), and after it
    a statement the server does not answer is noticed as soon as before."""
    monkeypatch.setattr(shared_file, "CONNECT_TIMEOUT_S", 0.5)
    shared = open_shared(pg_server.address("postgres"), None)
    try:
        with shared.conn.unhurried(10):
            shared.conn.execute("SELECT pg_sleep(1)")
        with pytest.raises(ServerUnreachable):
            shared.conn.execute("SELECT pg_sleep(1)")
    finally:
        shared.close()


@pytest.mark.parametrize(
    "text", ["", "vi", "virtanen", "hel", "040", "+358 40", "anna kor", "ö", "zz"]
)
def test_the_shared_store_lists_what_the_card_file_lists(
    pg_server: ServerForTests, tmp_path: Path, text: str
) -> None:
    """The cabinet's search (store/shared_search.py) against the card file's, on one shop."""
    shared_address = _moved_demo(pg_server, tmp_path)
    card_file = open_card_file(tmp_path / "shop.db")
    shared = open_shared(shared_address, None)
    alphabet = Alphabet.for_locale("fi_FI")
    query = CardQuery(text=text)
    for after in (None, ("", 0)):
        on_file = card_list.page(card_file.db, query, alphabet, after, 25)
        on_server = card_list.page(shared.db, query, alphabet, after, 25)
        assert on_server == on_file
    assert card_list.count(shared.db, query, alphabet) == card_list.count(
        card_file.db, query, alphabet
    )
    shared.close()
    card_file.close()


@pytest.mark.parametrize("text", ["lai", "man", "oul e", "tur j", "oulu", "040"])
def test_the_shared_store_pages_drawers_and_archived_cards_as_the_card_file(
    pg_server: ServerForTests, tmp_path: Path, text: str
) -> None:
    """Page after page (a card whose words begin with the typed word twice, as in its name
    and e-mail, listed once), in a drawer, and among archived cards, the shared store's
    search lists and counts what the card file's does."""
    shared_address = _moved_demo(pg_server, tmp_path, customers=300, archived=60)
    card_file = open_card_file(tmp_path / "shop.db")
    shared = open_shared(shared_address, None)
    alphabet = Alphabet.for_locale("fi_FI")
    counts = []
    for query in (
        CardQuery(text=text),
        CardQuery(text=text, drawer="L"),
        CardQuery(text=text, archived=True),
    ):
        on_file = _every_page(card_file.db, query, alphabet)
        assert _every_page(shared.db, query, alphabet) == on_file
        assert card_list.count(shared.db, query, alphabet) == len(on_file)
        counts.append(len(on_file))
    assert counts[0] > 3 and counts[2] > 0  # more than a page, and some archived
    shared.close()
    card_file.close()


def _every_page(db: Reads, query: CardQuery, alphabet: Alphabet) -> list[int]:
    """The ids of every card of ``query``, read three at a time."""
    found: list[int] = []
    after = None
    while True:
        page = card_list.page(db, query, alphabet, after, 3)
        found.extend(card.id for card in page)
        if len(page) < 3:
            return found
        after = (page[-1].sort_key, page[-1].id)


_moved: dict[str, object] = {}


def _moved_demo(
    pg_server: ServerForTests, tmp_path: Path, customers: int = 60, archived: int = 0
) -> SharedAddress:
    name = f"search_{len(_moved)}"
    _moved[name] = True
    _demo_shop(tmp_path / "shop.db", customers)
    if archived:
        session = open_session(tmp_path / "shop.db", Role.OWNER)
        for card_id in range(1, archived + 1):
            cards.archive_card(session, card_id)
        session.close()
    pg_server.run(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'")
    address = pg_server.address(name)
    shared = open_shared(address, None)
    card_file = open_card_file(tmp_path / "shop.db")
    moving.into_server(card_file, shared, None)
    card_file.close()
    shared.close()
    return address


def test_the_moved_store_has_the_planners_figures_at_once(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    """Vacuumed and analysed as it is moved in: the first searches after `share` are planned
    on the rows' figures, and reports read the indexes alone, not a minute later when
    autovacuum would have looked."""
    shared = open_shared(_moved_demo(pg_server, tmp_path), None)
    try:
        figures = "SELECT count(*) FROM pg_stats WHERE tablename = ?"
        visible = "SELECT relallvisible FROM pg_class WHERE relname = ?"
        for table in ("customers", "search_words", "purchases"):
            assert shared.conn.execute(figures, [table]).fetchone()[0] > 0, table
            assert shared.conn.execute(visible, [table]).fetchone()[0] > 0, table
    finally:
        shared.close()


def test_the_moved_store_has_the_card_files_foreign_keys_and_keeps_them(
    pg_server: ServerForTests, tmp_path: Path
) -> None:
    """The foreign keys are added after the rows (store/pg_schema.py): all of them, with
    what they do when a card goes, and refusing a row that points nowhere."""
    address = _moved_demo(pg_server, tmp_path)
    card_file = open_card_file(tmp_path / "shop.db")
    keys = card_file.conn.execute(
        'SELECT m.name, f."from", f.on_delete FROM sqlite_master m, '
        "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
        "AND m.name NOT LIKE 'customer_search%'"
    ).fetchall()
    card_file.close()
    shared = open_shared(address, None)
    on_server = shared.conn.execute(
        "SELECT t.relname, a.attname, k.confdeltype FROM pg_constraint k "
        "JOIN pg_class t ON t.oid = k.conrelid "
        "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) "
        "WHERE k.contype = 'f'"
    ).fetchall()
    rules = {"CASCADE": "c", "SET NULL": "n", "NO ACTION": "a"}
    assert sorted(on_server) == sorted((t, c, rules[d]) for t, c, d in keys)
    with pytest.raises(sqlite3.IntegrityError), shared.write() as db:
        db.execute("UPDATE purchases SET customer_id = -1 WHERE id = 1")
    (card,) = shared.conn.execute("SELECT customer_id FROM purchases WHERE id = 1").fetchone()
    with shared.write() as db:
        db.execute("DELETE FROM customers WHERE id = ?", [card])
    left = "SELECT count(*) FROM purchases WHERE customer_id = ?"
    assert shared.conn.execute(left, [card]).fetchone() == (0,)
    assert shared.conn.execute("SELECT customer_id FROM purchases WHERE id = 1").fetchone() == (
        None,
    )
    shared.close()


def test_a_foreign_key_written_another_way_stays_in_its_table() -> None:
    """Only the migrations' own spelling of a key is taken out of CREATE TABLE to be added
    after the rows; any other is left whole, so no key is lost or left half-written."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE cards (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE inline (card INTEGER REFERENCES cards(id) ON DELETE CASCADE)")
    conn.execute("CREATE TABLE later (card INTEGER, FOREIGN KEY (card) REFERENCES cards(id))")
    schema = pg_schema.from_card_file(conn)
    made = {statement.split()[2]: statement for statement in schema.statements[3:6]}
    assert "REFERENCES" not in made["inline"]
    assert "REFERENCES cards(id)" in made["later"]
    assert schema.foreign_keys == (
        'ALTER TABLE "inline" ADD FOREIGN KEY ("card") REFERENCES "cards" ("id") '
        "ON UPDATE NO ACTION ON DELETE CASCADE",
    )
