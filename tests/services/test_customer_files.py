"""Reading the shop's customer files: every kind, written by the programs that write them, and
the bad ones, each refused with a message that names the file (and row and column)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from shopcards.core.customer_headings import Field, suggest
from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import Cancelled
from shopcards.core.progress import CancelToken, Progress
from shopcards.services.customer_files import CustomerFileError, read_customer_file
from tests import customer_files as files
from tests.customer_files import CUSTOMERS


def column(table: CustomerTable, field: Field) -> list[str]:
    """The cells of the column suggested for ``field``."""
    index = suggest(table.headings).index(field)
    return [row[index] for row in table.rows]


WRITERS: dict[str, Callable[[Path], Path]] = {
    "utf-8.csv": lambda p: files.write_csv(p),
    "bom.csv": lambda p: files.write_csv(p, encoding="utf-8-sig", delimiter=","),
    "unicode-text.txt": lambda p: files.write_csv(p, encoding="utf-16", delimiter="\t"),
    "utf-16-be.csv": lambda p: (
        p.write_bytes(
            b"\xfe\xff" + files.write_csv(p, delimiter="|").read_text("utf-8").encode("utf-16-be")
        )
        and p
    ),
    "excel.xlsx": files.write_xlsx,
    "old-excel.xls": files.write_xls,
    "libreoffice.ods": files.write_ods,
    "contacts.vcf": files.write_vcf,
}


@pytest.mark.parametrize("name", WRITERS)
def test_every_kind_of_file_gives_the_same_customers(tmp_path: Path, name: str) -> None:
    table = read_customer_file(WRITERS[name](tmp_path / name))

    assert table.source == name
    assert table.kind == {"txt": "csv"}.get(name.rsplit(".")[-1], name.rsplit(".")[-1])
    assert column(table, Field.given_name) == [c[0] for c in CUSTOMERS]
    assert column(table, Field.family_name) == [c[1] for c in CUSTOMERS]
    assert column(table, Field.city) == [c[4] for c in CUSTOMERS]
    assert column(table, Field.postcode) == [c[3] for c in CUSTOMERS]  # "00100", "0010" kept
    field = Field.phone_mobile if table.kind == "vcf" else Field.phone
    assert column(table, field) == [c[5] for c in CUSTOMERS]
    birthdays = [c[6].isoformat() if isinstance(c[6], dt.date) else "" for c in CUSTOMERS]
    assert column(table, Field.birthday) == birthdays
    assert all(len(row) == len(table.headings) for row in table.rows)
    assert table.first_row == (1 if table.kind == "vcf" else 2)


@pytest.mark.parametrize(
    ("encoding", "delimiter", "text", "shown"),
    [
        ("cp1252", ";", "Åsa;Öhman;Jyväskylä\nJyrki;Pääkkönen;Hämeenlinna", "Windows-1252"),
        ("cp1250", ",", "Ştefan,Ţăranu,Bucureşti\nIoana,Popescu,Timişoara", "Windows-1250"),
        ("cp1255", "\t", "דוד\tכהן\tתל אביב\nשרה\tלוי\tירושלים", "Windows-1255"),
    ],
)
def test_a_csv_in_a_windows_code_page_comes_out_right(
    tmp_path: Path, encoding: str, delimiter: str, text: str, shown: str
) -> None:
    headings = delimiter.join(("Etunimi", "Sukunimi", "Kaupunki"))
    path = tmp_path / "list.csv"
    path.write_bytes(f"{headings}\r\n{text}\r\n".encode(encoding))

    table = read_customer_file(path)

    assert table.encoding == shown and table.delimiter == delimiter
    assert [list(row) for row in table.rows] == [line.split(delimiter) for line in text.split("\n")]


def test_the_owner_can_say_which_encoding_a_file_is_in(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("Nume;Oraș\nPopescu;Brașov\n".replace("ș", "ş").encode("cp1250"))

    assert read_customer_file(path).rows == (("Popescu", "Braşov"),)
    assert read_customer_file(path, encoding="cp1252").rows == (("Popescu", "Braºov"),)


def test_an_old_tills_export_with_blank_lines_first_and_an_empty_row(tmp_path: Path) -> None:
    path = tmp_path / "asiakkaat.csv"
    path.write_bytes(files.TILL_1252_CSV)

    table = read_customer_file(path)

    assert table.encoding == "Windows-1252" and table.delimiter == ";"
    assert table.headings[1:3] == ("Etunimi", "Sukunimi")
    assert column(table, Field.given_name) == ["Åsa", "Jyrki", "Märta"]
    assert column(table, Field.card_no) == ["1001", "1002", "1003"]
    assert column(table, Field.email)[0] == "asa@example.fi"
    assert [table.row_number(i) for i in range(3)] == [4, 5, 7]  # as the spreadsheet numbers


def test_a_google_contacts_export(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(files.GOOGLE_CSV, encoding="utf-8", newline="")

    table = read_customer_file(path)

    assert column(table, Field.notes)[0] == "Likes tea,\nand cake"
    assert column(table, Field.phone) == ["+358 40 123 4567", "0721 123 456"]
    assert column(table, Field.phone_mobile) == ["09 123 4567", ""]
    assert column(table, Field.address_line_1)[0] == "Mannerheimintie 1 A 5"
    assert column(table, Field.title) == ["", "Dl."]
    assert table.row_number(1) == 3  # one row, though its note and address took lines more


def test_an_outlook_export_gives_the_home_address(tmp_path: Path) -> None:
    path = tmp_path / "outlook.csv"
    path.write_text(files.OUTLOOK_CSV, encoding="cp1252", newline="")

    table = read_customer_file(path)

    assert column(table, Field.address_line_1) == ["Mannerheimintie 1 A 5"]
    assert column(table, Field.postcode) == ["00100"]
    assert column(table, Field.phone_work) == ["09 555 1234"]
    assert column(table, Field.phone_mobile) == ["040 123 4567"]
    assert column(table, Field.email) == ["anna@example.fi"]
    assert column(table, Field.interests) == ["Tea;Porcelain"]


def test_a_phones_contacts_with_a_photo_and_quoted_printable(tmp_path: Path) -> None:
    path = tmp_path / "iPhone.vcf"
    path.write_text(files.IPHONE_VCF, encoding="utf-8", newline="")

    table = read_customer_file(path)
    rows = [dict(zip(table.headings, row, strict=True)) for row in table.rows]

    anna, asa, ion = rows
    assert (anna["Given name"], anna["Family name"]) == ("Anna", "Virtanen")
    assert anna["Birthday"] == "--03-15"  # Apple's 1604: no year
    assert anna["Mobile phone"] == "+358 40 123 4567" and anna["Work phone"] == "09 555 1234"
    assert (anna["Postcode"], anna["City"], anna["Country"]) == ("00100", "Helsinki", "Finland")
    assert anna["Interests"] == "tea, porcelain"
    assert (asa["Given name"], asa["Family name"]) == ("Åsa", "Öhman")
    assert (asa["Address line 1"], asa["Address line 2"]) == ("Kotikatu 3 B 7", "rappu C")
    assert asa["Notes"] == "Hyvä asiakas, tykkää teestä"
    assert asa["Mobile phone"] == "0401234567" and asa["Phone"] == "03 123 4567"
    assert (ion["Given name"], ion["Family name"]) == ("Ion", "Popescu")  # FN only, split
    assert ion["Mobile phone"] == "+40-721-123-456" and ion["Birthday"] == "--12-01"


def test_a_contact_without_a_name_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    nameless = "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:040 1\r\nEND:VCARD\r\n"
    path.write_text(files.IPHONE_VCF + nameless, encoding="utf-8", newline="")
    line = files.IPHONE_VCF.count("\r\n") + 1

    with pytest.raises(
        CustomerFileError, match=rf"contacts.vcf: contact 4 \(line {line}\) has no name"
    ):
        read_customer_file(path)


def test_workbook_cells_become_the_text_the_spreadsheet_shows(tmp_path: Path) -> None:
    path = files.write_xlsx(
        tmp_path / "list.xlsx",
        [("Anna", 401234567, 12.5, dt.date(1980, 3, 15), "x" * 10_000)],
        ["Name", "Phone", "Points", "Birthday", "Notes"],
        empty_sheet_first=True,
    )

    table = read_customer_file(path)

    assert table.rows == (("Anna", "401234567", "12.5", "1980-03-15", "x" * 10_000),)
    assert (table.sheet, table.sheets) == ("Customers", ("Notes", "Customers"))


def test_a_sheet_that_is_not_there_is_named_with_those_that_are(tmp_path: Path) -> None:
    path = files.write_xlsx(tmp_path / "list.xlsx", empty_sheet_first=True)

    with pytest.raises(
        CustomerFileError, match="no sheet “Asiakkaat”; its sheets are: “Notes”, “Customers”"
    ):
        read_customer_file(path, sheet="Asiakkaat")
    with pytest.raises(CustomerFileError, match="its sheet “Notes” holds nothing"):
        read_customer_file(path, sheet="Notes")


def test_data_beyond_the_headings_of_a_sheet_gets_a_column_of_its_own(tmp_path: Path) -> None:
    path = files.write_xlsx(
        tmp_path / "l.xlsx", [("Anna", "", "VIP"), ("Ville",)], ["Name", "Phone"]
    )

    table = read_customer_file(path)

    assert table.headings == ("Name", "Phone", "Column C")
    assert table.rows == (("Anna", "", "VIP"), ("Ville", "", ""))


def test_short_rows_are_padded_and_repeated_headings_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name;Phone;Phone;\nAnna;040 1\nVille;040 2;09 3;\n", encoding="utf-8")

    table = read_customer_file(path)

    assert table.headings == ("Name", "Phone", "Phone (2)", "Column D")
    assert table.rows == (("Anna", "040 1", "", ""), ("Ville", "040 2", "09 3", ""))


def test_a_row_wider_than_the_headings_is_refused_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Address\nAnna,Kotikatu 1\nVille,Katu 2, B 5\n", encoding="utf-8")

    with pytest.raises(
        CustomerFileError,
        match=re.escape(
            "list.csv: row 3 has more fields than the heading line names (2); is a comma"
        ),
    ):
        read_customer_file(path)


def test_bytes_of_another_encoding_are_named_by_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    good = "Åsa;Åbo\n" * 150_000  # past the first megabyte, by which the encoding is judged
    path.write_bytes(f"Name;City\n{good}".encode() + "Märta;Närpes\n".encode("cp1252"))

    with pytest.raises(
        CustomerFileError,
        match=re.escape("list.csv: row 150,002, column A holds bytes that are not UTF-8"),
    ):
        read_customer_file(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b"\r\n \r\n", "blank.csv is empty"),
        ("headings.csv", b"Name;Phone\r\n;\r\n", "headings.csv has headings but no rows"),
        ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64), "picture.xlsx is a PNG picture"),
        (
            "text.xlsx",
            b"Name;Phone\nAnna;1\n",
            "text.xlsx is not an Excel workbook \\(.xlsx\\): it holds a CSV",
        ),
        ("binary.csv", bytes(range(256)) * 4, "binary.csv is not text"),
        ("broken.xlsx", b"PK\x03\x04" + bytes(200), "broken.xlsx cannot be read as a workbook"),
        ("none.vcf", b"Name;Phone\n", "none.vcf is not a contacts file"),
        ("web.xls", b"<html><table><tr><td>Name</td></tr></table></html>", "web.xls is a web page"),
        ("long.csv", b"Name\n" + b"x" * 70_000 + b"\n", "long.csv: line 2 is longer than 65,536"),
    ],
)
def test_bad_files_are_refused_with_their_name(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CustomerFileError, match=message):
        read_customer_file(path)


def test_a_workbook_saved_under_a_csv_name_is_refused(tmp_path: Path) -> None:
    path = files.write_xlsx(tmp_path / "list.xlsx")
    wrong = path.rename(tmp_path / "list.csv")

    with pytest.raises(
        CustomerFileError,
        match=re.escape("list.csv is not a CSV or text file: it holds an Excel workbook"),
    ):
        read_customer_file(wrong)


def test_a_headings_only_workbook_says_so(tmp_path: Path) -> None:
    path = files.write_ods(tmp_path / "list.ods", [])

    with pytest.raises(
        CustomerFileError, match=re.escape("list.ods, sheet “Customers” has headings but no rows")
    ):
        read_customer_file(path)


def test_a_big_file_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    path = files.write_csv(tmp_path / "big.csv", CUSTOMERS * 3_000)
    steps: list[Progress] = []

    table = read_customer_file(path, progress=steps.append)

    assert len(table.rows) == 15_000 and len(steps) == 3
    assert steps[-1].total == path.stat().st_size and "row 15,001" in steps[-1].what
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_customer_file(path, progress=steps.append, cancel=token)


def test_a_sheet_whose_headings_start_lower_down_and_further_right(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "list.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Asiakkaat")
    sheet.write_row(2, 1, ["Etunimi", "Puhelin"])  # B3
    sheet.write_row(3, 1, ["Anna", "040 1"])
    sheet.write_row(5, 1, ["Ville"])  # row 5 left blank
    book.close()

    table = read_customer_file(path)

    assert table.headings == ("Column A", "Etunimi", "Puhelin")  # columns keep their letters
    assert table.rows == (("", "Anna", "040 1"), ("", "Ville", ""))
    assert [table.row_number(i) for i in range(2)] == [4, 6]


def test_a_ten_thousand_character_cell_is_read_whole(tmp_path: Path) -> None:
    path = files.write_csv(
        tmp_path / "list.csv", [("A" * 10_000, "Virtanen")], ["Etunimi", "Sukunimi"]
    )

    assert read_customer_file(path).rows == (
        ("A" * 10_000, "Virtanen"),
    )  # refusing: the importer's


def test_the_columns_of_a_contacts_file_are_all_recognised_or_left_out() -> None:
    from shopcards.core.customer_vcards import HEADINGS

    found = dict(zip(HEADINGS, suggest(HEADINGS), strict=True))

    assert found["Full name"] is None  # beside the given and family name
    assert [h for h, f in found.items() if f is None] == [
        "Full name", "Other e-mails", "Organisation",
    ]  # fmt: skip
    assert found["Other phones"] == Field.phone_other
    assert found["Mobile phone"] == Field.phone_mobile and found["Interests"] == Field.interests


@pytest.mark.parametrize(
    ("broken", "what"),
    [
        ("a line without a colon", "Failed to parse line: a line without a colon"),
        ("X-SIGNATURE;ENCODING=b:abc", "Incorrect padding"),  # base64 that is not
    ],
)
def test_a_contact_that_cannot_be_read_is_named_with_its_line(
    tmp_path: Path, broken: str, what: str
) -> None:
    path = tmp_path / "contacts.vcf"
    bad = f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lind;Eva\r\n{broken}\r\nEND:VCARD\r\n"
    path.write_text(files.IPHONE_VCF + bad, encoding="utf-8", newline="")
    line = files.IPHONE_VCF.count("\r\n") + 1

    with pytest.raises(CustomerFileError) as raised:
        read_customer_file(path)

    assert raised.value.message.startswith(f"contacts.vcf: contact 4 (line {line}) cannot be read")
    assert what in raised.value.message
