"""The settings' declarations and the one check every save goes through (issue 11)."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core.errors import ValidationError
from shopcards.core.settings import (
    BY_KEY,
    GROUPS,
    SETTINGS,
    Setting,
    ShopSettings,
    check,
    local_defaults,
)

BOUNDED = [s for s in SETTINGS if s.kind is int and s.low is not None and s.high is not None]
CHOSEN = [s for s in SETTINGS if s.kind is str and s.choices is not None]


def _refusal(values: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        check(values)
    return caught.value.fields


def test_every_setting_is_declared_once_with_a_label_and_a_group() -> None:
    assert [s.key for s in SETTINGS] == list(BY_KEY)
    assert set(BY_KEY) == {f.name for f in fields(ShopSettings)}
    assert all(s.label and s.group in GROUPS for s in SETTINGS)


def test_the_defaults_pass_the_check_unchanged() -> None:
    defaults = ShopSettings().to_dict()
    assert check(defaults) == defaults


@pytest.mark.parametrize(("key", "value", "message"), [
    ("owner_idle_minutes", "ten", "must be a whole number from 1 to 240, not 'ten'"),
    ("label_sheet", "no-such-sheet", "must be one of L7160, L7163, 5160, 5163, custom"),
    ("drawing_entry_mode", "sometimes", "must be one of per_customer, per_purchase"),
    ("locale", "xx_YY", "must be a locale Babel knows"),
    ("region", "ZZ", "must be a two-letter country code"),
    ("currency", "EURO", "must be a three-letter currency code"),
    ("shop_name", "  ", "must not be empty"),
    ("shop_email", "shop at example", "must be an e-mail address"),
    ("holdout_share", 0.7, "must be a number from 0 to 0.5"),
    ("drawing_exclude_staff", "maybe", "must be yes or no"),
    ("owner_idle_minutes", True, "must be a whole number"),
    ("no_such_setting", 1, "is not a setting shopcards knows"),
])  # fmt: skip
def test_a_bad_value_is_refused_by_name(key: str, value: object, message: str) -> None:
    assert message in _refusal({key: value})[key]


def test_every_problem_comes_back_at_once() -> None:
    problems = _refusal({"owner_idle_minutes": 0, "region": "XX", "shop_name": "Fine"})
    assert set(problems) == {"owner_idle_minutes", "region"}


def test_text_is_read_as_the_settings_type() -> None:
    assert check({
        "owner_idle_minutes": " 15 ", "drawing_exclude_staff": "no", "holdout_share": "0.25",
        "regular_visits": "none", "heavy_spend": "", "former_months": "6",
        "region": "fi", "currency": "sek", "label_sheet": "l7163",
    }) == {
        "owner_idle_minutes": 15, "drawing_exclude_staff": False, "holdout_share": 0.25,
        "regular_visits": None, "heavy_spend": None, "former_months": 6,
        "region": "FI", "currency": "SEK", "label_sheet": "L7163",
    }  # fmt: skip


@given(st.sampled_from(BOUNDED), st.integers())
def test_a_whole_number_passes_exactly_when_it_is_in_range(setting: Setting, value: int) -> None:
    assert setting.low is not None and setting.high is not None
    inside = setting.low <= value <= setting.high
    allowed = not setting.options() or value in setting.options()
    if inside and allowed:
        assert check({setting.key: value}) == {setting.key: value}
        assert check({setting.key: str(value)}) == {setting.key: value}
    else:
        assert setting.key in _refusal({setting.key: value})


@given(st.sampled_from(CHOSEN), st.text(max_size=12))
def test_a_choice_passes_only_when_it_is_one_of_the_choices(setting: Setting, text: str) -> None:
    known = {code.casefold(): code for code in setting.options()}
    if text.strip().casefold() in known:
        assert check({setting.key: text}) == {setting.key: known[text.strip().casefold()]}
    else:
        assert setting.key in _refusal({setting.key: text})


@pytest.mark.parametrize(("system", "expected"), [
    ("fi_FI", ("fi_FI", "FI", "EUR")),
    ("sv-SE", ("sv_SE", "SE", "SEK")),
    ("en_US", ("en_US", "US", "USD")),
    ("C", ("en_GB", "GB", "EUR")),
])  # fmt: skip
def test_the_pcs_locale_suggests_the_shops_locale_region_and_currency(
    system: str, expected: tuple[str, str, str]
) -> None:
    suggested = local_defaults(system)
    assert (suggested["locale"], suggested["region"], suggested["currency"]) == expected
