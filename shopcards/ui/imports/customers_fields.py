"""The fields of a card a customer file's column can fill, as the import's combos name them."""

from __future__ import annotations

from shopcards.core.customer_headings import Field

NOT_IMPORTED = "— not imported"
FIELD_TEXT: dict[Field, str] = {
    Field.given_name: "Given name",
    Field.middle_name: "Middle name",
    Field.family_name: "Family name",
    Field.full_name: "Full name (split in two)",
    Field.title: "Title",
    Field.salutation: "Salutation",
    Field.address: "Address (lines, postcode, city)",
    Field.address_line_1: "Address line 1",
    Field.address_line_2: "Address line 2",
    Field.address_line_3: "Address line 3",
    Field.postcode: "Postcode",
    Field.city: "City",
    Field.country: "Country",
    Field.phone: "Phone",
    Field.phone_mobile: "Mobile phone",
    Field.phone_work: "Work phone",
    Field.phone_other: "Other phones (several)",
    Field.email: "E-mail",
    Field.birthday: "Birthday",
    Field.anniversary: "Anniversary",
    Field.anniversary_what: "Anniversary of",
    Field.interests: "Interests",
    Field.consent_post: "Letters by post: yes/no",
    Field.consent_phone: "Calls: yes/no",
    Field.consent_email: "E-mail: yes/no",
    Field.notes: "Notes",
    Field.card_no: "Card number",
    Field.greeting: "Holiday greeting",
    Field.customer_type: "Customer type",
}
"""Every field, in the order the combos list them."""
