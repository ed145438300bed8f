"""Card validation: every bad field gets a message at the field, good input a card."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcards.core.card import Consent, PartialDate
from shopcards.core.errors import ValidationError
from shopcards.core.validation import CardInput, parse_partial_date, validate


def test_a_plain_card_validates_and_phones_become_e164() -> None:
    card = validate(
        CardInput(
            given_name=" Anna ",
            family_name="Virtanen",
            phones=[("mobile", "040 123 4567")],
            email="anna@example.fi",
        ),
        region="FI",
    )
    assert card.given_name == "Anna"
    assert card.phones[0].number == "+358401234567"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1980-02-29", PartialDate(2, 29, 1980)),
        ("02-29", PartialDate(2, 29)),
        ("--12-24", PartialDate(12, 24)),
        ("24.12.", PartialDate(12, 24)),
        ("24.12.1975", PartialDate(12, 24, 1975)),
        ("", None),
    ],
)
def test_birthdays_typed_several_ways(typed: str, expected: PartialDate | None) -> None:
    assert parse_partial_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023-04-31", "31 April 2023 does not exist"),
        ("2023-02-29", "29 February 2023 does not exist"),
        ("13-01", "Month 13 does not exist"),
        ("yesterday", "is not a date"),
    ],
)
def test_impossible_dates_are_named(typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate(CardInput(family_name="Virtanen", birthday=typed), region="FI")
    assert message in error.value.fields["birthday"]


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as error:
        validate(CardInput(email="anna@", phones=[("", "12")], consent_post="maybe"), "FI")
    assert set(error.value.fields) == {"family_name", "email", "phones", "consent_post"}


def test_control_characters_are_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate(CardInput(family_name="Vir\x00tanen"), "FI")
    assert "control character" in error.value.fields["family_name"]


def test_editing_keeps_identity() -> None:
    base = validate(CardInput(family_name="Laine"), "FI")
    from dataclasses import replace

    base = replace(base, id=7, card_no="0000079", version=3)
    edited = validate(CardInput(family_name="Laine", consent_post="yes"), "FI", base=base)
    assert (edited.id, edited.card_no, edited.version) == (7, "0000079", 3)
    assert edited.consent_post is Consent.YES


_ANY_TEXT = st.text(max_size=300) | st.text(alphabet=st.characters(), min_size=100, max_size=5000)


@settings(max_examples=300, deadline=None)
@given(
    given_name=_ANY_TEXT,
    family_name=_ANY_TEXT,
    email=_ANY_TEXT,
    birthday=_ANY_TEXT,
    phone=_ANY_TEXT,
    notes=_ANY_TEXT,
    address=_ANY_TEXT,
)
def test_any_input_gives_a_card_or_messages_never_a_traceback(
    given_name: str,
    family_name: str,
    email: str,
    birthday: str,
    phone: str,
    notes: str,
    address: str,
) -> None:
    inp = CardInput(
        given_name=given_name,
        family_name=family_name,
        email=email,
        birthday=birthday,
        phones=[("", phone)],
        notes=notes,
        address=address,
    )
    try:
        card = validate(inp, "FI")
    except ValidationError as error:
        assert error.fields
        assert all(isinstance(m, str) and m for m in error.fields.values())
    else:
        assert card.family_name or card.given_name


TEXTS = ("given_name", "family_name", "title", "salutation", "postcode", "city", "country",
         "email", "anniversary_what", "greeting", "address", "notes")  # fmt: skip


@pytest.mark.parametrize("name", [*TEXTS, "interests"])
@pytest.mark.parametrize(
    ("bad", "message"), [("a\x07b", "control character"), ("x" * 4001, "Too long")]
)
def test_each_text_is_checked_also_when_the_others_pass(name: str, bad: str, message: str) -> None:
    """The whole card's texts are looked at once; one field that fails is still named."""
    inp = CardInput(given_name="Anna", family_name="Virtanen", city="Turku")
    if name == "interests":
        inp.interests = ["wine", bad]
    else:
        setattr(inp, name, bad)
    with pytest.raises(ValidationError) as caught:
        validate(inp, "FI")
    assert name in caught.value.fields
    if name != "email":  # an e-mail's own rule speaks last
        assert message in caught.value.fields[name]


def test_a_line_break_is_text_in_the_address_and_notes_only() -> None:
    card = validate(CardInput(family_name="Virtanen", address="Katu 1\nB 2", notes="a\nb"), "FI")
    assert card.address_lines == ("Katu 1", "B 2") and card.notes == "a\nb"
    with pytest.raises(ValidationError) as caught:
        validate(CardInput(family_name="Virtanen", city="Tur\nku"), "FI")
    assert set(caught.value.fields) == {"city"}
