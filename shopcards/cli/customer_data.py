"""`shopcards customer-data CARD_NO --pdf F --json F`: everything the shop keeps about one
customer, as a PDF to hand them and a JSON file to take elsewhere (owner; the PIN from
SHOPCARDS_PIN or asked for). The same service as the card's "Everything we keep…"."""

from __future__ import annotations

import argparse
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.errors import NotFound, ShopError
from shopcards.core.i18n import _
from shopcards.services import cards, subject_access
from shopcards.services.auth import cli_session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "customer-data",
        _("everything kept about one customer, as a PDF and a JSON file (owner)"),
        _(
            "Write everything the card file keeps about the customer with this card number: the "
            "card, consents with when, how and by whom, purchases, calls, letters and cards sent, "
            "prize drawings, loyalty and the card's change history. The PDF is for the customer to "
            "read; the JSON file (UTF-8, ISO dates, money in minor units) is for another program. "
            "Needs the owner's PIN (from SHOPCARDS_PIN, or asked for)."
        ),
    )
    p.add_argument("card_no", metavar="CARD_NO", help=_("the customer's card number"))
    p.add_argument("--pdf", type=Path, metavar="FILE.pdf", help=_("the PDF to write"))
    p.add_argument("--json", type=Path, metavar="FILE.json", help=_("the JSON file to write"))
    add_db_option(p)
    p.set_defaults(func=_customer_data)


def _customer_data(args: argparse.Namespace) -> int:
    if args.pdf is None and args.json is None:
        raise ShopError(_("Say what to write: --pdf FILE.pdf, --json FILE.json or both."))
    session = cli_session(db_location(args), need_owner=True)
    try:
        card = cards.find_card_no(session, args.card_no)
        if card is None or card.id is None:
            raise NotFound(_("No customer has card {number}.", number=args.card_no))
        access = subject_access.write(session, card.id, args.pdf, args.json)
    finally:
        session.close()
    kept = sum(len(s.rows) for s in access.sections)
    written = " and ".join(str(p) for p in (args.pdf, args.json) if p is not None)
    print(
        _(
            "Everything kept about card {card_no} ({kept} records): {written}.",
            card_no=access.card_no,
            kept=format(kept, ","),
            written=written,
        )
    )
    return 0
