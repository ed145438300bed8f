"""Folded cards: each face in its quarter (or half), the inside upside down on the sheet so it is
the right way up after folding, and the customer's own message inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.templates import Template
from shopcards.printing import Letterhead, print_cards
from tests.printing.pdf_helpers import Placed, media_box, pages, placed
from tests.printing.printing_samples import ARAM, EVERYONE, PAIVI, STEFAN

CARDS = ["birthday", "anniversary", "christmas", "hanukkah", "new_year"]


def _inside(piece: Placed, left: float, bottom: float, width: float, height: float) -> bool:
    """The piece's whole baseline lies in the box (an upside-down piece runs leftwards)."""
    end = piece.x + piece.width * (1 if piece.a > 0 else -1)
    xs = sorted((piece.x, end))
    return (
        left - 0.01 <= xs[0]
        and xs[1] <= left + width + 0.01
        and bottom <= piece.y <= bottom + height
    )


def _find(pieces: list[Placed], text: str) -> list[Placed]:
    return [p for p in pieces if text in p.text]


@pytest.mark.parametrize("occasion", CARDS)
def test_quarter_fold_puts_each_face_in_its_quarter(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead, occasion: str
) -> None:
    out = tmp_path / "card.pdf"
    result = print_cards(templates[occasion], [STEFAN], out, letterhead=letterhead)
    assert result.pages == 1
    width, height = media_box(out)
    w, h = width / 2, height / 2
    pieces = placed(out)
    message = _find(pieces, "Ștefan")
    assert message, pieces
    for piece in message:  # inside right = top-left quarter, upside down on the sheet
        assert piece.a < 0 and _inside(piece, 0, h, w, h), piece
    title = _find(pieces, templates[occasion].front[0].text.split()[0])  # type: ignore[union-attr]
    assert title and all(p.a > 0 and _inside(p, w, 0, w, h) for p in title), title
    back = _find(pieces, "Librăria")
    assert any(p.a > 0 and _inside(p, 0, 0, w, h) for p in back), back


def test_half_fold_is_two_landscape_pages(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "card.pdf"
    result = print_cards(
        templates["christmas"], [PAIVI], out, letterhead=letterhead, fold="half", paper="Letter"
    )
    assert result.pages == 2
    width, height = media_box(out)
    assert (width, height) == pytest.approx((792.0, 612.0), abs=0.1)
    outside, inside = placed(out, 0), placed(out, 1)
    assert all(_inside(p, width / 2, 0, width / 2, height) for p in _find(outside, "Merry"))
    assert any(_inside(p, 0, 0, width / 2, height) for p in _find(outside, "Librăria"))
    message = _find(inside, "Päivi")
    assert message and all(p.a > 0 and _inside(p, width / 2, 0, width / 2, height) for p in message)


def test_each_card_greets_its_own_customer(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "cards.pdf"
    print_cards(templates["birthday"], EVERYONE, out, letterhead=letterhead)
    texts = pages(out)
    assert len(texts) == len(EVERYONE)
    for text, recipient in zip(texts, EVERYONE, strict=True):
        assert recipient.values["given_name"] in text
        assert "{" not in text
        others = {r.values["given_name"] for r in EVERYONE} - {recipient.values["given_name"]}
        assert not any(name in text for name in others)


def test_a_long_message_shrinks_to_fit_its_panel(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    from shopcards.core.templates import parse_template

    long = "\n\n".join(["Dear {given_name}, thank you for every single visit this year."] * 12)
    template = parse_template(f"name: Long\nkind: card\noccasion: birthday\n---\n{long}")
    out = tmp_path / "card.pdf"
    print_cards(template, [ARAM], out, letterhead=letterhead)
    width, height = media_box(out)
    pieces = _find(placed(out), "visit")
    assert len(pieces) >= 12
    assert all(_inside(p, 0, height / 2, width / 2, height / 2) for p in pieces)
    assert max(p.size for p in pieces) < 13
