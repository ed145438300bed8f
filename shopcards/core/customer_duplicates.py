"""Who an imported row may already be: a card in the file or an earlier row of the same file
with the same phone (compared in E.164), the same e-mail (whatever its case), or a close name
at the same postcode or with the same birthday.

Everything known is put in dictionaries once (one pass over the cards' phones, e-mails,
postcodes and birthdays), so a row costs a few look-ups and a fuzzy comparison against the
names sharing its postcode or birthday, not a query: 100,000 rows are checked in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from shopcards.core.card import Card
from shopcards.core.i18n import _
from shopcards.core.text import fold

CLOSE = 93
"""How alike two names must be (rapidfuzz's ratio of their sorted words, 0–100) to be "close":
a letter left out or doubled, or the names the other way round ("Ana Virtanen", "Virtanen Anna"
for "Anna Virtanen"); a different letter ("Anni Virtanen", 92) may well be a sister, and is
not."""


class Known(NamedTuple):
    """A card already in the file (``card_id``) or an earlier row of this file (``row``).
    (A named tuple: one is made for each of 100,000 cards and rows, and it is cheap.)"""

    label: str
    card_id: int | None = None
    row: int | None = None


@dataclass(frozen=True)
class Resemblance:
    known: Known
    why: str

    def __str__(self) -> str:
        # Translators: {why} is what the two share ("same e-mail"), {known} the card or row
        return _("{why} as {known}", why=self.why, known=self.known.label)


@dataclass
class _Names:
    """The folded names sharing one postcode or birthday, and whose they are."""

    names: list[str] = field(default_factory=list)
    owners: list[Known] = field(default_factory=list)


@dataclass
class DuplicateIndex:
    """What is known so far, to check each new row against."""

    phones: dict[str, list[Known]] = field(default_factory=dict)
    emails: dict[str, list[Known]] = field(default_factory=dict)
    postcodes: dict[str, _Names] = field(default_factory=dict)
    birthdays: dict[str, _Names] = field(default_factory=dict)

    def add(
        self,
        known: Known,
        name: str,
        phones: list[str],
        email: str,
        postcode: str,
        birthday: str,
    ) -> None:
        self._add(known, _Keys(phones, email.casefold(), _comparable(name), _postcode(postcode),
                               birthday))  # fmt: skip

    def resembles(self, card: Card) -> list[Resemblance]:
        """Whom ``card`` may be, each once, with the first reason found."""
        return self._resembling(_Keys.of(card))

    def resembles_then_add(self, known: Known, card: Card) -> list[Resemblance]:
        """:meth:`resembles`, then the card known as ``known`` (an import's row, checked
        against the rows before it), the card's keys worked out once for both."""
        keys = _Keys.of(card)
        found = self._resembling(keys)
        self._add(known, keys)
        return found

    def _add(self, known: Known, keys: _Keys) -> None:
        for number in keys.phones:
            _put(self.phones, number, known)
        if keys.email:
            _put(self.emails, keys.email, known)
        if not keys.name:
            return
        for key, names in ((keys.postcode, self.postcodes), (keys.birthday, self.birthdays)):
            if key:
                bucket = names.get(key)
                if bucket is None:
                    bucket = names[key] = _Names()
                bucket.names.append(keys.name)
                bucket.owners.append(known)

    def _resembling(self, keys: _Keys) -> list[Resemblance]:
        found: dict[Known, str] = {}
        for number in keys.phones:
            for known in self.phones.get(number, []):
                found.setdefault(known, _("same phone {number}", number=number))
        for known in self.emails.get(keys.email, []) if keys.email else []:
            found.setdefault(known, _("same e-mail"))
        for key, names, why in (
            (keys.postcode, self.postcodes, _("close name, same postcode")),
            (keys.birthday, self.birthdays, _("close name, same birthday")),
        ):
            bucket = names.get(key) if key else None
            if bucket is None or not keys.name:
                continue
            for _match, _score, index in process.extract(
                keys.name, bucket.names, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=5
            ):
                found.setdefault(bucket.owners[index], why)
        return [Resemblance(known, why) for known, why in found.items()]


class _Keys(NamedTuple):
    """What a card is looked up and filed by: E.164 phones, the e-mail case-folded, the name
    folded and sorted, the postcode without spaces, the birthday's ISO form."""

    phones: list[str]
    email: str
    name: str
    postcode: str
    birthday: str

    @classmethod
    def of(cls, card: Card) -> _Keys:
        return cls(
            [p.number for p in card.phones],
            card.email.casefold(),
            _comparable(card.full_name),
            _postcode(card.postcode),
            card.birthday.iso() if card.birthday else "",
        )


@lru_cache(maxsize=65_536)  # a list of 100,000 customers holds a few thousand names
def _comparable(name: str) -> str:
    """The name folded, its words in sorted order: compared with rapidfuzz's plain ratio, as
    its token-sort ratio would, but each name sorted once, not at every comparison."""
    return " ".join(sorted(fold(name).split())) if name else ""


def _put(found: dict[str, list[Known]], key: str, known: Known) -> None:
    held = found.get(key)
    if held is None:
        found[key] = [known]
    else:
        held.append(known)


def _postcode(text: str) -> str:
    return text.replace(" ", "").upper()
