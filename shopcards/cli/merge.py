"""`shopcards duplicates` and `shopcards merge`: cards that may be one person, and merging two
of them, from a terminal. Both need the owner's PIN (SHOPCARDS_PIN or asked for)."""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.card import Card
from shopcards.core.card_merge import FIELD_KEYS
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, ngettext
from shopcards.services import card_merge, cards, duplicates
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = add_command(
        commands,
        "duplicates",
        _("list the pairs of cards that may be one person (owner)"),
        _(
            "Every pair of cards with the same phone (in any format typed), the same e-mail (in "
            "any case), or close names at the same postcode or with the same birthday, with why; "
            "strongest first. Pairs marked not the same person in the window are left out."
        ),
    )
    listing.set_defaults(func=_duplicates)
    merge = add_command(
        commands,
        "merge",
        _("merge two cards of one person into the first (owner)"),
        _(
            "Merge the card OTHER_CARD_NO into KEEP_CARD_NO: purchases, calls, letters sent, prize "
            "drawing entries of open months, loyalty movements and the change history move to the "
            "kept card, and the other card's number finds the kept card from then on. Each field "
            "keeps the kept card's value (or the other's where the kept card has none; phones, "
            "interests and notes of both are united) unless --take says otherwise."
        ),
        _("fields: {fields}", fields=", ".join(FIELD_KEYS)),
    )
    merge.add_argument("keep", metavar="KEEP_CARD_NO", help=_("the card that is kept"))
    merge.add_argument("other", metavar="OTHER_CARD_NO", help=_("the card merged into it"))
    merge.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD=other",
        help=_(
            "take the field from the other card (other), keep the kept card's (kept), or "
            "unite both (both: phones, interests, notes); may be given several times"
        ),
    )
    merge.set_defaults(func=_merge)
    for command in (listing, merge):
        add_db_option(command)


def _duplicates(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=True)
    try:
        found = duplicates.find_duplicates(session)
        for pair in found:
            first, second = pair.first, pair.second
            print(
                f"{first.card_no} {first.display_name}  /  {second.card_no} "
                f"{second.display_name}: {pair.why}"
            )
        print(
            ngettext(
                "{count} pair that may be one person.",
                "{count} pairs that may be one person.",
                len(found),
                count=len(found),
            )
        )
    finally:
        session.close()
    return 0


def _merge(args: argparse.Namespace) -> int:
    take = dict(_field_choice(text) for text in args.take)
    session = cli_session(db_location(args), need_owner=True)
    try:
        keep, other = _card(session, args.keep), _card(session, args.other)
        assert keep.id is not None and other.id is not None
        merged = card_merge.merge_cards(session, keep.id, other.id, take)
        moved = ", ".join(f"{table} {count}" for table, count in sorted(merged.moved.items()))
        print(
            _(
                "Card {other_no} ({other_name}) is merged into card {kept_no} ({kept_name}); "
                "moved: {moved}.",
                other_no=merged.merged_card_no,
                other_name=other.display_name,
                kept_no=merged.card.card_no,
                kept_name=merged.card.display_name,
                moved=moved or _("nothing"),
            )
        )
    finally:
        session.close()
    return 0


def _field_choice(text: str) -> tuple[str, str]:
    field, sep, choice = text.partition("=")
    if not sep:
        raise ShopError(_("--take {text}: write FIELD=other (or kept, or both).", text=text))
    return field.strip(), choice.strip()


def _card(session: Session, number: str) -> Card:
    card = cards.find_card_no(session, number)
    if card is None:
        raise ShopError(_("No customer has card {number}.", number=number))
    return card
