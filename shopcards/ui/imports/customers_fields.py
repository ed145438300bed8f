"""The fields of a card a customer file's column can fill, as the import's combos name them."""

from __future__ import annotations

from shopcards.core.customer_headings import Field
from shopcards.core.i18n import N_

NOT_IMPORTED = N_("— not imported")
FIELD_TEXT: dict[Field, str] = {
    Field.given_name: N_("Given name"),
    Field.middle_name: N_("Middle name"),
    Field.family_name: N_("Family name"),
    Field.full_name: N_("Full name (split in two)"),
    Field.title: N_("Title"),
    Field.salutation: N_("Salutation"),
    Field.address: N_("Address (lines, postcode, city)"),
    Field.address_line_1: N_("Address line 1"),
    Field.address_line_2: N_("Address line 2"),
    Field.address_line_3: N_("Address line 3"),
    Field.postcode: N_("Postcode"),
    Field.city: N_("City"),
    Field.country: N_("Country"),
    Field.phone: N_("Phone"),
    Field.phone_mobile: N_("Mobile phone"),
    Field.phone_work: N_("Work phone"),
    Field.phone_other: N_("Other phones (several)"),
    Field.email: N_("E-mail"),
    Field.birthday: N_("Birthday"),
    Field.anniversary: N_("Anniversary"),
    Field.anniversary_what: N_("Anniversary of"),
    Field.interests: N_("Interests"),
    Field.consent_post: N_("Letters by post: yes/no"),
    Field.consent_phone: N_("Calls: yes/no"),
    Field.consent_email: N_("E-mail: yes/no"),
    Field.notes: N_("Notes"),
    Field.card_no: N_("Card number"),
    Field.greeting: N_("Holiday greeting"),
    Field.customer_type: N_("Customer type"),
}
"""Every field, in the order the combos list them; in English, shown through ``_``."""
