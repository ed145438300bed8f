"""Which encoding a spreadsheet's text file is in, judged from its bytes: short Windows code page
files are where guessers go wrong (Windows-1250 and -1252 differ in a few letters only)."""

from __future__ import annotations

import codecs
import io

import pytest

from shopcards.core.purchase_file import read_purchase_file
from shopcards.core.text_files import guess_encoding, implausible


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        ("Åsa Öhman;Åbo", "cp1252", "Windows-1252"),  # Å is Ĺ in 1250: Slovak, not Finnish
        ("Jyrki Pääkkönen;Jyväskylä", "cp1252", "Windows-1252"),  # the same in both: the first
        ("Ştefan Ţăranu;Bucureşti", "cp1250", "Windows-1250"),  # ş ţ are º þ in 1252
        ("Łukasz Żółć;Kraków", "cp1250", "Windows-1250"),
        ("דוד כהן;תל אביב", "cp1255", "Windows-1255"),  # ãåã in 1252, гег in 1251
        ("Иван Петров;Москва", "cp1251", "Windows-1251"),
    ],
)
def test_a_short_file_in_a_code_page_is_read_in_that_code_page(
    text: str, codec: str, name: str
) -> None:
    assert guess_encoding(f"Name;City\r\n{text}\r\n".encode(codec)) == (codec, name)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (codecs.BOM_UTF16_LE + "a\tb".encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + "a\tb".encode("utf-16-be"), "UTF-16"),
        (codecs.BOM_UTF8 + "Åsa".encode(), "UTF-8 with byte-order mark"),
        ("Åsa".encode(), "UTF-8"),
        (b"plain ascii", "UTF-8"),
        ("Nimi\tKaupunki\r\nÅsa\tÅbo".encode("utf-16-le"), "UTF-16 LE"),  # no mark
        ("Nimi\tKaupunki\r\nÅsa\tÅbo".encode("utf-16-be"), "UTF-16 BE"),
    ],
)
def test_a_byte_order_mark_or_utf8_is_read_as_it_says(head: bytes, expected: str) -> None:
    assert guess_encoding(head)[1] == expected


def test_names_and_addresses_as_typed_are_plausible() -> None:
    typed = "Åsa Öhman, Ştefan Ţăranu, Ștefan, François Müller, דוד כהן, Արամ, Γιώργος, Łódź"
    assert implausible(typed) == 0
    assert implausible("Bucureºti Þara") == 2
    assert implausible("Ãåã Aδ") == 2  # three accented letters in a row; two scripts in a word
    assert implausible("гег лдп") == 2  # Cyrillic, yet no capital: Hebrew read as Windows-1251


def test_a_till_export_in_windows_1250_is_read_in_it() -> None:
    export = "date;amount;card;items\r\n2026-11-02;12,50;0000018;Ceai, Ţuică\r\n"

    read = read_purchase_file(io.BytesIO(export.encode("cp1250")), "ro_RO")

    assert read.encoding == "Windows-1250" and read.row_count == 1
