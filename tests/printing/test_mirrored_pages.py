"""A page in Hebrew reads right to left as a whole: the customer's copy and the insights report
from a real card file, read back with poppler's ``pdftotext -bbox`` (where a reader's program
sees each word). The English pages stay left to right."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from shopcards.core.i18n import words as said_in
from shopcards.core.purchase import PurchaseInput
from shopcards.printing.pages import MM
from shopcards.services import cards, catalogues, insights, purchases, subject_access
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input
from tests.printing.pdf_helpers import Word, words
from tests.services.test_insights import LAST_12, build_known_shop

A4_WIDTH = 210 * MM
ACCESS_MARGIN, REPORT_MARGIN = 18 * MM, 15 * MM
ROWS = ("given_name", "family_name", "city")
"""The card's rows checked side by side: a label and a value in the customer's own script."""


def _lines(found: Sequence[Word]) -> list[list[Word]]:
    """Words on one baseline together, top down (a Hebrew and a Latin word's boxes differ by
    a hair in height)."""
    lines: list[list[Word]] = []
    for word in sorted(found, key=lambda w: w.top):
        if lines and word.top - lines[-1][0].top < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _has(line: Sequence[Word], text: str) -> list[Word]:
    """The words of ``text`` on ``line`` (poppler gives a Hebrew word's letters as drawn)."""
    wanted = set(text.split())
    hits = [w for w in line if w.text in wanted or w.text[::-1] in wanted]
    return hits if {w.text for w in hits} | {w.text[::-1] for w in hits} >= wanted else []


def _row(lines: Sequence[Sequence[Word]], label: str, value: str) -> tuple[list[Word], list[Word]]:
    """The label's words and the value's on the line that holds both."""
    for line in lines:
        if (labels := _has(line, label)) and (values := _has(line, value)):
            return labels, values
    raise AssertionError(f"no line with {label!r} and {value!r}")


def _copy(owner: Session, given: str, family: str, language: str, out: Path) -> dict[str, str]:
    """The customer's copy of a new card with a purchase, in the letters' ``language``;
    returns the card's labels by field key."""
    update_settings(owner, letter_language=language)
    card = cards.add_card(owner, card_input(given, family, city="Haifa"))
    assert card.id is not None
    purchases.record_purchase(owner, card.id, PurchaseInput("12.50", date="2026-10-02"))
    subject_access.write(owner, card.id, pdf=out)
    access = subject_access.gather(owner, card.id, said_in(language))
    return {field.key: field.label for field in access.card}


@pytest.mark.parametrize(("given", "family"), [("Sari", "Heinonen"), ("תמר", "פרידמן")])
def test_the_customers_copy_in_hebrew_reads_right_to_left(
    owner: Session, tmp_path: Path, given: str, family: str
) -> None:
    catalogues.start("en")  # the window's language does not matter: the letters' does
    out = tmp_path / "he.pdf"
    labels = _copy(owner, given, family, "he", out)
    lines = _lines(words(out))
    right = A4_WIDTH - ACCESS_MARGIN
    for line in lines[:-1]:  # all but the footer, which is centred
        assert max(w.right for w in line) == pytest.approx(right, abs=1), line
    for key, value in zip(ROWS, (given, family, "Haifa"), strict=True):
        label_words, value_words = _row(lines, labels[key], value)
        assert min(w.left for w in label_words) > max(w.right for w in value_words), key
    assert labels["given_name"] != "Given name"  # said in Hebrew, not in the fallback


@pytest.mark.parametrize(("given", "family"), [("Sari", "Heinonen"), ("תמר", "פרידמן")])
def test_the_english_copy_stays_left_to_right(
    owner: Session, tmp_path: Path, given: str, family: str
) -> None:
    """Left to right as before, and a Hebrew value starts where the Latin ones do."""
    out = tmp_path / "en.pdf"
    _copy(owner, given, family, "en", out)
    lines = _lines(words(out))
    for line in lines[:-1]:
        assert min(w.left for w in line) == pytest.approx(ACCESS_MARGIN, abs=1), line
    starts = []
    for label, value in (("Given name", given), ("Family name", family), ("City", "Haifa")):
        label_words, value_words = _row(lines, label, value)
        assert max(w.right for w in label_words) < min(w.left for w in value_words), label
        starts.append(min(w.left for w in value_words))
    assert max(starts) - min(starts) < 1


def test_the_insights_report_in_hebrew_reads_right_to_left(owner: Session, tmp_path: Path) -> None:
    build_known_shop(owner)
    catalogues.start("he")  # the report speaks the window's language
    out = insights.write_report(owner, insights.overview(owner, *LAST_12), tmp_path / "he.pdf")
    lines = _lines(words(out))
    right = A4_WIDTH - REPORT_MARGIN
    title, printed = lines[0], lines[-1]
    assert _has(title, said_in("he").gettext("Customer insights"))
    for line in (title, printed):
        assert max(w.right for w in line) == pytest.approx(right, abs=1)
    axis = next(line for line in lines if _has(line, "0%") and _has(line, "100%"))
    start, end = _has(axis, "0%")[0], _has(axis, "100%")[0]
    assert start.left > end.right  # the share of customers runs from the right
