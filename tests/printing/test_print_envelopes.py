"""Envelopes: the right size, the shop top-left, the recipient right of centre and lower."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.errors import ValidationError
from shopcards.printing import ENVELOPES, Letterhead, print_envelopes
from shopcards.printing.pages import ADDRESS_WINDOW, MM
from tests.printing.pdf_helpers import media_box, pages, placed
from tests.printing.printing_samples import DAVID, EVERYONE, STEFAN

EPS = 0.01  # coordinates in the PDF are rounded to 4 decimals

SIZES_MM = {"DL": (220, 110), "C5": (229, 162), "C6": (162, 114), "US10": (241.3, 104.775)}


@pytest.mark.parametrize("size", list(SIZES_MM))
def test_envelope_places_sender_and_recipient(
    tmp_path: Path, letterhead: Letterhead, size: str
) -> None:
    out = tmp_path / "envelopes.pdf"
    result = print_envelopes([STEFAN, DAVID], out, letterhead=letterhead, size=size)
    assert result.pages == 2
    width, height = media_box(out)
    assert (width / MM, height / MM) == pytest.approx(SIZES_MM[size], abs=0.2)
    box = ENVELOPES[size].recipient
    left, bottom, box_width, box_height = box.pdf_rect(height / MM)
    for page, recipient in enumerate([STEFAN, DAVID]):
        pieces = placed(out, page)
        sender = [p for p in pieces if "Librăria" in p.text]
        assert sender and all(p.x < width * 0.4 and p.y > height * 0.6 for p in sender)
        address = [p for p in pieces if any(p.text.strip() in a for a in recipient.address)]
        assert address
        for piece in address:
            right = piece.x + piece.width
            assert left - EPS <= piece.x and right <= left + box_width + EPS, piece
            assert bottom <= piece.y <= bottom + box_height, piece
            assert piece.x > width * 0.4 and piece.y < height * 0.6


def test_each_envelope_has_one_recipient(tmp_path: Path, letterhead: Letterhead) -> None:
    out = tmp_path / "envelopes.pdf"
    print_envelopes(EVERYONE, out, letterhead=letterhead)
    for text, recipient in zip(pages(out), EVERYONE, strict=True):
        assert recipient.values["family_name"] in text
        others = [r for r in EVERYONE if r is not recipient]
        assert not any(o.values["family_name"] in text for o in others)


def test_unknown_envelope_size_is_refused(tmp_path: Path, letterhead: Letterhead) -> None:
    with pytest.raises(ValidationError) as caught:
        print_envelopes([STEFAN], tmp_path / "x.pdf", letterhead=letterhead, size="B4")
    assert "B4" in caught.value.fields["size"]


def _address_span(path: Path, page: int, address: tuple[str, ...]) -> tuple[float, float]:
    """The left and right edge of the address's printed lines, in mm from the left edge."""
    pieces = [p for p in placed(path, page) if any(p.text.strip() in a for a in address)]
    assert pieces
    return min(p.x for p in pieces) / MM, max(p.x + p.width for p in pieces) / MM


@pytest.mark.parametrize("size", list(SIZES_MM))
def test_a_hebrew_address_sits_in_the_window_a_latin_one_uses_right_aligned(
    tmp_path: Path, letterhead: Letterhead, size: str
) -> None:
    out = tmp_path / "envelopes.pdf"
    print_envelopes([STEFAN, DAVID], out, letterhead=letterhead, size=size)
    window = ENVELOPES[size].recipient
    assert window.width <= ADDRESS_WINDOW[0] and window.height <= ADDRESS_WINDOW[1]
    latin_left, latin_right = _address_span(out, 0, STEFAN.address)
    hebrew_left, hebrew_right = _address_span(out, 1, DAVID.address)
    assert latin_left == pytest.approx(window.left, abs=0.1)
    assert hebrew_right == pytest.approx(window.left + window.width, abs=0.1)
    for left, right in ((latin_left, latin_right), (hebrew_left, hebrew_right)):
        assert window.left - 0.1 <= left and right <= window.left + window.width + 0.1


def test_on_a_dl_envelope_a_hebrew_address_keeps_well_off_the_right_edge(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    out = tmp_path / "envelopes.pdf"
    print_envelopes([DAVID], out, letterhead=letterhead, size="DL")
    _, right = _address_span(out, 0, DAVID.address)
    assert SIZES_MM["DL"][0] - right > 30  # it was 12 mm, outside where a Latin address goes
