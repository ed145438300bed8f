"""The names of a card's fields: one table for every place that names them.

The card form and the card view, the changes list, a merge, the import's columns and its
comparison, the export's headings and the customer's copy of everything we keep all say a
field with these words, so a shop reads "Consent to post" in each, never "Post consent" in one
and "Post OK" in another. Keys are the card's own field names (core/card.py, the JSON file of
core/subject_access.py). Each label is marked with ``N_`` and said with ``_`` (or a letter
language's ``gettext``) where it is shown.

The export's headings are the customer import's contract: a heading changed here must stay
recognised under its old words, in every language, by core/customer_headings.py.
"""

from __future__ import annotations

from shopcards.core.card import CustomerType, JoinedVia
from shopcards.core.i18n import N_, _

CARD_FIELDS: dict[str, str] = {
    "card_no": N_("Card number"),
    "title": N_("Title"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "salutation": N_("Salutation"),
    "address_lines": N_("Address"),
    "postcode": N_("Postcode"),
    "city": N_("City"),
    "country": N_("Country"),
    "phones": N_("Phones"),
    "email": N_("E-mail"),
    "birthday": N_("Birthday"),
    "anniversary": N_("Anniversary"),
    "anniversary_what": N_("Anniversary of"),
    "greeting": N_("Holiday card"),
    "interests": N_("Interests"),
    "consent_post": N_("Consent to post"),
    "consent_phone": N_("Consent to phone"),
    "consent_email": N_("Consent to e-mail"),
    "joined_via": N_("Joined via"),
    "customer_type": N_("Customer type"),
    "is_staff": N_("Staff member"),
    "notes": N_("Notes"),
    "archived_at": N_("Archived"),
    "created_at": N_("Joined"),
    "updated_at": N_("Last changed"),
}
"""Each field's label, in English, in the card's order."""

SHORT_FIELDS: dict[str, str] = {"card_no": N_("Card no."), "phones": N_("Phone")}
"""The short form of a label, for a list's column heading where the full one would crowd the
columns (its cells hold one phone, the first); a field without one is headed by its label."""


def column_heading(key: str) -> str:
    """A list's column heading for the field ``key``, in English (marked; said with ``_``)."""
    return SHORT_FIELDS.get(key, CARD_FIELDS[key])


GREETINGS: dict[str, str] = {
    "christmas": N_("Christmas"),
    "hanukkah": N_("Hanukkah"),
    "new_year": N_("New Year"),
    "none": N_("None"),
}
"""The built-in holiday cards' names by their code (a shop may add its own)."""
JOINED_VIA: dict[JoinedVia, str] = {
    JoinedVia.TILL: N_("Slip at the till"),
    JoinedVia.OWNER: N_("Added by the owner"),
    JoinedVia.IMPORT: N_("Imported"),
}
CUSTOMER_TYPES: dict[CustomerType, str] = {
    CustomerType.LOYAL: N_("Loyal"),
    CustomerType.DISCOUNT: N_("Discount"),
    CustomerType.IMPULSE: N_("Impulse"),
    CustomerType.NEED_BASED: N_("Need-based"),
    CustomerType.WANDERING: N_("Wandering"),
}
"""The words for the codes of the fields that hold one, by the code: what the form offers, the
card shows and the customer's copy of everything we keep says (its JSON file keeps the code)."""

PHONE_KINDS: dict[str, str] = {"mobile": N_("mobile"), "home": N_("home"), "work": N_("work")}
"""The kinds a phone is offered with, kept on the card by their English key (the export's
columns and a vCard's TEL types read the key) and shown in the language in use; any other
label is kept and shown as it was typed."""


def phone_label_shown(label: str) -> str:
    """A phone's label as the window says it: "matkapuhelin" for ``mobile`` in Finnish."""
    return _(PHONE_KINDS[label]) if label in PHONE_KINDS else label


def phone_label_kept(text: str) -> str:
    """What to keep for the label picked or typed: a kind's key when ``text`` names it in the
    language in use ("נייד" is ``mobile``), else the text."""
    typed = text.strip()
    return next((key for key in PHONE_KINDS if phone_label_shown(key) == typed), typed)
