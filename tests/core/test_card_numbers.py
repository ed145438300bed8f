"""Card numbers' check digit: every number the card file issues passes, and any one mistyped
digit (what a scanner or a hurried clerk gets wrong) fails."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.card_numbers import check_digit, is_card_number


def test_known_numbers() -> None:
    assert check_digit("000001") == "8"
    assert check_digit("7992739871") == "3"  # the textbook Luhn example
    assert is_card_number("0000018") and is_card_number("79927398713")
    assert not is_card_number("0000019")


def test_what_is_not_a_card_number() -> None:
    for text in ("", "8", "000001 8", "00000l8", "０００００１８", "-0000018"):
        assert not is_card_number(text), text


@given(st.text("0123456789", min_size=1, max_size=12), st.data())
def test_one_wrong_digit_is_caught(digits: str, data: st.DataObject) -> None:
    number = digits + check_digit(digits)
    assert is_card_number(number)
    place = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != number[place]]))
    assert not is_card_number(number[:place] + wrong + number[place + 1 :])
