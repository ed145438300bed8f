"""The words shopcards shows, in the language of whoever reads them: one gettext catalogue.

Every layer says its words through this module: the window and the command line, but also the
services' refusals and the import reports, which is why it lives in core/ and knows nothing of
Qt. A message is written in English in the code and looked up in the catalogue of the language
in use (``resources/locale/<lang>/*.po``, compiled to one ``shopcards.mo`` per language by
:mod:`shopcards.services.catalogues`); a message the catalogue lacks shows in English.

How to write a message:

- ``_("Save the card")``; with values, named placeholders filled by the same call:
  ``_("Nobody has entered the {month} prize drawing", month=month_name)``. A translation may
  move a placeholder but never drop or add one (tests/test_catalogues.py checks).
- A count: ``ngettext("{count} card", "{count} cards", n, count=formatted)``: the language's own
  plural rule (CLDR, through Babel) picks the form; Finnish, Romanian, Hebrew and Armenian each
  have theirs.
- A word that means two things: ``pgettext("verb", "Print")``; a count of one:
  ``npgettext("greeting cards", "{count} card", "{count} cards", n, count=…)``.
- A message kept in a table at import time (a module constant, a dict of labels): mark it with
  ``N_("…")`` where it is written, and translate it with ``_(constant)`` where it is shown, so it
  follows a language chosen after the import.

In a right-to-left language every filled value is isolated (core/isolates.py, and
:func:`isolated` for a value shown without a message): a path, a phone, an amount or a Latin
name keeps its own order inside the Hebrew around it. What is not laid out by Qt strips those
marks again (:func:`unmarked`): paper, the terminal, file names.

The language of the window (per PC) and the language of the letters (the shop's) may differ:
:func:`words` gives the catalogue of any language, for a letter; ``_`` speaks the one in use.
"""

from __future__ import annotations

import gettext
import threading
from collections.abc import Callable
from dataclasses import dataclass

from shopcards.core import isolates
from shopcards.core.isolates import FIRST_STRONG_ISOLATE as FIRST_STRONG_ISOLATE
from shopcards.core.isolates import POP_DIRECTIONAL_ISOLATE as POP_DIRECTIONAL_ISOLATE
from shopcards.core.isolates import unmarked as unmarked

ENGLISH = "en"
PSEUDO = "qps"
"""The pseudo-language: every message lengthened by ~40% and bracketed, to see clipped text."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    """Its name in itself, as its speakers look for it in a list."""
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English"),
        Language("fi", "suomi"),
        Language("ro", "română"),
        Language("he", "עברית", right_to_left=True),
        Language("hy", "Հայերեն"),
    )
}
"""The languages shopcards speaks, English first (the code's own)."""


class UnknownLanguageError(ValueError):
    """A language code shopcards has no catalogue for; the message names those there are."""

    def __init__(self, code: str) -> None:
        known = ", ".join(f"{c} ({lang.name})" for c, lang in LANGUAGES.items())
        super().__init__(
            _("There is no language {code!r}; shopcards speaks {known}.", code=code, known=known)
        )
        self.code = code


class Words:
    """One language's catalogue: the same calls as the module's, for that language only."""

    def __init__(self, code: str, catalogue: gettext.NullTranslations) -> None:
        self.code = code
        self._catalogue = catalogue

    def gettext(self, message: str, /, **values: object) -> str:
        return self._fill(self._catalogue.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        return self._fill(self._catalogue.ngettext(singular, plural, n), values)

    def pgettext(self, context: str, message: str, /, **values: object) -> str:
        return self._fill(self._catalogue.pgettext(context, message), values)

    def npgettext(
        self, context: str, singular: str, plural: str, n: int, /, **values: object
    ) -> str:
        return self._fill(self._catalogue.npgettext(context, singular, plural, n), values)

    def _fill(self, text: str, values: dict[str, object]) -> str:
        """``text`` with its placeholders filled; in a right-to-left language each value
        isolated, so the bidi algorithm lays it out on its own ("/tmp/x/shop.db", not
        "tmp/x/shop.db/"): core/isolates.py."""
        if not values:
            return text
        return isolates.fill(text, values) if self.right_to_left else text.format(**values)

    def find(self, context: str, message: str) -> str | None:
        """The translation of ``message`` in ``context``, or None when the catalogue has none
        (so that a caller with another source, Qt's own catalogue, can try that instead)."""
        found = self._catalogue.pgettext(context, message)
        return None if found is message else found  # gettext hands back the very same object

    @property
    def right_to_left(self) -> bool:
        known = LANGUAGES.get(self.code)
        return known is not None and known.right_to_left


def isolated(value: object) -> str:
    """``value`` as text, set apart from the words around it when the language in use runs
    right to left; for a value shown beside words without a message to fill (a table cell, a
    joined line). Values filled into a message are isolated by the message itself."""
    text = str(value)
    return isolates.isolate(text) if right_to_left() else text


CatalogueLoader = Callable[[str], gettext.NullTranslations]

_lock = threading.Lock()
_loader: list[CatalogueLoader] = []
"""The function that reads a language's catalogue (set by services/catalogues.py at start)."""
_loaded: dict[str, Words] = {}
_ENGLISH = Words(ENGLISH, gettext.NullTranslations())
_current: list[Words] = [_ENGLISH]


def set_loader(loader: CatalogueLoader) -> None:
    """Where catalogues come from: a function ``code -> gettext.NullTranslations``.

    Core knows no paths (the layers); the services give it the reader of the shipped files.
    Setting the same reader again keeps what it has read."""
    with _lock:
        if _loader and _loader[0] is loader:
            return
        _loader[:] = [loader]
        _loaded.clear()


def words(code: str) -> Words:
    """The catalogue of ``code`` (English passes the messages through)."""
    if code == ENGLISH:
        return _ENGLISH
    if code not in LANGUAGES and code != PSEUDO:
        raise UnknownLanguageError(code)
    with _lock:
        if not _loader:  # not yet told where catalogues are: English, until it is
            return Words(code, gettext.NullTranslations())
        found = _loaded.get(code)
        if found is None:
            found = _loaded[code] = Words(code, _loader[0](code))
    return found


def use(code: str) -> Words:
    """Speak ``code`` from now on, in every layer; returns its catalogue."""
    chosen = words(code)
    _current[0] = chosen
    return chosen


def current() -> Words:
    """The catalogue of the language in use."""
    return _current[0]


def language() -> str:
    """The code of the language in use."""
    return _current[0].code


def right_to_left() -> bool:
    """Whether the language in use is written right to left (the window mirrors itself)."""
    return _current[0].right_to_left


def _(message: str, /, **values: object) -> str:
    """``message`` in the language in use, its ``{placeholders}`` filled from ``values``."""
    return _current[0].gettext(message, **values)


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of ``singular``/``plural`` the language in use gives ``n``, filled."""
    return _current[0].ngettext(singular, plural, n, **values)


def pgettext(context: str, message: str, /, **values: object) -> str:
    """``message`` in the sense ``context`` says, in the language in use, filled."""
    return _current[0].pgettext(context, message, **values)


def npgettext(context: str, singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form for ``n`` of a count in the sense ``context`` says ("1 card": a greeting card,
    not a customer's card), in the language in use, filled."""
    return _current[0].npgettext(context, singular, plural, n, **values)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is kept; translate it where it is shown."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in the sense ``context`` for the catalogue (Qt's own words use Qt's
    class names as the context); translate it with ``pgettext(*pair)`` where it is shown."""
    return context, message


def choose(wanted: list[str]) -> str:
    """The first of ``wanted`` (locale names like ``fi_FI.UTF-8``, ``he``, ``en-GB``) that
    shopcards speaks, by its language part; English when none is."""
    for name in wanted:
        code = name.replace("-", "_").split(".")[0].split("_")[0].lower()
        if code in LANGUAGES or code == PSEUDO:
            return code
    return ENGLISH


def format_locale(shop_locale: str, code: str | None = None) -> str:
    """The locale to write dates, months, money and numbers in, beside words in ``code``
    (the language in use when None): that language in the shop's country where Babel knows
    the pair (``fi`` in an ``en_GB`` shop: ``fi_GB``), else the language alone."""
    from babel import Locale, UnknownLocaleError

    code = code or language()
    if code == PSEUDO:
        code = ENGLISH
    shop_language, _sep, territory = shop_locale.partition("_")
    if shop_language == code:
        return shop_locale
    if territory:
        try:
            Locale.parse(f"{code}_{territory}")
            return f"{code}_{territory}"
        except (UnknownLocaleError, ValueError):
            pass
    return code
