"""The shop's settings, declared once: each one's type, its choices or range, its default, a
label for people and the group it belongs to, and the one check every save goes through.

The window builds its fields from these declarations, the command line lists them, and the
services save nothing that :func:`check` refused. Codes (locale, region, currency) are checked
against what Babel and phonenumbers know, so a typo never reaches a letter or a phone number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_territory_currencies, is_currency, list_currencies

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import ENGLISH, LANGUAGES
from shopcards.core.text import has_control_chars


@dataclass(frozen=True)
class ShopSettings:
    """Settings every feature reads; each field is declared in :data:`SETTINGS` below."""

    shop_name: str = "My Shop"
    shop_address: str = ""
    shop_phone: str = ""
    locale: str = "en_GB"
    region: str = "GB"
    currency: str = "EUR"
    owner_idle_minutes: int = 10
    drawing_entry_mode: str = "per_customer"
    drawing_exclude_staff: bool = True
    drawing_exclude_winners_months: int = 3
    drawing_alternates: int = 3
    drawing_prize: str = "a gift voucher"
    shop_email: str = ""
    letter_paper: str = "A4"
    card_fold: str = "quarter"
    envelope_size: str = "DL"
    label_sheet: str = "L7160"
    printer_offset_x_mm: float = 0.0
    printer_offset_y_mm: float = 0.0
    label_custom_page_width: float = 210.0
    label_custom_page_height: float = 297.0
    label_custom_rows: int = 7
    label_custom_columns: int = 3
    label_custom_label_width: float = 63.5
    label_custom_label_height: float = 38.1
    label_custom_top: float = 15.15
    label_custom_left: float = 7.2
    label_custom_h_gap: float = 2.54
    label_custom_v_gap: float = 0.0
    letterhead_logo: str = ""
    signature_image: str = ""
    signer_name: str = ""
    letter_closing: str = "With warm wishes,"
    lapsed_months: int = 6
    former_months: int = 12
    regular_visits: int | None = None
    heavy_spend: int | None = None
    holdout_share: float = 0.1
    cashback_on: bool = False
    cashback_kind: str = "money"
    cashback_rate_bp: int = 500
    cashback_expiry_months: int | None = 12
    tiers_on: bool = False
    retention_months: int = 0
    letter_language: str = ""
    """The language of everything printed; "" (not yet chosen): the locale's, if spoken."""

    def __post_init__(self) -> None:
        if not self.letter_language:
            object.__setattr__(self, "letter_language", spoken_language(self.locale))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ShopSettings:
        """Known keys only: a setting written by a newer shopcards is kept but not read."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def spoken_language(locale: str) -> str:
    """The language part of ``locale`` when shopcards speaks it, else English: the letters'
    language of a shop that has not chosen one ("fi" for fi_FI, "en" for de_DE)."""
    code = locale.replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else ENGLISH


def language_names() -> dict[str, str]:
    """The languages letters can be written in, each by its own name ("suomi")."""
    return {code: language.name for code, language in LANGUAGES.items()}


# The groups, in the order the Settings window shows them.
SHOP = "Shop"
LETTERS = "Letters & printing"
LABELS = "Labels"
DRAWING = "Drawing"
CUSTOMERS = "Knowing the customers"
LOYALTY = "Loyalty"
OWNER = "Owner"
GROUPS = (SHOP, LETTERS, LABELS, DRAWING, CUSTOMERS, LOYALTY, OWNER)

MAX_TEXT = 120
MAX_LINES = 1000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_YES = {"yes", "true", "on", "1"}
_NO = {"no", "false", "off", "0"}


@dataclass(frozen=True)
class Setting:
    """One setting as people see it and as the check reads it.

    ``kind`` is the Python type of the value; ``shown_as`` tells the window which input to
    build where the type alone does not say ("lines", "picture", "money", "percent").
    ``choices`` maps each allowed value to its label (a function for long lists from Babel).
    """

    key: str
    label: str
    group: str
    kind: type = str
    about: str = ""
    choices: Mapping[Any, str] | Callable[[], Mapping[Any, str]] | None = None
    low: float | None = None
    high: float | None = None
    optional: bool = False
    """None is allowed (the window shows it as ``none_text``)."""
    none_text: str = ""
    required: bool = False
    shown_as: str = ""
    unit: str = ""
    extra: Callable[[Any], str] | None = field(default=None, repr=False)
    """A further check on a value of the right type: the problem, or "" when it will do."""

    @property
    def default(self) -> Any:
        return getattr(ShopSettings(), self.key)

    def options(self) -> Mapping[Any, str]:
        """The allowed values with their labels (empty when any value in range will do)."""
        if self.choices is None:
            return {}
        return self.choices() if callable(self.choices) else self.choices


@functools.cache
def locale_names() -> dict[str, str]:
    """Every locale Babel knows (but a variant's), by code, named in English."""
    from babel.localedata import locale_identifiers

    names = {}
    for code in sorted(locale_identifiers()):
        try:
            found = Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            continue
        if not found.variant:
            names[code] = f"{found.get_display_name('en')} — {code}"
    return names


@functools.cache
def region_names() -> dict[str, str]:
    """Every country or region phonenumbers can read phones of, named in English."""
    import phonenumbers  # its metadata: when a region is checked, not when the program starts

    territories = Locale("en").territories
    return {
        code: f"{territories.get(code, code)} — {code}"
        for code in sorted(phonenumbers.SUPPORTED_REGIONS)
    }


@functools.cache
def currency_names() -> dict[str, str]:
    """Every ISO 4217 currency Babel knows, named in English."""
    return {code: f"{get_currency_name(code, locale='en')} — {code}" for code in
            sorted(list_currencies()) if re.fullmatch(r"[A-Z]{3}", code)}  # fmt: skip


def _locale_problem(code: str) -> str:
    return "" if code in locale_names() else "must be a locale Babel knows, like en_GB or fi_FI"


def _region_problem(code: str) -> str:
    return "" if code in region_names() else "must be a two-letter country code, like GB or FI"


def _currency_problem(code: str) -> str:
    ok = is_currency(code) and code in currency_names()
    return "" if ok else "must be a three-letter currency code, like EUR or GBP"


def _email_problem(text: str) -> str:
    return "" if not text or _EMAIL.match(text) else "must be an e-mail address (name@example.com)"


def _sheet(key: str, label: str, low: float, high: float, kind: type = float) -> Setting:
    about = "A measurement of the custom label sheet (used when the label sheet is custom)."
    return Setting(f"label_custom_{key}", label, LABELS, kind, about, low=low, high=high)


SETTINGS: tuple[Setting, ...] = (
    Setting("shop_name", "Shop name", SHOP, required=True,
            about="Heads every letter and the window's title."),
    Setting("shop_address", "Address", SHOP, shown_as="lines",
            about="The sender's address on letters, envelopes and cards, one line each."),
    Setting("shop_phone", "Phone", SHOP, about="Printed on the letterhead."),
    Setting("shop_email", "E-mail", SHOP, extra=_email_problem,
            about="Printed on the letterhead."),
    Setting("region", "Country or region", SHOP, choices=region_names, extra=_region_problem,
            about="Phones without a country code are read as this country's."),
    Setting("locale", "Language and formats", SHOP, choices=locale_names, extra=_locale_problem,
            about="How dates and amounts are written, and the drawers' alphabet."),
    Setting("currency", "Currency", SHOP, choices=currency_names, extra=_currency_problem,
            about="The shop's money: every amount is in this currency."),
    Setting("letter_language", "Letters' language", LETTERS, choices=language_names,
            about="The language of every letter, card, envelope, label and notice printed."),
    Setting("letterhead_logo", "Logo", LETTERS, shown_as="picture",
            about="A PNG or JPEG printed at the top of every letter (empty: none)."),
    Setting("signature_image", "Signature", LETTERS, shown_as="picture",
            about="The owner's scanned signature, printed above the signer's name."),
    Setting("signer_name", "Signed by", LETTERS,
            about="The name under every letter (empty: the shop's name)."),
    Setting("letter_closing", "Closing words", LETTERS, about="The words before the signature."),
    Setting("letter_paper", "Paper", LETTERS, choices={"A4": "A4", "Letter": "US Letter"},
            about="A4 (DIN 5008 window) or US Letter (#10 window); greeting cards use it too."),
    Setting("card_fold", "Greeting cards", LETTERS,
            choices={"quarter": "One side, folded twice", "half": "Both sides, folded once"}),
    Setting("envelope_size", "Envelopes", LETTERS,
            choices={"DL": "DL (110 × 220 mm)", "C5": "C5 (162 × 229 mm)",
                     "C6": "C6 (114 × 162 mm)", "US10": "US #10"}),
    Setting("label_sheet", "Label sheet", LABELS,
            choices={"L7160": "Avery L7160 (21 per A4)", "L7163": "Avery L7163 (14 per A4)",
                     "5160": "Avery 5160 (30 per Letter)", "5163": "Avery 5163 (10 per Letter)",
                     "custom": "Custom sheet…"},
            about="An Avery sheet, or a custom one measured below."),
    Setting("printer_offset_x_mm", "Labels: move right (mm)", LABELS, float, low=-20, high=20,
            about="For a printer that prints off the mark (negative: left)."),
    Setting("printer_offset_y_mm", "Labels: move down (mm)", LABELS, float, low=-20, high=20,
            about="For a printer that prints off the mark (negative: up)."),
    _sheet("page_width", "Page width (mm)", 0, 600),
    _sheet("page_height", "Page height (mm)", 0, 600),
    _sheet("rows", "Rows", 1, 100, int),
    _sheet("columns", "Columns", 1, 100, int),
    _sheet("label_width", "Label width (mm)", 0, 600),
    _sheet("label_height", "Label height (mm)", 0, 600),
    _sheet("top", "Top margin (mm)", 0, 600),
    _sheet("left", "Left margin (mm)", 0, 600),
    _sheet("h_gap", "Gap across (mm)", 0, 600),
    _sheet("v_gap", "Gap down (mm)", 0, 600),
    Setting("drawing_entry_mode", "Entries", DRAWING,
            choices={"per_customer": "One per customer who bought that month",
                     "per_purchase": "One per purchase that month"},
            about="Returns and voided purchases are never entries."),
    Setting("drawing_exclude_staff", "Leave out staff", DRAWING, bool),
    Setting("drawing_exclude_winners_months", "Leave out winners of the last", DRAWING, int,
            low=0, high=24, unit=" months", about="0: nobody is left out for having won."),
    Setting("drawing_alternates", "Alternates", DRAWING, int, low=0, high=10,
            about="Drawn after the winner, in order, in case the winner cannot be reached."),
    Setting("drawing_prize", "Prize", DRAWING,
            about="What the winner's letter says they won, unless the owner types another."),
    Setting("lapsed_months", "Lapsed after", CUSTOMERS, int, low=1, high=60, unit=" months",
            about="Bought before, but nothing in this many months."),
    Setting("former_months", "Former after", CUSTOMERS, int,
            choices={6: "6 months", 12: "12 months"},
            about="The segment “former”: nothing bought in this many months."),
    Setting("regular_visits", "Regular: more visits than", CUSTOMERS, int, low=0, high=366,
            optional=True, none_text="the median", unit=" visits",
            about="Visits in 12 months that make a customer regular."),
    Setting("heavy_spend", "Heavy: more spend than", CUSTOMERS, int, low=0,
            optional=True, none_text="the median", shown_as="money",
            about="Spend in 12 months (in the shop's currency) that makes a customer heavy."),
    Setting("holdout_share", "Hold back from letters", CUSTOMERS, float, low=0, high=0.5,
            shown_as="percent",
            about="Recipients held back at random, to measure what a letter batch did."),
    Setting("retention_months", "Forget customers after", CUSTOMERS, int, low=0, high=240,
            unit=" months",
            about="Customers with no purchase and no change to their card in this many months "
            "are listed to be forgotten (Shop ▸ Customers past retention…), and backups older "
            "than this are deleted. 0: keep everything."),
    Setting("cashback_on", "Cash-back scheme", LOYALTY, bool,
            about="Sales earn cash-back. Switching it off or on never changes what was earned."),
    Setting("cashback_kind", "Cash-back shown as", LOYALTY,
            choices={"money": "Money", "points": "Points (one per cent or penny)"}),
    Setting("cashback_rate_bp", "Cash-back rate", LOYALTY, int, low=0, high=10_000,
            unit=" hundredths of a per cent",
            about="What a sale earns, in hundredths of a per cent: 500 is 5%, 10000 is 100%."),
    Setting("cashback_expiry_months", "Cash-back expires after", LOYALTY, int, low=1,
            high=120, optional=True, none_text="never", unit=" months",
            about="Earned cash-back can be spent up to the same day this many months later."),
    Setting("tiers_on", "Discount tiers", LOYALTY, bool,
            about="Card holders get their tier's discount. Off: no tier discounts at the till "
            "and no tier shown on the card."),
    Setting("owner_idle_minutes", "Back to clerk mode after", OWNER, int, low=1, high=240,
            unit=" minutes", about="Owner mode ends after this long without a key or click."),
)  # fmt: skip
BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}


def in_group(group: str) -> tuple[Setting, ...]:
    return tuple(setting for setting in SETTINGS if setting.group == group)


def check(values: Mapping[str, object]) -> dict[str, Any]:
    """The values as the settings hold them, or ValidationError naming each one that will not
    do (an unknown key, a wrong type, a value outside its choices or range) — all at once.

    Text from the command line or a file is read as the setting's type ("15" for a number,
    "yes" for a yes/no, "" or "none" for "not set" where that is allowed).
    """
    problems: dict[str, str] = {}
    checked: dict[str, Any] = {}
    for key, value in values.items():
        setting = BY_KEY.get(key)
        if setting is None:
            problems[key] = "is not a setting shopcards knows (shopcards settings lists them)"
            continue
        try:
            checked[key] = _checked(setting, value)
        except ValueError as exc:
            problems[key] = str(exc) if _blank(value) else f"{exc}, not {_shown(value)}"
    if problems:
        raise ValidationError(problems)
    return checked


def describe(setting: Setting) -> str:
    """What a value of this setting must be, in words ("a whole number from 1 to 240")."""
    options = setting.options()
    if options and len(options) <= 12:
        said = "one of " + ", ".join(str(value) for value in options)
    elif options:
        said = f"a code like {setting.default}"
    elif setting.kind is bool:
        said = "yes or no"
    elif setting.kind in (int, float):
        said = "a whole number" if setting.kind is int else "a number"
        if setting.low is not None and setting.high is not None:
            said += f" from {_number(setting.low)} to {_number(setting.high)}"
        elif setting.low is not None:
            said += f" of at least {_number(setting.low)}"
    else:
        said = "text"
    return said + (f" (or {setting.none_text!r} to leave it unset)" if setting.optional else "")


def _checked(setting: Setting, value: object) -> Any:
    if setting.optional and (value is None or _blank(value) or value == setting.none_text):
        return None
    if setting.kind is str:
        return _text(setting, value)
    typed = _typed(setting, value)
    options = setting.options()
    if options and typed not in options:
        raise ValueError(f"must be {describe(setting)}")
    if setting.kind in (int, float) and not _in_range(setting, typed):
        raise ValueError(f"must be {describe(setting)}")
    return typed


def _text(setting: Setting, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    text = value.strip()
    options = setting.options()
    if options:
        text = next((code for code in options if code.casefold() == text.casefold()), text)
    lines = setting.shown_as == "lines"
    if has_control_chars(text, allow_newlines=lines):
        raise ValueError("holds an invisible control character; please retype it")
    if len(text) > (MAX_LINES if lines else MAX_TEXT):
        raise ValueError(f"is too long: at most {MAX_LINES if lines else MAX_TEXT} characters")
    if setting.required and not text:
        raise ValueError("must not be empty")
    problem = setting.extra(text) if setting.extra else ""
    if not problem and options and text not in options:
        problem = f"must be {describe(setting)}"
    if problem:
        raise ValueError(problem)
    return text


def _typed(setting: Setting, value: object) -> Any:
    """``value`` as the setting's type; a string is read as a person would mean it."""
    said = f"must be {describe(setting)}"
    if setting.kind is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold() if isinstance(value, str) else None
        if word in _YES or word in _NO:
            return word in _YES
        raise ValueError(said)
    if isinstance(value, bool):
        raise ValueError(said)
    if isinstance(value, str):
        value = value.strip()
        pattern = r"[+-]?\d+" if setting.kind is int else r"[+-]?(\d+\.?\d*|\.\d+)"
        if not re.fullmatch(pattern, value):
            raise ValueError(said)
        return setting.kind(value)
    if setting.kind is int and isinstance(value, int):
        return value
    if setting.kind is float and isinstance(value, int | float) and value == value:
        return float(value)
    raise ValueError(said)


def _in_range(setting: Setting, value: float) -> bool:
    low_ok = setting.low is None or value >= setting.low
    return low_ok and (setting.high is None or value <= setting.high)


def _blank(value: object) -> bool:
    return isinstance(value, str) and value.strip().casefold() in ("", "none")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…'"


def local_defaults(locale_name: str) -> dict[str, str]:
    """The locale, region and currency a PC set to ``locale_name`` (e.g. "fi_FI") suggests;
    the declared defaults where Babel cannot tell."""
    defaults = ShopSettings()
    try:
        found = Locale.parse(locale_name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        found = None
    if found is None or str(found) not in locale_names() or found.territory not in region_names():
        return {"locale": defaults.locale, "region": defaults.region,
                "currency": defaults.currency}  # fmt: skip
    currencies = get_territory_currencies(found.territory)
    return {"locale": str(found), "region": found.territory,
            "currency": currencies[0] if currencies else defaults.currency}  # fmt: skip
