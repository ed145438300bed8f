"""Which column holds what: headings in the five languages and of the usual exports; and one
name or address column split into the card's fields without losing a character."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.address_split import parse_address, split_address
from shopcards.core.customer_headings import HEADINGS, Field, suggest
from shopcards.core.name_split import NameParts, split_full_name, split_name
from shopcards.core.text_files import heading_key
from shopcards.ui.imports.customers_fields import FIELD_TEXT
from tests.customer_files import GOOGLE_CSV, OUTLOOK_CSV

F = Field


@pytest.mark.parametrize(
    ("headings", "fields"),
    [
        (
            ["First name", "Last name", "Street", "Zip", "City", "Phone", "E-mail", "Birthday"],
            [F.given_name, F.family_name, F.address_line_1, F.postcode, F.city, F.phone,
             F.email, F.birthday],
        ),
        (
            ["Etunimi", "Sukunimi", "Lähiosoite", "Postinumero", "Postitoimipaikka",
             "Matkapuhelin", "Sähköposti", "Syntymäpäivä"],
            [F.given_name, F.family_name, F.address_line_1, F.postcode, F.city,
             F.phone_mobile, F.email, F.birthday],
        ),
        (
            ["Prenume", "Nume", "Adresă", "Cod poștal", "Oraș", "Telefon", "E-mail",
             "Data nașterii"],
            [F.given_name, F.family_name, F.address_line_1, F.postcode, F.city, F.phone, F.email,
             F.birthday],
        ),
        (
            ["שם פרטי", "שם משפחה", "כתובת", "מיקוד", "עיר", "טלפון נייד", 'דוא"ל',
             "תאריך לידה"],
            [F.given_name, F.family_name, F.address_line_1, F.postcode, F.city, F.phone_mobile,
             F.email, F.birthday],
        ),
        (
            ["Անուն", "Ազգանուն", "Հասցե", "Ինդեքս", "Քաղաք", "Հեռախոս", "Էլ. փոստ",
             "Ծննդյան օր"],
            [F.given_name, F.family_name, F.address_line_1, F.postcode, F.city, F.phone, F.email,
             F.birthday],
        ),
    ],
    ids=["english", "finnish", "romanian", "hebrew", "armenian"],
)  # fmt: skip
def test_headings_in_each_language(headings: list[str], fields: list[Field]) -> None:
    assert list(suggest(headings)) == fields


def test_case_accents_spaces_and_punctuation_do_not_count() -> None:
    assert suggest(["  FIRST-NAME ", "e.mail address", "ORAS", "cod postal:", "Sukunimi*"]) == (
        F.given_name, F.email, F.city, F.postcode, F.family_name,
    )  # fmt: skip


def test_a_google_export() -> None:
    headings = GOOGLE_CSV.split("\r\n")[0].split(",")
    found = {h: f for h, f in zip(headings, suggest(headings), strict=True) if f}

    assert found == {
        "Given Name": F.given_name, "Additional Name": F.middle_name,
        "Family Name": F.family_name, "Name Prefix": F.title, "Birthday": F.birthday,
        "Notes": F.notes, "E-mail 1 - Value": F.email, "Phone 1 - Value": F.phone,
        "Phone 2 - Value": F.phone_mobile, "Address 1 - Street": F.address_line_1,
        "Address 1 - City": F.city, "Address 1 - Postal Code": F.postcode,
        "Address 1 - Country": F.country,
    }  # fmt: skip
    # the whole name and the formatted address stand beside their parts: not suggested


def test_an_outlook_export_prefers_home_to_business_wherever_it_stands() -> None:
    headings = [h.strip('"') for h in OUTLOOK_CSV.split("\r\n")[0].split(",")]
    found = {h: f for h, f in zip(headings, suggest(headings), strict=True) if f}

    assert found["Home Street"] == F.address_line_1 and "Business Street" not in found
    assert found["Home Postal Code"] == F.postcode and found["Home City"] == F.city
    assert found["Business Phone"] == F.phone_work and found["Mobile Phone"] == F.phone_mobile
    assert found["E-mail Address"] == F.email and "E-mail 2 Address" not in found


def test_one_name_column_and_one_address_column_are_suggested_to_split() -> None:
    assert suggest(["Nimi", "Osoite", "Puhelin", "Muu"]) == (F.full_name, F.address, F.phone, None)


def test_each_field_goes_to_one_column_and_a_second_phone_to_a_free_phone_field() -> None:
    found = suggest(["Phone", "Phone", "Phone", "Phone", "E-mail", "Email"])

    assert found == (F.phone, F.phone_mobile, F.phone_work, None, F.email, None)


def test_no_heading_is_listed_for_two_fields_and_every_field_has_a_label() -> None:
    fields_of_key: dict[str, set[Field]] = {}
    for field, headings in HEADINGS.items():
        for heading in headings:
            fields_of_key.setdefault(heading_key(heading), set()).add(field)
    assert {key: f for key, f in fields_of_key.items() if len(f) > 1} == {}
    assert set(FIELD_TEXT) == set(Field) == set(HEADINGS)  # the wizard names every field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Virtanen, Anna", ("Anna", "Virtanen")),
        ("Anna Virtanen", ("Anna", "Virtanen")),
        ("Dr. Anna Maria Virtanen", ("Anna Maria", "Virtanen")),
        ("  anna   virtanen ", ("anna", "virtanen")),
        ("Vincent van Gogh", ("Vincent", "van Gogh")),
        ("John Smith, Jr.", ("John", "Smith, Jr.")),
        ("Ștefan Popescu", ("Ștefan", "Popescu")),
        ("Popescu, Ion-Andrei", ("Ion-Andrei", "Popescu")),
        ("דוד בן גוריון", ("דוד", "בן גוריון")),
        ("שרה לוי", ("שרה", "לוי")),
        ("Արամ Խաչատրյան", ("Արամ", "Խաչատրյան")),
        ("Anna", ("Anna", "")),
        ("", ("", "")),
    ],
)
def test_a_whole_name_split(text: str, expected: tuple[str, str]) -> None:
    assert split_full_name(text) == expected


def test_a_title_is_set_apart() -> None:
    assert split_name("Mrs Jones").title == "Mrs" and split_name("Mrs Jones").family == "Jones"
    assert split_name('ד"ר שרה לוי') == NameParts('ד"ר', "שרה", "לוי")


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Mannerheimintie 1\n00100 Helsinki", "", (("Mannerheimintie 1",), "00100", "Helsinki")),
        ("Str. Lipscani 1, 030031 București", "RO", (("Str. Lipscani 1",), "030031", "București")),
        ("10 High St, Leeds LS1 4AB", "GB", (("10 High St",), "LS1 4AB", "Leeds")),
        ("1 High St\nFlat 2\nLeeds\nLS1 4AB", "UK", (("1 High St", "Flat 2"), "LS1 4AB", "Leeds")),
        ("רחוב הרצל 1, תל אביב 6100000", "IL", (("רחוב הרצל 1",), "6100000", "תל אביב")),
        ("Աբովյան 1\n0010 Երևան\nArmenia", "", (("Աբովյան 1",), "0010", "Երևան")),
        ("Kotikatu 3 B 7, 33100 Tampere, Suomi", "FI", (("Kotikatu 3 B 7",), "33100", "Tampere")),
        ("Hämeentie 120\nHelsinki", "FI", (("Hämeentie 120", "Helsinki"), "", "")),
    ],
)  # fmt: skip
def test_a_whole_address_split(
    text: str, country: str, expected: tuple[tuple[str, ...], str, str]
) -> None:
    assert split_address(text, country) == expected


def test_a_country_on_the_last_line_is_set_apart() -> None:
    assert parse_address("Kotikatu 3\n33100 Tampere\nFinland").country == "Finland"


def _letters(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(" ,.-'"),
    max_size=40,
)


@given(names)
def test_splitting_a_name_never_raises_nor_loses_a_character(text: str) -> None:
    parts = split_name(text)
    kept = _letters(parts.title + parts.given + parts.family)

    commas = Counter({",": text.count(",")})  # the one between "Family, Given" goes
    assert kept - commas == _letters(text) - commas and kept[","] >= commas[","] - 1


@given(names, st.sampled_from(["", "FI", "GB", "RO", "IL", "AM"]))
def test_splitting_an_address_never_raises_nor_loses_a_character(text: str, country: str) -> None:
    address = parse_address(text, country)
    kept = _letters("".join(address.lines) + address.postcode + address.city + address.country)

    commas = Counter({",": text.count(",")})  # a one-line address is split at its commas
    assert kept - commas == _letters(text) - commas and kept[","] <= commas[","]
