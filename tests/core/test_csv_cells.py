"""CSV files a spreadsheet opens safely: no cell runs as a formula, numbers in the shop's way."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from shopcards.core.csv_cells import csv_rows, safe_text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+358 40 123", "'+358 40 123"),
        ("-Ann", "'-Ann"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Anna = Bo", "Anna = Bo"),
        ("", ""),
    ],
)
def test_a_formula_start_is_shown_not_run(text: str, written: str) -> None:
    assert safe_text(text) == written


def read(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def test_a_comma_decimal_locale_gets_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "fi.csv"
    with csv_rows(path, "fi_FI") as write:
        write(["Nimi", "Summa"])
        write(["=cmd|' /C calc'!A0", Decimal("-12.50")])
        write(["Äänekoski", 3])
    assert read(path, ";") == [
        ["Nimi", "Summa"],
        ["'=cmd|' /C calc'!A0", "-12,50"],
        ["Äänekoski", "3"],
    ]


def test_a_point_decimal_locale_gets_commas(tmp_path: Path) -> None:
    path = tmp_path / "gb.csv"
    with csv_rows(path, "en_GB") as write:
        write(["-Bo", Decimal("1250.5"), None])
    assert read(path, ",") == [["'-Bo", "1250.5", ""]]


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "half.csv"
    with pytest.raises(RuntimeError), csv_rows(path, "en_GB") as write:
        write(["a"])
        raise RuntimeError("stopped half-way")
    assert list(tmp_path.iterdir()) == []


def test_the_file_is_readable_like_any_new_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.csv"
    with csv_rows(path, "en_GB") as write:
        write(["a"])
    probe = tmp_path / "probe"
    probe.touch()
    assert path.stat().st_mode & 0o777 == probe.stat().st_mode & 0o777  # not owner-only
