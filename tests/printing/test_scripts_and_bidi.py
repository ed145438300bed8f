"""Any script prints right; Hebrew is drawn in visual order and reads back in logical order.

What we chose for Hebrew (see shopcards/printing/bidi_text.py): glyphs are drawn in *visual*
order, one line at a time, which is what prints right and what text extractors expect (pypdf,
poppler and pdf.js all turn visual right-to-left runs back into logical order themselves; an
``/ActualText`` span with the logical text was tried and made poppler's ``pdftotext`` read the
line reversed, so it is not used). The tests therefore check:

* exactly, at the layout level: the glyph order of every line equals python-bidi's
  ``get_display`` of the logical line (brackets mirrored, which get_display leaves undone),
  also for every line of a wrapped Hebrew paragraph and a wrapped line that begins in Latin;
* in the PDF, with pypdf: it reverses each right-to-left run it reads, so every Hebrew word
  reads back with its letters in logical order, and the words of a line come left to right:
  a pure Hebrew line read word by word from the right is the logical line;
* with poppler's ``pdftotext`` where installed: the logical text of a Hebrew name line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bidi import get_display
from bidi.mirror import MIRRORED
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from shopcards.core.templates import Span, Template, parse_template
from shopcards.printing import Letterhead, Recipient, print_cards, print_letters
from shopcards.printing.bidi_text import visual_pieces
from shopcards.printing.fonts import font_book
from shopcards.printing.textlayout import LaidLine, Layout
from tests.printing.pdf_helpers import pages
from tests.printing.printing_samples import ARAM, DAVID, OLGA, PAIVI, STEFAN, YANNIS

HEBREW_PARAGRAPH = (
    "שלום רב, אנו שמחים להזמין אותך לערב לקוחות מיוחד בחנות שלנו ב־Librăria Ionescu, "
    "עם כיבוד קל, מוזיקה (חיה) והפתעות קטנות לכל אורח. נשמח לראותך ביום שישי בשעה 19:00."
)


def _visual(line: LaidLine) -> str:
    return "".join(frag.text for frag in line.frags)


def _expected(logical: str, rtl: bool) -> str:
    """get_display's order with brackets mirrored at right-to-left levels."""
    shown = str(get_display(logical, base_dir="R" if rtl else "L"))
    return "".join(MIRRORED.get(ch, ch) if ch in "()[]{}<>" else ch for ch in shown)


def test_each_script_gets_a_font_that_has_its_letters() -> None:
    book = font_book()
    assert book.runs("Ștefan Țară äö") == [("ShopSans", "Ștefan Țară äö")]
    assert book.runs("Ольга Γιάννης") == [("ShopSans", "Ольга Γιάννης")]
    assert book.runs("Արամ") == [("ShopArmenian", "Արամ")]
    assert book.runs("דוד", bold=True) == [("ShopHebrew-Bold", "דוד")]
    assert book.runs("Ana דוד") == [("ShopSans", "Ana "), ("ShopHebrew", "דוד")]
    assert book.runs("ნინო") == [("ShopGeorgian", "ნინო")]
    assert book.runs("สมชาย") == [("ShopThai", "สมชาย")]
    assert book.runs("王小明", bold=True) == [("ShopCJK", "王小明")]


def test_letters_no_font_has_are_named_by_their_script() -> None:
    book = font_book()
    assert book.missing("Ștefan Արամ דוד محمد ნინო 王小明 さくら สมชาย") == ""
    assert book.missing("राहुल शर्मा") == "Devanagari"
    assert book.missing("김민준 😀") == "Hangul, symbols"


def test_arabic_is_drawn_joined_and_right_to_left() -> None:
    """reportlab does not shape: each word is handed over in its joined presentation forms,
    which read back (NFKC) as the letters typed, and the line is in visual order."""
    line = Layout(font_book()).line("محمد العلي", 11)
    drawn = "".join(frag.text for frag in line.frags)
    assert all("\ufe70" <= ch <= "\ufeff" for ch in drawn.replace(" ", ""))
    assert unicodedata.normalize("NFKC", drawn) == "يلعلا دمحم"  # right to left, joined
    assert {frag.font for frag in line.frags if frag.text.strip()} == {"ShopArabic"}


def test_a_wrapped_hebrew_paragraph_is_reordered_line_by_line() -> None:
    layout = Layout(font_book())
    lines = layout.paragraph([(Span(HEBREW_PARAGRAPH),)], 200, 10.5)
    assert len(lines) >= 4
    assert " ".join(line.logical for line in lines) == HEBREW_PARAGRAPH
    for line in lines:
        assert line.rtl and line.width <= 200
        assert _visual(line) == _expected(line.logical, rtl=True)


def test_a_wrapped_line_starting_with_latin_stays_right_to_left() -> None:
    layout = Layout(font_book())
    lines = layout.paragraph([(Span("שלום Ana Popescu Ionescu מה שלומך היום"),)], 90, 10.5)
    latin_first = [line for line in lines if line.logical[0].isascii()]
    assert latin_first, [line.logical for line in lines]
    assert all(line.rtl for line in lines)
    for line in lines:
        assert _visual(line) == _expected(line.logical, rtl=True)


def test_emphasis_survives_reordering() -> None:
    pieces = [("ShopHebrew", "שלום "), ("ShopHebrew-Bold", "דוד"), ("ShopSans", " (Ana)")]
    visual = visual_pieces(pieces, rtl=True)
    assert ("ShopHebrew-Bold", "דוד") in visual
    assert "".join(text for _, text in visual) == "(Ana) דוד םולש"


def test_hebrew_in_an_english_letter(tmp_path: Path, templates: dict[str, Template],
                                     letterhead: Letterhead) -> None:  # fmt: skip
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [DAVID], out, letterhead=letterhead)
    (text,) = pages(out)
    name_line = next(line for line in text.splitlines() if "כהן" in line)
    assert name_line.split()[::-1] == DAVID.address[0].split()
    for line in DAVID.address:
        assert set(re.findall(r"\w+", line)) <= set(re.findall(r"\w+", text))
    assert "Dear Mr Cohen," in text


def test_hebrew_address_lines_are_in_display_order() -> None:
    layout = Layout(font_book())
    for text in DAVID.address[:3]:
        line = layout.line(text, 10.5, rtl=True)
        assert _visual(line) == _expected(text, rtl=True)


def test_a_hebrew_card_prints_every_word_of_a_wrapped_paragraph(
    tmp_path: Path, letterhead: Letterhead
) -> None:
    template = parse_template(
        f"name: Hebrew\nkind: card\noccasion: hanukkah\nfront: חג שמח\n---\n"
        f"{{given_name}} היקר,\n\n{HEBREW_PARAGRAPH}"
    )
    out = tmp_path / "card.pdf"
    print_cards(template, [DAVID], out, letterhead=letterhead)
    (text,) = pages(out)
    words = {w for w in re.findall(r"\w+", HEBREW_PARAGRAPH) if len(w) > 1}
    assert words <= set(re.findall(r"\w+", text))
    assert "היקר" in text and "דוד" in text


_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_reads_hebrew_in_logical_order(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [DAVID], out, letterhead=letterhead)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.translate(_CONTROLS)
    assert DAVID.address[0] in text.splitlines()
    for word in re.findall(r"\w+", " ".join(DAVID.address)):
        assert word in text


@pytest.mark.parametrize("recipient", [STEFAN, PAIVI, OLGA, YANNIS, ARAM], ids=lambda r: r.key)
def test_names_in_every_script_read_back_exactly(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead, recipient: Recipient
) -> None:
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [recipient], out, letterhead=letterhead)
    (text,) = pages(out)
    for line in recipient.address:
        assert line in text


def test_fonts_are_embedded(tmp_path: Path, templates: dict[str, Template],
                            letterhead: Letterhead) -> None:  # fmt: skip
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [DAVID, ARAM], out, letterhead=letterhead)
    reader = PdfReader(out)
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"NotoSans-Regular", "NotoSansHebrew-Regular", "NotoSansArmenian-Regular"} <= embedded


def test_chinese_georgian_thai_and_arabic_names_print_and_read_back(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    names = [("王小明", "北京"), ("ნინო ბერიძე", "თბილისი"), ("สมชาย ใจดี", "กรุงเทพ")]
    people = [
        Recipient({"salutation": f"Dear {name}"}, (name, "Street 1", city), f"p{i}")
        for i, (name, city) in enumerate(names)
    ]
    arabic = Recipient({"salutation": "Dear محمد"}, ("محمد العلي", "Street 1", "دبي"), "ar")
    out = tmp_path / "letters.pdf"
    print_letters(templates["welcome"], [*people, arabic], out, letterhead=letterhead)
    texts = pages(out)
    for (name, city), text in zip(names, texts, strict=False):
        assert name in text and city in text
    arabic_text = unicodedata.normalize("NFKC", texts[3])
    assert "محمد" in arabic_text or "دمحم" in arabic_text
    embedded = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"DroidSansFallback", "NotoSansGeorgian-Regular", "NotoSansThai-Regular"} <= embedded
    assert "NotoSansArabic-Regular" in embedded


def test_hebrew_points_stay_on_their_letter() -> None:
    """A point (niqqud) has no width and is drawn over the letter before it in the stream."""
    shin, qamats, shin_dot, lamed, vav, holam, mem = "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"
    logical = shin + qamats + shin_dot + lamed + vav + holam + mem
    visual = "".join(text for _, text in visual_pieces([("ShopHebrew", logical)], rtl=True))
    assert visual == mem + vav + holam + lamed + shin + qamats + shin_dot


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.booleans(), st.booleans())
def test_any_text_lays_out_within_its_width(text: str, bold: bool, italic: bool) -> None:
    layout = Layout(font_book())
    lines = layout.paragraph([(Span(text, bold, italic),)], 120, 10.5)
    assert lines
    for line in lines:
        assert line.width <= 120 + 1e-6
        assert sorted("".join(f.text for f in line.frags)) == sorted(line.logical) or line.bidi
