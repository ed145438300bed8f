"""Export then import gives the same cards: a card file with varied cards written to CSV (both
the ``;``/decimal-comma locale and the ``,`` one), .xlsx and .vcf, read back into a new empty
card file with the mapping :func:`suggest` gives from the headings alone, and compared field by
field; and the same export read into the same file updates every card and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from shopcards.core.card import Card, CardQuery
from shopcards.core.customer_headings import suggest
from shopcards.core.i18n import words
from shopcards.core.roles import Role
from shopcards.services import cards, catalogues
from shopcards.services.customer_export import export_customers
from shopcards.services.customer_files import read_customer_file
from shopcards.services.customer_import import Decision, Preview, Status, preview, save
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import FIXED_NOW, card_input

NOT_CARRIED = {"id", "card_no", "created_at", "updated_at", "version", "joined_via"}
"""What a card file gives each card itself (its number, its times) and an import sets
("joined via import"): never the same in another file."""
IGNORED_ON_IMPORT = {"is_staff", "archived_at"}
"""The export's "Staff member", "Joined" and "Archived" columns are for reading: an imported card is
nobody's staff card and not archived until the owner says so in the new file."""
NOT_IN_VCARD = {
    "salutation", "anniversary", "anniversary_what", "greeting",
    "consent_post", "consent_phone", "consent_email", "customer_type",
}  # fmt: skip
"""vCard 3.0 has no place for these (a phone's contacts have no consents or holiday cards)."""
UNREAD = {
    "csv": {"Anniversary of", "Staff member", "Joined via", "Joined", "Archived"},
    "xlsx": {"Anniversary of", "Staff member", "Joined via", "Joined", "Archived"},
    "vcf": {"Full name", "Other e-mails", "Organisation"},
}
"""Export headings the import does not read (see IGNORED_ON_IMPORT), in English; a shop's
export writes them in its letters' language."""
LANGUAGES = ("en", "fi", "ro", "he", "hy")


@pytest.fixture(autouse=True)
def _catalogues_read() -> None:
    """The window speaks English; the shipped catalogues are read, so an export can speak the
    shop's language (a fi_FI shop's letters speak Finnish)."""
    catalogues.start("en")


def _add(session: Session, given: str, family: str, **fields: object) -> None:
    cards.add_card(session, card_input(given, family, **fields))


@pytest.fixture
def shop(owner: Session) -> Session:
    """Cards in every script the cabinet handles, with every field used somewhere."""
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    _add(
        owner, "Aino", "Äijälä", title="Dr", salutation="Hyvä Aino",
        address="Mannerheimintie 1\nA 5\nc/o Matti\nPL 12", postcode="00100", city="Helsinki",
        country="FI", phones=[("", "040 123 4567"), ("mobile", "050 765 4321"),
                              ("work", "09 123 4567"), ("mobile", "044 555 0101")],
        email="aino@example.fi", birthday="1980-05-17", anniversary="2005-06-10",
        anniversary_what="wedding", greeting="christmas", interests=["books", "tea"],
        consent_post="yes", consent_phone="no", consent_email="not_asked",
        customer_type="loyal", notes="Prefers green tea\nNo calls before noon",
    )  # fmt: skip
    _add(
        owner, "Ștefan", "Țurcanu", address="Strada Mihai Eminescu 12", postcode="010101",
        city="București", country="RO", phones=[("mobile", "0722 123 456")],
        birthday="--03-14", consent_post="no", consent_phone="yes", consent_email="yes",
        customer_type="need_based", notes="=SUM(A1)",
    )  # fmt: skip
    _add(
        owner, "דוד", "כהן", city="תל אביב", country="IL", phones=[("", "03-123-4567")],
        interests=["יין"], email="david@example.co.il", notes="+1 extra",
    )  # fmt: skip
    _add(owner, "Արամ", "Պետրոսյան", phones=[("", "+374 91 123456")], notes="-2 left")
    _add(owner, "Otto", "Vanha", is_staff=True, email="otto@example.com")
    return owner


@pytest.fixture
def new_file(tmp_path: Path) -> Iterator[Session]:
    session = open_session(tmp_path / "new.db", Role.OWNER)
    session.clock = lambda: FIXED_NOW
    update_settings(session, locale="fi_FI", region="FI", currency="EUR")
    yield session
    session.close()


def _cards(session: Session) -> list[Card]:
    found = cards.list_cards(session, CardQuery(text=""))
    return sorted((cards.get_card(session, s.id) for s in found), key=lambda c: c.full_name)


def _fields(card: Card, left_out: set[str]) -> dict[str, object]:
    return {k: v for k, v in asdict(card).items() if k not in left_out}


def _in_vcard(card: Card) -> dict[str, object]:
    """What a contact carries of a card: a second phone of one kind comes back among the other
    phones, without its kind (the reader does not keep it), so phones compare by number."""
    fields = _fields(card, NOT_CARRIED | IGNORED_ON_IMPORT | NOT_IN_VCARD)
    fields["phones"] = [phone.number for phone in card.phones]
    return fields


def _preview(session: Session, path: Path) -> Preview:
    """The export read back with the mapping its headings alone suggest: every heading but
    the ones an import leaves out is recognised."""
    table = read_customer_file(path)
    suggested = suggest(table.headings)
    unread = {h for h, f in zip(table.headings, suggested, strict=True) if f is None}
    assert unread <= {words(code).gettext(h) for code in LANGUAGES for h in UNREAD[table.kind]}
    mapping = {i: f for i, f in enumerate(suggested) if f is not None}
    result = preview(session, table, mapping)
    assert not result.of(Status.REFUSED), result.of(Status.REFUSED)
    return result


EXPORTS = [("fi_FI", "cards.csv"), ("en_GB", "cards.csv"), ("fi_FI", "cards.xlsx"),
           ("fi_FI", "cards.vcf")]  # fmt: skip
"""CSV with ``;`` and with ``,``, a workbook, and a phone's contacts."""


@pytest.mark.parametrize(("locale", "name"), EXPORTS)
def test_an_export_imported_into_a_new_file_gives_the_same_cards(
    shop: Session, new_file: Session, tmp_path: Path, locale: str, name: str
) -> None:
    update_settings(shop, locale=locale)
    path = tmp_path / name
    assert export_customers(shop, path) == 5
    result = _preview(new_file, path)
    assert [row.status for row in result.rows] == [Status.NEW] * 5
    save(new_file, result)
    if name.endswith(".vcf"):
        assert list(map(_in_vcard, _cards(new_file))) == list(map(_in_vcard, _cards(shop)))
    else:
        left_out = NOT_CARRIED | IGNORED_ON_IMPORT
        assert [_fields(c, left_out) for c in _cards(new_file)] == [
            _fields(c, left_out) for c in _cards(shop)
        ]


@pytest.mark.parametrize(("locale", "name"), EXPORTS)
def test_an_export_imported_into_its_own_file_updates_each_card_and_changes_nothing(
    shop: Session, tmp_path: Path, locale: str, name: str
) -> None:
    update_settings(shop, locale=locale)
    path = tmp_path / name
    export_customers(shop, path)
    before = _cards(shop)
    result = _preview(shop, path)
    # a contact has no card number (its UID is not read): it is a possible duplicate of its
    # card, by phone or e-mail
    status = Status.DUPLICATE if name.endswith(".vcf") else Status.UPDATE
    assert [(row.status, row.target) for row in result.rows] == [
        (status, card.id) for card in sorted(before, key=lambda c: c.card_no)
    ]
    saved = save(shop, result, for_all=Decision.UPDATE)
    assert (saved.added, saved.updated, saved.skipped) == (0, 5, 0)
    # a card the file adds nothing to is not written again: the same version, no change line
    assert _cards(shop) == before


def test_the_quote_guarding_a_formula_is_taken_off_in_a_csv_only(tmp_path: Path) -> None:
    """The export writes ``'=SUM(A1)`` so a spreadsheet shows the text; the import reads the
    text back. A workbook's cell never carries that ``'`` (Excel keeps it out of the value), so
    one that holds it was typed so, and is kept; so is a ``'`` before anything else."""
    import xlsxwriter

    rows = [("Notes", "Phone"), ("'=SUM(A1)", "'+358401234567"), ("'plain", "'-")]
    csv_path = tmp_path / "cards.csv"
    csv_path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    book = xlsxwriter.Workbook(tmp_path / "cards.xlsx")
    sheet = book.add_worksheet()
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            sheet.write_string(index, column, text)
    book.close()

    assert read_customer_file(csv_path).rows == (
        ("=SUM(A1)", "+358401234567"),
        ("'plain", "-"),
    )
    assert read_customer_file(tmp_path / "cards.xlsx").rows == tuple(rows[1:])


@pytest.mark.parametrize("name", ["cards.csv", "cards.xlsx"])
def test_a_finnish_shops_export_has_finnish_headings_and_comes_back_the_same(
    shop: Session, new_file: Session, tmp_path: Path, name: str
) -> None:
    """The headings are the shop's language (its letters'), whatever the window reads, and
    an import in any language recognises them: the same cards come back."""
    update_settings(shop, letter_language="fi")
    path = tmp_path / name
    assert export_customers(shop, path) == 5
    headings = read_customer_file(path).headings
    assert list(headings[:5]) == ["Kortin numero", "Titteli", "Tervehdys", "Etunimi", "Sukunimi"]
    assert "Card number" not in headings
    result = _preview(new_file, path)
    assert [row.status for row in result.rows] == [Status.NEW] * 5
    save(new_file, result)
    left_out = NOT_CARRIED | IGNORED_ON_IMPORT
    assert [_fields(c, left_out) for c in _cards(new_file)] == [
        _fields(c, left_out) for c in _cards(shop)
    ]
