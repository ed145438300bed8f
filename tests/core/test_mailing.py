"""Who may get post, households, addresses, greetings and date ranges: the plain rules."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.card import Card, Consent, PartialDate
from shopcards.core.errors import ValidationError
from shopcards.core.mailing import (
    DayRange,
    address_block,
    excluded,
    group_households,
    household_name,
    merge_values,
    post_problems,
    salutation,
)
from shopcards.core.templates import MERGE_FIELDS

TODAY = dt.date(2026, 11, 23)


def card(given: str = "Anna", family: str = "Virtanen", card_id: int = 1, **fields: object) -> Card:
    base: dict[str, object] = {
        "address_lines": ("Kauppakatu 12 A 3",),
        "postcode": "00100",
        "city": "Helsinki",
        "consent_post": Consent.YES,
        "card_no": f"{card_id:07d}",
    }
    return Card(given_name=given, family_name=family, id=card_id, **(base | fields))  # type: ignore[arg-type]


def test_consent_and_a_full_address_are_needed_and_each_lack_is_named() -> None:
    assert post_problems(card()) == []
    assert post_problems(card(consent_post=Consent.NO)) == ["said no to post"]
    assert post_problems(card(consent_post=Consent.NOT_ASKED)) == ["not asked about post"]
    assert post_problems(card(city="")) == ["address has no town"]
    assert post_problems(card(address_lines=(), city="")) == ["no postal address"]
    assert post_problems(card("", "")) == ["address has no name"]
    assert post_problems(card(archived_at="2026-01-01T10:00:00")) == ["card archived"]
    both = excluded(card(consent_post=Consent.NO, address_lines=(), city="", postcode=""))
    assert both is not None
    assert both.reason == "said no to post; no postal address"
    assert both.name == "Virtanen, Anna"
    assert excluded(card()) is None


def test_one_address_typed_two_ways_is_one_household() -> None:
    anna = card("Anna", card_id=1)
    mikko = card(
        "Mikko", card_id=2, address_lines=("kauppakatu 12 a 3",), postcode="00 100", city="HELSINKI"
    )
    next_door = card("Liisa", "Laine", card_id=3, address_lines=("Kauppakatu 14",))
    groups = group_households([anna, next_door, mikko], "FI")
    assert groups == [(anna, mikko), (next_door,)]


def test_the_same_street_in_another_town_is_another_household() -> None:
    here, there = card(card_id=1), card("Mikko", card_id=2, city="Espoo", postcode="02100")
    assert len(group_households([here, there], "FI")) == 2


@pytest.mark.parametrize(("people", "name", "greeting"), [
    ([("Anna", "Virtanen")], "Anna Virtanen", "Dear Anna"),
    ([("Anna", "Virtanen"), ("Mikko", "Virtanen")], "Anna and Mikko Virtanen",
     "Dear Anna and Mikko"),
    ([("Anna", "Virtanen"), ("Mikko", "Korhonen")], "Anna Virtanen and Mikko Korhonen",
     "Dear Anna and Mikko"),
    ([("Anna", "Virtanen"), ("Mikko", "Virtanen"), ("Liisa", "VIRTANEN")],
     "The Virtanen family", "Dear Anna, Mikko and Liisa"),
    ([("Anna", "Virtanen"), ("Mikko", "Virtanen"), ("Liisa", "Virtanen"), ("Eino", "Virtanen")],
     "The Virtanen family", "Dear Virtanen family"),
])  # fmt: skip
def test_household_names_and_greetings(
    people: list[tuple[str, str]], name: str, greeting: str
) -> None:
    cards = [card(given, family, i) for i, (given, family) in enumerate(people, start=1)]
    assert household_name(cards) == name
    assert salutation(cards) == greeting


def test_a_salutation_written_on_the_card_wins_and_a_title_is_used() -> None:
    assert salutation([card(salutation="Hyvä Anna-täti")]) == "Hyvä Anna-täti"
    assert salutation([card("", "Smith", title="Mr")]) == "Dear Mr Smith"
    assert salutation([card("John", "Smith", title="Mr")]) == "Dear Mr Smith"
    assert household_name([card("John", "Smith", title="Dr")]) == "Dr John Smith"


def test_address_lines_follow_the_country_of_the_address() -> None:
    home = card()
    assert address_block([home], "FI", "en_GB") == (
        "Anna Virtanen",
        "Kauppakatu 12 A 3",
        "00100 Helsinki",
    )
    london = card(
        "John",
        "Smith",
        address_lines=("10 Downing Street",),
        postcode="SW1A 2AA",
        city="London",
        country="GB",
    )
    assert address_block([london], "FI", "en_GB") == (
        "John Smith",
        "10 Downing Street",
        "London",
        "SW1A 2AA",
        "UNITED KINGDOM",
    )
    assert address_block([london], "GB", "en_GB")[-1] == "SW1A 2AA"
    boston = card(
        "Ann",
        "Lee",
        address_lines=("1 Main St",),
        postcode="02118",
        city="Boston, MA",
        country="US",
    )
    assert address_block([boston], "FI", "fi_FI")[-2:] == ("Boston, MA 02118", "YHDYSVALLAT")


def test_merge_values_fill_every_customer_field() -> None:
    anna = card(birthday=PartialDate(5, 12), created_at="2019-06-01T09:00:00")
    values = merge_values([anna], {1: "2025-03-03"}, "en_GB", TODAY)
    assert values == {
        "salutation": "Dear Anna",
        "given_name": "Anna",
        "family_name": "Virtanen",
        "full_name": "Anna Virtanen",
        "last_visit": "3 March 2025",
        "birthday": "12 May",
        "customer_since": "1 June 2019",
        "today": "23 November 2026",
    }
    assert set(values) <= set(MERGE_FIELDS)


def test_a_household_letter_takes_the_latest_visit_and_the_oldest_card() -> None:
    anna = card(card_id=1, created_at="2020-01-05T09:00:00", birthday=PartialDate(5, 12))
    mikko = card("Mikko", card_id=2, created_at="2018-02-01T09:00:00")
    values = merge_values([anna, mikko], {1: "2025-01-01", 2: "2025-06-30"}, "en_GB", TODAY)
    assert values["last_visit"] == "30 June 2025"
    assert values["customer_since"] == "1 February 2018"
    assert values["birthday"] == ""
    assert values["given_name"] == "Anna and Mikko"


def test_date_ranges_are_read_and_refused_with_a_reason() -> None:
    days = DayRange.parse("2026-12-15..2027-01-15")
    assert days.month_days() == [("12-15", "12-31"), ("01-01", "01-15")]
    assert DayRange.parse("2026-12-01 .. 2026-12-31").month_days() == [("12-01", "12-31")]
    assert DayRange.parse("2026-01-01..2027-01-01").month_days() == [("01-01", "12-31")]
    for bad in ("December", "2026-12-31..2026-12-01", "2026-02-30..2026-03-01"):
        with pytest.raises(ValidationError):
            DayRange.parse(bad)


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.integers(0, 400),
    st.dates(dt.date(2000, 1, 1), dt.date(2000, 12, 31)),
)
def test_a_birthday_is_in_the_spans_exactly_when_it_falls_in_the_range(
    first: dt.date, length: int, birthday: dt.date
) -> None:
    days = DayRange(first, first + dt.timedelta(days=length))
    month_day = birthday.strftime("%m-%d")
    in_spans = any(start <= month_day <= end for start, end in days.month_days())
    falls = set()
    day = days.first
    while day <= days.last:
        falls.add(day.strftime("%m-%d"))
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            falls.add("02-29")  # a 29 February birthday is kept on the 28th in other years
        day += dt.timedelta(days=1)
    assert in_spans == (month_day in falls)
    if in_spans:
        assert days.first <= days.occurrence(month_day) <= days.last
