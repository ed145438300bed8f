"""The drawing's pick and rules as plain functions: replay, tampering, exclusions, months."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcards.core import drawing
from shopcards.core.drawing import (
    SAMPLER,
    DrawRules,
    Entrant,
    Entry,
    EntryMode,
    Frozen,
    build_entries,
    entry_hash,
    entry_text,
    pick,
    verify,
)
from shopcards.core.errors import ValidationError
from shopcards.core.settings import ShopSettings

SEED = bytes(range(32))


def entries(*customer_ids: int) -> list[Entry]:
    return [Entry(cid) for cid in customer_ids]


def frozen(entry_list: list[Entry], seed: bytes = SEED, alternates: int = 2) -> Frozen:
    rules = DrawRules(alternates=alternates)
    return Frozen(
        "2026-10",
        rules,
        SAMPLER,
        tuple(entry_list),
        entry_hash(entry_list),
        seed,
        pick(entry_list, seed, 1 + alternates),
    )


def test_the_entry_list_is_written_sorted_one_entry_a_line() -> None:
    listed = [Entry(12, 7), Entry(3), Entry(12, 2)]
    assert entry_text(listed) == "3:0\n12:2\n12:7"
    assert entry_hash(listed) == hashlib.sha256(b"3:0\n12:2\n12:7").hexdigest()
    assert entry_hash(reversed(listed)) == entry_hash(listed)


def test_the_documented_sampler_gives_these_picks_for_this_seed() -> None:
    """A fixed vector: a change to the sampler would make old drawings fail their check."""
    assert pick(entries(*range(1, 11)), SEED, 4) == (2, 9, 7, 3)


def test_a_replay_written_from_the_module_documentation_alone_agrees() -> None:
    """Anyone can check a drawing without shopcards: this is the recipe in the docstring."""

    def by_hand(listed: list[tuple[int, int]], seed: bytes, places: int) -> list[int]:
        def numbers() -> Iterator[int]:
            block = 0
            while True:
                digest = hashlib.sha256(
                    b"shopcards-drawing/v1" + seed + block.to_bytes(8, "big")
                ).digest()
                for start in (0, 8, 16, 24):
                    yield int.from_bytes(digest[start : start + 8], "big")
                block += 1

        stream, remaining = numbers(), sorted(listed)
        chosen: list[int] = []
        while remaining and len(chosen) < places:
            n = len(remaining)
            limit = 2**64 - 2**64 % n
            r = next(stream)
            while r >= limit:
                r = next(stream)
            winner = remaining[r % n][0]
            chosen.append(winner)
            remaining = [e for e in remaining if e[0] != winner]
        return chosen

    listed = [(cid, ticket) for cid in range(1, 40) for ticket in range(cid % 4)] + [(50, 0)]
    seed = hashlib.sha256(b"by hand").digest()
    as_entries = [Entry(cid, ticket) for cid, ticket in listed]
    assert list(pick(as_entries, seed, 6)) == by_hand(listed, seed, 6)


def test_the_same_seed_and_entries_replay_the_same_picks() -> None:
    listed = entries(*range(1, 50))
    assert pick(listed, SEED, 5) == pick(list(reversed(listed)), SEED, 5)
    assert pick(listed, SEED, 5) != pick(listed, bytes(32), 5)


def test_a_replay_matches_and_tampering_is_caught() -> None:
    record = frozen(entries(*range(1, 21)))
    assert verify(record).ok

    swapped = Frozen(
        record.month,
        record.rules,
        SAMPLER,
        (*record.entries[:-1], Entry(99)),
        record.entries_sha256,
        record.seed,
        record.picks,
    )
    check = verify(swapped)
    assert not check.hash_ok and not check.ok

    reseeded = Frozen(
        record.month,
        record.rules,
        SAMPLER,
        record.entries,
        record.entries_sha256,
        bytes(32),
        record.picks,
    )
    check = verify(reseeded)
    assert check.hash_ok and not check.picks_ok and not check.ok


def test_a_drawing_with_an_unknown_sampler_is_not_replayed_by_guesswork() -> None:
    record = frozen(entries(1, 2, 3))
    strange = Frozen(
        record.month,
        record.rules,
        "xorshift",
        record.entries,
        record.entries_sha256,
        record.seed,
        record.picks,
    )
    with pytest.raises(ValidationError, match="xorshift"):
        verify(strange)


@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 5)), max_size=60),
    st.binary(min_size=32, max_size=32),
    st.integers(1, 8),
)
def test_each_place_goes_to_a_different_customer(
    pairs: list[tuple[int, int]], seed: bytes, places: int
) -> None:
    listed = sorted({Entry(cid, ticket) for cid, ticket in pairs})
    chosen = pick(listed, seed, places)
    customers = {e.customer_id for e in listed}
    assert len(chosen) == min(places, len(customers))
    assert len(set(chosen)) == len(chosen)
    assert set(chosen) <= customers


def test_a_seed_must_be_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        pick(entries(1), b"short", 1)


def test_a_number_from_the_top_sliver_of_the_stream_is_dropped_not_folded() -> None:
    """For n = 3, 2**64 - 1 is the one value that would favour 0: it must be skipped."""
    values: Iterator[int] = iter([2**64 - 1, 2**64 - 2, 5])
    assert drawing._uniform_below(values, 3) == (2**64 - 2) % 3
    assert drawing._uniform_below(iter([7]), 1) == 0


# -- fairness ----------------------------------------------------------------------------

DRAWS = 10_000


def seeds(label: str) -> Iterator[bytes]:
    """A fixed set of seeds, so the statistical tests give the same figures on every run."""
    for index in range(DRAWS):
        yield hashlib.sha256(f"{label}:{index}".encode()).digest()


def chi_square(observed: list[int], expected: list[float]) -> float:
    return sum((o - e) ** 2 / e for o, e in zip(observed, expected, strict=True))


def critical_value(df: int, z: float = 3.090232) -> float:
    """The chi-square value exceeded with probability 0.001 (z is the normal quantile at
    0.999), by the Wilson–Hilferty approximation (scipy is not installed)."""
    a = 2 / (9 * df)
    return float(df * (1 - a + z * a**0.5) ** 3)


def test_the_critical_value_agrees_with_the_tables() -> None:
    # From the chi-square tables, upper 0.1 % points: df 9 -> 27.877, df 19 -> 43.820.
    assert critical_value(9) == pytest.approx(27.877, rel=0.01)
    assert critical_value(19) == pytest.approx(43.820, rel=0.01)


def test_every_entry_has_the_same_chance_to_win() -> None:
    listed = entries(*range(101, 121))  # 20 customers, one entry each
    counts = dict.fromkeys(range(101, 121), 0)
    for seed in seeds("winner"):
        counts[pick(listed, seed, 1)[0]] += 1
    observed = list(counts.values())
    statistic = chi_square(observed, [DRAWS / 20] * 20)
    assert statistic < critical_value(19), (statistic, observed)


def test_the_first_alternate_is_as_fair_as_the_winner() -> None:
    listed = entries(*range(1, 11))
    counts = dict.fromkeys(range(1, 11), 0)
    for seed in seeds("alternate"):
        counts[pick(listed, seed, 2)[1]] += 1
    statistic = chi_square(list(counts.values()), [DRAWS / 10] * 10)
    assert statistic < critical_value(9), statistic


def test_with_one_entry_per_purchase_chances_follow_the_purchases() -> None:
    # Customers 1..4 with 1, 2, 3 and 4 purchases: chances 1/10 .. 4/10.
    listed = [Entry(cid, cid * 100 + k) for cid in range(1, 5) for k in range(cid)]
    counts = dict.fromkeys(range(1, 5), 0)
    for seed in seeds("weighted"):
        counts[pick(listed, seed, 1)[0]] += 1
    expected = [DRAWS * cid / 10 for cid in range(1, 5)]
    statistic = chi_square(list(counts.values()), expected)
    assert statistic < critical_value(3), (statistic, counts)


def test_the_bound_would_catch_a_biased_pick() -> None:
    """The same test finds a pick that favours the start of the list (the check has teeth)."""
    counts = [0] * 20
    for seed in seeds("biased"):
        first, second = seed[0] % 20, seed[1] % 20
        counts[min(first, second) if seed[2] < 32 else first] += 1
    assert chi_square(counts, [DRAWS / 20] * 20) > critical_value(19)


# -- rules -------------------------------------------------------------------------------


def test_archived_staff_and_recent_winners_are_left_out() -> None:
    people = [
        Entrant(1, is_staff=False, archived=False),
        Entrant(2, is_staff=True, archived=False),
        Entrant(3, is_staff=False, archived=True),
        Entrant(4, is_staff=False, archived=False),
    ]
    assert build_entries(people, {4}, DrawRules()) == [Entry(1)]
    relaxed = DrawRules(exclude_staff=False, exclude_winners_months=0)
    assert build_entries(people, {4}, relaxed) == [Entry(1), Entry(2), Entry(4)]


def test_per_purchase_gives_one_entry_per_purchase_and_at_least_one() -> None:
    people = [Entrant(7, False, False, (30, 31, 30)), Entrant(5, False, False, ())]
    rules = DrawRules(entry_mode=EntryMode.PER_PURCHASE)
    assert build_entries(people, (), rules) == [Entry(5), Entry(7, 30), Entry(7, 31)]
    assert build_entries(people, (), DrawRules()) == [Entry(5), Entry(7)]


def test_rules_come_from_the_settings_and_are_frozen_as_plain_values() -> None:
    settings = ShopSettings(
        drawing_entry_mode="per_purchase",
        drawing_exclude_staff=False,
        drawing_exclude_winners_months=6,
        drawing_alternates=2,
    )
    rules = DrawRules.from_settings(settings)
    assert rules == DrawRules(EntryMode.PER_PURCHASE, False, 6, 2)
    assert DrawRules.from_dict(rules.to_dict()) == rules
    assert rules.to_dict()["entry_mode"] == "per_purchase"
    assert rules.describe() == (
        "One entry per purchase in the month; archived cards left out; "
        "winners of the last 6 months left out; 2 alternates"
    )


# -- months and names --------------------------------------------------------------------


def test_months_count_across_the_new_year() -> None:
    assert drawing.add_months("2026-01", -1) == "2025-12"
    assert drawing.add_months("2025-11", 3) == "2026-02"
    assert drawing.add_months("2026-05", -12) == "2025-05"


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "26-11", "2026/11", "November", "", "2026-1", "0000-05"]
)
def test_a_month_that_is_not_yyyy_mm_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM"):
        drawing.parse_month(text)


@given(st.text(max_size=12))
def test_any_text_is_a_month_or_a_validation_error(text: str) -> None:
    try:
        month = drawing.parse_month(text)
    except ValidationError:
        return
    assert drawing.first_day(month).day == 1


@pytest.mark.parametrize(
    ("given_name", "family", "shown"),
    [
        ("Anna", "Virtanen", "Anna V."),
        ("Anna Maria", "  von Trapp", "Anna Maria V."),
        ("דוד", "כהן", "דוד כ."),
        ("Ioana", "S\u0326tefa\u0306nescu", "Ioana Ș."),
        ("Արամ", "Պետրոսյան", "Արամ Պ."),
        ("Cher", "", "Cher"),
        ("", "Smith", "S."),
    ],
)
def test_the_window_names_the_winner_by_given_name_and_initial(
    given_name: str, family: str, shown: str
) -> None:
    assert drawing.public_name(given_name, family) == shown


def test_an_unknown_entry_mode_in_the_settings_is_named() -> None:
    with pytest.raises(ValidationError, match="“per_visit” is not one of per_customer"):
        DrawRules.from_settings(ShopSettings(drawing_entry_mode="per_visit"))
