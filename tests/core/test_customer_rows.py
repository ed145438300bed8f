"""A customer file's rows made cards, or refused with the row, the column and why."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core.card import Card, Consent, JoinedVia, PartialDate, Phone
from shopcards.core.customer_duplicates import DuplicateIndex, Known
from shopcards.core.customer_headings import Field
from shopcards.core.customer_rows import Draft, Refusal, RowReader
from shopcards.core.customer_update import fill, restore, values_before

HEADINGS = ("Name", "Phone", "Mobile", "Birthday", "Letters", "Interests", "E-mail", "Country")
MAPPING = {
    0: Field.full_name,
    1: Field.phone,
    2: Field.phone_mobile,
    3: Field.birthday,
    4: Field.consent_post,
    5: Field.interests,
    6: Field.email,
    7: Field.country,
}


def _read(*cells: str, day_first: bool = True) -> Draft | Refusal | None:
    reader = RowReader(HEADINGS, MAPPING, "FI", day_first, dt.date(2026, 11, 23))
    padded = (*cells, *("",) * (len(HEADINGS) - len(cells)))
    return reader.read(14, padded)


def _card(*cells: str, day_first: bool = True) -> Card:
    read = _read(*cells, day_first=day_first)
    assert isinstance(read, Draft), read
    return read.card


@pytest.mark.parametrize(
    ("written", "day_first", "birthday"),
    [
        ("1980-03-15", True, PartialDate(3, 15, 1980)),
        ("1980-03-15 00:00:00", True, PartialDate(3, 15, 1980)),
        ("15.3.1980", True, PartialDate(3, 15, 1980)),
        ("15.3.", True, PartialDate(3, 15)),
        ("--03-15", True, PartialDate(3, 15)),
        ("15/3/1980", True, PartialDate(3, 15, 1980)),
        ("3/15/1980", False, PartialDate(3, 15, 1980)),
        ("4/3/80", True, PartialDate(3, 4, 1980)),
        ("4/3/80", False, PartialDate(4, 3, 1980)),
        ("29.2.", True, PartialDate(2, 29)),
    ],
)
def test_birthdays_are_read_with_or_without_year(
    written: str, day_first: bool, birthday: PartialDate
) -> None:
    assert _card("Anna Virtanen", "", "", written, day_first=day_first).birthday == birthday


def test_a_date_that_does_not_exist_is_refused_naming_row_and_column() -> None:
    refused = _read("Anna Virtanen", "", "", "2026-02-30")
    assert str(refused) == (
        "row 14, column Birthday: “2026-02-30” is not a date: 30 February 2026 does not exist"
    )
    assert str(_read("Anna Virtanen", "", "", "soon")) == (
        "row 14, column Birthday: “soon” is not a date"
    )


def test_phones_national_or_international_in_the_rows_country_else_the_shops() -> None:
    card = _card("Anna Virtanen", "09 555 1234", "+46 70 123 45 67")
    assert card.phones == (Phone("+35895551234", ""), Phone("+46701234567", "mobile"))
    swedish = _card("Sven Berg", "070-123 45 67", "", "", "", "", "", "Sverige")
    assert swedish.phones == (Phone("+46701234567", ""),)
    assert str(_read("Anna Virtanen", "12")) == (
        "row 14, column Phone: “12” has the wrong number of digits for a phone number"
    )


@pytest.mark.parametrize(
    ("written", "consent"),
    [
        ("yes", Consent.YES),
        ("X", Consent.YES),
        ("1", Consent.YES),
        ("TRUE", Consent.YES),
        ("kyllä", Consent.YES),
        ("ja", Consent.YES),
        ("oui", Consent.YES),
        ("sí", Consent.YES),
        ("no", Consent.NO),
        ("0", Consent.NO),
        ("false", Consent.NO),
        ("ei", Consent.NO),
        ("nej", Consent.NO),
        ("nein", Consent.NO),
        ("non", Consent.NO),
        ("", Consent.NOT_ASKED),
    ],
)
def test_consent_in_the_shops_languages(written: str, consent: Consent) -> None:
    assert _card("Anna Virtanen", "", "", "", written).consent_post is consent


def test_an_unclear_consent_is_refused_and_absent_consent_is_not_asked() -> None:
    assert str(_read("Anna Virtanen", "", "", "", "maybe")) == (
        "row 14, column Letters: “maybe” is not yes or no"
    )
    reader = RowReader(("Name",), {0: Field.full_name}, "FI")
    read = reader.read(2, ("Anna Virtanen",))
    assert isinstance(read, Draft)
    assert read.card.consent_email is Consent.NOT_ASKED
    assert read.card.joined_via is JoinedVia.IMPORT


def test_interests_are_a_list_whatever_separates_them() -> None:
    card = _card("Anna Virtanen", "", "", "", "", "wine, cheese;tea | wine")
    assert card.interests == ("wine", "cheese", "tea")


@pytest.mark.parametrize(
    "name", ["Γιώργος Παπαδόπουλος", "Иван Петров", "שרה כהן", "山田 太郎", "Անի Պետրոսյան"]
)
def test_names_in_any_script(name: str) -> None:
    assert _card(name).full_name == name


def test_a_ten_thousand_character_name_is_refused_not_cut() -> None:
    assert str(_read("x" * 10_000)) == (
        "row 14, column Name: Too long: 10000 characters, at most 120"
    )


def test_a_blank_row_is_nothing_and_a_row_without_a_name_is_refused() -> None:
    assert _read() is None
    assert str(_read("", "040 123 4567")) == (
        "row 14: no name: a family name, a given name, or both"
    )


def test_duplicates_by_phone_email_and_close_name() -> None:
    index = DuplicateIndex()
    anna = Known("card 0000018 (Virtanen, Anna)", card_id=1)
    index.add(anna, "Anna Virtanen", ["+358401234567"], "Anna@Example.fi", "00100", "1980-03-15")
    by_phone = Card(given_name="X", phones=(Phone("+358401234567"),))
    by_email = Card(given_name="X", email="anna@example.FI")
    close_at_postcode = Card(given_name="Ana", family_name="Virtanen", postcode="001 00")
    close_birthday = Card(
        given_name="Virtanen", family_name="Anna", birthday=PartialDate(3, 15, 1980)
    )
    other = Card(given_name="Anni", family_name="Virtanen", postcode="00100")
    assert [r.why for r in index.resembles(by_phone)] == ["same phone +358401234567"]
    assert [r.why for r in index.resembles(by_email)] == ["same e-mail"]
    assert [r.why for r in index.resembles(close_at_postcode)] == ["close name, same postcode"]
    assert [r.why for r in index.resembles(close_birthday)] == ["close name, same birthday"]
    assert index.resembles(other) == []


def test_an_update_takes_the_files_fields_and_its_undo_puts_back_the_old() -> None:
    base = Card(
        given_name="Anna",
        family_name="Virtanen",
        phones=(Phone("+358401234567"),),
        interests=("tea",),
        city="Helsinki",
        id=1,
        version=3,
    )
    incoming = Card(
        family_name="Virtanen-Koski",
        phones=(Phone("+35895551234"),),
        interests=("wine",),
        birthday=PartialDate(3, 15),
        consent_post=Consent.YES,
    )
    after = fill(base, incoming)
    assert after.family_name == "Virtanen-Koski" and after.city == "Helsinki"
    assert after.phones == (Phone("+358401234567"), Phone("+35895551234"))
    assert after.interests == ("tea", "wine")
    before = values_before(base, after)
    assert set(before) == {"family_name", "phones", "interests", "birthday", "consent_post"}
    assert restore(after, before) == base
