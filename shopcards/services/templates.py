"""Letter and card templates: the built-in ones, the owner's edits of them, and the owner's own.

Built-in templates are the files in ``resources/templates`` (their key is the file name without
``.txt``), in English, and in ``resources/templates/<language>/`` the same templates as a
shopkeeper of that language writes them (key ``fi/card_birthday``). Each built-in has the
language of its folder; the owner's own templates have none (they are in whatever language the
owner wrote them) and are offered with the letters' language.

An edited built-in is kept in the card file under the same key and wins over the
file; "reset" forgets the edit. A template the owner adds gets a key of its own and can be
deleted. Every text is checked with :func:`~shopcards.core.templates.parse_template` before it
is saved, so a misspelled field is refused with its line and column, never printed.

Two desks may edit one template at once. Like a card, each template carries the ``version`` it
was loaded at (0 for a built-in nobody edited yet), and a save or delete from a stale version is
refused with :class:`~shopcards.core.errors.Conflict` naming what changed at the other desk, so
the second save never silently overwrites the first.

The editor works on :class:`TemplateParts` (name, kind, occasion, subject or front, body), which
:func:`join_parts` writes as a template file with a fixed five-line header, so each mistake
found in the file maps back to the input it was typed in (:func:`where`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from shopcards.core.card import BUILTIN_GREETINGS
from shopcards.core.errors import Conflict, NotFound, ValidationError
from shopcards.core.i18n import ENGLISH, LANGUAGES, N_, _
from shopcards.core.template_problems import TemplateError, TemplateProblem
from shopcards.core.templates import (
    HEADER_KEYS,
    Template,
    TemplateKind,
    parse_template,
)
from shopcards.core.text import words
from shopcards.paths import resources_dir
from shopcards.services.session import Session, require_owner
from shopcards.store import changes
from shopcards.store import letters as store
from shopcards.store.handle import Database

PERSONAL_OCCASIONS = frozenset({"birthday", "anniversary"})
"""Card occasions of one person's own date: not a holiday a customer chooses a card for."""
HEADER_LINES = 5
"""Name, kind, occasion, subject or front, and the ``---`` line: the body starts after them."""


@dataclass(frozen=True)
class TemplateParts:
    """A template as the editor shows it: a few one-line inputs and the body text."""

    name: str
    kind: TemplateKind
    occasion: str = ""
    heading: str = ""
    """A letter's subject line, or the title on a card's front."""
    body: str = ""


@dataclass(frozen=True)
class TemplateInfo:
    """One template on offer: its key, what it is, its text, and whose it is."""

    key: str
    name: str
    kind: TemplateKind
    occasion: str
    text: str
    built_in: bool
    edited: bool
    problem: str = ""
    """Why the stored text does not parse (e.g. a field a newer shopcards dropped); "" if ok."""

    source: str = ""
    """Where the text came from when it is not the card file: a file's name, for messages."""

    version: int = store.NOT_STORED
    """The stored version this was read at; a save names it so a stale one is refused."""

    language: str = ""
    """The language a built-in is written in (a code of i18n.LANGUAGES); "" for the owner's
    own templates, which are offered with whatever language the letters are in."""

    def parse(self) -> Template:
        """The template ready to print; TemplateError with line and column if it is not."""
        return parse_template(self.text, source=self.source or self.name, name=self.name)

    @property
    def fields(self) -> frozenset[str]:
        """The merge fields the template uses (none when it does not parse)."""
        try:
            return self.parse().fields
        except TemplateError:
            return frozenset()


# The built-in files ---------------------------------------------------------------------------


def templates_folder() -> Path:
    return resources_dir() / "templates"


@lru_cache(maxsize=1)
def _builtin_texts(folder: Path) -> dict[str, str]:
    found = {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
    for code in LANGUAGES:
        for path in sorted((folder / code).glob("*.txt")):
            found[builtin_key(path.stem, code)] = path.read_text(encoding="utf-8")
    return found


def builtin_texts() -> dict[str, str]:
    """Key -> text of every built-in template, in every language (read once)."""
    return _builtin_texts(templates_folder())


def builtin_key(stem: str, language: str) -> str:
    """The key of the built-in ``stem`` (e.g. "card_birthday") written in ``language``."""
    return stem if language == ENGLISH else f"{language}/{stem}"


def builtin_in(stem: str, language: str) -> str:
    """The key of the built-in ``stem`` in ``language``, or the English one where that
    language has none (so a printed letter is never missing, only in English)."""
    key = builtin_key(stem, language)
    return key if key in builtin_texts() else stem


def builtin_language(key: str) -> str:
    """The language of the built-in with ``key``: its folder, English at the top."""
    code, slash, _stem = key.partition("/")
    return code if slash and code in LANGUAGES else ENGLISH


# Parts <-> text -----------------------------------------------------------------------------


def _heading_key(kind: TemplateKind) -> str:
    return "front" if kind is TemplateKind.CARD else "subject"


def _one_line(text: str) -> str:
    """Line breaks become spaces; leading spaces stay, so columns match what was typed."""
    return " ".join(text.replace("\r", "\n").split("\n")).rstrip()


def join_parts(parts: TemplateParts) -> str:
    """The template file for ``parts``: always the same five header lines, then the body."""
    header = [
        f"name: {_one_line(parts.name)}",
        f"kind: {parts.kind.value}",
        f"occasion: {occasion_code(parts.occasion)}",
        f"{_heading_key(parts.kind)}: {_one_line(parts.heading)}",
        "---",
    ]
    return "\n".join(header) + "\n" + parts.body.rstrip() + "\n"


def split_text(text: str) -> TemplateParts:
    """The parts of a template file, whatever order its header keys were written in."""
    lines = text.replace("\r\n", "\n").split("\n")
    header: dict[str, str] = {}
    body_start = 0
    first = next((line for line in lines if line.strip()), "")
    if first.partition(":")[0].strip().lower() in HEADER_KEYS and "---" in map(str.strip, lines):
        end = [line.strip() for line in lines].index("---")
        for line in lines[:end]:
            key, _colon, value = line.partition(":")
            header[key.strip().lower()] = value.strip()
        body_start = end + 1
    kind = TemplateKind.CARD if header.get("kind", "").lower() == "card" else TemplateKind.LETTER
    return TemplateParts(
        name=header.get("name", ""),
        kind=kind,
        occasion=header.get("occasion", ""),
        heading=header.get(_heading_key(kind), ""),
        body="\n".join(lines[body_start:]).strip("\n"),
    )


INPUTS = {
    "name": N_("Name"),
    "kind": N_("Kind"),
    "occasion": N_("Occasion"),
    "subject": N_("Subject"),
    "front": N_("Front"),
    "body": N_("Text"),
}
"""The editor's inputs by the part of the template they hold (translate them where shown)."""


def where(problem: TemplateProblem, kind: TemplateKind) -> tuple[str, int, int]:
    """Which editor input a problem is in (a label of :data:`INPUTS`, in English: "Text" for
    the body), with the line and column inside it, for text made by :func:`join_parts`."""
    if problem.line > HEADER_LINES:
        return INPUTS["body"], problem.line - HEADER_LINES, problem.column
    parts = ("name", "kind", "occasion", _heading_key(kind), "body")
    label = INPUTS[parts[problem.line - 1]]
    prefix = len(("name", "kind", "occasion", _heading_key(kind))[min(problem.line, 4) - 1]) + 2
    return label, 1, max(1, problem.column - prefix)


def occasion_code(text: str) -> str:
    """ "Diwali" -> "diwali", "Name day" -> "name_day": how occasions and greetings are kept."""
    return "_".join(words(text))


def check(parts: TemplateParts) -> Template:
    """Parse the editor's parts; TemplateError (line, column per input via :func:`where`)."""
    problems: list[TemplateProblem] = []
    if not parts.name.strip():
        problems.append(TemplateProblem(1, 7, _("the template needs a name")))
    if parts.kind is TemplateKind.CARD and not occasion_code(parts.occasion):
        problems.append(TemplateProblem(3, 11, _("a card needs an occasion (e.g. birthday)")))
    try:
        template = parse_template(join_parts(parts), name=parts.name)
    except TemplateError as exc:
        problems.extend(exc.problems)
    if problems:
        raise TemplateError(sorted(problems, key=lambda p: (p.line, p.column)))
    return template


# Listing ------------------------------------------------------------------------------------


def _info(
    key: str, text: str, built_in: bool, edited: bool, version: int = store.NOT_STORED
) -> TemplateInfo:
    """``key``'s template as offered; a built-in has its folder's language."""
    parts = split_text(text)
    name = parts.name or key.replace("_", " ").capitalize()
    info = TemplateInfo(
        key,
        name,
        parts.kind,
        occasion_code(parts.occasion),
        text,
        built_in,
        edited,
        version=version,
        language=builtin_language(key) if built_in else "",
    )
    try:
        info.parse()
    except TemplateError as exc:
        info = replace(info, problem=str(exc.problems[0]))
    return info


def _stored_info(row: store.StoredTemplate, built_in: bool) -> TemplateInfo:
    return _info(row.key, row.text, built_in, True, row.version)


def list_templates(session: Session, kind: TemplateKind | None = None) -> list[TemplateInfo]:
    """Every template on offer, letters first; in each kind the letters' language first (with
    the owner's own), then the other languages in the order shopcards lists them, by name."""
    builtin = builtin_texts()
    stored = {t.key: t for t in store.stored_templates(session.db)}
    found = [
        _info(key, text, True, False) if key not in stored else _stored_info(stored[key], True)
        for key, text in builtin.items()
    ]
    found += [_stored_info(row, False) for key, row in stored.items() if key not in builtin]
    if kind is not None:
        found = [info for info in found if info.kind is kind]
    order = _language_order(session.settings.letter_language)
    return sorted(
        found,
        key=lambda t: (t.kind is not TemplateKind.LETTER, order[t.language], t.name.casefold()),
    )


def _language_order(first: str) -> dict[str, int]:
    """Rank of each template language: the letters' own (and "", the owner's) first."""
    ranked = [first, *(code for code in LANGUAGES if code != first)]
    return {"": 0} | {code: rank for rank, code in enumerate(ranked)}


def in_letters_language(session: Session, info: TemplateInfo) -> bool:
    """Whether ``info`` is written in the letters' language (the owner's own count as such)."""
    return info.language in ("", session.settings.letter_language)


def template_file(path: Path) -> TemplateInfo:
    """A template from a file of the owner's (the command line's ``--template FILE.txt``);
    its mistakes come out when it is parsed, with the file's name, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(
            [TemplateProblem(1, 1, _("cannot be read ({problem})", problem=exc))], path.name
        ) from exc
    info = _info(path.stem, text, built_in=False, edited=False)
    return replace(info, name=split_text(text).name or path.name, source=path.name)


def get_template(session: Session, key: str) -> TemplateInfo:
    for info in list_templates(session):
        if info.key == key:
            return info
    raise NotFound(_("There is no template “{key}”.", key=key))


def find_template(session: Session, wanted: str) -> TemplateInfo:
    """The template named ``wanted`` by key, by name (any case) or by its occasion."""
    offered = list_templates(session)
    folded = " ".join(words(wanted))
    for test in (
        lambda t: t.key == wanted,
        lambda t: " ".join(words(t.name)) == folded,
        lambda t: t.occasion == occasion_code(wanted),
    ):
        matches = [info for info in offered if test(info)]
        if len(matches) > 1:  # "birthday": the card in the letters' language
            matches = [info for info in matches if in_letters_language(session, info)]
        if len(matches) == 1:
            return matches[0]
    names = ", ".join(f"“{info.name}” ({info.key})" for info in offered)
    raise NotFound(
        _(
            "There is no one template called “{wanted}”. The templates are: {names}.",
            wanted=wanted,
            names=names,
        )
    )


def greeting_options(session: Session) -> tuple[str, ...]:
    """The holiday cards a customer may ask for: the built-in ones, then the occasions of the
    owner's own card templates, then "none" (the card form's greeting list)."""
    added = sorted(
        {info.occasion for info in list_templates(session, TemplateKind.CARD)}
        - PERSONAL_OCCASIONS
        - set(BUILTIN_GREETINGS)
        - {""}
    )
    builtin = [code for code in BUILTIN_GREETINGS if code != "none"]
    return (*builtin, *added, "none")


# Changing -----------------------------------------------------------------------------------


def save_template(
    session: Session, parts: TemplateParts, base: TemplateInfo | None = None
) -> TemplateInfo:
    """Save the edits to ``base`` (the template as it was loaded), or a new one (no base);
    owner only.

    Raises TemplateError naming every mistake, or Conflict when another desk saved, put back or
    deleted the template since ``base`` was loaded; nothing is saved then. A built-in is copied
    into the card file at its first save (its ``base`` has version 0).
    """
    require_owner(session, _("change letter templates"))
    check(parts)
    text = join_parts(parts)
    with session.card_file.write() as db:
        if base is None:
            taken = set(builtin_texts()) | {t.key for t in store.stored_templates(db)}
            key, version = _new_key(parts, taken), store.NOT_STORED
        else:
            key, version = base.key, base.version
        if not store.save_template(db, key, text, version, session.actor, session.now()):
            assert base is not None, "a new key is never taken inside the transaction"
            raise _conflict(db, base)
        changes.record(
            db,
            session.actor,
            session.now(),
            "template",
            0,
            "edited" if base else "added",
            {"key": key},
        )
    return get_template(session, key)


def _new_key(parts: TemplateParts, taken: set[str]) -> str:
    stem = f"{parts.kind.value}_{occasion_code(parts.name) or 'template'}"
    key, number = stem, 2
    while key in taken:
        key, number = f"{stem}_{number}", number + 1
    return key


def remove_template(session: Session, base: TemplateInfo) -> TemplateInfo | None:
    """Delete the owner's own template, or put an edited built-in back as it came; owner only.

    Conflict when another desk changed it since ``base`` was loaded. Returns the built-in as it
    is now, or None when the template is gone.
    """
    require_owner(session, _("change letter templates"))
    builtin = base.key in builtin_texts()
    with session.card_file.write() as db:
        if base.version == store.NOT_STORED:
            said = (
                _("The template “{key}” has not been edited.", key=base.key)
                if builtin
                else _("The template “{key}” does not exist.", key=base.key)
            )
            raise ValidationError({"template": said})
        if not store.delete_template(db, base.key, base.version):
            raise _conflict(db, base)
        changes.record(
            db,
            session.actor,
            session.now(),
            "template",
            0,
            "reset" if builtin else "deleted",
            {"key": base.key},
        )
    return get_template(session, base.key) if builtin else None


# Two desks ----------------------------------------------------------------------------------

DELETED_THERE = N_("all of it: it was deleted")
"""What changed at the other desk when the template is gone from there."""


def _conflict(db: Database, base: TemplateInfo) -> Conflict:
    """What became of ``base`` at the other desk, with the parts that differ from it now."""
    row = store.stored_template(db, base.key)
    theirs = row.text if row else builtin_texts().get(base.key)
    if theirs is None:
        message = _(
            "The template “{name}” was deleted at another desk since you opened it.",
            name=base.name,
        )
        return Conflict(message, [_(DELETED_THERE)])
    message = (
        _(
            "The template “{name}” was changed at another desk ({when}) since you opened it.",
            name=base.name,
            when=row.updated_at,
        )
        if row
        else _("The template “{name}” was put back as it came since you opened it.", name=base.name)
    )
    return Conflict(message, changed_parts(base.text, theirs))


def changed_parts(before: str, after: str) -> list[str]:
    """The editor's inputs ("Name", "Kind", "Occasion", "Subject" or "Front", "Text") whose
    content differs between two texts of one template."""
    old, new = split_text(before), split_text(after)
    labels = {
        "name": INPUTS["name"],
        "kind": INPUTS["kind"],
        "occasion": INPUTS["occasion"],
        "heading": INPUTS[_heading_key(new.kind)],
        "body": INPUTS["body"],
    }
    return [_(label) for part, label in labels.items() if getattr(old, part) != getattr(new, part)]
