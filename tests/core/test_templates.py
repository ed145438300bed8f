"""Templates: the markup, the merge fields, and mistakes reported with their place."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcards.core.errors import ValidationError
from shopcards.core.template_problems import MissingValuesError, TemplateError
from shopcards.core.templates import (
    MERGE_FIELDS,
    Field,
    Span,
    TemplateKind,
    Text,
    load_template,
    load_templates,
    parse_template,
    suggest_field,
)
from shopcards.paths import resources_dir

VALUES = {name: f"<{name}>" for name in MERGE_FIELDS}


def _plain(text: str) -> list[list[str]]:
    """Each paragraph's lines filled with VALUES, as plain strings."""
    template = parse_template(text)
    return [
        ["".join(span.text for span in line) for line in paragraph.fill(VALUES)]
        for paragraph in template.paragraphs
    ]


def test_the_built_in_templates_all_parse() -> None:
    templates = load_templates(resources_dir() / "templates")
    occasions = {t.occasion: t.kind for t in templates}
    assert occasions == {
        "welcome": TemplateKind.LETTER, "quarterly": TemplateKind.LETTER,
        "lapsed": TemplateKind.LETTER, "invitation": TemplateKind.LETTER,
        "prize": TemplateKind.LETTER, "birthday": TemplateKind.CARD,
        "anniversary": TemplateKind.CARD, "christmas": TemplateKind.CARD,
        "hanukkah": TemplateKind.CARD, "new_year": TemplateKind.CARD,
    }  # fmt: skip
    for template in templates:
        assert template.name and template.paragraphs
        assert template.fields <= set(MERGE_FIELDS)
        assert (template.kind is TemplateKind.CARD) == bool(template.front)
    assert templates[0].kind is TemplateKind.LETTER  # letters first, then cards


def test_paragraphs_line_breaks_and_emphasis() -> None:
    template = parse_template("Dear **{given_name}**,\n\nThank you *so* much.\nSee you ***soon***!")
    first, second = template.paragraphs
    assert first.lines == ((Text("Dear "), Field("given_name", True, False, 1, 8), Text(",")),)
    assert second.lines[1] == (Text("See you "), Text("soon", True, True), Text("!"))
    assert second.fill({}) == (
        (Span("Thank you "), Span("so", italic=True), Span(" much.")),
        (Span("See you "), Span("soon", True, True), Span("!")),
    )
    assert template.kind is TemplateKind.LETTER and template.name == "Untitled"


def test_emphasis_may_run_over_a_line_break() -> None:
    (paragraph,) = parse_template("**Happy\nbirthday**").paragraphs
    assert paragraph.lines == ((Text("Happy", bold=True),), (Text("birthday", bold=True),))


def test_backslash_prints_the_next_character() -> None:
    assert _plain(r"2 \* 3 \{not a field\} C:\\") == [[r"2 * 3 {not a field} C:\ "[:-1]]]


def test_header() -> None:
    template = parse_template(
        "name: Birthday\nkind: card\noccasion: Birthday\nfront: Happy birthday, {given_name}!\n"
        "---\nHello"
    )
    assert (template.name, template.kind, template.occasion) == ("Birthday", "card", "birthday")
    assert template.fields == {"given_name"}
    assert template.front[1] == Field("given_name", line=4, column=24)


def test_a_body_with_a_dashed_line_is_not_a_header() -> None:
    assert _plain("Dear {given_name}\n---\nbye") == [["Dear <given_name>", "---", "bye"]]


def test_unknown_field_names_the_field_its_place_and_a_suggestion() -> None:
    text = "name: Letter\n---\nDear {salutation},\n\nYou last came on {last_vist}."
    with pytest.raises(TemplateError) as caught:
        parse_template(text, source="quarterly.txt")
    error = caught.value
    assert isinstance(error, ValidationError)
    (problem,) = error.problems
    assert (problem.line, problem.column) == (5, 18)
    assert problem.field == "last_vist" and problem.suggestion == "last_visit"
    assert error.message == (
        "Please check: template: quarterly.txt: Line 5, column 18: unknown merge field "
        "{last_vist}; did you mean {last_visit}?"
    )


def test_every_mistake_is_listed() -> None:
    text = "{given_nam} and {nonsense_field_xyz}\n\n**unclosed\n\n{ broken\n\n}"
    with pytest.raises(TemplateError) as caught:
        parse_template(text)
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [(1, 1), (1, 17), (3, 1), (5, 1), (7, 1)]
    assert problems[0].suggestion == "given_name"
    assert problems[1].suggestion == "" and "did you mean" not in problems[1].message
    assert "not closed" in problems[2].message
    assert "(and 4 more mistakes)" in caught.value.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{}", "empty"),
        ("a }", "no {"),
        ("{a{b}", "not closed"),
        ("*italic", "italic"),
        ("****", "asterisks"),
        ("kind: poster\n---\nx", "letter"),
        ("name: x\ncolour: red\n---\nx", "key: value"),
        ("name: x\n---\n", "no text"),
        ("tab\tis fine but bell \x07 is not", "control character"),
    ],
)
def test_mistakes_have_clear_messages(text: str, words: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(text)
    assert words in caught.value.message


def test_case_and_spaces_in_a_field_name_suggest_the_right_one() -> None:
    assert suggest_field("Given Name") == "given_name"
    assert suggest_field("birthdya") == "birthday"
    assert suggest_field("xyzzy") == ""


def test_missing_values_are_named() -> None:
    template = parse_template("{salutation}, {prize}")
    with pytest.raises(MissingValuesError) as caught:
        template.check_values({"salutation": "Dear Ana"}, who="0042-popescu")
    assert caught.value.missing == ("prize",)
    assert "{prize}" in caught.value.message and "0042-popescu" in caught.value.message


def test_values_are_cleaned_and_composed() -> None:
    (paragraph,) = parse_template("{given_name}").paragraphs
    (line,) = paragraph.fill({"given_name": "S\u0326tefan\nIonescu\x00"})
    assert line == (Span("Ștefan Ionescu "),)


def test_load_template_reports_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("Dear {given_nmae}", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert "mine.txt: Line 1, column 6" in caught.value.message
    path.write_bytes(b"\xff\xfe bad")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    assert "cannot be read" in caught.value.message


MARKUP = st.lists(
    st.sampled_from([*"ab {}*\\\n\t:-_#", "given_name", "---", "name: ", "kind: "])
).map("".join)


def test_a_header_with_no_text_under_it_points_at_a_line_the_text_has() -> None:
    """Hypothesis found "NAME:\\n---" named line 3 of a two-line text."""
    with pytest.raises(TemplateError) as caught:
        parse_template("name: Empty\n---")
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, 1)]
    assert "no text" in caught.value.message


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), MARKUP))
def test_any_input_gives_a_template_or_a_message(text: str) -> None:
    try:
        template = parse_template(text)
    except TemplateError as error:
        assert error.problems and error.message
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for problem in error.problems:
            assert 1 <= problem.line <= len(lines)
            assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1
            assert str(problem)
        return
    assert template.paragraphs
    assert template.fields <= set(MERGE_FIELDS)
    for paragraph in template.paragraphs:
        for line in paragraph.fill(VALUES):
            assert all(isinstance(span.text, str) for span in line)


WORDS = st.text(
    alphabet=st.characters(
        blacklist_characters="*{}\\\n\r", blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp")
    ),
    min_size=1,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(sorted(MERGE_FIELDS))), min_size=1))
def test_fields_are_filled_where_they_were_written(parts: list[tuple[str, str]]) -> None:
    text = "".join(f"{words}{{{name}}}" for words, name in parts)
    if not text.strip() or text.lstrip().partition(":")[0].strip().lower() in {"name", "kind"}:
        return
    filled = "".join(span.text for line in parse_template(text).paragraphs[0].fill(VALUES)
                     for span in line)  # fmt: skip
    assert filled == "".join(f"{words}<{name}>" for words, name in parts).rstrip()
