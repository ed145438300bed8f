"""Customer files for tests, of every kind a shop brings: each written by the library or
program that writes such files (the csv module in each encoding, xlsxwriter, xlwt, odfpy,
vobject), and a few written by hand with the usual mess (a Google and an Outlook export, an
iPhone's contacts with a photo and quoted-printable lines, a Windows-1252 CSV with ``;``).

The customer import's tests use them too: ``CUSTOMERS`` is what each file holds.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

HEADINGS = ("Given name", "Family name", "Address", "Postcode", "City", "Phone", "Birthday")
CUSTOMERS: tuple[tuple[str, str, str, str, str, str, dt.date | None], ...] = (
    ("Anna", "Virtanen", "Mannerheimintie 1 A 5", "00100", "Helsinki", "040 123 4567",
     dt.date(1980, 3, 15)),
    ("Ștefan", "Popescu", "Str. Lipscani 12", "030031", "București", "0721 123 456",
     dt.date(1975, 12, 1)),
    ("דוד", "כהן", "רחוב הרצל 1", "6100000", "תל אביב", "052-1234567", None),
    ("Արամ", "Խաչատրյան", "Աբովյան 1", "0010", "Երևան", "+374 10 123456",
     dt.date(1990, 2, 28)),
    ("Åsa", "Öhman", "Kotikatu 3 B 7", "33100", "Tampere", "0401234567", None),
)  # fmt: skip
"""Five customers, one in each language the program speaks (and a Swedish-speaking Finn)."""


def cells(customer: Sequence[object]) -> list[str]:
    """A customer as the text cells a CSV holds (a date in ISO)."""
    return [
        value.isoformat() if isinstance(value, dt.date) else str(value or "") for value in customer
    ]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]] = CUSTOMERS,
    headings: Sequence[str] = HEADINGS,
    *,
    encoding: str = "utf-8",
    delimiter: str = ";",
) -> Path:
    """A CSV file as the csv module writes it, in ``encoding`` ("utf-8-sig" for a BOM,
    "utf-16" for Excel's "Unicode text")."""
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(headings)
        writer.writerows(cells(row) for row in rows)
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]] = CUSTOMERS,
    headings: Sequence[str] = HEADINGS,
    *,
    sheet: str = "Customers",
    empty_sheet_first: bool = False,
) -> Path:
    """An Excel workbook as xlsxwriter writes it: dates as date cells, the rest as text."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    if empty_sheet_first:
        book.add_worksheet("Notes")
    sheet_ = book.add_worksheet(sheet)
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet_.write_row(0, 0, headings)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet_.write_datetime(r, c, dt.datetime.combine(value, dt.time()), dates)
            elif isinstance(value, int | float):
                sheet_.write_number(r, c, value)
            elif value:
                sheet_.write_string(r, c, str(value))
    book.close()
    return path


def write_xls(
    path: Path, rows: Sequence[Sequence[object]] = CUSTOMERS, headings: Sequence[str] = HEADINGS
) -> Path:
    """An old Excel workbook (.xls, BIFF8) as xlwt writes it."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Customers")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, heading in enumerate(headings):
        sheet.write(0, c, heading)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, dates)
            elif value not in (None, ""):
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(
    path: Path, rows: Sequence[Sequence[object]] = CUSTOMERS, headings: Sequence[str] = HEADINGS
) -> Path:
    """A LibreOffice spreadsheet as odfpy writes it: dates as date cells, numbers as
    numbers."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Customers")
    for row in [list(headings), *rows]:
        line = TableRow()
        for value in row:
            if isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
            else:
                cell = TableCell(valuetype="string")
            if value not in (None, ""):
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_vcf(path: Path, rows: Sequence[Sequence[object]] = CUSTOMERS) -> Path:
    """The customers as vCard 3.0 contacts, as vobject writes them (mobile phones)."""
    import vobject

    text = []
    for given, family, street, code, city, phone, birthday in rows:
        card = vobject.vCard()
        card.add("n").value = vobject.vcard.Name(family=str(family), given=str(given))
        card.add("fn").value = f"{given} {family}"
        card.add("adr").value = vobject.vcard.Address(
            street=str(street), code=str(code), city=str(city)
        )
        tel = card.add("tel")
        tel.value = str(phone)
        tel.type_param = "CELL"
        if isinstance(birthday, dt.date):
            card.add("bday").value = birthday.isoformat()
        text.append(card.serialize())
    path.write_text("".join(text), encoding="utf-8", newline="")
    return path


GOOGLE_CSV = (
    "Name,Given Name,Additional Name,Family Name,Name Prefix,Birthday,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,"
    "Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,"
    "Address 1 - City,Address 1 - Postal Code,Address 1 - Country\r\n"
    'Anna Virtanen,Anna,,Virtanen,,1980-03-15,"Likes tea,\nand cake",* myContacts,'
    "* Home,anna@example.fi,Mobile,+358 40 123 4567,Home,09 123 4567,Home,"
    '"Mannerheimintie 1 A 5\n00100 Helsinki\nFI",Mannerheimintie 1 A 5,Helsinki,00100,FI\r\n'
    "Ion Popescu,Ion,,Popescu,Dl.,--12-01,,* myContacts,,,Mobile,0721 123 456,,,,,,,,\r\n"
)
"""Google Contacts' "Google CSV" export: UTF-8, commas, a note over two lines."""

OUTLOOK_CSV = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Business Street",'
    '"Business City","Business Postal Code","Home Street","Home City","Home Postal Code",'
    '"Home Country/Region","Business Phone","Home Phone","Mobile Phone","Birthday",'
    '"Categories","E-mail Address","E-mail 2 Address","Notes"\r\n'
    '"Dr.","Anna","Maria","Virtanen","","Kauppa Oy","Teollisuuskatu 1","Helsinki","00500",'
    '"Mannerheimintie 1 A 5","Helsinki","00100","Suomi","09 555 1234","","040 123 4567",'
    '"15.3.1980","Tea;Porcelain","anna@example.fi","anna@work.example","Regular"\r\n'
)
"""Outlook's "Comma Separated Values" export: Business columns before Home ones."""

IPHONE_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Virtanen;Anna;;;\r\nFN:Anna Virtanen\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+358 40 123 4567\r\n"
    "TEL;type=WORK;type=VOICE:09 555 1234\r\n"
    "item1.ADR;type=HOME;type=pref:;;Mannerheimintie 1 A 5;Helsinki;;00100;Finland\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
    " DAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL\r\n"
    "CATEGORIES:tea,porcelain\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96hman;=C3=85sa;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85sa =C3=96hman\r\n"
    "TEL;CELL;PREF:0401234567\r\nTEL;HOME:03 123 4567\r\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Kotikatu 3 B 7=0D=0A=\r\n"
    "rappu C;Tampere;;33100;\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Hyv=C3=A4 asiakas, tykk=C3=A4=\r\n"
    "=C3=A4 teest=C3=A4\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ion Popescu\r\n"
    'TEL;TYPE="cell,voice";VALUE=uri:tel:+40-721-123-456\r\nBDAY:--1201\r\nEND:VCARD\r\n'
)
"""An iPhone's contacts (a photo, Apple's no-year birthday), an old phone's vCard 2.1
(quoted-printable lines broken with "="), and a vCard 4.0 with only FN."""

TILL_1252_CSV = (
    "\r\n\r\nAsiakasnro;Etunimi;Sukunimi;Lähiosoite;Postinumero;Postitoimipaikka;Puhelin;"
    "Syntymäpäivä;Sähköposti\r\n"
    "1001;Åsa;Öhman;Kotikatu 3 B 7;33100;Tampere;040 123 4567;15.3.1980;asa@example.fi\r\n"
    "1002;Jyrki;Pääkkönen;Hämeentie 12;00530;Helsinki;;;\r\n"
    ";;;;;;;;\r\n"
    "1003;Märta;Åkerlund;Siltakatu 5;20100;Turku;02 123 4567;--;\r\n"
).encode("cp1252")
"""An old till's customer export: Windows-1252, ``;``, two blank lines before the headings
and an empty row in the middle."""
