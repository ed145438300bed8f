"""Loyalty cards: credit-card size, names in every script, and a barcode that a scanner reads
back as the card number, on a sheet of business-card blanks (from any start) or one per page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from shopcards.core.card_numbers import check_digit
from shopcards.core.errors import ValidationError
from shopcards.printing import CARD_SHEETS, Letterhead, LoyaltyCard, print_loyalty_cards
from shopcards.printing.loyalty_cards import QUIET_MM, X_DIM_MM
from shopcards.printing.pages import MM
from shopcards.store.customers import card_number
from tests.printing.barcodes import DPI, MM_PER_PIXEL, render, scan
from tests.printing.pdf_helpers import media_box, pages, placed

NAMES = (
    "Ștefan Ștefănescu",
    "דוד כהן",
    "محمد الأحمد",
    "Արամ Պետրոսյան",
    "Γιάννης Παπαδόπουλος",
    "Ольга Иванова",
    "王小明",
    "山田 花子",
)
CARDS = [LoyaltyCard(name, card_number(17 + 1000 * n)) for n, name in enumerate(NAMES)]


def _cell_of(x_mm: float, y_mm: float, sheet: str) -> int | None:
    chosen = CARD_SHEETS[sheet]
    for index in range(chosen.per_sheet):
        box = chosen.cell(index)
        if box.left <= x_mm <= box.left + box.width and box.top <= y_mm <= box.top + box.height:
            return index
    return None


def test_a_sheet_from_blank_four_scans_back_to_each_card_number_in_its_place(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    out = tmp_path / "cards.pdf"
    result = print_loyalty_cards(CARDS, out, letterhead=letterhead, start_at=4)
    assert (result.items, result.pages) == (8, 2)
    assert media_box(out) == pytest.approx((210 * MM, 297 * MM), abs=0.2)
    first = scan(out, 1)
    assert [s.format for s in first] == ["Code128"] * 7
    placed = {_cell_of(s.x_mm, s.y_mm, "C32011"): s.text for s in first}
    assert placed == {3 + n: card.card_no for n, card in enumerate(CARDS[:7])}
    second = scan(out, 2)
    assert [(s.text, _cell_of(s.x_mm, s.y_mm, "C32011")) for s in second] == [(CARDS[7].card_no, 0)]


def test_names_in_every_script_and_the_shop_are_on_the_cards(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    out = tmp_path / "cards.pdf"
    print_loyalty_cards(CARDS, out, letterhead=letterhead)
    text = "".join(pages(out))
    assert text.count(letterhead.shop_name) == len(CARDS)
    for card in CARDS:
        assert card.card_no in text
        if "\u0600" <= card.name[0] <= "\u06ff":  # Arabic is drawn in joined forms
            continue
        if "\u0590" <= card.name[0] <= "\u05ff":  # pypdf reads Hebrew words left to right
            assert all(word in text for word in card.name.split()), card.name
            continue
        assert card.name in text, card.name


def test_a_single_card_is_credit_card_size_and_scans(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    out = tmp_path / "card.pdf"
    result = print_loyalty_cards(CARDS[:2], out, letterhead=letterhead, sheet="single")
    assert result.pages == 2
    assert media_box(out, 1) == pytest.approx((85.6 * MM, 54 * MM), abs=0.1)
    assert [s.text for s in scan(out, 2)] == [CARDS[1].card_no]


def _runs(row: list[int]) -> list[tuple[bool, int]]:
    """(dark, length) of each run of pixels along one row."""
    runs: list[tuple[bool, int]] = []
    for value in row:
        dark = value < 128
        if runs and runs[-1][0] == dark:
            runs[-1] = (dark, runs[-1][1] + 1)
        else:
            runs.append((dark, 1))
    return runs


def test_bars_and_quiet_zones_are_wide_enough_for_a_real_scanner(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    """Measured on the rendered card: the narrowest bar at least 0.25 mm (X is 0.42 mm) and
    at least 10 X of white on both sides of the bars, across the whole card."""
    out = tmp_path / "card.pdf"
    print_loyalty_cards(CARDS[:1], out, letterhead=letterhead, sheet="single")
    image: Image.Image = render(out)
    assert image.width == pytest.approx(85.6 / MM_PER_PIXEL, abs=2)
    y = round((54 - 4 - 4 - 5) / MM_PER_PIXEL)  # through the middle of the bars
    row = [int(image.getpixel((x, y))) for x in range(image.width)]
    runs = _runs(row)
    assert not runs[0][0] and not runs[-1][0]
    bars = [length for dark, length in runs[1:-1] if dark]
    assert len(bars) == 25  # start, 3 digit pairs, code B, the last digit, check: 3 bars each
    symbol = sum(length for _, length in runs[1:-1])
    assert symbol * MM_PER_PIXEL == pytest.approx(90 * X_DIM_MM, abs=2 * MM_PER_PIXEL)
    assert min(bars) * MM_PER_PIXEL >= 0.25
    assert X_DIM_MM >= 0.25 and pytest.approx(5) == X_DIM_MM * DPI / 25.4
    assert QUIET_MM >= 10 * X_DIM_MM
    assert runs[0][1] * MM_PER_PIXEL >= QUIET_MM
    assert runs[-1][1] * MM_PER_PIXEL >= QUIET_MM


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"start_at": 11}, "start_at"),
        ({"start_at": 2, "sheet": "single"}, "start_at"),
        ({"sheet": "L7160"}, "sheet"),
        ({"offset_mm": (25.0, 0.0)}, "offset"),
    ],
)
def test_an_impossible_placement_is_refused_before_any_file(
    tmp_path: Path, letterhead: Letterhead, kwargs: dict[str, object], field: str
) -> None:
    out = tmp_path / "cards.pdf"
    with pytest.raises(ValidationError) as caught:
        print_loyalty_cards(CARDS, out, letterhead=letterhead, **kwargs)
    assert field in caught.value.fields
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "number",
    [card_number(17)[:-1] + "0", "1" * 20 + check_digit("1" * 20), "００００１７４", ""],
    ids=["check digit", "too long for the card", "not ASCII digits", "empty"],
)
def test_a_number_the_till_would_not_take_is_refused(
    tmp_path: Path, letterhead: Letterhead, number: str
) -> None:
    wrong = LoyaltyCard("Ana Pop", number)
    with pytest.raises(ValidationError) as caught:
        print_loyalty_cards([CARDS[0], wrong], tmp_path / "cards.pdf", letterhead=letterhead)
    assert f"“{number}”" in caught.value.fields["card_no"]
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_wraps_onto_two_lines_inside_the_card(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    long = "Maximilian Alexander Konstantinopoulos-Wetherington"
    out = tmp_path / "card.pdf"
    print_loyalty_cards(
        [LoyaltyCard(long, card_number(5))], out, letterhead=letterhead, sheet="single"
    )
    pieces = [p for p in placed(out) if p.text.strip() in long]
    rows: dict[int, list[str]] = {}
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
        rows.setdefault(round(piece.y), []).append(piece.text.strip())
    assert [" ".join(words) for words in rows.values()] == [
        "Maximilian Alexander",
        "Konstantinopoulos-Wetherington",
    ]
    assert all(p.x >= 4 * MM - 0.01 and p.x + p.width <= (85.6 - 4) * MM for p in pieces)
    assert [s.text for s in scan(out)] == [card_number(5)]


def test_the_title_sits_under_a_hebrew_shop_name_on_the_right(tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    head = Letterhead("מכולת השכונה")
    print_loyalty_cards([CARDS[0]], out, letterhead=head, sheet="single")
    [title] = [p for p in placed(out) if p.text.strip() == "Loyalty card"]
    assert title.x + title.width == pytest.approx((85.6 - 4) * MM, abs=0.5)
