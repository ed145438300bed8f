"""Templates: built in and ready, edited by the owner (the edit wins), added, checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.template_problems import TemplateError
from shopcards.core.templates import TemplateKind
from shopcards.services import letters, templates
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.templates import TemplateParts, join_parts, split_text, where
from tests.letters_shop import build_shop, page_texts


def test_every_built_in_template_is_on_offer_and_prints(owner: Session) -> None:
    offered = templates.list_templates(owner)
    assert {t.key for t in offered} == set(templates.builtin_texts())
    assert all(t.built_in and not t.edited and not t.problem for t in offered)
    assert [t.kind for t in offered] == sorted(
        (t.kind for t in offered), key=lambda k: k is not TemplateKind.LETTER
    )
    assert {t.occasion for t in templates.list_templates(owner, TemplateKind.CARD)} == {
        "birthday",
        "anniversary",
        "christmas",
        "hanukkah",
        "new_year",
    }


def test_parts_and_text_round_trip_for_every_built_in() -> None:
    for key, text in templates.builtin_texts().items():
        parts = split_text(text)
        assert parts.name, key
        again = split_text(join_parts(parts))
        assert again == parts
        assert templates.check(parts).fields == templates.check(again).fields


def test_an_edited_built_in_wins_and_can_be_put_back(owner: Session, tmp_path: Path) -> None:
    ids = build_shop(owner)
    original = templates.get_template(owner, "letter_welcome")
    parts = split_text(original.text)
    edited = TemplateParts(
        parts.name,
        parts.kind,
        parts.occasion,
        "Hello from {shop_name}",
        "{salutation},\n\nA **new** welcome, {given_name}.",
    )
    info = templates.save_template(owner, edited, original)
    assert info.edited and info.built_in and info.key == "letter_welcome"
    outcome = letters.print_batch(
        owner,
        LetterRequest(Output.LETTERS, f"ids:{ids['anna']}", "letter_welcome"),
        tmp_path / "w.pdf",
    )
    assert "A new welcome, Anna." in page_texts(outcome.result.paths[0])[0]
    restored = templates.remove_template(owner, info)
    assert restored is not None and restored.text == original.text and not restored.edited


def test_a_misspelled_field_is_refused_naming_the_field_and_where(owner: Session) -> None:
    parts = TemplateParts(
        "Spring news",
        TemplateKind.LETTER,
        "news",
        "News for {given_nme}",
        "{salutation},\n\nWe saw you on {last_vist}.",
    )
    with pytest.raises(TemplateError) as caught:
        templates.save_template(owner, parts)
    problems = caught.value.problems
    assert [(where(p, parts.kind), p.field, p.suggestion) for p in problems] == [
        (("Subject", 1, 10), "given_nme", "given_name"),
        (("Text", 3, 15), "last_vist", "last_visit"),
    ]
    assert "unknown merge field {given_nme}; did you mean {given_name}?" in problems[0].message
    assert templates.list_templates(owner, TemplateKind.LETTER)[0].name != "Spring news"


def test_a_new_card_occasion_joins_the_greeting_list(owner: Session) -> None:
    assert templates.greeting_options(owner) == ("christmas", "hanukkah", "new_year", "none")
    parts = TemplateParts(
        "Diwali card",
        TemplateKind.CARD,
        "Diwali",
        "Happy Diwali",
        "Dear {given_name},\n\nMay the festival of lights bring you joy.",
    )
    info = templates.save_template(owner, parts)
    assert (info.key, info.occasion, info.built_in) == ("card_diwali_card", "diwali", False)
    assert letters.greeting_options(owner) == (
        "christmas",
        "hanukkah",
        "new_year",
        "diwali",
        "none",
    )
    again = templates.save_template(owner, parts)
    assert again.key == "card_diwali_card_2"
    assert templates.remove_template(owner, info) is None
    assert templates.remove_template(owner, again) is None
    assert "diwali" not in letters.greeting_options(owner)


def test_a_card_needs_a_name_and_an_occasion(owner: Session) -> None:
    with pytest.raises(TemplateError) as caught:
        templates.save_template(owner, TemplateParts(" ", TemplateKind.CARD, "", "", "Hi"))
    labels = [where(p, TemplateKind.CARD)[0] for p in caught.value.problems]
    assert labels == ["Name", "Occasion"]


def test_the_clerk_may_not_change_templates(clerk: Session) -> None:
    parts = TemplateParts("Mine", TemplateKind.LETTER, "", "", "Hello {given_name}")
    with pytest.raises(PermissionDenied):
        templates.save_template(clerk, parts)
    with pytest.raises(PermissionDenied):
        templates.remove_template(clerk, templates.get_template(clerk, "letter_welcome"))


def test_an_unedited_built_in_cannot_be_reset(owner: Session) -> None:
    with pytest.raises(ValidationError, match="has not been edited"):
        templates.remove_template(owner, templates.get_template(owner, "letter_welcome"))


def test_templates_are_found_by_key_name_or_occasion(owner: Session) -> None:
    assert templates.find_template(owner, "card_birthday").key == "card_birthday"
    assert templates.find_template(owner, "birthday CARD").key == "card_birthday"
    assert templates.find_template(owner, "Hanukkah").key == "card_hanukkah"
    with pytest.raises(Exception, match="The templates are"):
        templates.find_template(owner, "Easter")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80), st.text(max_size=200))
def test_any_text_either_parses_or_says_where_it_is_wrong(heading: str, body: str) -> None:
    parts = TemplateParts("Any", TemplateKind.LETTER, "", heading, body)
    try:
        templates.check(parts)
    except TemplateError as exc:
        for problem in exc.problems:
            label, line, column = where(problem, parts.kind)
            assert label in ("Subject", "Text")
            assert line >= 1 and column >= 1
