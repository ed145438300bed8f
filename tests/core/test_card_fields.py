"""One name per card field: the form, the card, the import, the export and the customer's copy
say each field with the words of core/card_fields.py; an older export still reads back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from shopcards.core.card_export import CARD_HEADINGS, card_headings
from shopcards.core.card_fields import CARD_FIELDS, SHORT_FIELDS, column_heading
from shopcards.core.customer_headings import Field, recognise
from shopcards.core.i18n import words
from shopcards.core.subject_access import CARD_WORDS
from shopcards.core.subject_access import Field as CardField
from shopcards.services import catalogues
from shopcards.ui.imports.customers_fields import FIELD_TEXT
from shopcards.ui.kit.card_words import FIELD_LABELS

LISTS = ("ui/retention/screen.py", "ui/duplicates/window.py", "ui/card/duplicate_warning.py")
"""The lists that head a column with a card's field."""
SHARED = ("card_no", "title", "given_name", "family_name", "greeting", "consent_post",
          "consent_phone", "consent_email", "customer_type", "notes")  # fmt: skip


def test_the_form_the_import_and_the_export_name_a_field_alike() -> None:
    catalogues.start("en")
    for key in SHARED:
        label = CARD_FIELDS[key]
        assert FIELD_LABELS[key] == label
        assert FIELD_TEXT[Field(key)] == label
        assert label in CARD_HEADINGS


@pytest.mark.parametrize("code", ["en", "fi", "ro", "he", "hy"])
def test_todays_export_headings_read_back_as_their_fields(code: str) -> None:
    catalogues.start("en")
    said = dict(zip(CARD_HEADINGS, card_headings(words(code)), strict=True))
    for key in ("greeting", "consent_post", "consent_phone", "consent_email", "card_no"):
        found = recognise(said[CARD_FIELDS[key]])
        assert found is not None and found[0] == Field(key), (code, key, said[CARD_FIELDS[key]])


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Post OK", Field.consent_post),
        ("Postilupa", Field.consent_post),
        ("Acord telefon", Field.consent_phone),
        ("Համաձայնություն էլ. նամակների", Field.consent_email),
        ("Joulutervehdys", Field.greeting),
        ("ברכת חג", Field.greeting),
        ("Տոնական շնորհավորանք", Field.greeting),
        ("Felicitare", Field.greeting),
    ],
)
def test_an_older_exports_headings_still_read_back(heading: str, field: Field) -> None:
    found = recognise(heading)
    assert found is not None and found[0] == field


@pytest.mark.parametrize(
    ("key", "code", "finnish"),
    [("greeting", "christmas", "Joulu"), ("joined_via", "till", "Lomake kassalla"),
     ("customer_type", "wandering", "Satunnainen"), ("consent_post", "not_asked", "ei kysytty")],
)  # fmt: skip
def test_the_customers_copy_says_a_codes_words_not_the_code(
    key: str, code: str, finnish: str
) -> None:
    """The PDF of everything we keep showed "christmas", "till" and "wandering" as stored."""
    catalogues.start("en")
    field = CardField(key, CARD_FIELDS[key], code, CARD_WORDS.get(key))
    assert field.shown(words("fi")) == finnish


def test_the_lists_head_a_cards_field_with_the_tables_words() -> None:
    """The retention and duplicates lists and the duplicate warning each wrote their own
    "Card no."; a label written again outside the table is a second string to translate."""
    field_words = set(CARD_FIELDS.values()) | set(SHORT_FIELDS.values())
    root = Path(__file__).parents[2] / "shopcards"
    for module in LISTS:
        tree = ast.parse((root / module).read_text(encoding="utf-8"))
        written = {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in ("N_", "_")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        }
        assert not written & field_words, module
    assert column_heading("card_no") == "Card no." and column_heading("city") == "City"
    for code, short in (("fi", "Kortin nro"), ("he", "מס׳ כרטיס")):
        catalogues.start("en")
        assert words(code).gettext(column_heading("card_no")) == short
