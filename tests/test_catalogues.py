"""The catalogues are whole and safe: every message the code says is in every language's
catalogue, finished, with the same placeholders, and said the same way wherever it appears.

A message missing from a catalogue would show in English in the middle of Finnish; a dropped
``{name}`` would print a letter without the customer's name, or stop it with a KeyError. This
catches both here, never at a customer's letter. Run ``python installer/catalogue.py update``
after adding messages, then ``todo``/``fill`` to translate them.
"""

from __future__ import annotations

import importlib.util
import re
import string
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Message

from shopcards.core import i18n
from shopcards.services import catalogues

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue_tool", ROOT / "installer/catalogue.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
CODE = TOOL.extracted()
LANGS = TOOL.TRANSLATED


def _ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    value = message.string
    return (value,) if isinstance(value, str) else tuple(value or ())


_PERCENT = re.compile(r"%\((\w+)\)[sdr]|%[sdr]")


def placeholders(text: str) -> set[str]:
    """``{name}`` fields (with their conversion) and ``%(name)s``/``%s`` (argparse's)."""
    found = {m.group(0) for m in _PERCENT.finditer(text)}
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            found.add(
                f"{{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
    return found


def catalogue_messages(code: str) -> Iterator[tuple[str, Message]]:
    for path, message in TOOL.messages(code):
        yield path.stem, message


@pytest.mark.parametrize("code", LANGS)
def test_every_message_of_the_code_is_in_the_catalogue(code: str) -> None:
    have = {
        (area, m.id if isinstance(m.id, str) else m.id[0], m.context)
        for area, m in catalogue_messages(code)
    }
    missing = sorted(
        f"{area}: {message.id!r}"
        for area, template in CODE.items()
        for message in template
        if message.id and (area, _ids(message)[0], message.context) not in have
    )
    assert not missing, (
        f"{len(missing)} messages not in the {code} catalogue (run installer/catalogue.py update):"
        + "".join(f"\n  {m}" for m in missing[:40])
    )


@pytest.mark.parametrize("code", LANGS)
def test_every_message_is_translated(code: str) -> None:
    unfinished = sorted(
        f"{area}: {message.id!r}"
        for area, message in catalogue_messages(code)
        if message.fuzzy or not catalogues.finished(message.string)
    )
    assert not unfinished, f"{len(unfinished)} unfinished in {code}:" + "".join(
        f"\n  {m}" for m in unfinished[:40]
    )


@pytest.mark.parametrize("code", LANGS)
def test_translations_keep_the_placeholders(code: str) -> None:
    wrong = []
    for area, message in catalogue_messages(code):
        ids = _ids(message)
        allowed = set().union(*(placeholders(one) for one in ids))
        for form in _strings(message):
            if not form:
                continue
            have = placeholders(form)
            plural_may_drop = len(ids) > 1  # "one card" may say the number in words
            if have - allowed or (not plural_may_drop and have != allowed):
                wrong.append(f"{area}: {ids[0]!r} -> {form!r}")
    assert not wrong, "placeholders changed:" + "".join(f"\n  {w}" for w in wrong[:40])


@pytest.mark.parametrize("code", LANGS)
def test_a_message_is_said_the_same_way_everywhere(code: str) -> None:
    said: dict[tuple[object, object], tuple[str, tuple[str, ...]]] = {}
    differ = []
    for area, message in catalogue_messages(code):
        if not catalogues.finished(message.string):
            continue
        key = (message.id, message.context)
        first = said.setdefault(key, (area, _strings(message)))
        if first[1] != _strings(message):
            differ.append(f"{message.id!r}: {first[0]} {first[1]} / {area} {_strings(message)}")
    assert not differ, "translated two ways:" + "".join(f"\n  {d}" for d in differ[:20])


def test_a_dropped_placeholder_is_caught() -> None:
    assert placeholders("Dear {given_name}, {count:,}") == {"{given_name}", "{count:,}"}
    assert placeholders("Hyvä asiakas") == set()
    assert placeholders("%(prog)s: error: %(message)s") == {"%(prog)s", "%(message)s"}


def test_the_pseudo_language_lengthens_and_keeps_fields() -> None:
    text = catalogues.pseudo("Save the card of {name}")
    assert text.startswith("[") and text.endswith("]")
    assert "{name}" in text
    assert len(text) >= len("Save the card of {name}") * 1.3
    paragraph = catalogues.pseudo("A long paragraph of words " * 10)
    assert max(len(word) for word in paragraph.split()) <= catalogues.PSEUDO_WORD  # it wraps


def test_a_language_is_used_in_every_layer_and_english_comes_back() -> None:
    try:
        catalogues.start("fi")
        assert i18n.language() == "fi"
        assert i18n.current().code == "fi"
    finally:
        i18n.use(i18n.ENGLISH)
    assert i18n._("Cancel") == "Cancel"


def test_an_unknown_language_names_the_languages_there_are() -> None:
    with pytest.raises(i18n.UnknownLanguageError) as raised:
        catalogues.start("xx")
    for code in i18n.LANGUAGES:
        assert code in str(raised.value)


def test_the_language_follows_the_pc_locale() -> None:
    assert i18n.choose(["fi_FI.UTF-8"]) == "fi"
    assert i18n.choose(["de_DE", "he_IL"]) == "he"
    assert i18n.choose(["de_DE"]) == "en"
    assert catalogues.system_languages({"LANGUAGE": "ro:en", "LANG": "hy_AM.UTF-8"}) == [
        "ro",
        "en",
        "hy_AM.UTF-8",
    ]
