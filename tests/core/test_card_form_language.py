"""The card form's and the import's refusals in the language in use, even for a text whose
answer was kept from an earlier reading in another language."""

from __future__ import annotations

import pytest

from shopcards.core.errors import ValidationError
from shopcards.core.phones import NotAPhone, normalise
from shopcards.core.validation import CardInput, parse_partial_date, validate
from shopcards.services import catalogues


def test_a_day_that_does_not_exist_is_refused_in_finnish_after_english() -> None:
    with pytest.raises(ValueError, match="31 April 2026 does not exist"):
        parse_partial_date("2026-04-31")
    catalogues.start("fi")
    with pytest.raises(ValueError) as caught:
        parse_partial_date("2026-04-31")
    assert str(caught.value) == "31. huhtikuuta 2026 ei ole olemassa"


def test_a_phone_that_is_none_is_refused_in_hebrew_after_english() -> None:
    with pytest.raises(NotAPhone, match="is not a phone number"):
        normalise("abc", "FI")
    catalogues.start("he")
    with pytest.raises(NotAPhone) as caught:
        normalise("abc", "FI")
    assert str(caught.value) == "„\u2068abc\u2069” אינו מספר טלפון"  # the value isolated


def test_the_card_form_asks_for_a_name_in_armenian() -> None:
    catalogues.start("hy")
    with pytest.raises(ValidationError) as caught:
        validate(CardInput(email="x"), "FI")
    assert caught.value.fields["family_name"] == (
        "Մուտքագրեք անուն՝ ազգանուն, անուն կամ երկուսն էլ"
    )
    assert caught.value.fields["email"].startswith("«x»-ը էլ. փոստի հասցե չէ")
