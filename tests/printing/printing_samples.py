"""Customers in many scripts, shared by the printing tests (a module with a name of its own, so
it is never confused with another folder's conftest)."""

from __future__ import annotations

from shopcards.printing import Recipient

STEFAN = Recipient(
    {
        "salutation": "Dear Mr Ștefănescu",
        "given_name": "Ștefan",
        "family_name": "Ștefănescu",
        "full_name": "Ștefan Ștefănescu",
        "last_visit": "3 March 2025",
        "birthday": "12 May",
        "customer_since": "June 2019",
        "event_date": "Friday 14 November",
        "prize": "a hamper of Transylvanian sweets",
    },
    ("Ștefan Ștefănescu", "Strada Țării 5, ap. 3", "400123 Cluj-Napoca", "ROMANIA"),
    "0001-stefanescu",
)
PAIVI = Recipient(
    {**STEFAN.values, "salutation": "Dear Ms Järvinen", "given_name": "Päivi",
     "family_name": "Järvinen", "full_name": "Päivi Järvinen", "last_visit": "7 April 2025"},
    ("Päivi Järvinen", "Hämeenkatu 7 B 12", "33100 Tampere", "FINLAND"),
    "0002-jarvinen",
)  # fmt: skip
OLGA = Recipient(
    {**STEFAN.values, "salutation": "Dear Ms Ivanova", "given_name": "Ольга",
     "family_name": "Иванова", "full_name": "Ольга Иванова", "last_visit": "9 May 2025"},
    ("Ольга Иванова", "ул. Ленина 5, кв. 12", "620014 Екатеринбург", "RUSSIA"),
    "0003-ivanova",
)  # fmt: skip
YANNIS = Recipient(
    {**STEFAN.values, "salutation": "Dear Mr Papadopoulos", "given_name": "Γιάννης",
     "family_name": "Παπαδόπουλος", "full_name": "Γιάννης Παπαδόπουλος",
     "last_visit": "1 June 2025"},
    ("Γιάννης Παπαδόπουλος", "Οδός Ερμού 25", "105 63 Αθήνα", "GREECE"),
    "0004-papadopoulos",
)  # fmt: skip
ARAM = Recipient(
    {**STEFAN.values, "salutation": "Dear Mr Petrosyan", "given_name": "Արամ",
     "family_name": "Պետրոսյան", "full_name": "Արամ Պետրոսյան", "last_visit": "2 July 2025"},
    ("Արամ Պետրոսյան", "Աբովյան փողոց 10", "0001 Երևան", "ARMENIA"),
    "0005-petrosyan",
)  # fmt: skip
DAVID = Recipient(
    {**STEFAN.values, "salutation": "Dear Mr Cohen", "given_name": "דוד",
     "family_name": "כהן", "full_name": "דוד כהן", "last_visit": "3 August 2025"},
    ("דוד כהן", "רחוב הרצל 12, דירה 4", "תל אביב-יפו 6100000", "ISRAEL"),
    "0006-cohen",
)  # fmt: skip

EVERYONE = (STEFAN, PAIVI, OLGA, YANNIS, ARAM, DAVID)
