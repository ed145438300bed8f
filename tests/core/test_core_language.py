"""Core's refusals in the language in use: the message translated, the field and value kept."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcards.core import settings, subject_access
from shopcards.core.card import Consent
from shopcards.core.consent import Channel, describe
from shopcards.core.errors import Cancelled, ValidationError
from shopcards.core.pin import pin_problem
from shopcards.core.purchase import PurchaseInput, validate_purchase
from shopcards.core.purchase_dates import file_date
from shopcards.services import catalogues

TODAY = dt.date(2026, 11, 30)


def test_a_bad_date_is_refused_in_finnish_naming_the_field_and_the_value() -> None:
    catalogues.start("fi")
    with pytest.raises(ValidationError) as caught:
        validate_purchase(PurchaseInput(amount="12,50", date="31.2.2026"), "fi_FI", "EUR", TODAY)
    assert caught.value.fields == {"date": "“31.2.2026” ei ole päivämäärä: kirjoita VVVV-KK-PP"}
    assert caught.value.message == (
        "Tarkista: date: “31.2.2026” ei ole päivämäärä: kirjoita VVVV-KK-PP"
    )


def test_the_same_refusal_reads_english_again_after_the_language_changes_back() -> None:
    catalogues.start("fi")
    catalogues.start("en")
    with pytest.raises(ValidationError, match="is not a date: type YYYY-MM-DD"):
        validate_purchase(PurchaseInput(amount="12,50", date="31.2.2026"), "en_GB", "EUR", TODAY)


def test_a_month_named_in_a_refusal_is_the_languages_own() -> None:
    catalogues.start("fi")
    with pytest.raises(ValueError) as caught:
        file_date("30.02.2026", True, TODAY, None)
    assert str(caught.value) == "30.02.2026 ei ole päivä: kuussa helmikuu 2026 on 28 päivää"


def test_a_setting_refused_in_romanian_says_what_it_must_be() -> None:
    catalogues.start("ro")
    with pytest.raises(ValidationError) as caught:
        settings.check({"owner_idle_minutes": "500"})
    assert caught.value.fields == {
        "owner_idle_minutes": "trebuie să fie un număr întreg de la 1 la 240, nu '500'"
    }


def test_the_pin_rule_and_a_cancelled_job_in_hebrew_and_armenian() -> None:
    catalogues.start("he")
    assert pin_problem("4711") == (
        "קוד PIN צריך לכלול לפחות \u20686\u2069 ספרות, או להשתמש בביטוי סיסמה של לפחות "
        "\u206812\u2069 תווים"
    )
    catalogues.start("hy")
    assert Cancelled().message == "Չեղարկված է․ ոչինչ չի պահպանվել։"


def test_a_consent_and_a_subject_access_section_read_in_the_language_in_use() -> None:
    catalogues.start("he")
    assert describe(Channel.POST, Consent.YES, None) == "דואר: כן"
    catalogues.start("fi")
    calls = subject_access.section("calls", [("2026-11-02", "shop", "no_answer", "", "", "")])
    assert calls.heading == "Puhelut"
    assert [column.label for column in calls.columns][:3] == ["Päivä", "Kuka soitti", "Tulos"]
    assert calls.columns[2].shown("no_answer") == "ei vastausta"
