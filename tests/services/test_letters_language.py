"""The letters speak the shop's language: the built-in templates of the letters' language, the
greeting, dates and closing words in it, whatever language the window reads (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.settings import ShopSettings
from shopcards.paths import resources_dir
from shopcards.services import catalogues, letters, templates
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.letters_shop import build_shop, page_texts, words
from tests.printing.pdf_helpers import media_box, placed

LANGUAGES = ("fi", "ro", "he", "hy")


@pytest.fixture(autouse=True)
def _catalogues_read() -> None:
    """The window speaks English, but the catalogues are read from the shipped files (as at
    every start), so a letter can speak the shop's language."""
    catalogues.start("en")


@pytest.fixture
def ids(owner: Session) -> dict[str, int]:
    return build_shop(owner)


def test_the_letters_language_follows_the_shops_locale_until_chosen() -> None:
    assert ShopSettings(locale="fi_FI").letter_language == "fi"
    assert ShopSettings(locale="he_IL").letter_language == "he"
    assert ShopSettings(locale="de_DE").letter_language == "en"  # shopcards has no German
    assert ShopSettings(locale="fi_FI", letter_language="ro").letter_language == "ro"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_built_in_template_and_each_one_parses(language: str) -> None:
    english = {path.name for path in (resources_dir() / "templates").glob("*.txt")}
    folder = resources_dir() / "templates" / language
    assert {path.name for path in folder.glob("*.txt")} == english
    for path in folder.glob("*.txt"):
        key = templates.builtin_key(path.stem, language)
        info = templates._info(key, templates.builtin_texts()[key], True, False)
        assert (info.problem, info.language) == ("", language), key
        english_info = templates._info(path.stem, templates.builtin_texts()[path.stem], True, False)
        assert (info.kind, info.occasion) == (english_info.kind, english_info.occasion)
        assert info.name != english_info.name


def test_the_templates_of_the_letters_language_come_first_and_the_rest_stay_choosable(
    owner: Session, ids: dict[str, int]
) -> None:
    update_settings(owner, letter_language="fi")
    cards = templates.list_templates(owner, templates.TemplateKind.CARD)
    languages = [info.language for info in cards]
    assert languages[:5] == ["fi"] * 5
    assert {"en", "ro", "he", "hy"} <= set(languages[5:])
    assert templates.find_template(owner, "birthday").key == "fi/card_birthday"


def test_a_finnish_shop_prints_a_finnish_birthday_card_with_a_finnish_date(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    update_settings(owner, locale="fi_FI")  # the letters' language follows: not chosen yet
    card = templates.find_template(owner, "birthday")
    plan = letters.plan_batch(owner, LetterRequest(Output.CARDS, f"ids:{ids['paivi']}", card.key))
    letters.write_batch(plan, tmp_path / "card.pdf")
    text = " ".join(page_texts(tmp_path / "card.pdf"))
    assert "Hyvää syntymäpäivää!" in text  # the front
    assert "Hyvä Päivi," in text
    assert "29. helmikuuta" in text  # her birthday, in Finnish
    assert "syntymäpäivälahja" in text
    english = templates.builtin_texts()["card_birthday"].split("---")[1]
    assert not words(english) - {"given_name", "shop_name"} & words(text)


def test_a_letter_greets_dates_and_closes_in_the_letters_language_not_the_windows(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    update_settings(owner, letter_language="ro")
    welcome = templates.builtin_in("letter_welcome", "ro")
    plan = letters.plan_batch(owner, LetterRequest(Output.LETTERS, f"ids:{ids['paivi']}", welcome))
    letters.write_batch(plan, tmp_path / "letter.pdf")
    text = page_texts(tmp_path / "letter.pdf")[0]
    assert "Dragă Päivi," in text
    assert "23 noiembrie 2026" in text  # today, as the letter is dated
    assert "Cu drag," in text  # the standard closing words, in Romanian
    assert not {"Dear", "November", "With"} & words(text)


def test_a_household_is_greeted_and_addressed_in_the_letters_language(
    owner: Session, ids: dict[str, int]
) -> None:
    update_settings(owner, letter_language="fi")
    request = LetterRequest(
        Output.LETTERS, f"ids:{ids['anna']},{ids['mikko']}", "fi/letter_welcome", households=True
    )
    (piece,) = letters.plan_batch(owner, request).pieces
    assert piece.values["salutation"] == "Hyvä Anna ja Mikko"
    assert piece.address[0] == "Anna ja Mikko Virtanen"


def test_a_hebrew_letter_is_right_aligned_with_the_name_and_numbers_in_order(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    update_settings(owner, letter_language="he", locale="he_IL")
    plan = letters.plan_batch(
        owner, LetterRequest(Output.LETTERS, f"ids:{ids['david']}", "he/letter_quarterly")
    )
    letters.write_batch(plan, tmp_path / "letter.pdf")
    text = page_texts(tmp_path / "letter.pdf")[0]
    assert {"שלום", "דוד", "הביקור", "האחרון"} <= words(text)
    assert "2026" in text and "+358 9 123 4567" in text  # numbers keep their own order
    width, _height = media_box(tmp_path / "letter.pdf")
    greeting = next(p for p in placed(tmp_path / "letter.pdf") if "שלום" in p.text)
    assert greeting.x + greeting.width > width - 30 * 72 / 25.4  # ends at the right margin
    assert greeting.x > width / 2
