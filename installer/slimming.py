"""Smaller copies of two data files the wheels ship larger than shopcards needs them.

The spec (shopcards.spec) puts these copies in the bundle instead of the originals:

- babel's locale data (32 MB, every locale, since the shop's locale is a setting), pickled
  again with pickle protocol 5 and without the memo entries nothing refers back to; babel 2.x
  writes protocol 2, whose strings and memo indices take more bytes. The data is the same,
  object for object (13 MB less), but for the units of measurement (4.5 MB less), which only
  babel.units and babel.dates.format_timedelta read, and shopcards uses neither
  (tests/installer/test_slimming.py checks).
- ICU's data library (libicudata, 32 MB on Linux), without the parts shopcards never has Qt
  ask ICU for. Qt Core calls ICU for case mapping and collation (QCollator, e.g. sorting Qt's
  file dialog), which stay; for time-zone names (QTimeZone::displayName) and converters for
  legacy encodings named at run time (QStringConverter by name), which shopcards never asks
  for: it reads and writes its files in Python, and its dates have no time zone. Those go
  (the zone names, the locales' own resources that only ICU's calendars read, the converter
  tables; with the alias table kept, a converter asked for by name is simply not there), and
  so does what Qt never asks ICU for at all: break iteration, units, currency, language or
  region names, transliteration, spelled-out numbers and character names. 27 MB less. The
  library is linked again around the smaller data, under the same name and symbol (with
  binutils' as and ld, which PyInstaller needs on Linux anyway).
"""

from __future__ import annotations

import pickle
import pickletools
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

BABEL_UNUSED = (
    "unit_patterns",
    "unit_display_names",
    "compound_unit_patterns",
    "meta_zones",
    "time_zones",
    "zone_formats",
)
"""The keys of babel's locale data that only babel.units and format_timedelta read, and the
names of time zones, which only a date pattern showing a zone reads: shopcards writes dates
and times of day, never a zone's name (4 MB of the bundle)."""
ICU_UNUSED_FOLDERS = (
    "brkitr/",
    "unit/",
    "curr/",
    "lang/",
    "region/",
    "translit/",
    "rbnf/",
    "zone/",
)
"""ICU data folders that shopcards never has Qt read (see above)."""
_LOCALE_RESOURCE = re.compile(r"[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|\d{3}))?(_[A-Z]+)?\.res")
"""A locale's own resources ("fi.res", "sr_Latn_BA.res"); root.res, the fallback, stays."""
_ALIGN = 16
"""ICU's common data aligns each item on 16 bytes."""


def slim_babel_data(source: Path, target: Path) -> None:
    """Write ``source``'s pickle to ``target`` without BABEL_UNUSED, at protocol 5, with
    unused memo entries gone."""
    data = pickle.loads(source.read_bytes())
    for key in BABEL_UNUSED:
        data.pop(key, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pickletools.optimize(pickle.dumps(data, protocol=5)))


def slim_icu_library(source: Path, target: Path, scratch: Path) -> None:
    """Link ``target`` (libicudataNN) with ``source``'s data, less what unused_by_qt names."""
    missing = [tool for tool in ("objcopy", "as", "ld") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"{', '.join(missing)} missing: install binutils to build on Linux")
    scratch.mkdir(parents=True, exist_ok=True)
    blob = scratch / "icudata.dat"
    subprocess.run(
        ["objcopy", "-O", "binary", "--only-section=.rodata", str(source), str(blob)], check=True
    )
    blob.write_bytes(without_items(blob.read_bytes(), unused_by_qt))
    version = re.fullmatch(r"libicudata\.so\.(\d+)", source.name)
    if version is None:
        raise SystemExit(f"{source.name}: not an ICU data library (libicudata.so.NN)")
    symbol = f"icudt{version[1]}_dat"  # what libicuuc looks its data up by
    assembly = scratch / "icudata.s"
    assembly.write_text(
        '\t.section .note.GNU-stack,"",%progbits\n'
        "\t.section .rodata\n"
        f"\t.balign {_ALIGN}\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, %object\n"
        f"{symbol}:\n"
        f'\t.incbin "{blob}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
    )
    subprocess.run(["as", "-o", str(scratch / "icudata.o"), str(assembly)], check=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["ld", "-shared", "-soname", source.name, "-o", str(target), str(scratch / "icudata.o")],
        check=True,
    )


def unused_by_qt(item: str) -> bool:
    """True for an ICU data item (e.g. "zone/fi.res") that Qt never reads for shopcards."""
    return (
        item.startswith(ICU_UNUSED_FOLDERS)
        or item in ("unames.icu", "metaZones.res", "windowsZones.res")
        or item.endswith(".cnv")
        or _LOCALE_RESOURCE.fullmatch(item) is not None
    )


def without_items(data: bytes, unused: Callable[[str], bool]) -> bytes:
    """ICU common data ("CmnD", little-endian) without the items ``unused`` says so of.

    The package is a header, then a table of contents (a count, then a name offset and a data
    offset per item, both from the table's start, sorted by name), the names, and the items.
    """
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[8] != 0:
        raise SystemExit("not ICU's little-endian common data: the ICU library has changed")
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    starts = sorted(offset for _, offset in entries)
    end_of = dict(zip(starts, [*starts[1:], len(toc)], strict=True))
    kept = []
    for name_at, data_at in entries:
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        if not unused(name.split("/", 1)[-1]):  # names are icudtNNl/...
            kept.append((name, toc[data_at : end_of[data_at]]))
    return data[:header_size] + _table_of_contents(header_size, kept)


def _table_of_contents(header_size: int, items: list[tuple[str, bytes]]) -> bytes:
    """The count, the offsets, the names and the items, each item aligned as ICU wants."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    start = 4 + 8 * len(items) + len(names)
    start += -(header_size + start) % _ALIGN
    offsets, body, size = [], [], 0
    name_at = 4 + 8 * len(items)
    for name, item in items:
        offsets.append(struct.pack("<II", name_at, start + size))
        name_at += len(name) + 1
        body.append(item + b"\0" * (-len(item) % _ALIGN))
        size += len(body[-1])
    table = struct.pack("<I", len(items)) + b"".join(offsets) + names
    return table + b"\0" * (start - len(table)) + b"".join(body)
