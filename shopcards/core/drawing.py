"""The monthly prize drawing's rules and its pick: plain functions anyone can replay.

What is frozen with a drawing, and how to replay it by hand
-----------------------------------------------------------
An **entry** is a pair ``(customer id, ticket)``: ticket 0 is the customer's entry itself
(one per customer); with one entry per purchase, the ticket is the purchase's id. The entry
list is sorted by (customer id, ticket) and written one entry a line as ``"<id>:<ticket>"``,
lines joined by ``"\\n"`` (no newline at the end), encoded as UTF-8: its SHA-256 is the
**entry hash**.

The **seed** is 32 bytes from the operating system (``secrets.token_bytes``). The sampler
``sha256-ctr-v1`` turns it into a stream of bytes, block after block::

    block(i) = SHA-256(b"shopcards-drawing/v1" || seed || i as 8 bytes big-endian), i = 0, 1, ...

It reads the stream 8 bytes at a time as a big-endian unsigned 64-bit number ``r``. A number
below ``n`` without modulo bias: with ``limit = 2**64 - (2**64 mod n)``, take the first ``r``
below ``limit`` (drop the others) and answer ``r mod n``.

The **pick**: from the sorted entry list, choose index ``uniform_below(len(list))``; that
entry's customer is the next pick (the first the winner, then the alternates in order); remove
*all* of that customer's entries, keeping the order, and repeat until the winner and the
alternates are chosen or no entries are left. Every remaining entry has the same chance at
every step, so with one entry per purchase a customer's chance is their share of the entries.

Commit, then reveal, and a chain
--------------------------------
A month is drawn only after it has ended, and only after the owner has **published** what the
draw is bound to: the entry hash and the **commitment** ``SHA-256("shopcards-commitment/v1\n"
|| month || "\n" || entry hash || "\n" || seed as hex)``. The seed stays secret until the draw
reveals it; anyone can then recompute the commitment from the revealed seed and compare it with
the printed notice. Trying seeds until a chosen card wins no longer helps: the seed was fixed
by the commitment before anyone could see where it leads.

Every record of a drawing (published, discarded, drawn, next alternate) is a link of one chain:
``sha256 = SHA-256(previous link's sha256 || "\n" || kind || "\n" || month || "\n" || body)``
with ``body`` the record's canonical JSON (sorted keys, no spaces) and the first link's previous
hash 64 zeros. A copy of every link is also appended to a log outside the card file, so a card
file restored from a backup and drawn again forks from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import _, ngettext
from shopcards.core.settings import ShopSettings

SAMPLER = "sha256-ctr-v1"
"""The name of the sampler above, recorded with each drawing."""
SEED_BYTES = 32
_DOMAIN = b"shopcards-drawing/v1"
_COMMITMENT_DOMAIN = "shopcards-commitment/v1"
GENESIS = "0" * 64
"""The previous hash of the chain's first link."""
_TWO_64 = 1 << 64
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class EntryMode(StrEnum):
    """How many entries a customer who entered gets in a month's drawing."""

    PER_CUSTOMER = "per_customer"
    PER_PURCHASE = "per_purchase"


@dataclass(frozen=True)
class DrawRules:
    """The rules a drawing is made under; frozen with it. Archived cards never take part."""

    entry_mode: EntryMode = EntryMode.PER_CUSTOMER
    exclude_staff: bool = True
    exclude_winners_months: int = 3
    alternates: int = 3

    @classmethod
    def from_settings(cls, settings: ShopSettings) -> DrawRules:
        modes = [mode.value for mode in EntryMode]
        if settings.drawing_entry_mode not in modes:
            raise ValidationError(
                {
                    "drawing_entry_mode": _(
                        "“{mode}” is not one of {modes}",
                        mode=settings.drawing_entry_mode,
                        modes=", ".join(modes),
                    )
                }
            )
        return cls(
            EntryMode(settings.drawing_entry_mode),
            bool(settings.drawing_exclude_staff),
            max(0, int(settings.drawing_exclude_winners_months)),
            max(0, int(settings.drawing_alternates)),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"entry_mode": self.entry_mode.value}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> DrawRules:
        return cls(
            EntryMode(values["entry_mode"]),
            bool(values["exclude_staff"]),
            int(values["exclude_winners_months"]),
            int(values["alternates"]),
        )

    def describe(self) -> str:
        """The rules in one line, for the screen and the command line."""
        parts = [
            _("one entry per purchase in the month")
            if self.entry_mode is EntryMode.PER_PURCHASE
            else _("one entry per customer"),
            _("archived cards left out"),
        ]
        if self.exclude_staff:
            parts.append(_("staff left out"))
        if months := self.exclude_winners_months:
            parts.append(
                ngettext(
                    "winners of the last {count} month left out",
                    "winners of the last {count} months left out",
                    months,
                    count=str(months),
                )
            )
        parts.append(
            ngettext(
                "{count} alternate",
                "{count} alternates",
                self.alternates,
                count=str(self.alternates),
            )
        )
        text = "; ".join(parts)
        return text[0].upper() + text[1:]


@dataclass(frozen=True, order=True)
class Entry:
    """One chance in the drawing: ticket 0 is the entry itself, else a purchase's id."""

    customer_id: int
    ticket: int = 0


@dataclass(frozen=True)
class Entrant:
    """A customer who entered a month, as the card file knows them at the draw."""

    customer_id: int
    is_staff: bool
    archived: bool
    purchase_ids: tuple[int, ...] = ()


def build_entries(
    entrants: Iterable[Entrant], recent_winners: Iterable[int], rules: DrawRules
) -> list[Entry]:
    """The sorted entry list: everyone who entered, less those the rules leave out."""
    left_out = set(recent_winners) if rules.exclude_winners_months else set()
    entries: list[Entry] = []
    for person in entrants:
        if person.archived or person.customer_id in left_out:
            continue
        if rules.exclude_staff and person.is_staff:
            continue
        if rules.entry_mode is EntryMode.PER_PURCHASE and person.purchase_ids:
            entries.extend(Entry(person.customer_id, pid) for pid in set(person.purchase_ids))
        else:
            entries.append(Entry(person.customer_id))
    return sorted(entries)


def entry_text(entries: Iterable[Entry]) -> str:
    """The canonical text of an entry list (sorted, one ``id:ticket`` a line)."""
    return "\n".join(f"{e.customer_id}:{e.ticket}" for e in sorted(entries))


def entry_hash(entries: Iterable[Entry]) -> str:
    """The SHA-256 of the canonical entry list, as hex."""
    return hashlib.sha256(entry_text(entries).encode("utf-8")).hexdigest()


def _stream(seed: bytes) -> Iterator[int]:
    """Unsigned 64-bit numbers from the SHA-256 counter-mode stream of ``seed``."""
    counter = 0
    while True:
        block = hashlib.sha256(_DOMAIN + seed + counter.to_bytes(8, "big")).digest()
        for start in range(0, len(block), 8):
            yield int.from_bytes(block[start : start + 8], "big")
        counter += 1


def _uniform_below(stream: Iterator[int], n: int) -> int:
    """A number in ``0 .. n-1``, every one equally likely (rejection sampling)."""
    limit = _TWO_64 - _TWO_64 % n
    for r in stream:
        if r < limit:
            return r % n
    raise AssertionError(_ENDLESS)


_ENDLESS = "the stream is endless"
_SEED_SIZE = "a seed is {want} bytes, not {got}"
"""A programmer's mistakes, never shown to the shop: English for the log, not the catalogue."""


def pick(entries: Sequence[Entry], seed: bytes, places: int) -> tuple[int, ...]:
    """Customer ids for up to ``places`` places (winner first), each a different customer."""
    if len(seed) != SEED_BYTES:
        raise ValueError(_SEED_SIZE.format(want=SEED_BYTES, got=len(seed)))
    remaining = sorted(entries)
    stream = _stream(seed)
    chosen: list[int] = []
    while remaining and len(chosen) < places:
        winner = remaining[_uniform_below(stream, len(remaining))].customer_id
        chosen.append(winner)
        remaining = [e for e in remaining if e.customer_id != winner]
    return tuple(chosen)


@dataclass(frozen=True)
class Frozen:
    """What a drawing froze: enough to replay the pick and check it."""

    month: str
    rules: DrawRules
    sampler: str
    entries: tuple[Entry, ...]
    entries_sha256: str
    seed: bytes
    picks: tuple[int, ...]


@dataclass(frozen=True)
class Verification:
    """The replay of a drawing: does the entry list match its hash, and the seed the picks?"""

    month: str
    hash_ok: bool
    picks_ok: bool
    computed_sha256: str
    replayed_picks: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return self.hash_ok and self.picks_ok


def verify(frozen: Frozen) -> Verification:
    """Recompute the entry hash and replay the pick from the frozen seed."""
    if frozen.sampler != SAMPLER:
        raise ValidationError(
            {"sampler": f"“{frozen.sampler}” is not a sampler this shopcards knows ({SAMPLER})"}
        )
    computed = entry_hash(frozen.entries)
    replayed = pick(frozen.entries, frozen.seed, 1 + frozen.rules.alternates)
    return Verification(
        frozen.month,
        computed == frozen.entries_sha256,
        replayed == frozen.picks,
        computed,
        replayed,
    )


def commitment(month: str, entries_sha256: str, seed: bytes) -> str:
    """The published promise of the seed, bound to the month and the entry list (hex)."""
    text = "\n".join([_COMMITMENT_DOMAIN, month, entries_sha256, seed.hex()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical(body: dict[str, Any]) -> str:
    """A chain record's body as the text its hash is made from."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_sha256(previous: str, kind: str, month: str, body: dict[str, Any]) -> str:
    """The hash of one link of the drawing chain, from the link before it."""
    text = "\n".join([previous, kind, month, canonical(body)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_month(text: str) -> str:
    """``"2026-11"`` checked and returned as it is; ValidationError for anything else."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
        raise ValidationError(
            {"month": f"“{text}” is not a month: write it as YYYY-MM, for example 2026-11"}
        )
    return match.group(0)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def first_day(month: str) -> dt.date:
    year, number = (int(part) for part in parse_month(month).split("-"))
    return dt.date(year, number, 1)


def add_months(month: str, count: int) -> str:
    """The month ``count`` months after ``month`` (before, when negative)."""
    start = first_day(month)
    index = start.year * 12 + start.month - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def public_name(given_name: str, family_name: str) -> str:
    """How the shop window names a winner: given name and initial, "Anna V."."""
    given = " ".join(unicodedata.normalize("NFC", given_name).split())
    family = unicodedata.normalize("NFC", family_name)
    initial = next((ch for ch in family if ch.isalpha()), "")
    if not given:
        return f"{initial.upper()}." if initial else ""
    return f"{given} {initial.upper()}." if initial else given
