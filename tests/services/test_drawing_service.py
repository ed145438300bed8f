"""The prize drawing as the owner and clerk use it, on a real card file."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from shopcards.core.drawing import pick
from shopcards.core.errors import PermissionDenied, ShopError, ValidationError
from shopcards.core.purchase import Purchase, PurchaseInput
from shopcards.services import (
    cards,
    drawing,
    drawing_notice,
    drawing_proof,
    letters_sent,
    purchases,
    settings,
)
from shopcards.services.session import Session
from shopcards.store import changes
from shopcards.store import drawing as drawing_store
from tests.conftest import card_input, publish_and_draw

OCTOBER = "2026-10"  # the clock in tests stands at 23 November 2026

PEOPLE = [
    ("Anna", "Virtanen"),
    ("John", "Smith"),
    ("Erik", "Söderberg"),
    ("Ioana", "Popescu"),
    ("דוד", "כהן"),
    ("Արամ", "Պետրոսյան"),
]


def add(session: Session, given: str, family: str, **fields: object) -> int:
    card = cards.add_card(
        session,
        card_input(
            given, family, address="Kauppakatu 1", postcode="00100", city="Helsinki", **fields
        ),
    )
    assert card.id is not None
    return card.id


@pytest.fixture
def entered(owner: Session) -> list[int]:
    """Six customers, all entered in October's drawing."""
    ids = [add(owner, given, family) for given, family in PEOPLE]
    for customer_id in ids:
        drawing.enter_drawing(owner, customer_id, OCTOBER)
    return ids


def buy(session: Session, customer_id: int, amount: str, date: str) -> Purchase:
    return purchases.record_purchase(session, customer_id, PurchaseInput(amount, date=date))


# -- entering ----------------------------------------------------------------------------


def test_the_clerk_enters_a_customer_in_this_month_and_twice_is_harmless(
    owner: Session, clerk: Session
) -> None:
    anna = add(owner, "Anna", "Virtanen")
    drawing.enter_drawing(clerk, anna)
    drawing.enter_drawing(clerk, anna)
    preview = drawing.preview_drawing(owner, "2026-11")
    assert [(line.name, line.chances) for line in preview.people] == [("Virtanen, Anna", 1)]
    history = changes.for_entity(owner.db, "customer", anna)
    assert [c.action for c in history].count("drawing_entered") == 1
    assert history[0].details == {"month": "2026-11"} and history[0].actor == "clerk"


def test_an_archived_card_or_staff_cannot_enter(owner: Session) -> None:
    gone = add(owner, "Old", "Customer")
    cards.archive_card(owner, gone)
    with pytest.raises(ShopError, match="archived"):
        drawing.enter_drawing(owner, gone, OCTOBER)
    staff = add(owner, "Sam", "Staff", is_staff=True)
    with pytest.raises(ShopError, match="Staff"):
        drawing.enter_drawing(owner, staff, OCTOBER)


def test_a_drawn_month_takes_no_more_entries(owner: Session, entered: list[int]) -> None:
    publish_and_draw(owner, OCTOBER)
    late = add(owner, "Late", "Comer")
    with pytest.raises(ShopError, match="October 2026 prize drawing's notice is published already"):
        drawing.enter_drawing(owner, late, OCTOBER)
    drawing.enter_drawing(owner, entered[0], OCTOBER)  # already in: still harmless


def test_a_month_must_be_written_yyyy_mm(owner: Session, entered: list[int]) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM"):
        drawing.enter_drawing(owner, entered[0], "10/2026")


# -- drawing and replaying ---------------------------------------------------------------


def test_a_drawing_replays_to_the_same_winners(owner: Session, entered: list[int]) -> None:
    result = publish_and_draw(owner, OCTOBER)
    assert result.entries == 6 and result.entrants == 6
    assert len(result.picks) == 4  # the winner and three alternates (the default)
    assert result.current.place == 0 and result.winner is not None
    assert result.winner.id == result.picks[0].customer_id
    assert [p.status for p in result.picks] == ["winner", "waiting", "waiting", "waiting"]
    assert len(bytes.fromhex(result.seed_hex)) == 32

    report = drawing_proof.verify_drawing(owner, OCTOBER)
    assert report.verification.ok and report.rebuilt_same
    assert report.recorded_picks == tuple(p.customer_id for p in result.picks)


def test_a_tampered_entry_list_fails_verification(owner: Session, entered: list[int]) -> None:
    publish_and_draw(owner, OCTOBER)
    stored = json.loads(owner.db.execute("SELECT entries FROM drawings").fetchone()[0])
    stored[0][0] = 9999
    owner.db.execute("UPDATE drawings SET entries = ?", [json.dumps(stored)])
    check = drawing_proof.verify_drawing(owner, OCTOBER).verification
    assert not check.hash_ok and not check.ok


def test_a_tampered_seed_fails_verification(owner: Session, entered: list[int]) -> None:
    publish_and_draw(owner, OCTOBER)
    owner.db.execute("UPDATE drawings SET seed = ?", [other_seed(owner, OCTOBER)])
    check = drawing_proof.verify_drawing(owner, OCTOBER).verification
    assert check.hash_ok and not check.picks_ok and not check.ok


def other_seed(session: Session, month: str) -> str:
    """A seed that picks differently from the drawing's own (with few entries some seeds give
    the same order, and changing the seed to one of those changes nothing)."""
    drawn = drawing_store.get(session.db, month)
    assert drawn is not None
    frozen = drawn.frozen
    for number in range(100):
        seed = hashlib.sha256(bytes([number])).digest()
        if pick(frozen.entries, seed, len(frozen.picks)) != frozen.picks:
            return seed.hex()
    raise AssertionError("no other seed found")


def test_editing_cards_after_the_draw_does_not_change_the_check(
    owner: Session, entered: list[int]
) -> None:
    result = publish_and_draw(owner, OCTOBER)
    loser = next(p.customer_id for p in result.picks[1:])
    cards.archive_card(owner, loser)
    report = drawing_proof.verify_drawing(owner, OCTOBER)
    assert report.verification.ok
    assert not report.rebuilt_same
    assert drawing.preview_drawing(owner, OCTOBER).entries == 6  # the frozen list


def test_a_month_is_drawn_once(owner: Session, entered: list[int]) -> None:
    first = publish_and_draw(owner, OCTOBER)
    with pytest.raises(ShopError, match="drawn only once"):
        drawing.draw(owner, OCTOBER)
    again = drawing.get_drawing(owner, OCTOBER)
    assert again is not None and again.seed_hex == first.seed_hex


def test_a_month_with_no_entries_says_so(owner: Session) -> None:
    with pytest.raises(ShopError, match="Nobody has entered the October 2026 prize drawing"):
        drawing_notice.publish_notice(owner, OCTOBER)
    assert drawing.get_drawing(owner, OCTOBER) is None
    assert drawing.preview_drawing(owner, OCTOBER).people == ()


def test_a_month_whose_entrants_are_all_left_out_says_why(owner: Session) -> None:
    anna = add(owner, "Anna", "Virtanen")
    drawing.enter_drawing(owner, anna, OCTOBER)
    cards.archive_card(owner, anna)
    with pytest.raises(ShopError, match=r"one customer who entered .* is left out by the rules"):
        drawing_notice.publish_notice(owner, OCTOBER)


def test_a_month_not_yet_begun_cannot_be_drawn(owner: Session, entered: list[int]) -> None:
    with pytest.raises(ShopError, match="December 2026 has not ended yet"):
        drawing.draw(owner, "2026-12")


# -- the rules ---------------------------------------------------------------------------


def test_archived_cards_and_staff_who_entered_are_left_out_at_the_draw(
    owner: Session, entered: list[int]
) -> None:
    cards.archive_card(owner, entered[0])
    base = cards.get_card(owner, entered[1])
    cards.update_card(owner, base, card_input("John", "Smith", is_staff=True))
    result = publish_and_draw(owner, OCTOBER)
    assert result.entrants == 4
    drawn = {p.customer_id for p in result.picks}
    assert entered[0] not in drawn and entered[1] not in drawn


def test_staff_take_part_when_the_rules_say_so(owner: Session) -> None:
    settings.update_settings(owner, drawing_exclude_staff=False, drawing_alternates=0)
    staff = add(owner, "Sam", "Staff", is_staff=True)
    drawing.enter_drawing(owner, staff, OCTOBER)
    result = publish_and_draw(owner, OCTOBER)
    assert [p.customer_id for p in result.picks] == [staff]
    assert not result.rules.exclude_staff


def test_winners_of_the_last_months_are_left_out(owner: Session) -> None:
    settings.update_settings(owner, drawing_exclude_winners_months=2, drawing_alternates=0)
    anna, john = add(owner, "Anna", "Virtanen"), add(owner, "John", "Smith")
    drawing.enter_drawing(owner, anna, "2026-07")
    july = publish_and_draw(owner, "2026-07")
    assert july.winner is not None and july.winner.id == anna
    for month in ("2026-08", "2026-09", "2026-10"):
        drawing.enter_drawing(owner, anna, month)
        drawing.enter_drawing(owner, john, month)
    assert drawing.preview_drawing(owner, "2026-08").entries == 1  # July's winner left out
    assert drawing.preview_drawing(owner, "2026-09").entries == 1
    assert drawing.preview_drawing(owner, "2026-10").entries == 2  # July is 3 months back


def test_the_alternate_who_took_the_prize_counts_as_the_winner(owner: Session) -> None:
    settings.update_settings(owner, drawing_exclude_winners_months=1, drawing_alternates=1)
    anna, john = add(owner, "Anna", "Virtanen"), add(owner, "John", "Smith")
    for customer_id in (anna, john):
        drawing.enter_drawing(owner, customer_id, "2026-09")
        drawing.enter_drawing(owner, customer_id, OCTOBER)
    publish_and_draw(owner, "2026-09")
    september = drawing.next_alternate(owner, "2026-09", "moved away")
    in_force = september.current.customer_id
    preview = drawing.preview_drawing(owner, OCTOBER)
    assert [line.customer_id for line in preview.people] == [anna if in_force == john else john]


def test_one_entry_per_purchase_counts_sales_not_returns_or_voids(owner: Session) -> None:
    settings.update_settings(owner, drawing_entry_mode="per_purchase")
    anna, john = add(owner, "Anna", "Virtanen"), add(owner, "John", "Smith")
    for customer_id in (anna, john):
        drawing.enter_drawing(owner, customer_id, OCTOBER)
    sale = buy(owner, anna, "20.00", "2026-10-03")
    buy(owner, anna, "5.00", "2026-10-30")
    purchases.record_return(owner, sale.id, PurchaseInput("20.00", date="2026-10-04"))
    purchases.void_purchase(owner, buy(owner, anna, "7.00", "2026-10-12"), "typo")
    buy(owner, anna, "9.00", "2026-09-30")  # September
    buy(owner, anna, "9.00", "2026-11-01")  # November
    preview = drawing.preview_drawing(owner, OCTOBER)
    chances = {line.customer_id: line.chances for line in preview.people}
    assert chances == {anna: 2, john: 1}  # John entered without buying: his slip counts once
    assert preview.entries == 3
    result = publish_and_draw(owner, OCTOBER)
    assert result.entries == 3 and result.entrants == 2


# -- after the draw ----------------------------------------------------------------------


def test_next_alternate_is_recorded_and_shown_in_the_log(
    owner: Session, entered: list[int]
) -> None:
    result = publish_and_draw(owner, OCTOBER)
    moved = drawing.next_alternate(owner, OCTOBER, "no answer by phone or post")
    assert moved.current.place == 1
    assert moved.current.customer_id == result.picks[1].customer_id
    assert moved.picks[0].status == "not reached"
    assert moved.picks[0].reason == "no answer by phone or post"
    assert moved.alternates_left == 2
    assert drawing_proof.verify_drawing(owner, OCTOBER).verification.ok  # the pick is unchanged

    [line] = drawing.drawing_log(owner)
    assert line.month == OCTOBER and line.entries == 6
    assert line.winner == result.picks[1].name
    assert line.not_reached == ((result.picks[0].name, "no answer by phone or post"),)
    assert line.alternates_used == 1
    assert (line.drawn_by, line.drawn_at) == ("owner", "2026-11-23T10:30:00")


def test_when_every_alternate_is_used_the_drawing_is_not_redone(
    owner: Session, entered: list[int]
) -> None:
    publish_and_draw(owner, OCTOBER)
    for _ in range(3):
        drawing.next_alternate(owner, OCTOBER, "away")
    with pytest.raises(ShopError, match=r"Every alternate .* has been used"):
        drawing.next_alternate(owner, OCTOBER, "away")
    steps = owner.db.execute("SELECT count(*) FROM drawing_steps").fetchone()[0]
    assert steps == 4


def test_the_log_lists_every_month_newest_first(owner: Session, entered: list[int]) -> None:
    for month, customer_id in (("2026-08", entered[0]), ("2026-09", entered[1])):
        drawing.enter_drawing(owner, customer_id, month)
        publish_and_draw(owner, month)
    publish_and_draw(owner, OCTOBER)
    log = drawing.drawing_log(owner)
    assert [line.month for line in log] == ["2026-10", "2026-09", "2026-08"]
    assert [line.entries for line in log] == [4, 1, 1]  # August's and September's winners
    assert [line.winner for line in log[1:]] == ["Smith, John", "Virtanen, Anna"]


def test_an_erased_winner_leaves_no_name_in_the_drawing(owner: Session, entered: list[int]) -> None:
    result = publish_and_draw(owner, OCTOBER)
    winner = result.picks[0]
    cards.erase_card(owner, winner.customer_id)
    again = drawing.get_drawing(owner, OCTOBER)
    assert again is not None and again.winner is None
    assert again.picks[0].name == drawing.ERASED
    assert drawing_proof.verify_drawing(owner, OCTOBER).verification.ok
    row = owner.db.execute("SELECT * FROM drawings").fetchone()
    assert winner.name.split(", ")[0] not in json.dumps(row, ensure_ascii=False)


def test_the_default_month_is_last_month_until_it_is_drawn(
    owner: Session, entered: list[int]
) -> None:
    assert drawing.default_month(owner) == OCTOBER
    publish_and_draw(owner, OCTOBER)
    assert drawing.default_month(owner) == "2026-11"


# -- who may do what ---------------------------------------------------------------------


def test_the_clerk_may_not_draw_or_see_the_drawing(
    clerk: Session, owner: Session, entered: list[int], tmp_path: Path
) -> None:
    publish_and_draw(owner, OCTOBER)
    refused: list[Callable[[], object]] = [
        lambda: drawing.draw(clerk, "2026-09"),
        lambda: drawing.preview_drawing(clerk, OCTOBER),
        lambda: drawing.get_drawing(clerk, OCTOBER),
        lambda: drawing.drawing_log(clerk),
        lambda: drawing.next_alternate(clerk, OCTOBER, "no"),
        lambda: drawing.print_winner_letter(clerk, OCTOBER, tmp_path / "l.pdf"),
        lambda: drawing.print_window_notice(clerk, OCTOBER, tmp_path / "n.pdf"),
    ]
    for action in refused:
        with pytest.raises(PermissionDenied, match="Only the owner"):
            action()
    assert drawing.get_drawing(owner, OCTOBER).current.place == 0  # type: ignore[union-attr]
    assert drawing_proof.verify_drawing(clerk, OCTOBER).verification.ok  # anyone may check


# -- the printouts -----------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_winner_gets_a_letter_and_the_window_only_their_initial(
    owner: Session, tmp_path: Path
) -> None:
    settings.update_settings(owner, shop_name="Kauppa Koivu", drawing_alternates=0)
    anna = add(owner, "Anna", "Virtanen")
    drawing.enter_drawing(owner, anna, OCTOBER)
    publish_and_draw(owner, OCTOBER)

    letter = drawing.print_winner_letter(
        owner, OCTOBER, tmp_path / "letter.pdf", prize="a basket of Lapland berries"
    )
    text = pdf_text(letter)
    assert "Anna Virtanen" in text and "Kauppakatu 1" in text
    assert "Helsinki" in text and "00100" in text
    assert "Dear Anna," in text
    sent = letters_sent.last_sent(owner, anna).letter
    assert sent is not None and sent.template == "Prize winner's letter"
    assert "a basket of Lapland berries" in text and "Kauppa Koivu" in text

    notice = drawing.print_window_notice(owner, OCTOBER, tmp_path / "notice.pdf")
    text = pdf_text(notice)
    assert "Anna V." in text and "October 2026" in text and "Kauppa Koivu" in text
    assert "Virtanen" not in text


def test_a_winner_not_asked_about_post_gets_the_letter_but_one_who_said_no_does_not(
    owner: Session, tmp_path: Path
) -> None:
    """The test cards were not asked about post (the default), as at the till."""
    anna = add(owner, "Anna", "Virtanen", consent_post="no")
    drawing.enter_drawing(owner, anna, OCTOBER)
    publish_and_draw(owner, OCTOBER)
    with pytest.raises(ShopError, match="to Anna Virtanen cannot go by post: said no to post"):
        drawing.print_winner_letter(owner, OCTOBER, tmp_path / "l.pdf")
    assert not (tmp_path / "l.pdf").exists()
    assert letters_sent.last_sent(owner, anna).letter is None


def test_the_letter_uses_the_shop_s_prize_unless_another_is_typed(
    owner: Session, tmp_path: Path
) -> None:
    anna = add(owner, "Anna", "Virtanen")
    drawing.enter_drawing(owner, anna, OCTOBER)
    publish_and_draw(owner, OCTOBER)
    assert "a gift voucher" in pdf_text(
        drawing.print_winner_letter(owner, OCTOBER, tmp_path / "l.pdf")
    )


def test_a_hebrew_winner_prints_right_to_left(owner: Session, tmp_path: Path) -> None:
    """Hebrew is drawn in visual order; pypdf gives each word back in logical order and the
    words left to right, so the line read word by word from the right is the name (see
    tests/printing/test_scripts_and_bidi.py)."""
    sarah = add(owner, "שרה", "לוי")
    drawing.enter_drawing(owner, sarah, OCTOBER)
    publish_and_draw(owner, OCTOBER)
    notice = pdf_text(drawing.print_window_notice(owner, OCTOBER, tmp_path / "notice.pdf"))
    line = next(line for line in notice.splitlines() if "שרה" in line)
    assert re.findall(r"\w+", line)[::-1] == ["שרה", "ל"] and "." in line
    assert "לוי" not in notice
    letter = pdf_text(drawing.print_winner_letter(owner, OCTOBER, tmp_path / "letter.pdf"))
    address = next(line for line in letter.splitlines() if "לוי" in line)
    assert address.split()[::-1] == ["שרה", "לוי"]
