"""The letterhead and printing settings: set once by the owner, checked, used by every letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.services import letters
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import save_letter_settings
from tests.letters_shop import build_shop, page_texts


def _picture(path: Path) -> Path:
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 110, 110), fill=(200, 60, 40, 255))
    image.save(path)
    return path


def test_the_letterhead_and_signature_go_on_every_letter(owner: Session, tmp_path: Path) -> None:
    build_shop(owner)
    save_letter_settings(
        owner,
        shop_name="Aurora Deli & Gifts",
        shop_email="hello@aurora.fi",
        letterhead_logo=str(_picture(tmp_path / "logo.png")),
        signature_image=str(_picture(tmp_path / "sig.png")),
        signer_name="Aino Aurora",
        letter_closing="Kind regards,",
        letter_paper="Letter",
    )
    outcome = letters.print_batch(
        owner, LetterRequest(Output.LETTERS, "all", "letter_welcome"), tmp_path / "w.pdf"
    )
    reader = PdfReader(outcome.result.paths[0])
    assert len(reader.pages) == 5
    for page, text in zip(reader.pages, page_texts(outcome.result.paths[0]), strict=True):
        assert "Aurora Deli & Gifts" in text and "hello@aurora.fi" in text
        assert "Kind regards," in text and "Aino Aurora" in text
        assert round(float(page.mediabox.width)) == 612  # US Letter


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"letter_paper": "A5"}, "letter_paper", "must be one of A4, Letter"),
    ({"envelope_size": "B4"}, "envelope_size", "must be one of DL, C5, C6, US10"),
    ({"label_sheet": "L9999"}, "label_sheet", "must be one of"),
    ({"printer_offset_x_mm": 25.0}, "printer_offset_x_mm", "from -20 to 20"),
    ({"printer_offset_y_mm": "two"}, "printer_offset_y_mm", "must be a number"),
    ({"shop_name": " "}, "shop_name", "must not be empty"),
    ({"letterhead_logo": "/no/such/logo.png"}, "letterhead_logo", "cannot be found"),
    ({"label_sheet": "custom", "label_custom_columns": 5}, "label_custom_columns",
     "wider than the page"),
    ({"colour": "red"}, "colour", "is not a letter setting"),
])  # fmt: skip
def test_a_setting_that_will_not_do_is_refused_before_anything_is_saved(
    owner: Session, values: dict[str, object], field: str, message: str
) -> None:
    before = owner.settings
    with pytest.raises(ValidationError) as caught:
        save_letter_settings(owner, **values)
    assert message in caught.value.fields[field]
    owner.forget_settings()
    assert owner.settings == before


def test_a_custom_label_sheet_and_the_printer_offset_are_used(
    owner: Session, tmp_path: Path
) -> None:
    build_shop(owner)
    save_letter_settings(
        owner,
        label_sheet="custom",
        label_custom_rows=2,
        label_custom_columns=2,
        label_custom_label_width=100.0,
        label_custom_label_height=60.0,
        label_custom_top=10.0,
        label_custom_left=5.0,
        label_custom_h_gap=0.0,
        printer_offset_x_mm=1.5,
    )
    outcome = letters.print_batch(
        owner, LetterRequest(Output.LABELS, "all", label_start=3), tmp_path / "labels.pdf"
    )
    assert outcome.result.pages == 2  # 2 of 4 labels used on the first sheet, 3 on the next


def test_only_the_owner_changes_the_letterhead(clerk: Session) -> None:
    with pytest.raises(PermissionDenied):
        save_letter_settings(clerk, shop_name="Mine now")
