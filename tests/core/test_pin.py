"""The owner's PIN is kept only as a salted scrypt hash, with its cost beside it."""

from __future__ import annotations

from shopcards.core.pin import (
    DEFAULT_COST,
    PinCost,
    hash_pin,
    is_short,
    needs_rehash,
    pin_problem,
    short_pin_text,
    verify_pin,
)

CHEAP = PinCost(2**10, 8, 1)


def test_the_right_pin_matches_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("246810", CHEAP)
    assert verify_pin("246810", stored)
    assert not verify_pin("246811", stored)
    assert not verify_pin("", stored)


def test_the_hash_is_salted_and_does_not_hold_the_pin() -> None:
    first, second = hash_pin("246810", CHEAP), hash_pin("246810", CHEAP)
    assert first != second
    assert "246810" not in first
    assert first.startswith("scrypt$1024$8$1$")


def test_the_program_hashes_at_a_cost_that_makes_guessing_take_days() -> None:
    """64 MiB and ≈0.36 s a check on a 2-core PC (tests/bench/bench_pin.py)."""
    assert PinCost(2**16, 8, 1) == DEFAULT_COST
    assert hash_pin("246810").startswith("scrypt$65536$8$1$")


def test_a_hash_cheaper_than_the_programs_is_to_be_hashed_again() -> None:
    assert needs_rehash(hash_pin("246810", CHEAP))
    assert needs_rehash("scrypt$16384$8$1$AAAA$BBBB")  # the cost before issue 11
    assert not needs_rehash("scrypt$65536$8$1$AAAA$BBBB")
    assert not needs_rehash("scrypt$131072$8$1$AAAA$BBBB")  # a later, higher cost is kept
    assert needs_rehash("plain")


def test_a_damaged_hash_matches_nothing() -> None:
    for stored in (
        "",
        "plain",
        "scrypt$x$8$1$AAAA$BBBB",
        "md5$1$1$1$AAAA$BBBB",
        hash_pin("246810", CHEAP)[:-6] + "!!!!!!",
    ):
        assert not verify_pin("246810", stored)


def test_a_new_pin_has_six_digits_or_is_a_passphrase_of_twelve_characters() -> None:
    assert pin_problem("4711") == short_pin_text()
    assert short_pin_text() == (
        "A PIN needs at least 6 digits, or use a passphrase of at least 12 characters"
    )
    assert pin_problem("12345") == short_pin_text()
    assert pin_problem("246810") is None
    assert pin_problem("correct hors") is None
    assert pin_problem("abc12345") == short_pin_text()  # not all digits: a passphrase, too short
    assert pin_problem(" 2468100") is not None
    assert pin_problem("246\x00810") is not None
    assert pin_problem("x" * 65) is not None


def test_an_old_short_pin_is_recognised_so_the_owner_can_be_asked_for_a_longer_one() -> None:
    assert is_short("4711")
    assert not is_short("246810")
