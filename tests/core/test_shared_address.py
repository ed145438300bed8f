"""The address of a shared card file: read as a person types it, written back the same, and a
wrong one refused with what is wrong; the generated password strong and readable aloud."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.shared_address import (
    DEFAULT_PORT,
    PASSWORD_ALPHABET,
    SharedAddress,
    SharedAddressError,
    generate_password,
    parse_address,
    typed_password,
)
from shopcards.services import catalogues


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("192.168.1.20", SharedAddress("192.168.1.20")),
        ("  till-pc:5434 ", SharedAddress("till-pc", 5434)),
        ("Till-PC.local", SharedAddress("till-pc.local")),
        ("fd00::2", SharedAddress("fd00::2")),
        ("[fd00::2]:6000", SharedAddress("fd00::2", 6000)),
        ("postgresql://shop@10.0.0.5:5432/cards", SharedAddress("10.0.0.5", 5432, "cards", "shop")),
        ("postgres://10.0.0.5/cards", SharedAddress("10.0.0.5", DEFAULT_PORT, "cards")),
    ],
)
def test_an_address_as_typed(typed: str, expected: SharedAddress) -> None:
    assert parse_address(typed) == expected


def test_the_text_form_is_the_usual_uri_and_reads_back() -> None:
    address = SharedAddress("fd00::2", 5434, "cards", "shop")
    assert str(address) == "postgresql://shop@[fd00::2]:5434/cards"
    assert parse_address(str(address)) == address
    assert address.short == "[fd00::2]:5434"
    assert SharedAddress("192.168.1.20").short == "192.168.1.20"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type the address"),
        ("postgresql://shop:secret@till-pc/cards", "holds a password"),
        ("http://till-pc", "starts with “http://”"),
        ("till-pc:99999", "The port in “till-pc:99999”"),
        ("till-pc:0", "The port in “till-pc:0”"),
        ("till-pc:abc", "The port in “till-pc:abc”"),
        ("till pc", "“till pc” names no PC"),
        ("-till", "names no PC"),
        ("0.0.0.0", "“0.0.0.0” names no PC"),
        ("[::]:5433", "names no PC"),
        ("postgresql://[fd00::2", "names no PC"),
        ("till-pc/Cards", "The database name “Cards” in “till-pc/Cards”"),
        ("postgresql://Shop@till-pc", "The user name “Shop”"),
        ("till-pc/cards?sslmode=require", "more after the database name"),
    ],
)
def test_a_wrong_address_is_refused_with_what_and_where(typed: str, says: str) -> None:
    with pytest.raises(SharedAddressError) as refusal:
        parse_address(typed)
    assert says in refusal.value.message


@given(st.text(max_size=60))
def test_any_text_is_an_address_or_a_clear_refusal(typed: str) -> None:
    try:
        address = parse_address(typed)
    except SharedAddressError as refusal:
        assert refusal.message
    else:
        assert parse_address(str(address)) == address
        assert "@" not in address.host and ":" not in address.user


@given(st.sampled_from(["192.168.1.20", "till-pc", "fd00::2"]), st.integers(1, 65535))
def test_every_port_reads_back(host: str, port: int) -> None:
    address = SharedAddress(host, port)
    assert parse_address(str(address)) == address
    assert parse_address(address.short) == address


def test_the_generated_password_has_over_100_bits_in_signs_nobody_confuses() -> None:
    passwords = {generate_password() for _i in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        groups = password.split("-")
        assert [len(group) for group in groups] == [5] * 5
        assert set("".join(groups)) <= set(PASSWORD_ALPHABET)
    assert not set("01ilo") & set(PASSWORD_ALPHABET)
    assert 25 * math.log2(len(PASSWORD_ALPHABET)) > 100


def test_a_generated_password_typed_loosely_is_still_understood() -> None:
    password = generate_password()
    assert typed_password(password.upper().replace("-", " ")) == password
    assert typed_password(password.replace("-", "")) == password
    assert typed_password("My Own Secret") == "My Own Secret"


def test_a_refusal_is_said_in_the_shops_language() -> None:
    catalogues.start("fi")
    with pytest.raises(SharedAddressError) as refusal:
        parse_address("till-pc:99999")
    assert refusal.value.message == "Portin osoitteessa ”till-pc:99999” on oltava luku 1–65535."
