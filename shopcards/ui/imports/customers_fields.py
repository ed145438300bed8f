"""The fields of a card a customer file's column can fill, as the import's combos name them:
a field of the card by its name on every screen (core/card_fields.py); the ways a file may
hold a name, an address or phones that the card keeps otherwise, by what the column holds."""

from __future__ import annotations

from shopcards.core.card_fields import CARD_FIELDS
from shopcards.core.customer_headings import Field
from shopcards.core.i18n import N_

NOT_IMPORTED = N_("— not imported")
_FILE_ONLY: dict[Field, str] = {
    Field.middle_name: N_("Middle name"),
    Field.full_name: N_("Full name (split in two)"),
    Field.address: N_("Address (lines, postcode, city)"),
    Field.address_line_1: N_("Address line 1"),
    Field.address_line_2: N_("Address line 2"),
    Field.address_line_3: N_("Address line 3"),
    Field.phone: N_("Phone"),
    Field.phone_mobile: N_("Mobile phone"),
    Field.phone_work: N_("Work phone"),
    Field.phone_other: N_("Other phones (several)"),
}
FIELD_TEXT: dict[Field, str] = {
    field: _FILE_ONLY[field] if field in _FILE_ONLY else CARD_FIELDS[field.value] for field in Field
}
"""Every field, in the order the combos list them; in English, shown through ``_``."""
