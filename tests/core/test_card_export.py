"""The export's rules without a file: formats by extension, the columns a card fills, and the
leading ``'`` that keeps a cell from being a formula and comes off again on import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shopcards.core.card import Phone
from shopcards.core.card_export import (
    Format,
    address_columns,
    format_for,
    phone_cells,
    phone_columns,
)
from shopcards.core.card_files import write_csv
from shopcards.core.csv_cells import FORMULA_STARTS, safe_text, unsafe_text
from shopcards.core.errors import ValidationError


@pytest.mark.parametrize(
    ("name", "chosen", "expected"),
    [
        ("cards.csv", None, Format.CSV),
        ("Cards.XLSX", None, Format.XLSX),
        ("phone.vcf", None, Format.VCF),
        ("phone.vcard", None, Format.VCF),
        ("cards.dat", "xlsx", Format.XLSX),
    ],
)
def test_the_format_comes_from_the_choice_or_the_extension(
    name: str, chosen: str | None, expected: Format
) -> None:
    assert format_for(Path(name), chosen) is expected


def test_a_file_without_a_known_extension_is_named() -> None:
    with pytest.raises(ValidationError) as refused:
        format_for(Path("/tmp/cards"))
    assert refused.value.fields["format"] == (
        "/tmp/cards: cannot tell the format from “”; use one of .csv, .xlsx, .vcf"
    )


@pytest.mark.parametrize(
    "text", ["=1+1", "+358401234567", "--05-17", "@SUM(A1)", "\tx", "\rx", "-", "'=x"]
)
def test_what_safe_text_neutralised_unsafe_text_gives_back(text: str) -> None:
    assert safe_text(text).startswith("'")
    assert unsafe_text(safe_text(text)) == text


@pytest.mark.parametrize("text", ["'Tis the season", "O'Brien", "'", "", "Anna"])
def test_an_apostrophe_the_customer_typed_stays(text: str) -> None:
    assert safe_text(text) == text
    assert unsafe_text(text) == text


def test_address_lines_fill_three_columns_the_last_taking_the_rest() -> None:
    assert address_columns([]) == ("", "", "")
    assert address_columns(["Main St 1"]) == ("Main St 1", "", "")
    assert address_columns(("a", "b")) == ("a", "b", "")
    assert address_columns(("a", "b", "c")) == ("a", "b", "c")
    assert address_columns(["a", "b", "c", "d"]) == ("a", "b", "c\nd")


def test_each_phone_label_has_a_column_and_the_rest_are_others() -> None:
    phones = [
        Phone("+1", "Mobile"),
        Phone("+2", "fax"),
        Phone("+3", "work"),
        Phone("+4", "mobile"),
        Phone("+5", ""),
    ]
    placed, others = phone_columns(phones)
    assert placed == {"mobile": "+1", "home": "+2", "work": "+3"}
    assert others == [Phone("+4", "mobile"), Phone("+5", "")]
    assert phone_cells(phones) == ("+2", "+1", "+3", "+4 (mobile); +5")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(), min_size=1, max_size=4))
@example(["'=1+1", "''+358", "'"])
def test_any_text_comes_back_from_the_csv_and_never_as_a_formula(
    tmp_path: Path, texts: list[str]
) -> None:
    path = tmp_path / "any.csv"
    write_csv(path, [f"Column {n}" for n in range(len(texts))], [texts], "fi_FI")
    with path.open(encoding="utf-8-sig", newline="") as f:
        _heading, row = list(csv.reader(f, delimiter=";"))
    assert not any(cell.startswith(FORMULA_STARTS) for cell in row)
    assert [unsafe_text(cell) for cell in row] == texts
