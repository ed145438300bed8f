"""Which column of a customer file holds what: the headings a shop's own spreadsheet has in the
five languages the program speaks (English, Finnish, Romanian, Hebrew, Armenian), and those
of the usual exports (Google Contacts, Outlook, a phone's contacts as ``core/vcard`` rows).

Headings are compared as :func:`~shopcards.core.text_files.heading_key` makes them (case, accents,
spaces and punctuation do not count), the way the purchase import compares its own. Each field
is suggested for one column at most: the heading listed first for it wins (an Outlook file's
"Home Street" over its "Business Street", wherever each stands).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from enum import StrEnum

from shopcards.core.text_files import heading_key


class Field(StrEnum):
    """What a column of a customer file can hold."""

    given_name = "given_name"
    middle_name = "middle_name"
    """Joined to the given name (the card has no field of its own for it)."""
    family_name = "family_name"
    full_name = "full_name"
    """One column with the whole name, to split (:func:`core.name_split.split_full_name`)."""
    title = "title"  # type: ignore[assignment]  # str.title: a Field is never called
    salutation = "salutation"
    address = "address"
    """One block with the whole address, to split (:func:`core.address_split.split_address`)."""
    address_line_1 = "address_line_1"
    address_line_2 = "address_line_2"
    address_line_3 = "address_line_3"
    postcode = "postcode"
    city = "city"
    country = "country"
    phone = "phone"
    phone_mobile = "phone_mobile"
    phone_work = "phone_work"
    phone_other = "phone_other"
    """Any number of phones in one cell, each perhaps with its label: "+358… (mobile); …"."""
    email = "email"
    birthday = "birthday"
    anniversary = "anniversary"
    anniversary_what = "anniversary_what"
    interests = "interests"
    consent_post = "consent_post"
    consent_phone = "consent_phone"
    consent_email = "consent_email"
    notes = "notes"
    card_no = "card_no"
    greeting = "greeting"
    customer_type = "customer_type"


HEADINGS: dict[Field, tuple[str, ...]] = {
    # English; Google ("Given Name", "Address 1 - Street"); Outlook ("Home Street"); Finnish;
    # Romanian; Hebrew; Armenian. Written as the files write them; compared as keys. The last
    # lines of a field hold its card export heading in the other languages, where not above:
    # the heading of today's export (core/card_fields.py) and those of older exports alike.
    Field.given_name: (
        "Given name", "First name", "Forename", "Christian name",
        "Etunimi", "Etunimet", "Prenume", "Prenumele", "שם פרטי", "Անուն",
    ),
    Field.middle_name: ("Middle name", "Additional name", "Toinen nimi", "Al doilea prenume"),
    Field.family_name: (
        "Family name", "Last name", "Surname", "Sukunimi", "Nume de familie", "Nume",
        "שם משפחה", "Ազգանուն",
    ),
    Field.full_name: (
        "Full name", "Name", "Display name", "Customer name", "Customer", "Contact",
        "Contact name", "File as", "Nimi", "Koko nimi", "Asiakas", "Asiakkaan nimi",
        "Nume complet", "Nume și prenume", "Nume prenume", "Client", "Nume client",
        "שם", "שם מלא", "שם הלקוח", "Անուն ազգանուն", "Լրիվ անուն", "Անուն Ազգանուն",
    ),
    Field.title: (
        "Title", "Name prefix", "Prefix", "Honorific", "Titteli", "Titlu", "Titulatură",
        "תואר", "Կոչում",
    ),
    Field.salutation: (
        "Salutation", "Letter salutation", "Dear", "Puhuttelu", "Tervehdys",
        "Formulă de adresare", "Adresare", "פנייה", "Դիմելաձև",
    ),
    Field.address: (
        "Address", "Address 1 - Formatted", "Postal address", "Mailing address", "Full address",
        "Home address", "Osoite", "Postiosoite", "Kotiosoite", "Adresa", "Adresă",
        "Adresă poștală", "כתובת", "כתובת מלאה", "Հասցե",
    ),
    Field.address_line_1: (
        "Address line 1", "Home Street", "Address 1 - Street", "Street", "Street address",
        "Address 1", "Street 1", "Business Street", "Other Street", "Katuosoite", "Lähiosoite",
        "Katu", "Strada", "Stradă", "Adresa 1", "Adresă linia 1", "רחוב", "Փողոց",
        "Osoiterivi 1", "Adresă, rândul 1", "שורת כתובת 1", "Հասցեի տող 1",
    ),
    Field.address_line_2: (
        "Address line 2", "Home Street 2", "Address 1 - Extended Address", "Address 2",
        "Street 2", "Business Street 2", "Address 1 - PO Box", "Adresa 2", "Adresă linia 2",
        "Osoiterivi 2", "Adresă, rândul 2", "שורת כתובת 2", "Հասցեի տող 2",
    ),
    Field.address_line_3: (
        "Address line 3", "Home Street 3", "Address 3", "Street 3", "Business Street 3",
        "Adresa 3", "Adresă linia 3",
        "Osoiterivi 3", "Adresă, rândul 3", "שורת כתובת 3", "Հասցեի տող 3",
    ),
    Field.postcode: (
        "Postcode", "Postal code", "Post code", "Zip", "Zip code", "Home Postal Code",
        "Address 1 - Postal Code", "Business Postal Code", "Postinumero", "Postinro",
        "Cod poștal", "Cod postal", "מיקוד", "Փոստային ինդեքս", "Ինդեքս",
    ),
    Field.city: (
        "City", "Town", "Home City", "Address 1 - City", "Locality", "Business City",
        "Kaupunki", "Postitoimipaikka", "Paikkakunta", "Kunta", "Oraș", "Localitate",
        "Localitatea", "עיר", "יישוב", "Քաղաք", "Բնակավայր",
    ),
    Field.country: (
        "Country", "Home Country/Region", "Address 1 - Country", "Country/Region",
        "Business Country/Region", "Maa", "Valtio", "Țară", "Țara", "ארץ", "מדינה", "Երկիր",
    ),
    Field.phone: (
        "Phone", "Telephone", "Tel", "Phone number", "Home Phone", "Phone 1 - Value",
        "Primary Phone", "Other Phone", "Puhelin", "Puhelinnumero", "Kotipuhelin", "Telefon",
        "Număr de telefon", "Telefon fix", "טלפון", "מספר טלפון", "Հեռախոս",
        "Հեռախոսահամար",
    ),
    Field.phone_mobile: (
        "Mobile", "Mobile Phone", "Mobile number", "Cell", "Cell phone", "Cellphone", "GSM",
        "Matkapuhelin", "Kännykkä", "Puhelin (mobiili)", "Mobiili", "Telefon mobil", "Mobil",
        "נייד", "טלפון נייד", "סלולרי", "Բջջային", "Բջջային հեռախոս",
    ),
    Field.phone_work: (
        "Work phone", "Business Phone", "Office phone", "Työpuhelin",
        "Telefon serviciu", "Telefon birou", "טלפון בעבודה", "טלפון עבודה",
        "Աշխատանքային հեռախոս",
    ),
    Field.phone_other: (
        "Other phones", "Other phone numbers", "More phones", "Muut puhelimet",
        "Alte telefoane", "טלפונים נוספים", "Այլ հեռախոսներ",
    ),
    Field.email: (
        "E-mail", "Email", "E-mail address", "Email address", "E-mail 1 - Value", "Mail",
        "Sähköposti", "Sähköpostiosoite", "Adresă de e-mail", "Poștă electronică", "דוא״ל",
        'דוא"ל', "דואר אלקטרוני", "אימייל", "Էլ. փոստ", "Էլփոստ", "Էլեկտրոնային փոստ",
    ),
    Field.birthday: (
        "Birthday", "Date of birth", "Birth date", "Birthdate", "DOB", "Born",
        "Syntymäpäivä", "Syntymäaika", "Data nașterii", "Zi de naștere", "Ziua de naștere",
        "תאריך לידה", "יום הולדת", "Ծննդյան օր", "Ծննդյան ամսաթիվ",
    ),
    Field.anniversary: (
        "Anniversary", "Vuosipäivä", "Aniversare", "יום נישואין", "Տարեդարձ",
        "Merkkipäivä", "יום שנה",
    ),
    Field.anniversary_what: (
        "Anniversary of", "Anniversary what", "Occasion", "Vuosipäivän aihe", "Ocazie",
        "סיבת יום השנה", "Տարեդարձի առիթ",
        "Merkkipäivän aihe", "Aniversarea a ce", "יום השנה של", "Ինչի տարեդարձ",
    ),
    Field.interests: (
        "Interests", "Interest", "Categories", "Tags", "Kiinnostuksen kohteet", "Harrastukset",
        "Kiinnostukset", "Interese", "Pasiuni", "תחומי עניין", "Հետաքրքրություններ",
    ),
    Field.consent_post: (
        "Consent to post", "Post OK", "Consent post", "Post consent", "Letters", "May write",
        "Postilupa", "Suoramainonta", "Acord poștă", "Acord corespondență", "הסכמה לדואר",
        "Համաձայնություն նամակների",
        "Suostumus postiin", "Consimțământ pentru poștă", "Համաձայնություն փոստին",
    ),
    Field.consent_phone: (
        "Consent to calls", "Phone OK", "Consent phone", "Phone consent", "May call", "Puhelinlupa",
        "Acord telefon", "הסכמה לטלפון", "Համաձայնություն զանգերի",
        "Consent to phone", "Suostumus puheluihin", "Consimțământ pentru telefon",
        "Համաձայնություն զանգերին",
    ),
    Field.consent_email: (
        "Consent to e-mail", "E-mail OK", "Consent email", "Email consent", "E-mail consent",
        "Newsletter", "Email opt-in", "Sähköpostilupa", "Uutiskirje", "Acord e-mail", "Acord email",
        "הסכמה לדוא״ל", "דיוור", "Համաձայնություն էլ. նամակների",
        "Suostumus sähköpostiin", "Consimțământ pentru e-mail", "Համաձայնություն էլ. փոստին",
    ),
    Field.notes: (
        "Notes", "Note", "Comments", "Comment", "Remarks", "Memo", "Muistiinpanot",
        "Huomautukset", "Lisätiedot", "Huom", "Note", "Observații", "Mențiuni", "הערות",
        "Նշումներ",
    ),
    Field.card_no: (
        "Card number", "Card no", "Card", "Loyalty card", "Customer number", "Customer no",
        "Customer ID", "Member number", "Kortin numero", "Kortti", "Asiakasnumero",
        "Asiakasnro", "Număr card", "Număr client", "Cod client", "מספר לקוח", "מספר כרטיס",
        "Քարտի համար", "Հաճախորդի համար",
        "Numărul fișei",
    ),
    Field.greeting: (
        "Holiday greeting", "Greeting", "Holiday card", "Joulutervehdys", "Tervehdyskortti",
        "Felicitare", "ברכת חג", "Տոնական շնորհավորանք",
        "Juhlakortti", "Felicitare de sărbători", "כרטיס ברכה לחג", "Տոնական բացիկ",
        "Greeting card", "כרטיס ברכה", "Բացիկ",
    ),
    Field.customer_type: (
        "Customer type", "Type of customer", "Asiakastyyppi", "Tip client", "סוג לקוח",
        "Հաճախորդի տեսակ",
        "Tip de client",
    ),
}  # fmt: skip

_PHONES = (Field.phone, Field.phone_mobile, Field.phone_work)
_NUMBERED = re.compile(r"\d+")
_ANY_NUMBER = 1000
"""Added to a heading's rank when it matched only without its digits ("Phone 2 - Value" as
"Phone - Value"): every heading that matched with them comes first."""


@functools.cache
def _ranks() -> tuple[dict[str, tuple[Field, int]], dict[str, tuple[Field, int]]]:
    """Heading key -> (field, rank), the rank being its place in the field's list; and the
    same for the keys without their digits."""
    exact: dict[str, tuple[Field, int]] = {}
    bare: dict[str, tuple[Field, int]] = {}
    for field, headings in HEADINGS.items():
        for rank, heading in enumerate(headings):
            key = heading_key(heading)
            exact.setdefault(key, (field, rank))
            bare.setdefault(_NUMBERED.sub("", key), (field, rank))
    return exact, bare


def recognise(heading: str) -> tuple[Field, int] | None:
    """The field a heading names, with its rank (lower is surer), or None."""
    exact, bare = _ranks()
    key = heading_key(heading)
    if key in exact:
        return exact[key]
    digitless = _NUMBERED.sub("", key)
    match = exact.get(digitless) or bare.get(digitless)
    return (match[0], match[1] + _ANY_NUMBER) if match else None


def suggest(headings: Sequence[str]) -> tuple[Field | None, ...]:
    """The field each column most likely holds (None: not imported), each field for one
    column at most; a second phone column becomes the mobile or work phone when that is free.
    A whole name is not suggested beside the given or family name; an address beside the
    postcode or city is the street's line, and beside that line (Google's "Formatted") left
    out."""
    found = [recognise(heading) for heading in headings]
    order = sorted(
        (match[1], index, match[0]) for index, match in enumerate(found) if match is not None
    )
    chosen: list[Field | None] = [None] * len(headings)
    for _, index, field in order:
        if field not in chosen:
            chosen[index] = field
    for _, index, field in order:  # then a second and third phone, where their field is free
        free = [f for f in _PHONES if f not in chosen]
        if field in _PHONES and chosen[index] is None and free:
            chosen[index] = free[0]
    if Field.full_name in chosen and {Field.given_name, Field.family_name} & set(chosen):
        chosen[chosen.index(Field.full_name)] = None
    if Field.address in chosen and {Field.address_line_1, Field.postcode, Field.city} & set(chosen):
        street = Field.address_line_1 not in chosen  # "Address" beside "Postcode" and "City"
        chosen[chosen.index(Field.address)] = Field.address_line_1 if street else None
    return tuple(chosen)
