"""The owner's PIN is kept only as a salted scrypt hash."""

from __future__ import annotations

from shopcards.core.pin import hash_pin, pin_problem, verify_pin


def test_the_right_pin_matches_and_a_wrong_one_does_not() -> None:
    stored = hash_pin("4711")
    assert verify_pin("4711", stored)
    assert not verify_pin("4712", stored)
    assert not verify_pin("", stored)


def test_the_hash_is_salted_and_does_not_hold_the_pin() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second
    assert "4711" not in first
    assert first.startswith("scrypt$16384$8$1$")


def test_a_damaged_hash_matches_nothing() -> None:
    for stored in (
        "",
        "plain",
        "scrypt$x$8$1$AAAA$BBBB",
        "md5$1$1$1$AAAA$BBBB",
        hash_pin("4711")[:-6] + "!!!!!!",
    ):
        assert not verify_pin("4711", stored)


def test_a_pin_that_will_not_do_is_named() -> None:
    assert pin_problem("123") == "A PIN needs at least 4 characters"
    assert pin_problem(" 1234") is not None
    assert pin_problem("12\x0034") is not None
    assert pin_problem("x" * 65) is not None
    assert pin_problem("1234") is None
    assert pin_problem("correct horse") is None
