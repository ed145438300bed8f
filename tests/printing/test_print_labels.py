"""Label sheets: each address inside its own label, starting at label N, with a printer offset."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.errors import ValidationError
from shopcards.printing import LABEL_SHEETS, LabelSheet, Recipient, print_labels
from shopcards.printing.pages import MM, Box
from tests.printing.pdf_helpers import Placed, media_box, pages, placed
from tests.printing.printing_samples import EVERYONE


def _cell_of(piece: Placed, sheet: LabelSheet, offset: tuple[float, float]) -> int | None:
    """The index of the label whose (offset) cell holds the whole piece, if any."""
    for index in range(sheet.per_sheet):
        cell = sheet.cell(index)
        moved = Box(cell.left + offset[0], cell.top + offset[1], cell.width, cell.height)
        left, bottom, width, height = moved.pdf_rect(sheet.page_height)
        if (left - 0.01 <= piece.x and piece.x + piece.width <= left + width + 0.01
                and bottom <= piece.y <= bottom + height - piece.size * 0.7):  # fmt: skip
            return index
    return None


def _people(count: int) -> list[Recipient]:
    return [
        Recipient(r.values, (f"{r.address[0]} #{n}", *r.address[1:]), f"{n}")
        for n in range(count)
        for r in [EVERYONE[n % len(EVERYONE)]]
    ]


@pytest.mark.parametrize("name", list(LABEL_SHEETS))
def test_each_label_lies_inside_its_cell(tmp_path: Path, name: str) -> None:
    sheet = LABEL_SHEETS[name]
    people = _people(sheet.per_sheet + 2)
    out = tmp_path / "labels.pdf"
    result = print_labels(people, out, sheet=name)
    assert result.pages == 2
    assert media_box(out) == pytest.approx((sheet.page_width * MM, sheet.page_height * MM), abs=0.2)
    for page, first in ((0, 0), (1, sheet.per_sheet)):
        for piece in placed(out, page):
            cell = _cell_of(piece, sheet, (0.0, 0.0))
            assert cell is not None, piece
            person = people[first + cell]
            assert any(piece.text.strip() in line for line in person.address), (piece, person)


def test_start_at_label_n_and_offset(tmp_path: Path) -> None:
    sheet = LABEL_SHEETS["L7163"]
    people = _people(3)
    out = tmp_path / "labels.pdf"
    print_labels(people, out, sheet="L7163", start_at=5, offset_mm=(1.5, -2.0))
    cells = {_cell_of(p, sheet, (1.5, -2.0)) for p in placed(out)}
    assert cells == {4, 5, 6}
    (text,) = pages(out)
    assert "#0" in text and "#2" in text


def test_a_custom_sheet(tmp_path: Path) -> None:
    sheet = LabelSheet("Shop's own", 210, 297, 4, 2, 90, 60, 20, 12, 6, 5)
    out = tmp_path / "labels.pdf"
    print_labels(_people(8), out, sheet=sheet)
    assert {_cell_of(p, sheet, (0, 0)) for p in placed(out)} == set(range(8))


def test_a_long_address_still_fits_its_label(tmp_path: Path) -> None:
    long = Recipient({}, ("Maximilian Alexander Konstantinopoulos-Wetherington",
                          "Apartment 1204, Building C, Riverside Gardens Residential Estate",
                          "Upper Marlborough Industrial Park", "Some Very Long Town Name 12345",
                          "UNITED KINGDOM OF GREAT BRITAIN", "and a sixth line"))  # fmt: skip
    out = tmp_path / "labels.pdf"
    print_labels([long], out, sheet="L7160")
    pieces = placed(out)
    assert pieces and all(_cell_of(p, LABEL_SHEETS["L7160"], (0, 0)) == 0 for p in pieces)


@pytest.mark.parametrize(
    ("sheet", "field"),
    [
        (LabelSheet("too wide", 210, 297, 7, 4, 63.5, 38.1, 15, 7, 2.5, 0), "columns"),
        (LabelSheet("too tall", 210, 297, 9, 3, 63.5, 38.1, 15, 7, 2.5, 0), "rows"),
        (LabelSheet("no rows", 210, 297, 0, 3, 63.5, 38.1, 15, 7, 2.5, 0), "rows"),
        (LabelSheet("flat", 210, 297, 7, 3, 63.5, 0, 15, 7, 2.5, 0), "label_height"),
    ],
)
def test_an_impossible_sheet_is_refused(tmp_path: Path, sheet: LabelSheet, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        print_labels(_people(1), tmp_path / "x.pdf", sheet=sheet)
    assert field in caught.value.fields
    assert not (tmp_path / "x.pdf").exists()


def test_start_at_beyond_the_sheet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        print_labels(_people(1), tmp_path / "x.pdf", sheet="L7160", start_at=22)
    assert "21" in caught.value.fields["start_at"]
