"""The duplicate search's blocking and shortcuts (one comparison per different name, a length
window, a birthday's year) find exactly the pairs a plain comparison of every pair finds."""

from __future__ import annotations

import itertools
import random

from rapidfuzz import fuzz

from shopcards.core.duplicates import NAME_SCORE, Person, find_pairs
from shopcards.core.text import words

GIVEN = ["Anna", "Ana", "Anne", "Jonathan", "Jonathon", "Kari", "Maria", "Marja", "Ola", "Olav"]
FAMILY = ["Virtanen", "Virtane", "Smith", "Smyth", "Ek", "Salo", "Salonen", "Berg", "Lindholm"]
POSTCODES = ["00100", "00 100", "SW1A 1AA", "90622", ""]
DAYS = ["1970-05-04", "1971-05-04", "--05-04", "--01-02", "1990-01-02", ""]


def _people(count: int, seed: int) -> list[Person]:
    pick = random.Random(seed)
    return [
        Person(
            card_id,
            pick.choice(GIVEN),
            pick.choice(FAMILY),
            pick.choice(POSTCODES),
            pick.choice(DAYS),
            pick.choice(
                ["", f"ola{pick.randrange(40)}@example.se", f"OLA{pick.randrange(40)}@x.se"]
            ),
            tuple(f"+3584012{n:02d}" for n in pick.sample(range(60), pick.randint(0, 2))),
        )
        for card_id in range(1, count + 1)
    ]


def _plainly(people: list[Person]) -> set[tuple[int, int, str]]:
    """Every pair compared with every other, by the rules as the module states them."""
    found = set()
    for a, b in itertools.combinations(people, 2):
        if set(a.phones) & set(b.phones):
            found.add((a.id, b.id, "phone"))
        if a.email and a.email.casefold() == b.email.casefold():
            found.add((a.id, b.id, "email"))
        name_a = " ".join(sorted(words(f"{a.given_name} {a.family_name}")))
        name_b = " ".join(sorted(words(f"{b.given_name} {b.family_name}")))
        if fuzz.ratio(name_a, name_b) < NAME_SCORE:
            continue
        if a.postcode and "".join(a.postcode.split()) == "".join(b.postcode.split()):
            found.add((a.id, b.id, "name_postcode"))
        years = {day[:4] for day in (a.birthday, b.birthday) if len(day) == 10}
        if a.birthday and a.birthday[-5:] == b.birthday[-5:] and len(years) <= 1:
            found.add((a.id, b.id, "name_birthday"))
    return found


def test_the_search_finds_what_comparing_every_pair_finds() -> None:
    for seed in range(5):
        people = _people(300, seed)
        fast = {
            (pair.first_id, pair.second_id, reason.kind)
            for pair in find_pairs(people)
            for reason in pair.reasons
        }
        assert fast == _plainly(people), seed
