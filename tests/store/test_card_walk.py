"""A broad search walks the alphabetical index: the same rows in the same order as sorting
every match, page after page, for every kind of text and filter the list has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from shopcards.core.card import CardQuery, CardSummary
from shopcards.core.collation import Alphabet
from shopcards.core.demo_data import demo_customers
from shopcards.core.search import (
    Lookup,
    fewest_for_walk,
    match_clauses,
    plan,
    spelled_words,
    walk_budget,
)
from shopcards.core.validation import CardInput, validate
from shopcards.store import card_list, card_walk, customers
from shopcards.store.cardfile import open_card_file
from tests.store.test_old_card_files import OLD_FILES, old_card_file

ALPHABET = Alphabet.for_locale("fi_FI")
NOW = "2026-11-23T10:00:00"
CARDS = 3000
PAGES = 4
TEXTS = [
    "example",  # every e-mail: nearly all cards
    "040",  # Finnish mobiles, and postcodes
    "+358 40",
    "+44 7",
    "0447",
    "helsinki",
    "hel",
    "edinburgh",
    "anna",
    "laitinen",
    "lai",
    "päivi",
    "PAIVI",
    "virt",
    "כהן",
    "Պետ",
    "Yerevan",
    "eh1",
    "00100",
    "nobody-has-this",
    "anna laitinen",
    "Äijälä",
    "äij",
    "Ștefănescu",
    "ŞTEF",
]


ODD = [
    ("Siobhán", "O'Connor"),
    ("Mary", "Smith-Jones"),
    ("Ioana", "Ștefănescu"),
    ("דָּוִד", "כֹּהֵן"),
    ("Ἀλέξανδρος", "Παπαδόπουλος"),
    ("Straße", "Groß"),
    ("İlker", "Yılmaz"),
    ("ნინო", "ბერიძე"),
    ("สมชาย", "ใจดี"),
    ("小明", "王"),
    ("Åsa", "Ærø"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """3,000 demo cards (Finnish, British, Romanian, Hebrew and Armenian names), one in ten
    archived."""
    path: Path = tmp_path_factory.mktemp("walk") / "shop.db"
    with open_card_file(path) as card_file:
        with card_file.write() as write:
            cards = [c.card for c in demo_customers(CARDS, 3, dt.date(2026, 11, 23), False)]
            cards += [validate(CardInput(given_name=g, family_name=f), "FI") for g, f in ODD]
            ids = customers.insert_many(write, cards, ALPHABET, "owner", NOW)
            for card_id in ids[::10]:
                customers.set_archived(write, card_id, NOW, "owner")
        yield card_file.db


def pages(db: Database, query: CardQuery, limit: int, sort_all: bool = False) -> list[object]:
    """The first pages of ``query``, read ``limit`` cards at a time as the list scrolls."""
    read = card_list.sorted_page if sort_all else card_list.page
    rows: list[CardSummary] = []
    after = None
    for _ in range(PAGES):
        page = read(db, query, ALPHABET, after, limit)
        rows.extend(page)
        if len(page) < limit:
            break
        after = (page[-1].sort_key, page[-1].id)
    return [(card.id, card.display_name, card.phone, card.city) for card in rows]


def test_broad_words_are_walked_and_rare_ones_sorted(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is chosen from the matches: the test below compares both plans only if the
    file really has words of each kind."""
    monkeypatch.setattr(card_walk, "_counted", {})  # counts kept from other files' tests
    assert card_walk.budget(db, match_clauses("example"), ALPHABET, 60) > 0
    assert card_walk.budget(db, match_clauses("00100"), ALPHABET, 60) == 0


def test_each_open_file_is_planned_by_its_own_counts(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small file opened after a big one is not planned as the big one (the counts are
    kept, but by file)."""
    monkeypatch.setattr(card_walk, "_counted", {})  # none kept by a file closed since
    big = card_walk.cards(db)
    with open_card_file(tmp_path / "small.db") as card_file:
        with card_file.write() as write:
            customers.insert(
                write, validate(CardInput("Anna", "Virtanen"), "FI"), ALPHABET, "o", NOW
            )
        assert (big, card_walk.cards(card_file.db)) == (CARDS + len(ODD), 1)


def test_a_family_name_filed_together_is_read_where_it_is_filed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """400 Koskinens are all filed under K: a walk from A would test every card before them,
    so their stretch of the cabinet is read instead, with the few other matches (a Koskinen
    who married, an e-mail) sorted in. 400 Annas, each in a family of her own, are spread
    through the cabinet and walked."""
    monkeypatch.setattr(card_walk, "_counted", {})
    monkeypatch.setattr(card_walk, "FILED_FROM", 100)  # a small file's family is this big
    people = [("Anna", f"Family{n:03d}") for n in range(400)]
    people += [(f"Given{n:03d}", "Koskinen") for n in range(400)]
    people += [("Koskinen", "Aalto"), ("Koskinen", "Virtanen"), ("Aino", "Koskinen-Aalto")]
    with open_card_file(db_path) as card_file:
        with card_file.write() as write:
            cards = [validate(CardInput(given_name=g, family_name=f), "FI") for g, f in people]
            customers.insert_many(write, cards, ALPHABET, "owner", NOW)
        db = card_file.db
        assert card_walk.budget(db, match_clauses("koskinen"), ALPHABET, 7) == (
            ALPHABET.prefix_range("koskinen")
        )
        assert isinstance(card_walk.budget(db, match_clauses("anna"), ALPHABET, 7), int)
        assert card_walk.budget(db, match_clauses("anna"), ALPHABET, 7) > 0
        for text in ["koskinen", "kosk", "koskinen given01", "anna", "aalto", "Koskinen"]:
            for limit in (3, 7, 40):
                query = CardQuery(text=text)
                assert pages(db, query, limit) == pages(db, query, limit, sort_all=True)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("drawer", ["", "L", "א–ת"])
@pytest.mark.parametrize("archived", [False, True])
def test_every_page_is_what_sorting_every_match_gives(
    db: Database, text: str, drawer: str, archived: bool
) -> None:
    query = CardQuery(text=text, drawer=drawer, archived=archived)
    for limit in (7, 60):
        assert pages(db, query, limit) == pages(db, query, limit, sort_all=True), limit


@pytest.mark.parametrize("text", TEXTS)
def test_few_matches_sorted_as_whole_rows_give_what_the_narrow_index_gives(
    db: Database, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorting every match either way (card_walk.few_matches decides which) gives one list."""
    query = CardQuery(text=text)
    monkeypatch.setattr(card_walk, "WHOLE_ROWS_UP_TO", 0)  # never few: the narrow index
    narrow = pages(db, query, 7, sort_all=True)
    monkeypatch.setattr(card_walk, "WHOLE_ROWS_UP_TO", 10 * CARDS)  # always: whole rows
    assert pages(db, query, 7, sort_all=True) == narrow


@pytest.mark.parametrize("text", [*TEXTS, "a", "x"])
@pytest.mark.parametrize("drawer", ["", "L"])
@pytest.mark.parametrize("archived", [False, True])
def test_a_count_is_the_number_of_cards_the_list_holds(
    db: Database, text: str, drawer: str, archived: bool
) -> None:
    query = CardQuery(text=text, drawer=drawer, archived=archived)
    every = card_list.sorted_page(db, query, ALPHABET, None, 2 * CARDS)
    assert card_list.count(db, query, ALPHABET) == len(every)


def test_an_older_file_gets_the_index_of_archived_cards(tmp_path: Path) -> None:
    """Counting a search's archived matches reads this index (migration m012)."""
    path = old_card_file(OLD_FILES[-1], tmp_path)
    with open_card_file(path) as card_file:
        plan = card_file.db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM customers c INDEXED BY customers_archived "
            "WHERE c.archived_at IS NOT NULL"
        ).fetchall()
    assert "customers_archived" in str(plan)


@pytest.mark.parametrize("budget", [1, 5, 50, 500, 5000])
@pytest.mark.parametrize("text", ["example", "lai", "helsinki", "Պետ"])
def test_a_walk_that_runs_out_of_budget_says_where_the_sorting_takes_over(
    db: Database, budget: int, text: str
) -> None:
    """The walk's rows, then the sorted matches after where it stopped, are the page."""
    query = CardQuery(text=text)
    expected = card_list.sorted_page(db, query, ALPHABET, None, 60)
    ids, stopped = card_walk.walk(db, match_clauses(text), "", None, 60, budget)
    assert ids == [card.id for card in expected[: len(ids)]]
    if stopped is None:
        assert len(ids) == len(expected)
    else:
        rest = card_list.sorted_page(db, query, ALPHABET, stopped, 60 - len(ids))
        assert ids + [card.id for card in rest] == [card.id for card in expected]


def test_the_budget_walks_only_when_it_is_cheaper() -> None:
    assert walk_budget(0, 1_000_000, 60) == 0
    assert walk_budget(1_000, 1_000_000, 60) == 0  # 60,000 cards to test for 1,000 matches
    assert 0 < walk_budget(100_000, 1_000_000, 60) <= 3 * 660  # one card in ten matches
    assert walk_budget(500_000, 1_000_000, 60) == 3 * 180  # half the cards match
    assert walk_budget(20_000, 1_000_000, 60) <= 20_000  # never dearer than the lookups
    for cards, wanted in [(3_000, 7), (100_000, 60), (1_000_000, 60)]:
        fewest = fewest_for_walk(cards, wanted)  # what a count of first letters is held to
        assert walk_budget(fewest, cards, wanted) > 0
        assert walk_budget(fewest - 1, cards, wanted) == 0


FRAGMENTS = st.sampled_from(
    ["a", "an", "ann", "lai", "tin", "en", "hel", "0", "04", "040", "+358", "+44", "7", "9"]
)
SCRIPTS = st.sampled_from(["כ", "הן", "Պ", "ետ", "@", ".", " ", "-", "example", "fi", "gb"])


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(FRAGMENTS | SCRIPTS, min_size=1, max_size=4).map("".join), st.sampled_from([3, 60]))
def test_any_text_gives_the_same_rows_either_way(db: Database, text: str, limit: int) -> None:
    query = CardQuery(text=text)
    assert pages(db, query, limit) == pages(db, query, limit, sort_all=True)


ODD_WORDS = st.sampled_from([word for pair in ODD for name in pair for word in name.split()])
ANY_CHARACTER = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z"))


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(FRAGMENTS, SCRIPTS, ODD_WORDS.map(lambda w: w[:3]), ODD_WORDS, ANY_CHARACTER),
        min_size=1,
        max_size=5,
    ).map("".join)
)
def test_the_walk_tests_a_card_as_the_index_does(db: Database, text: str) -> None:
    """Walking every card gives exactly the index's matches, in the cabinet's order."""
    search = plan(text)
    assume(search.lookup is Lookup.WORDS)
    every = card_list.sorted_page(db, CardQuery(text=text), ALPHABET, None, 2 * CARDS)
    ids, stopped = card_walk.walk(db, match_clauses(search.text), "", None, 2 * CARDS, 2 * CARDS)
    assert (ids, stopped) == ([card.id for card in every], None)


def test_a_family_name_is_looked_for_where_it_is_filed_as_spelled(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In Finland Ä is filed after Z: "Hämäläinen" is found by its folded words ("hamalainen")
    but filed under Ä, so its stretch is looked up as typed, and read there; typed without
    the dots it is sorted, the same rows either way."""
    monkeypatch.setattr(card_walk, "_counted", {})
    monkeypatch.setattr(card_walk, "FILED_FROM", 100)
    people = [(f"Given{n:03d}", "Hämäläinen") for n in range(300)]
    people += [("Hämäläinen", "Aalto"), ("Aino", "Hamalainen"), ("Eero", "Häme")]
    with open_card_file(db_path) as card_file:
        with card_file.write() as write:
            cards = [validate(CardInput(given_name=g, family_name=f), "FI") for g, f in people]
            customers.insert_many(write, cards, ALPHABET, "owner", NOW)
        db = card_file.db
        typed = "Hämäläinen"
        stretch = card_walk.budget(db, match_clauses(typed), ALPHABET, 7, spelled_words(typed))
        assert stretch == ALPHABET.prefix_range(typed) != ALPHABET.prefix_range("hamalainen")
        for text in [typed, "Hämä", "hamalainen", "häme", "HÄMÄLÄINEN given01"]:
            for limit in (3, 7, 40):
                query = CardQuery(text=text)
                assert pages(db, query, limit) == pages(db, query, limit, sort_all=True)


def test_spelled_words_keep_accents_and_case_and_join_as_the_index_does() -> None:
    assert spelled_words("Hämäläinen  O'Connor, Smith-Jones") == [
        "Hämäläinen",
        "OConnor",
        "SmithJones",
    ]
    assert spelled_words("דָּוִד כֹּהֵן") == ["דָּוִד", "כֹּהֵן"]
    assert spelled_words(" +358 40 ") == ["358", "40"]
