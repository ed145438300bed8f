"""Amounts as a clerk types them, read into whole cents, and written back the shop's way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.money import NotAnAmount, format_for_typing, format_money, parse_amount

LOCALES = ["fi_FI", "en_GB", "de_DE", "de_CH", "fr_FR", "en_US", "he_IL", "en_IN"]


@pytest.mark.parametrize(
    ("typed", "locale", "cents"),
    [
        ("12,50", "fi_FI", 1250),
        ("12.50", "fi_FI", 1250),
        ("1 234,50", "fi_FI", 123450),
        ("1\u00a0234,50", "fi_FI", 123450),
        ("12,50 €", "fi_FI", 1250),
        ("€12.50", "en_GB", 1250),
        ("12", "fi_FI", 1200),
        ("0,5", "fi_FI", 50),
        (",5", "de_DE", 50),
        ("1.234,50", "de_DE", 123450),
        ("1,234.50", "en_GB", 123450),
        ("1.234", "de_DE", 123400),
        ("1,234", "en_GB", 123400),
        ("1’234.50", "de_CH", 123450),
        ("-12,50", "fi_FI", -1250),
        ("−4,20", "fi_FI", -420),
        ("12.50-", "de_DE", -1250),
        ("12,50 EUR", "de_DE", 1250),
        ("1,23,456.00", "en_IN", 12345600),
    ],
)
def test_reads_amounts_typed_the_local_way(typed: str, locale: str, cents: int) -> None:
    assert parse_amount(typed, locale, "EUR") == cents


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type an amount"),
        ("abc", "not an amount"),
        ("12,505", "3 decimals"),
        ("1.2.3", "separators"),
        ("1,2345", "4 decimals"),
        ("12.5.0,1", "separators"),
        ("99999999999", "too large"),
        ("1,5,0.00", "separators"),
    ],
)
def test_says_what_is_wrong_with_an_amount(typed: str, says: str) -> None:
    with pytest.raises(NotAnAmount, match=says):
        parse_amount(typed, "fi_FI", "EUR")


def test_a_dot_with_three_digits_is_never_guessed_at_where_dot_is_not_grouping() -> None:
    with pytest.raises(NotAnAmount, match="Write thousands without a separator, like 1234,50"):
        parse_amount("1.234", "fi_FI", "EUR")


def test_currencies_without_cents_and_with_three_decimals() -> None:
    assert parse_amount("1,234", "ja_JP", "JPY") == 1234
    with pytest.raises(NotAnAmount, match="no cents"):
        parse_amount("12.5", "ja_JP", "JPY")
    assert parse_amount("1.234", "en_GB", "KWD") == 1234


def test_writes_amounts_the_shop_s_way() -> None:
    assert format_money(123450, "fi_FI", "EUR") == "1\u00a0234,50\u00a0€"
    assert format_money(-1250, "en_GB", "GBP") == "-£12.50"
    assert format_for_typing(123450, "de_DE", "EUR") == "1234,50"
    assert format_for_typing(5, "en_GB", "EUR") == "0.05"


@given(cents=st.integers(min_value=-(10**11), max_value=10**11), locale=st.sampled_from(LOCALES))
def test_what_is_written_reads_back_the_same(cents: int, locale: str) -> None:
    assert parse_amount(format_for_typing(cents, locale, "EUR"), locale, "EUR") == cents
    assert parse_amount(format_money(cents, locale, "EUR"), locale, "EUR") == cents


@given(text=st.text(max_size=30), locale=st.sampled_from(LOCALES))
def test_any_text_is_an_amount_or_a_clear_refusal(text: str, locale: str) -> None:
    try:
        parse_amount(text, locale, "EUR")
    except NotAnAmount as exc:
        assert str(exc)
