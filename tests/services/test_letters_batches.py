"""Letter batches through the service: who gets post, households, the pages, cancel, records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopcards.core.errors import Cancelled, NotFound, PermissionDenied, ValidationError
from shopcards.core.templates import MERGE_FIELDS
from shopcards.services import cards, letters, letters_sent
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.cancel import cancel_at
from tests.conftest import card_input
from tests.letters_shop import CUSTOMERS, build_shop, names_on, page_texts, words

MAILABLE = ["anna", "mikko", "david", "aram", "paivi"]


@pytest.fixture
def ids(owner: Session) -> dict[str, int]:
    return build_shop(owner)


def _letters(
    template: str = "letter_quarterly", to: str = "all", **options: object
) -> LetterRequest:
    return LetterRequest(Output.LETTERS, to, template, **options)  # type: ignore[arg-type]


def test_only_consent_and_an_address_get_post_and_the_rest_are_listed_with_reasons(
    owner: Session, ids: dict[str, int]
) -> None:
    plan = letters.plan_batch(owner, _letters())
    assert plan.chosen == 8
    reasons = {entry.customer_id: entry.reason for entry in plan.excluded}
    assert reasons == {
        ids["john"]: "said no to post",
        ids["erik"]: "no postal address",
        ids["ioana"]: "not asked about post",
    }
    sent = {card_id for piece in plan.pieces for card_id in piece.customer_ids}
    assert sent == {ids[name] for name in MAILABLE}
    assert plan.summary() == "5 letters to 5 customers; 3 left out"


def test_a_name_the_fonts_cannot_print_is_left_out_with_its_script_not_printed_blank(
    owner: Session, ids: dict[str, int]
) -> None:
    korean = cards.add_card(
        owner,
        card_input(
            "민준",
            "김",
            address="Sejong-daero 1",
            postcode="04524",
            city="Seoul",
            country="KR",
            consent_post="yes",
        ),
    )
    plan = letters.plan_batch(owner, _letters(to=f"ids:{korean.id},{ids['anna']}"))
    [left_out] = plan.excluded
    assert left_out.customer_id == korean.id
    assert left_out.reason == (
        "name or address in a script the printed letters cannot show yet (Hangul)"
    )
    assert [piece.customer_ids for piece in plan.pieces] == [(ids["anna"],)]


def test_each_page_names_its_own_recipient_and_no_other(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    plan = letters.plan_batch(owner, _letters())
    result = letters.write_batch(plan, tmp_path / "quarterly.pdf")
    texts = page_texts(tmp_path / "quarterly.pdf")
    assert result.pages == len(texts) == 5
    by_id = {card_id: name for name, card_id in ids.items()}
    for text, piece in zip(texts, plan.pieces, strict=True):
        assert names_on(text) == {by_id[piece.customer_ids[0]]}


def test_every_merge_field_is_filled_from_the_card_and_its_purchases(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    plan = letters.plan_batch(
        owner, _letters("letter_invitation", extra={"event_date": "Friday 4 December"})
    )
    letters.write_batch(plan, tmp_path / "invite.pdf")
    for text in page_texts(tmp_path / "invite.pdf"):
        assert "{" not in text and "}" not in text
        assert "Friday 4 December" in text and "+358 9 123 4567" in text
    piece = next(p for p in plan.pieces if p.customer_ids == (ids["anna"],))
    assert piece.values["last_visit"] == "3 March 2025"  # the 2020 purchase is older
    assert piece.values["birthday"] == "20 December"
    assert piece.values["salutation"] == "Dear Anna"
    assert set(piece.values) >= set(MERGE_FIELDS) - {"shop_name", "shop_phone", "shop_address"}


def test_a_field_with_nothing_to_say_is_counted_so_the_owner_is_warned(
    owner: Session, ids: dict[str, int]
) -> None:
    plan = letters.plan_batch(owner, _letters("letter_we_miss_you"))
    assert dict(plan.blank) == {"last_visit": 1}  # Aram never bought anything


def test_the_event_date_is_asked_for_when_the_template_uses_it(
    owner: Session, ids: dict[str, int]
) -> None:
    with pytest.raises(ValidationError) as caught:
        letters.plan_batch(owner, _letters("letter_invitation"))
    assert "event_date" in caught.value.fields


def test_one_letter_per_household_greets_both(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    plan = letters.plan_batch(owner, _letters(households=True))
    assert plan.summary() == "4 letters to 5 customers; 3 left out"
    home = next(p for p in plan.pieces if len(p.customer_ids) == 2)
    assert set(home.customer_ids) == {ids["anna"], ids["mikko"]}
    assert home.values["salutation"] == "Dear Anna and Mikko"
    assert home.address[0] == "Anna and Mikko Virtanen"
    assert home.values["last_visit"] == "1 October 2026"
    letters.write_batch(plan, tmp_path / "homes.pdf")
    first = page_texts(tmp_path / "homes.pdf")[plan.pieces.index(home)]
    assert "Dear Anna and Mikko" in first


def test_labels_and_envelopes_carry_the_addresses_abroad(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    plan = letters.plan_batch(owner, LetterRequest(Output.LABELS, "all"))
    result = letters.write_batch(plan, tmp_path / "labels.pdf")
    assert result.pages == 1
    text = page_texts(tmp_path / "labels.pdf")[0]
    assert {"ISRAEL", "ARMENIA", "Tampere"} <= words(text)
    assert "FINLAND" not in text  # the shop's own country is not written
    plan = letters.plan_batch(owner, LetterRequest(Output.ENVELOPES, f"ids:{ids['aram']}"))
    letters.write_batch(plan, tmp_path / "envelope.pdf")
    assert words("Աբովյան փողոց 10 ARMENIA") <= words(page_texts(tmp_path / "envelope.pdf")[0])


def test_cards_and_one_file_per_recipient(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    plan = letters.plan_batch(
        owner, LetterRequest(Output.CARDS, "greeting:christmas", "card_christmas")
    )
    result = letters.write_batch(plan, tmp_path / "cards", separate_files=True)
    by_id = {card_id: name for name, card_id in ids.items()}
    assert [path.name for path in result.paths] == [f"{p.key}.pdf" for p in plan.pieces]
    greeted = [re.findall(r"Dear (\w+)", page_texts(path)[0]) for path in result.paths]
    assert greeted == [[CUSTOMERS[by_id[p.customer_ids[0]]].given] for p in plan.pieces]
    assert {by_id[piece.customer_ids[0]] for piece in plan.pieces} == {"anna", "mikko"}


def test_a_cancelled_batch_leaves_no_file_and_no_record(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        letters.print_batch(owner, _letters(), folder / "cancelled.pdf", progress=cancel_at(3))
    assert list(folder.iterdir()) == []
    with pytest.raises(Cancelled):
        letters.print_batch(
            owner, _letters(), folder / "each", separate_files=True, progress=cancel_at(3)
        )
    assert list((folder / "each").iterdir()) == []
    assert letters_sent.last_sent(owner, ids["anna"]).letter is None


def test_what_was_sent_is_recorded_on_each_card(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    outcome = letters.print_batch(owner, _letters(households=True), tmp_path / "q.pdf")
    assert outcome.batch_id is not None
    for name in MAILABLE:
        last = letters_sent.last_sent(owner, ids[name])
        assert last.letter is not None and last.card is None
        assert (last.letter.sent_at, last.letter.template) == (
            "2026-11-23T10:30:00",
            "Quarterly letter to regular customers",
        )
    assert letters_sent.last_sent(owner, ids["john"]).letter is None
    letters.print_batch(
        owner,
        LetterRequest(Output.CARDS, f"ids:{ids['anna']}", "card_birthday"),
        tmp_path / "b.pdf",
    )
    last = letters_sent.last_sent(owner, ids["anna"])
    assert last.card is not None and last.card.template == "Birthday card"
    assert last.letter is not None
    rows = owner.db.execute("SELECT count(*), sum(held_out) FROM letters_sent").fetchone()
    assert rows == (6, 0)


def test_envelopes_and_labels_are_not_recorded_as_letters(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    outcome = letters.print_batch(owner, LetterRequest(Output.LABELS, "all"), tmp_path / "l.pdf")
    assert outcome.batch_id is None
    assert owner.db.execute("SELECT count(*) FROM letters_sent").fetchone()[0] == 0


def test_a_held_back_share_is_recorded_but_not_printed(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    outcome = letters.print_batch(owner, _letters(holdout_share=0.4), tmp_path / "q.pdf")
    plan = outcome.plan
    assert len(plan.held_out) == 2 and len(plan.pieces) == 3
    assert {entry.reason for entry in plan.held_back} == {letters.HELD_BACK}
    names = {CUSTOMERS[short].family for short in MAILABLE}
    assert all(entry.name.split(",")[0] in names for entry in plan.held_back)
    assert outcome.result.pages == 3
    held = owner.db.execute("SELECT customer_id FROM letters_sent WHERE held_out = 1").fetchall()
    assert {row[0] for row in held} == set(plan.held_out)
    for card_id in plan.held_out:
        assert letters_sent.last_sent(owner, card_id).letter is None
    batch = owner.db.execute("SELECT holdout_share, pieces, excluded FROM letter_batches")
    assert batch.fetchone() == (0.4, 3, 3)


def test_the_clerk_may_print_for_one_customer_but_not_a_batch(
    clerk: Session, owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied, match="mass mailings"):
        letters.plan_batch(clerk, _letters())
    with pytest.raises(PermissionDenied):
        letters.plan_batch(clerk, _letters(to=f"ids:{ids['anna']},{ids['mikko']}"))
    outcome = letters.print_batch(
        clerk,
        LetterRequest(Output.CARDS, f"ids:{ids['anna']}", "card_birthday"),
        tmp_path / "one.pdf",
    )
    assert outcome.batch_id is not None and outcome.result.pages == 1
    owner_plan = letters.plan_batch(owner, _letters())
    with pytest.raises(PermissionDenied):
        letters.record_batch(clerk, owner_plan)


def test_birthdays_over_the_new_year_come_in_date_order(
    owner: Session, ids: dict[str, int]
) -> None:
    plan = letters.plan_batch(
        owner, LetterRequest(Output.CARDS, "birthdays:2026-12-15..2027-03-01", "card_birthday")
    )
    order = [piece.customer_ids[0] for piece in plan.pieces]
    assert order == [ids["anna"], ids["david"], ids["mikko"], ids["paivi"]]
    assert [e.customer_id for e in plan.excluded] == [ids["erik"]]  # 24 Dec, no address


def test_the_29th_of_february_is_kept_on_the_28th_in_other_years(
    owner: Session, ids: dict[str, int]
) -> None:
    plan = letters.plan_batch(
        owner, LetterRequest(Output.CARDS, "birthdays:2027-02-28..2027-02-28", "card_birthday")
    )
    assert [piece.customer_ids for piece in plan.pieces] == [(ids["paivi"],)]


def test_anniversaries_greetings_and_card_numbers(owner: Session, ids: dict[str, int]) -> None:
    chosen = letters.plan_batch(
        owner,
        LetterRequest(Output.CARDS, "anniversaries:2026-06-01..2026-06-30", "card_anniversary"),
    )
    assert [p.customer_ids for p in chosen.pieces] == [(ids["aram"],)]
    hanukkah = letters.plan_batch(
        owner, LetterRequest(Output.CARDS, "greeting:Hanukkah", "card_hanukkah")
    )
    assert [p.customer_ids for p in hanukkah.pieces] == [(ids["david"],)]
    card_no = cards.get_card(owner, ids["paivi"]).card_no
    by_number = letters.plan_batch(owner, _letters(to=f"cards:{card_no}"))
    assert [p.customer_ids for p in by_number.pieces] == [(ids["paivi"],)]


@pytest.mark.parametrize(("selection", "error", "message"), [
    ("everybody", ValidationError, "is not a selection"),
    ("birthdays", ValidationError, "needs more"),
    ("birthdays:2026-12-31..2026-12-01", ValidationError, "ends before it starts"),
    ("ids:1,x", ValidationError, "not a list of card ids"),
    ("ids:1,999", NotFound, "no card with id 999"),
    ("greeting:diwali", ValidationError, "not a greeting"),
])  # fmt: skip
def test_a_bad_selection_says_what_is_wrong(
    owner: Session, ids: dict[str, int], selection: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        letters.plan_batch(owner, _letters(to=selection))


def test_an_archived_card_chosen_by_id_is_left_out_with_the_reason(
    owner: Session, ids: dict[str, int]
) -> None:
    cards.archive_card(owner, ids["anna"])
    plan = letters.plan_batch(owner, _letters(to=f"ids:{ids['anna']}"))
    assert [(e.customer_id, e.reason) for e in plan.excluded] == [(ids["anna"], "card archived")]
    assert ids["anna"] not in {
        e.customer_id for e in letters.plan_batch(owner, _letters()).excluded
    }


def test_a_letter_template_does_not_print_cards(owner: Session, ids: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="is a letter template, not a card one"):
        letters.plan_batch(owner, LetterRequest(Output.CARDS, "all", "letter_welcome"))


def test_erasing_a_customer_erases_what_was_sent_to_them(
    owner: Session, ids: dict[str, int], tmp_path: Path
) -> None:
    letters.print_batch(owner, _letters(), tmp_path / "q.pdf")
    cards.erase_card(owner, ids["anna"])
    left = owner.db.execute(
        "SELECT count(*) FROM letters_sent WHERE customer_id = ?", [ids["anna"]]
    ).fetchone()[0]
    assert left == 0


def test_nobody_is_held_back_unless_asked_the_setting_is_only_a_suggestion(
    owner: Session, ids: dict[str, int]
) -> None:
    update_settings(owner, holdout_share=0.5)
    plan = letters.plan_batch(owner, _letters())
    assert plan.held_back == () and len(plan.pieces) == 5
    assert letters.suggested_holdout(owner) == 0.5
