"""The translators' and the build's tool for the catalogues in resources/locale/.

    python installer/catalogue.py update [--area AREA]   add the code's new messages to every
                                                         language's .po files, drop the gone
    python installer/catalogue.py status                 how much of each language is done
    python installer/catalogue.py todo LANG [--area A]   the unfinished messages, as JSON
    python installer/catalogue.py fill LANG FILE.json    write translations (todo's shape)
    python installer/catalogue.py compile                one shopcards.mo per language

A message's area is where the code says it: ``shopcards/ui/<room>/`` is that room's (``till``,
``letters``…), the other layers are ``core``, ``services``, ``store``, ``printing``, ``cli``
and ``app``. A message said in two areas is in both files, with the same translation
(tests/test_catalogues.py checks, as it checks that nothing the code says is missing).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shopcards.core.i18n import ENGLISH, LANGUAGES  # noqa: E402
from shopcards.services import catalogues  # noqa: E402

KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "NP_": ((1, "c"), 2),
    "gettext": None,
}
"""The calls that say a message (shopcards.core.i18n); Babel reads them from the source."""
TRANSLATED = [code for code in LANGUAGES if code != ENGLISH]
PACKAGE = ROOT / "shopcards"


def area_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == "ui" and len(parts) > 2:
        return parts[1]
    return parts[0] if len(parts) > 1 else "app"


def extracted() -> dict[str, Catalog]:
    """Every message the code says, by area, with where it says it."""
    areas: dict[str, Catalog] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        found = extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
        )
        for line, message, comments, context in found:
            if not message or (isinstance(message, tuple) and not all(message)):
                continue
            area = areas.setdefault(area_of(path), Catalog(domain=catalogues.DOMAIN))
            where = (str(path.relative_to(ROOT)), line)
            area.add(message, None, [where], auto_comments=comments, context=context)
    return areas


def read(path: Path, code: str) -> Catalog:
    if not path.exists():
        return Catalog(
            locale=code,
            domain=catalogues.DOMAIN,
            project="shopcards",
            header_comment=f"# shopcards: {path.stem}, in {LANGUAGES[code].name}.\n"
            "# Words as docs/glossary.md has them; placeholders {like_this} kept as they are.",
            fuzzy=False,
        )
    with path.open("rb") as text:
        return read_po(text, locale=code)


def write(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as text:
        write_po(text, catalogue, width=100, ignore_obsolete=True, include_lineno=False)


def update(only: str | None) -> None:
    for area, template in extracted().items():
        if only and area != only:
            continue
        for code in TRANSLATED:
            path = catalogues.locale_dir() / code / f"{area}.po"
            catalogue = read(path, code)
            catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
            write(path, catalogue)


def messages(code: str, area: str | None = None) -> Iterator[tuple[Path, Message]]:
    for path in catalogues.area_files(code):
        if area and path.stem != area:
            continue
        for message in read(path, code):
            if message.id:
                yield path, message


def status() -> None:
    for code in TRANSLATED:
        done = total = 0
        for _path, message in messages(code):
            total += 1
            done += catalogues.finished(message.string) and not message.fuzzy
        print(f"{code}: {done}/{total} finished")


def todo(code: str, area: str | None) -> None:
    seen: set[tuple[object, object]] = set()
    out = []
    for _path, message in messages(code, area):
        key = (message.id, message.context)
        if key in seen or (catalogues.finished(message.string) and not message.fuzzy):
            continue
        seen.add(key)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        entry: dict[str, object] = {"id": ids[0], "string": ""}
        if len(ids) > 1:
            entry["plural"] = ids[1]
            entry["string"] = [""] * Catalog(locale=code).num_plurals
        if message.context:
            entry["context"] = message.context
        out.append(entry)
    print(json.dumps(out, ensure_ascii=False, indent=1))


def fill(code: str, source: Path) -> None:
    wanted = {
        (entry["id"], entry.get("context")): entry["string"]
        for entry in json.loads(source.read_text(encoding="utf-8"))
        if entry["string"] and (not isinstance(entry["string"], list) or all(entry["string"]))
    }
    used: set[tuple[str, str | None]] = set()
    for path in catalogues.area_files(code):
        catalogue = read(path, code)
        for message in catalogue:
            first = message.id[0] if isinstance(message.id, tuple) else message.id
            key = (first, message.context)
            if key in wanted:
                string = wanted[key]
                message.string = tuple(string) if isinstance(string, list) else string
                message.flags.discard("fuzzy")
                used.add(key)
        write(path, catalogue)
    for id_, context in wanted.keys() - used:
        print(f"not in any {code} catalogue: {id_!r} (context {context!r})", file=sys.stderr)


def compile_all() -> None:
    for code in TRANSLATED:
        catalogues.load(code)  # compiles what is stale, into LC_MESSAGES/


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update").add_argument("--area")
    commands.add_parser("status")
    for_todo = commands.add_parser("todo")
    for_todo.add_argument("lang", choices=TRANSLATED)
    for_todo.add_argument("--area")
    for_fill = commands.add_parser("fill")
    for_fill.add_argument("lang", choices=TRANSLATED)
    for_fill.add_argument("file", type=Path)
    commands.add_parser("compile")
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.area)
    elif args.command == "status":
        status()
    elif args.command == "todo":
        todo(args.lang, args.area)
    elif args.command == "fill":
        fill(args.lang, args.file)
    else:
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
