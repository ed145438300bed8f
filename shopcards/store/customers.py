"""Cards in and out of the ``customers`` table, its phones, interests and search index."""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from shopcards.core.card import (
    Card,
    CardSummary,
    Consent,
    CustomerType,
    JoinedVia,
    PartialDate,
    Phone,
)
from shopcards.core.card_numbers import check_digit
from shopcards.core.collation import Alphabet
from shopcards.core.consent import How
from shopcards.core.errors import Conflict, NotFound
from shopcards.core.i18n import _
from shopcards.core.search import query_words
from shopcards.store import card_ids, consents, search_index, shared_search
from shopcards.store.dialect import is_postgres
from shopcards.store.list_rows import SUMMARY_COLUMNS, summary
from shopcards.store.reads import Reads

if TYPE_CHECKING:
    from shopcards.store.handle import Database

_FORM = How.FORM
_PLAIN_FIELDS = (
    "title",
    "salutation",
    "given_name",
    "family_name",
    "postcode",
    "city",
    "country",
    "email",
    "anniversary",
    "anniversary_what",
    "greeting",
    "notes",
)


def insert(db: Database, card: Card, alphabet: Alphabet, actor: str, now: str) -> Card:
    """Store a new card; it gets its id and a card number printed on the customer's card.
    Each consent given is recorded as given the way the card came (till slip, form)."""
    (card_id,) = card_ids.new_ids(db, 1)
    card_no = card.card_no or card_number(card_id)
    row = _row(card, alphabet) | {
        "id": card_id,
        "card_no": card_no,
        "created_at": now,
        "created_by": actor,
        "updated_at": now,
        "updated_by": actor,
        "version": 1,
    }
    db.execute(
        f"INSERT INTO customers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    _write_children(db, card_id, card)
    search_index.index_card(db, card_id, card, card_no)
    consents.record_new(db, [card_id], [card], now, actor)
    return get(db, card_id)


def insert_many(
    db: Database, cards: list[Card], alphabet: Alphabet, actor: str, now: str
) -> list[int]:
    """Store many new cards at once (an import or a demo shop): a few statements, not thousands.

    A card's own ``created_at`` is kept (a demo customer who joined years ago); otherwise it
    is ``now``. Run inside the caller's transaction; returns the new ids in order.
    """
    ids = list(card_ids.new_ids(db, len(cards)))
    filing = _filing(alphabet)
    rows = [
        _row(card, filing)
        | {
            "id": card_id,
            "card_no": card_number(card_id),
            "created_at": card.created_at or now,
            "created_by": actor,
            "updated_at": card.created_at or now,
            "updated_by": actor,
            "version": 1,
        }
        for card_id, card in zip(ids, cards, strict=True)
    ]
    columns = list(rows[0]) if rows else []
    db.conn.executemany(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [list(row.values()) for row in rows],
    )
    db.conn.executemany(
        "INSERT INTO phones (customer_id, number, label) VALUES (?, ?, ?)",
        [
            (card_id, p.number, p.label)
            for card_id, card in zip(ids, cards, strict=True)
            for p in card.phones
        ],
    )
    _write_many_tags(db, list(zip(ids, [card.interests for card in cards], strict=True)))
    words = search_index.many_search_words(
        (card, row["card_no"]) for row, card in zip(rows, cards, strict=True)
    )
    search_index.index_many(
        db, ((row["id"], row["sort_key"], w) for row, w in zip(rows, words, strict=True))
    )
    consents.record_new(db, ids, cards, now, actor)
    return ids


def update(
    db: Database, card: Card, base: Card, alphabet: Alphabet, actor: str, now: str, how: How = _FORM
) -> Card:
    """Save ``card`` over the stored one, unless somebody else saved it since ``base`` was read.
    A consent it changes is recorded as given ``how``.

    Raises Conflict naming the fields the other desk changed, so the user can reload or keep
    theirs; nothing is overwritten silently.
    """
    assert base.id is not None
    current = get(db, base.id)
    if current.version != base.version:
        changed = [
            f.name
            for f in fields(Card)
            if f.name not in ("version", "updated_at")
            and getattr(current, f.name) != getattr(base, f.name)
        ]
        raise Conflict(
            _(
                "{name}'s card was changed at another desk ({when}) since you opened it.",
                name=current.display_name,
                when=current.updated_at,
            ),
            changed,
        )
    row = _row(card, alphabet) | {
        "updated_at": now,
        "updated_by": actor,
        "version": current.version + 1,
    }
    assignments = ", ".join(f"{name} = ?" for name in row)
    db.execute(f"UPDATE customers SET {assignments} WHERE id = ?", [*row.values(), base.id])
    db.execute("DELETE FROM phones WHERE customer_id = ?", [base.id])
    db.execute("DELETE FROM customer_tags WHERE customer_id = ?", [base.id])
    _write_children(db, base.id, card)
    search_index.index_card(db, base.id, card, current.card_no)
    consents.record_changes(db, base.id, current, card, how, now, actor)
    return get(db, base.id)


def refile_all(db: Database, alphabet: Alphabet, where: str = "TRUE") -> None:
    """Recompute every card's sort key and drawer (the shop changed its locale), or those of
    the cards ``where`` (an SQL condition) picks; their search words are filed again under
    the new keys."""
    rows = db.execute(f"SELECT id, family_name, given_name FROM customers WHERE {where}").fetchall()
    every = where == "TRUE"
    some = [] if every else [card_id for card_id, _family, _given in rows]
    for card_id in some:
        search_index.unfile_card(db, card_id)
    db.conn.executemany(
        "UPDATE customers SET sort_key = ?, drawer = ? WHERE id = ?",
        [
            (alphabet.sort_key(family, given), alphabet.drawer(family, given), card_id)
            for card_id, family, given in rows
        ],
    )
    for card_id in some:
        search_index.file_card(db, card_id)
    if every:
        search_index.refile_all_words(db)


def set_archived(db: Database, card_id: int, archived_at: str | None, actor: str) -> None:
    """Archive the card (``archived_at``) or bring it back (None); an archived card's words
    are not filed in alphabetical order (search_index)."""
    search_index.unfile_card(db, card_id)
    cursor = db.execute(
        "UPDATE customers SET archived_at = ?, updated_at = coalesce(?, updated_at), "
        "updated_by = ?, version = version + 1 WHERE id = ?",
        [archived_at, archived_at, actor, card_id],
    )
    if cursor.rowcount == 0:
        raise NotFound(_("There is no card number {card_id}", card_id=card_id))
    search_index.file_card(db, card_id)


def erase(db: Database, card_id: int) -> None:
    """Delete the card, with its phones, interests, calls, letters sent and drawing entries
    (cascades) and its words in the search index; purchases stay, their card left empty.

    The index's old segments still hold the words until they are merged: store/erasure.py
    does that once for a whole erasure, with what else names the person.
    """
    search_index.drop_card(db, card_id)
    cursor = db.execute("DELETE FROM customers WHERE id = ?", [card_id])
    if cursor.rowcount == 0:
        raise NotFound(
            _(
                "There is no card with id {card_id}; it may have been erased already",
                card_id=card_id,
            )
        )


def get(db: Database, card_id: int) -> Card:
    row = db.execute("SELECT * FROM customers WHERE id = ?", [card_id]).fetchone()
    if row is None:
        raise NotFound(
            _("There is no card with id {card_id}; it may have been erased", card_id=card_id)
        )
    names = [d[0] for d in db.execute("SELECT * FROM customers LIMIT 0").description]
    return _card(db, dict(zip(names, row, strict=True)))


def find_by_card_no(db: Database, card_no: str) -> int | None:
    """The card with the number, or the card a merged card with it went into."""
    row = db.execute(
        "SELECT id FROM customers WHERE card_no = ?1 "
        "UNION ALL SELECT merged_into FROM merged_cards WHERE card_no = ?1 LIMIT 1",
        [card_no.strip()],
    ).fetchone()
    return None if row is None else int(row[0])


def card_no_forms(typed: str) -> tuple[str, str]:
    """The card number as a file gives it and as issued: a spreadsheet turns "0000018" into 18,
    so an import also looks a shorter number up with its leading zeros put back. (Not at the
    till: there "4567" and Enter may be the end of a phone number.)"""
    text = typed.strip().replace(" ", "")
    width = len(card_number(0))
    padded = text.zfill(width) if text.isdigit() and len(text) < width else text
    return text, padded


def interest_names(db: Database) -> list[str]:
    return [name for (name,) in db.execute("SELECT name FROM tags ORDER BY name").fetchall()]


def drawers_in_use(db: Reads) -> set[str]:
    """The drawers that hold a card not archived: one index seek per drawer (counting them
    read a million index entries at each start of a big card file, issue 12)."""
    rows = db.execute(
        """
        WITH RECURSIVE filled(drawer) AS (
            SELECT min(drawer) FROM customers WHERE archived_at IS NULL
            UNION ALL
            SELECT (
                SELECT min(drawer) FROM customers
                WHERE archived_at IS NULL AND drawer > filled.drawer
            )
            FROM filled WHERE filled.drawer IS NOT NULL
        )
        SELECT drawer FROM filled WHERE drawer IS NOT NULL
        """
    ).fetchall()
    return {str(drawer) for (drawer,) in rows}


def likely_duplicates(db: Database, card: Card, limit: int = 5) -> list[CardSummary]:
    """Cards that may be this same person: same phone, same e-mail, or same name and postcode."""
    clauses = ["c.email != '' AND lower(c.email) = lower(?)"]
    params: list[Any] = [card.email]
    for phone in card.phones:
        clauses.append("c.id IN (SELECT customer_id FROM phones WHERE number = ?)")
        params.append(phone.number)
    if card.postcode:
        same_name, words = _same_name(db, card)
        clauses.append(f"c.postcode = ? AND {same_name}")
        params.extend([card.postcode, *words])
    exclude = "" if card.id is None else f"c.id != {int(card.id)} AND "
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM customers c WHERE {exclude}erased_at IS NULL AND "
        f"({' OR '.join(f'({c})' for c in clauses)}) ORDER BY c.sort_key LIMIT ?"
    )
    rows = db.execute(sql, [*params, limit]).fetchall()
    return [summary(row) for row in rows]


def card_number(card_id: int) -> str:
    """A card number with a check digit (Luhn), so a mistyped or misread number is not a card."""
    digits = f"{card_id:06d}"
    return digits + check_digit(digits)


def _same_name(db: Reads, card: Card) -> tuple[str, list[str]]:
    """Cards whose words hold each word of the card's names whole: FTS5's quoted words on a
    card file, the same words in the shared store's word table."""
    tokens = query_words(f"{card.given_name} {card.family_name}")
    if is_postgres(db):
        return shared_search.whole_words(tokens)
    match = " AND ".join(f'"{token}"' for token in tokens) or '""'
    return "c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)", [match]


class _Filing:
    """An alphabet's sort keys and drawers, each name worked out once (100,000 customers
    hold a few thousand names; a key is a loop over its letters), kept between calls."""

    def __init__(self, alphabet: Alphabet) -> None:
        self.sort_key = lru_cache(maxsize=65_536)(alphabet.sort_key)
        self.drawer = lru_cache(maxsize=65_536)(alphabet.drawer)


_filing = lru_cache(maxsize=4)(_Filing)  # an import stores 2,000 cards at a time


def _row(card: Card, alphabet: Alphabet | _Filing) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(card, name) for name in _PLAIN_FIELDS}
    row |= {
        "address": "\n".join(card.address_lines),
        "birthday": card.birthday.iso() if card.birthday else None,
        "birthday_md": (
            f"{card.birthday.month:02d}-{card.birthday.day:02d}" if card.birthday else None
        ),
        "consent_post": card.consent_post.value,
        "consent_phone": card.consent_phone.value,
        "consent_email": card.consent_email.value,
        "joined_via": card.joined_via.value,
        "customer_type": card.customer_type.value if card.customer_type else None,
        "is_staff": int(card.is_staff),
        "sort_key": alphabet.sort_key(card.family_name, card.given_name),
        "drawer": alphabet.drawer(card.family_name, card.given_name),
    }
    return row


def _write_children(db: Database, card_id: int, card: Card) -> None:
    db.conn.executemany(
        "INSERT INTO phones (customer_id, number, label) VALUES (?, ?, ?)",
        [(card_id, phone.number, phone.label) for phone in card.phones],
    )
    _write_many_tags(db, [(card_id, card.interests)])


def _write_many_tags(db: Database, cards: list[tuple[int, tuple[str, ...]]]) -> None:
    """The interests of cards, (card id, interests): two statements for any number."""
    pairs = [(card_id, tag) for card_id, interests in cards for tag in interests]
    db.conn.executemany("INSERT OR IGNORE INTO tags (name) VALUES (?)", [(t,) for _, t in pairs])
    db.conn.executemany(
        "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) "
        "SELECT ?, id FROM tags WHERE name = ?",
        pairs,
    )


def _card(db: Database, row: dict[str, Any]) -> Card:
    card_id = int(row["id"])
    phones = tuple(
        Phone(number, label)
        for number, label in db.execute(
            "SELECT number, label FROM phones WHERE customer_id = ? ORDER BY id", [card_id]
        ).fetchall()
    )
    interests = tuple(
        name
        for (name,) in db.execute(
            "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
            "WHERE ct.customer_id = ? ORDER BY t.name",
            [card_id],
        ).fetchall()
    )
    return Card(
        **{name: row[name] for name in _PLAIN_FIELDS},
        address_lines=tuple(line for line in row["address"].split("\n") if line),
        phones=phones,
        birthday=PartialDate.from_iso(row["birthday"]) if row["birthday"] else None,
        interests=interests,
        consent_post=Consent(row["consent_post"]),
        consent_phone=Consent(row["consent_phone"]),
        consent_email=Consent(row["consent_email"]),
        joined_via=JoinedVia(row["joined_via"]),
        customer_type=CustomerType(row["customer_type"]) if row["customer_type"] else None,
        is_staff=bool(row["is_staff"]),
        id=card_id,
        card_no=row["card_no"] or "",
        archived_at=row["archived_at"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=int(row["version"]),
    )
