"""A Hebrew message with a path, a phone or an amount on paper: in order, and no isolates.

The values come isolated from the catalogue (core/i18n.py); the layout reorders each line with
them (printing/bidi_text.py) and drops them, as no font draws them. Read back with poppler's
``pdftotext``: no U+2068/U+2069 and the digits in the order typed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.i18n import _, unmarked
from shopcards.printing.fonts import font_book
from shopcards.printing.textlayout import Layout, draw_lines
from shopcards.services import catalogues

MARKS = ("\u2068", "\u2069")


def _messages() -> list[str]:
    catalogues.start("he")
    return [
        _("Card file: {place}", place="/tmp/x/shop.db"),
        _("Call {name}", name="+358 40 123 4567"),
        _("Spend per month, at most {amount}", amount="1 234,50 €"),
    ]


def test_the_isolates_order_the_line_and_are_not_drawn_nor_measured() -> None:
    layout = Layout(font_book())
    for message in _messages():
        assert message.count(MARKS[0]) == 1
        line = layout.line(message, 11)
        drawn = "".join(frag.text for frag in line.frags)
        assert not any(mark in drawn or mark in line.logical for mark in MARKS)
        assert line.width == layout.line(unmarked(message), 11).width
    phone = layout.line(_messages()[1], 11)
    assert "+358 40 123 4567" in "".join(frag.text for frag in phone.frags)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_hebrew_pdf_reads_back_without_isolates_and_with_the_digits_in_order(
    tmp_path: Path,
) -> None:
    out = tmp_path / "hebrew.pdf"
    canvas = Canvas(str(out), initialFontName=font_book().regular)
    layout = Layout(font_book())
    draw_lines(canvas, [layout.line(m, 12) for m in _messages()], 50, 700, 450, 20)
    canvas.showPage()
    canvas.save()
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not any(mark in text for mark in MARKS)
    for value in ("/tmp/x/shop.db", "+358 40 123 4567", "1 234,50 €", "קובץ הכרטיסים"):
        assert value in text


def test_a_hebrew_message_of_values_alone_is_still_laid_out_right_to_left() -> None:
    """ "{status}: {count}" has no letter outside its isolates, where the bidi rules look for
    the paragraph's direction: a right-to-left mark leads it (and is not drawn)."""
    catalogues.start("he")
    said = _("{status}: {count}", status="חדש", count=2)
    assert said == "\u200f\u2068חדש\u2069: \u20682\u2069"
    line = Layout(font_book()).line(said, 11)
    assert line.rtl and "".join(frag.text for frag in line.frags) == "2 :שדח"
