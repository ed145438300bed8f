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
from shopcards.core.i18n import ENGLISH, LANGUAGES, N_, _
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
SHOP = N_("Shop")
LETTERS = N_("Letters & printing")
LABELS = N_("Labels")
DRAWING = N_("Drawing")
CUSTOMERS = N_("Knowing the customers")
LOYALTY = N_("Loyalty")
OWNER = N_("Owner")
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
    return "" if code in locale_names() else _("must be a locale Babel knows, like en_GB or fi_FI")


def _region_problem(code: str) -> str:
    return "" if code in region_names() else _("must be a two-letter country code, like GB or FI")


def _currency_problem(code: str) -> str:
    ok = is_currency(code) and code in currency_names()
    return "" if ok else _("must be a three-letter currency code, like EUR or GBP")


def _email_problem(text: str) -> str:
    if not text or _EMAIL.match(text):
        return ""
    return _("must be an e-mail address (name@example.com)")


def _sheet(key: str, label: str, low: float, high: float, kind: type = float) -> Setting:
    about = N_("A measurement of the custom label sheet (used when the label sheet is custom).")
    return Setting(f"label_custom_{key}", label, LABELS, kind, about, low=low, high=high)


SETTINGS: tuple[Setting, ...] = (
    Setting("shop_name", N_("Shop name"), SHOP, required=True,
            about=N_("Heads every letter and the window's title.")),
    Setting("shop_address", N_("Address"), SHOP, shown_as="lines",
            about=N_("The sender's address on letters, envelopes and cards, one line each.")),
    Setting("shop_phone", N_("Phone"), SHOP, about=N_("Printed on the letterhead.")),
    Setting("shop_email", N_("E-mail"), SHOP, extra=_email_problem,
            about=N_("Printed on the letterhead.")),
    Setting("region", N_("Country or region"), SHOP, choices=region_names, extra=_region_problem,
            about=N_("Phones without a country code are read as this country's.")),
    Setting("locale", N_("Language and formats"), SHOP, choices=locale_names, extra=_locale_problem,
            about=N_("How dates and amounts are written, and the drawers' alphabet.")),
    Setting("currency", N_("Currency"), SHOP, choices=currency_names, extra=_currency_problem,
            about=N_("The shop's money: every amount is in this currency.")),
    Setting("letter_language", N_("Letters' language"), LETTERS, choices=language_names,
            about=N_("The language of every letter, card, envelope, label and notice printed.")),
    Setting("letterhead_logo", N_("Logo"), LETTERS, shown_as="picture",
            about=N_("A PNG or JPEG printed at the top of every letter (empty: none).")),
    Setting("signature_image", N_("Signature"), LETTERS, shown_as="picture",
            about=N_("The owner's scanned signature, printed above the signer's name.")),
    Setting("signer_name", N_("Signed by"), LETTERS,
            about=N_("The name under every letter (empty: the shop's name).")),
    Setting("letter_closing", N_("Closing words"), LETTERS,
            about=N_("The words before the signature.")),
    Setting("letter_paper", N_("Paper"), LETTERS,
            choices={"A4": N_("A4"), "Letter": N_("US Letter")},
            about=N_("A4 (DIN 5008 window) or US Letter (#10 window); greeting cards use it too.")),
    Setting("card_fold", N_("Greeting cards"), LETTERS,
            choices={"quarter": N_("One side, folded twice"),
                     "half": N_("Both sides, folded once")}),
    Setting("envelope_size", N_("Envelopes"), LETTERS,
            choices={"DL": N_("DL (110 × 220 mm)"), "C5": N_("C5 (162 × 229 mm)"),
                     "C6": N_("C6 (114 × 162 mm)"), "US10": N_("US #10")}),
    Setting("label_sheet", N_("Label sheet"), LABELS,
            choices={"L7160": N_("Avery L7160 (21 per A4)"),
                     "L7163": N_("Avery L7163 (14 per A4)"),
                     "5160": N_("Avery 5160 (30 per Letter)"),
                     "5163": N_("Avery 5163 (10 per Letter)"),
                     "custom": N_("Custom sheet…")},
            about=N_("An Avery sheet, or a custom one measured below.")),
    Setting("printer_offset_x_mm", N_("Labels: move right (mm)"), LABELS, float, low=-20, high=20,
            about=N_("For a printer that prints off the mark (negative: left).")),
    Setting("printer_offset_y_mm", N_("Labels: move down (mm)"), LABELS, float, low=-20, high=20,
            about=N_("For a printer that prints off the mark (negative: up).")),
    _sheet("page_width", N_("Page width (mm)"), 0, 600),
    _sheet("page_height", N_("Page height (mm)"), 0, 600),
    _sheet("rows", N_("Rows"), 1, 100, int),
    _sheet("columns", N_("Columns"), 1, 100, int),
    _sheet("label_width", N_("Label width (mm)"), 0, 600),
    _sheet("label_height", N_("Label height (mm)"), 0, 600),
    _sheet("top", N_("Top margin (mm)"), 0, 600),
    _sheet("left", N_("Left margin (mm)"), 0, 600),
    _sheet("h_gap", N_("Gap across (mm)"), 0, 600),
    _sheet("v_gap", N_("Gap down (mm)"), 0, 600),
    Setting("drawing_entry_mode", N_("Entries"), DRAWING,
            choices={"per_customer": N_("One per customer who bought that month"),
                     "per_purchase": N_("One per purchase that month")},
            about=N_("Returns and voided purchases are never entries.")),
    Setting("drawing_exclude_staff", N_("Leave out staff"), DRAWING, bool),
    Setting("drawing_exclude_winners_months", N_("Leave out winners of the last"), DRAWING, int,
            low=0, high=24, unit=N_(" months"), about=N_("0: nobody is left out for having won.")),
    Setting("drawing_alternates", N_("Alternates"), DRAWING, int, low=0, high=10,
            about=N_("Drawn after the winner, in order, in case the winner cannot be reached.")),
    Setting("drawing_prize", N_("Prize"), DRAWING,
            about=N_("What the winner's letter says they won, unless the owner types another.")),
    Setting("lapsed_months", N_("Lapsed after"), CUSTOMERS, int, low=1, high=60, unit=N_(" months"),
            about=N_("Bought before, but nothing in this many months.")),
    Setting("former_months", N_("Former after"), CUSTOMERS, int,
            choices={6: N_("6 months"), 12: N_("12 months")},
            about=N_("The segment “former”: nothing bought in this many months.")),
    Setting("regular_visits", N_("Regular: more visits than"), CUSTOMERS, int, low=0, high=366,
            optional=True, none_text=N_("the median"), unit=N_(" visits"),
            about=N_("Visits in 12 months that make a customer regular.")),
    Setting("heavy_spend", N_("Heavy: more spend than"), CUSTOMERS, int, low=0,
            optional=True, none_text=N_("the median"), shown_as="money",
            about=N_("Spend in 12 months (in the shop's currency) that makes a customer heavy.")),
    Setting("holdout_share", N_("Hold back from letters"), CUSTOMERS, float, low=0, high=0.5,
            shown_as="percent",
            about=N_("Recipients held back at random, to measure what a letter batch did.")),
    Setting("retention_months", N_("Forget customers after"), CUSTOMERS, int, low=0, high=240,
            unit=N_(" months"),
            about=N_("Customers with no purchase and no change to their card in this many months "
            "are listed to be forgotten (Shop ▸ Customers past retention…), and backups older "
            "than this are deleted. 0: keep everything.")),
    Setting("cashback_on", N_("Cash-back scheme"), LOYALTY, bool,
            about=N_("Sales earn cash-back. Switching it off or on never changes what was "
                     "earned.")),
    Setting("cashback_kind", N_("Cash-back shown as"), LOYALTY,
            choices={"money": N_("Money"), "points": N_("Points (one per cent or penny)")}),
    Setting("cashback_rate_bp", N_("Cash-back rate"), LOYALTY, int, low=0, high=10_000,
            unit=N_(" hundredths of a per cent"),
            about=N_("What a sale earns, in hundredths of a per cent: 500 is 5%, 10000 is 100%.")),
    Setting("cashback_expiry_months", N_("Cash-back expires after"), LOYALTY, int, low=1,
            high=120, optional=True, none_text=N_("never"), unit=N_(" months"),
            about=N_("Earned cash-back can be spent up to the same day this many months later.")),
    Setting("tiers_on", N_("Discount tiers"), LOYALTY, bool,
            about=N_("Card holders get their tier's discount. Off: no tier discounts at the till "
            "and no tier shown on the card.")),
    Setting("owner_idle_minutes", N_("Back to clerk mode after"), OWNER, int, low=1, high=240,
            unit=N_(" minutes"),
            about=N_("Owner mode ends after this long without a key or click.")),
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
            problems[key] = _("is not a setting shopcards knows (shopcards settings lists them)")
            continue
        try:
            checked[key] = _checked(setting, value)
        except ValueError as exc:
            problems[key] = (
                str(exc)
                if _blank(value)
                else _("{problem}, not {value}", problem=exc, value=_shown(value))
            )
    if problems:
        raise ValidationError(problems)
    return checked


def describe(setting: Setting) -> str:
    """What a value of this setting must be, in words ("a whole number from 1 to 240")."""
    said = _what(setting)
    if setting.optional:
        return _("{what} (or {none!r} to leave it unset)", what=said, none=setting.none_text)
    return said


def _what(setting: Setting) -> str:
    options = setting.options()
    if options and len(options) <= 12:
        return _("one of {values}", values=", ".join(str(value) for value in options))
    if options:
        return _("a code like {example}", example=setting.default)
    if setting.kind is bool:
        return _("yes or no")
    if setting.kind not in (int, float):
        return _("text")
    low, high = setting.low, setting.high
    whole = setting.kind is int
    if low is not None and high is not None:
        low_high = {"low": _number(low), "high": _number(high)}
        if whole:
            return _("a whole number from {low} to {high}", **low_high)
        return _("a number from {low} to {high}", **low_high)
    if low is not None:
        if whole:
            return _("a whole number of at least {low}", low=_number(low))
        return _("a number of at least {low}", low=_number(low))
    return _("a whole number") if whole else _("a number")


def _checked(setting: Setting, value: object) -> Any:
    if setting.optional and (value is None or _blank(value) or value == setting.none_text):
        return None
    if setting.kind is str:
        return _text(setting, value)
    typed = _typed(setting, value)
    options = setting.options()
    if options and typed not in options:
        raise ValueError(_must_be(setting))
    if setting.kind in (int, float) and not _in_range(setting, typed):
        raise ValueError(_must_be(setting))
    return typed


def _text(setting: Setting, value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(_("must be text"))
    text = value.strip()
    options = setting.options()
    if options:
        text = next((code for code in options if code.casefold() == text.casefold()), text)
    lines = setting.shown_as == "lines"
    if has_control_chars(text, allow_newlines=lines):
        raise ValueError(_("holds an invisible control character; please retype it"))
    if len(text) > (MAX_LINES if lines else MAX_TEXT):
        raise ValueError(
            _("is too long: at most {count} characters", count=MAX_LINES if lines else MAX_TEXT)
        )
    if setting.required and not text:
        raise ValueError(_("must not be empty"))
    problem = setting.extra(text) if setting.extra else ""
    if not problem and options and text not in options:
        problem = _must_be(setting)
    if problem:
        raise ValueError(problem)
    return text


def _typed(setting: Setting, value: object) -> Any:
    """``value`` as the setting's type; a string is read as a person would mean it."""
    said = _must_be(setting)
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


def _must_be(setting: Setting) -> str:
    return _("must be {what}", what=describe(setting))


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
