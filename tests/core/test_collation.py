"""Alphabetical order and drawers as a local reader expects them."""

from __future__ import annotations

from shopcards.core.collation import Alphabet


def _sorted(locale: str, names: list[str]) -> list[str]:
    alphabet = Alphabet.for_locale(locale)
    return sorted(names, key=lambda n: alphabet.sort_key(n, ""))


def test_finnish_letters_follow_z() -> None:
    assert _sorted("fi_FI", ["Öhman", "Zetterberg", "Äijälä", "Aalto", "Åberg"]) == [
        "Aalto",
        "Zetterberg",
        "Åberg",
        "Äijälä",
        "Öhman",
    ]


def test_german_umlaut_sorts_with_its_base_letter() -> None:
    assert _sorted("de_DE", ["Zander", "Öttinger", "Oster"]) == ["Oster", "Öttinger", "Zander"]


def test_romanian_letters_follow_their_base_letter() -> None:
    assert _sorted("ro", ["Țurcanu", "Tudor", "Stan", "Ștefănescu", "Sârbu", "Zamfir"]) == [
        "Sârbu",
        "Stan",
        "Ștefănescu",
        "Tudor",
        "Țurcanu",
        "Zamfir",
    ]


def test_hebrew_in_alphabet_order_and_first_in_a_hebrew_shop() -> None:
    assert _sorted("he_IL", ["Smith", "מזרחי", "כהן", "אברהם"]) == [
        "אברהם",
        "כהן",
        "מזרחי",
        "Smith",
    ]


def test_drawers() -> None:
    fi = Alphabet.for_locale("fi_FI")
    assert fi.drawer("Äijälä", "") == "Ä"
    assert fi.drawer("Ștefănescu", "") == "S"
    assert fi.drawer("כהן", "") == "א–ת"
    assert fi.drawer("Պետրոսյան", "") == "Ա–Ֆ"
    assert fi.drawer("", "Madonna") == "M"
    assert fi.drawer("123", "") == "#"
    assert fi.drawers()[:3] == ["A", "B", "C"]
    assert fi.drawers()[-1] == "#"
    armenian = Alphabet.for_locale("hy_AM")
    assert armenian.drawer("Պետրոսյան", "") == "Պ"
    assert "A–Z" in armenian.drawers()


def test_scripts_without_drawers_come_last_in_unicode_order_and_in_the_other_drawer() -> None:
    """They used to lose their letters from the key, so they all sorted first, in no order."""
    names = ["王", "ბერიძე", "Äijälä", "김", "Smith", "ใจดี", "محمد", "佐藤", "가", "기"]
    assert _sorted("fi_FI", names) == [
        "Smith",
        "Äijälä",
        "محمد",
        "ใจดี",
        "ბერიძე",
        "가",
        "기",
        "김",
        "佐藤",
        "王",
    ]
    alphabet = Alphabet.for_locale("fi_FI")
    assert alphabet.drawer("王", "小明") == "#"
    low, high = alphabet.prefix_range("王")
    assert low <= alphabet.sort_key("王", "小明") < high
    assert not low <= alphabet.sort_key("佐藤", "") < high
