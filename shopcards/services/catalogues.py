"""The translation catalogues on disk: where they are, compiling them, and choosing a language.

The sources are ``resources/locale/<lang>/<area>.po``, one file per part of the program (the
till, the letters, the services…) so that a translator reviews one screen's words together;
the program reads one compiled ``resources/locale/<lang>/LC_MESSAGES/shopcards.mo`` per
language. The build compiles them (installer/catalogue.py, run by installer/build.py); a
checkout whose ``.po`` files are newer than the ``.mo`` compiles them again on first use (and
keeps the result in memory when the folder cannot be written), so an edited translation is never
silently ignored.

The pseudo-language ``qps`` is made from the same messages: each one lengthened by ~40% and
bracketed, placeholders kept, so a test can open every screen in it and find clipped text.
"""

from __future__ import annotations

import gettext
import io
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from shopcards import paths
from shopcards.core import i18n

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

DOMAIN = "shopcards"
LANGUAGE_ENV = "SHOPCARDS_LANG"
"""Overrides the PC's locale for the window and the command line (``--lang`` overrides it)."""
_LOCALE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_dir() -> Path:
    return paths.resources_dir() / "locale"


def area_files(code: str) -> list[Path]:
    """The ``.po`` sources of ``code``, by area."""
    return sorted((locale_dir() / code).glob("*.po"))


def compiled_file(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The PC's preferred locales, most wanted first (``LANGUAGE`` may list several)."""
    environ = os.environ if environ is None else environ
    wanted: list[str] = []
    for name in (LANGUAGE_ENV, *_LOCALE_ENV):
        wanted += [part for part in environ.get(name, "").split(":") if part]
    return wanted


def reachable() -> None:
    """Let every layer read any language's catalogue (a letter in the shop's language) without
    changing the language in use; opening a card file does this."""
    i18n.set_loader(load)


def start(code: str | None = None, also_wanted: Iterable[str] = ()) -> i18n.Words:
    """Speak ``code`` (checked: an unknown one raises :class:`i18n.UnknownLanguageError`), or
    else the first language of ``also_wanted`` and then of the PC's locale that shopcards
    speaks; English when none is."""
    reachable()
    if code:
        return i18n.use(code)
    return i18n.use(i18n.choose([*also_wanted, *system_languages()]))


def load(code: str) -> gettext.NullTranslations:
    """The catalogue of ``code``, compiled again first if a source is newer."""
    target = compiled_file(code)
    sources = area_files(code) if code != i18n.PSEUDO else area_files("fi")
    if code != i18n.PSEUDO and _fresh(target, sources):
        with target.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    if not sources:
        return gettext.NullTranslations()
    data = mo_bytes(pseudo_catalogue() if code == i18n.PSEUDO else merged(code))
    if code != i18n.PSEUDO:
        _keep(target, data)
    return gettext.GNUTranslations(io.BytesIO(data))


def _fresh(target: Path, sources: list[Path]) -> bool:
    """The compiled file is there and no source is newer; an installed bundle's always is (its
    build compiled them, and copying may not keep the files' times)."""
    try:
        built = target.stat().st_mtime
    except OSError:
        return False
    if getattr(sys, "frozen", False):
        return True
    return all(source.stat().st_mtime <= built for source in sources)


def _keep(target: Path, data: bytes) -> None:
    """Write the compiled catalogue for next time; a read-only install compiles each start."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(target)
    except OSError:
        pass


def merged(code: str) -> Catalog:
    """The areas of ``code`` as one catalogue: finished translations only (an unfinished one
    shows in English, never as a blank)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    whole = Catalog(locale=code, domain=DOMAIN)
    for source in area_files(code):
        with source.open("rb") as text:
            for message in read_po(text, locale=code):
                if _new(whole, message) and finished(message.string) and not message.fuzzy:
                    whole.add(message.id, message.string, context=message.context)
    return whole


def _new(whole: Catalog, message: Message) -> bool:
    """A message (not the header) that ``whole`` does not hold yet (the first area wins)."""
    return bool(message.id) and whole.get(message.id, context=message.context) is None


def finished(string: str | tuple[str, ...] | list[str] | None) -> bool:
    """Every form of the translation is written."""
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def pseudo_catalogue() -> Catalog:
    """Every message of the Finnish sources, lengthened and bracketed, placeholders kept."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    whole = Catalog(locale="en", domain=DOMAIN)
    for source in area_files("fi"):
        with source.open("rb") as text:
            for message in read_po(text):
                if not _new(whole, message):
                    continue
                ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
                string = tuple(pseudo(one) for one in ids)
                whole.add(
                    message.id,
                    string if isinstance(message.id, tuple) else string[0],
                    context=message.context,
                )
    return whole


PSEUDO_WORD = 16
"""The longest run of the pseudo-language's padding: a long Finnish word's length."""
_ACCENTED = str.maketrans("aeiouAEIOUcnsyz", "áéîõüÅÉÎÕÜçñšýž")


def pseudo(message: str) -> str:
    """``message`` ~40% longer, accented and in brackets; ``{fields}`` and ``&`` kept as they
    are (a placeholder must still fill, a shortcut letter still work)."""
    out: list[str] = []
    depth = 0
    for char in message:
        depth += char == "{"
        out.append(char if depth else char.translate(_ACCENTED))
        depth -= char == "}" and depth > 0
    letters = sum(ch.isalpha() for ch in message)
    padding = "~" * max(1, round(letters * 0.4))
    # in words of a long word's length: a paragraph's padding wraps as its words would
    words = " ".join(
        padding[start : start + PSEUDO_WORD] for start in range(0, len(padding), PSEUDO_WORD)
    )
    return f"[{''.join(out)} {words}]"


def mo_bytes(catalogue: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    return buffer.getvalue()
