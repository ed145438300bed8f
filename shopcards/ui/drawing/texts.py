"""What the drawing screen says about a month: its entries, its picks and its proof, as whole
sentences for the catalogue (the counts written in the window's language by Babel)."""

from __future__ import annotations

from babel.numbers import format_decimal

from shopcards.core.i18n import _, format_locale, ngettext
from shopcards.services import drawing, drawing_notice


def number(n: int, shop_locale: str) -> str:
    """``n`` as the window's language writes it in the shop's country ("1 234" in Finnish)."""
    return str(format_decimal(n, locale=format_locale(shop_locale)))


def count_text(preview: drawing.Preview, month: str, shop_locale: str) -> str:
    """ "12 entries from 9 customers" (and whether frozen at the draw), or that nobody entered."""
    if not preview.people:
        return _("Nobody has entered the {month} drawing.", month=month)
    people, entries = len(preview.people), preview.entries
    customers = ngettext(
        "{count} customer", "{count} customers", people, count=number(people, shop_locale)
    )
    chances = ngettext(
        "{count} entry", "{count} entries", entries, count=number(entries, shop_locale)
    )
    if preview.drawing:
        return _(
            "{entries} from {customers} (as frozen at the draw)",
            entries=chances,
            customers=customers,
        )
    return _("{entries} from {customers}", entries=chances, customers=customers)


def entry_line(line: drawing.EntryLine, shop_locale: str) -> str:
    """One entrant in the list: name, card number, and the entries when more than one."""
    text = line.name
    if line.card_no:
        text = _("{name}  ·  card {card}", name=text, card=line.card_no)
    if line.chances > 1:
        chances = number(line.chances, shop_locale)
        text = ngettext(
            "{name}  ·  {count} entry", "{name}  ·  {count} entries", line.chances,
            name=text, count=chances,
        )  # fmt: skip
    return text


def pick_text(pick: drawing.Pick) -> str:
    """ "Winner: Anna Virtanen (card 0000017)", "Alternate 1: … — not reached (moved away)"."""
    who = (
        _("{name} (card {card})", name=pick.name, card=pick.card_no) if pick.card_no else pick.name
    )
    if pick.place == 0:
        place = _("Winner") if pick.status == "winner" else _("Drawn first")
    else:
        place = _("Alternate {place}", place=pick.place)
    if pick.status == "not reached" and pick.reason:
        return _(
            "{place}: {who} — not reached ({reason})", place=place, who=who, reason=pick.reason
        )
    if pick.status == "not reached":
        return _("{place}: {who} — not reached", place=place, who=who)
    if pick.status == "winner" and pick.place:
        return _("{place}: {who} — the winner now", place=place, who=who)
    return _("{place}: {who}", place=place, who=who)


def result_proof(result: drawing.Drawing) -> str:
    """The drawn month's proof: the labels translated, the hashes and seed as they are."""
    return "\n".join(
        (
            _("Entry list SHA-256: {hash}", hash=result.entries_sha256),
            _(
                "Commitment published before the draw: {commitment}",
                commitment=result.commitment or "—",
            ),
            _("Seed: {seed}", seed=result.seed_hex),
        )
    )


def notice_proof(notice: drawing_notice.PublishedNotice) -> str:
    """What the published notice binds the draw to, before the draw."""
    return "\n".join(
        (
            _("Drawing notice published — put it up in the shop before the draw:"),
            _("Entry list SHA-256: {hash}", hash=notice.entries_sha256),
            _("Commitment to the seed: {commitment}", commitment=notice.commitment),
        )
    )
