"""A phone is parsed once in an import: the preview reads it (kept by text and region), and
the save's search words use the number the preview parsed when it was typed in E.164 form.
Either way the results are those of reading it afresh."""

from __future__ import annotations

import pytest

from shopcards.core import phones
from shopcards.core.phones import NotAPhone, normalise, search_tokens

TYPED_E164 = ("+358401234567", "+442079460958", "+390612345678", "+5491123456789", "+12015550123")


def _fresh_tokens(e164: str) -> list[str]:
    """search_tokens with nothing handed over: the number parsed from its E.164 text."""
    phones._handed_over.pop(e164, None)
    return search_tokens(e164)


@pytest.mark.parametrize("typed", TYPED_E164)
def test_a_number_read_in_e164_form_gives_the_search_words_of_reading_it_afresh(
    typed: str,
) -> None:
    expected = _fresh_tokens(typed)
    phones._read.cache_clear()
    assert normalise(typed, "FI") == typed
    assert typed in phones._handed_over  # the preview's parse is kept for the save…
    assert search_tokens(typed) == expected
    assert typed not in phones._handed_over  # …and handed over once
    assert search_tokens(typed) == expected


def test_a_number_in_another_form_is_read_the_same_every_time() -> None:
    phones._read.cache_clear()
    first = normalise("040 123 4567", "fi")
    assert first == normalise("040 123 4567", "FI") == "+358401234567"
    assert "040 123 4567" not in phones._handed_over
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
