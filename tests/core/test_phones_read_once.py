"""A phone is parsed once in an import: the preview reads it (kept by text and region), and
the save's search words use the number the preview parsed, however it was typed. The results
are those of reading its E.164 form afresh."""

from __future__ import annotations

import phonenumbers
import pytest

from shopcards.core import phones
from shopcards.core.phones import NotAPhone, normalise, search_tokens

TYPED = (
    ("+358401234567", "FI"),
    ("+442079460958", "FI"),
    ("+390612345678", "FI"),
    ("+5491123456789", "FI"),
    ("+12015550123", "FI"),
    ("040 123 4567", "FI"),
    ("020 7946 0958", "GB"),
    ("06 1234 5678", "IT"),  # the Italian leading zero
    ("(201) 555-0123 ext. 12", "US"),  # E.164 has no extension: neither have its words
    ("0721 234 567", "RO"),
)


def _fresh_tokens(e164: str) -> list[str]:
    """search_tokens with nothing handed over: the number parsed from its E.164 text."""
    phones._handed_over.pop(e164, None)
    return search_tokens(e164)


@pytest.mark.parametrize(("typed", "region"), TYPED)
def test_a_number_read_gives_the_search_words_of_reading_its_e164_form_afresh(
    typed: str, region: str
) -> None:
    phones._read.cache_clear()
    e164 = normalise(typed, region)
    expected = _fresh_tokens(e164)
    phones._read.cache_clear()
    assert normalise(typed, region) == e164
    # the preview's parse is kept for the save, as parsing the E.164 text would give it…
    assert phones._handed_over[e164] == phonenumbers.parse(e164, None)
    assert search_tokens(e164) == expected
    assert e164 not in phones._handed_over  # …and handed over once
    assert search_tokens(e164) == expected


def test_a_number_in_another_form_is_read_the_same_every_time() -> None:
    phones._read.cache_clear()
    first = normalise("040 123 4567", "fi")
    assert first == normalise("040 123 4567", "FI") == "+358401234567"
    assert search_tokens(first) == ["0401234567", "358401234567", "401234567"]


def test_a_text_that_is_no_phone_is_refused_each_time_it_is_read() -> None:
    for _ in range(2):
        with pytest.raises(NotAPhone, match="“call me” is not a phone number"):
            normalise("call me", "FI")
        with pytest.raises(NotAPhone, match="wrong number of digits"):
            normalise("12", "FI")


def test_what_is_kept_for_the_save_has_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phones, "HANDED_OVER", 3)
    monkeypatch.setattr(phones, "_handed_over", {})
    phones._read.cache_clear()
    numbers = [f"+3584012{n:05d}" for n in range(5)]
    for number in numbers:
        normalise(number, "FI")
    assert list(phones._handed_over) == numbers[2:]  # the oldest go first
