"""Values filled into a right-to-left message are isolated once, by the catalogue itself."""

from __future__ import annotations

from shopcards.core import i18n
from shopcards.core.i18n import FIRST_STRONG_ISOLATE as FSI
from shopcards.core.i18n import POP_DIRECTIONAL_ISOLATE as PDI
from shopcards.core.i18n import _, isolated, unmarked
from shopcards.core.isolates import RIGHT_TO_LEFT_MARK as RLM
from shopcards.services import catalogues

PATH, PHONE, AMOUNT = "/tmp/x/shop.db", "+358 40 123 4567", "€1,234.50"


def test_a_hebrew_message_isolates_each_value_it_is_filled_with() -> None:
    catalogues.start("he")
    assert _("Card file: {place}", place=PATH) == f"קובץ הכרטיסים: {FSI}{PATH}{PDI}"
    assert _("Call {name}", name=PHONE) == f"שיחה אל {FSI}{PHONE}{PDI}"
    said = _("Spend per month, at most {amount}", amount=AMOUNT)
    assert said == f"הוצאה לפי חודש, לכל היותר {FSI}{AMOUNT}{PDI}"


def test_a_format_spec_and_a_conversion_are_applied_inside_the_isolate() -> None:
    he = i18n.words("he")
    said = he.gettext("{n:,} · {code!r}", n=12345, code="xx")
    assert said == f"{RLM}{FSI}12,345{PDI} · {FSI}'xx'{PDI}"


def test_an_isolated_value_is_not_isolated_twice_and_nothing_is_left_empty() -> None:
    catalogues.start("he")
    assert _("Call {name}", name=isolated(PHONE)) == f"שיחה אל {FSI}{PHONE}{PDI}"
    assert isolated("") == ""
    assert i18n.words("he").gettext("{a}{b}", a="", b="1") == f"{RLM}{FSI}1{PDI}"


def test_left_to_right_languages_and_the_letters_english_carry_no_marks() -> None:
    for code in ("en", "fi", "ro", "hy"):
        catalogues.start(code)
        assert FSI not in _("Card file: {place}", place=PATH)
        assert isolated(PATH) == PATH
    catalogues.start("he")
    assert i18n.words("en").gettext("Card file: {place}", place=PATH) == f"Card file: {PATH}"


def test_unmarked_takes_the_marks_out_and_nothing_else() -> None:
    catalogues.start("he")
    assert unmarked(_("Card file: {place}", place=PATH)) == f"קובץ הכרטיסים: {PATH}"
    assert unmarked(f"{RLM}{FSI}חדש{PDI}: 2 €") == "חדש: 2 €"


def test_a_unit_beside_a_value_goes_into_its_isolate_and_a_colon_does_not() -> None:
    he = i18n.words("he")
    said = he.gettext("{n}% · #{seq}: €{amount}", n=20, seq=7, amount="5")
    assert said == f"{RLM}{FSI}20%{PDI} · {FSI}#7{PDI}: {FSI}€5{PDI}"


def test_a_message_of_values_alone_is_led_by_a_right_to_left_mark() -> None:
    """Its direction is looked for outside the isolates, where it has no letter."""
    catalogues.start("he")
    assert _("{status}: {count}", status="חדש", count=2) == f"{RLM}{FSI}חדש{PDI}: {FSI}2{PDI}"
    assert not _("Call {name}", name=PHONE).startswith(RLM)
