"""`shopcards draw --month YYYY-MM`: publish a month's notice, draw it, check it, or the log.

Publishing, drawing, the entry list, the next alternate and the log need the owner's PIN
(SHOPCARDS_PIN or asked for); ``--verify`` does not: anyone may check a drawing.
"""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.core.i18n import _, ngettext
from shopcards.services import drawing, drawing_notice, drawing_proof
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "draw",
        _("the monthly prize drawing: publish, draw, check it, or show the log"),
        _(
            "Once a month has ended, publish its notice (--publish: the entry list's "
            "SHA-256 and a commitment to the secret seed; put it up in the shop), then draw its "
            "winner and alternates (once per month). Replay a drawing to check it (--verify, with "
            "--published COMMITMENT from the notice), list a month's entries, move on to the next "
            "alternate when the winner cannot be reached, or show every month drawn (--log)."
        ),
    )
    p.usage = (
        "%(prog)s --month YYYY-MM [--publish | --verify [--published COMMITMENT] | --entries\n"
        "                             | --discard REASON | --next-alternate REASON] [--db DB]\n"
        "       %(prog)s --log [--db DB]"
    )
    p.add_argument("--month", metavar="YYYY-MM", help=_("the month of the drawing"))
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--verify",
        action="store_true",
        help=_("replay the month's drawing and say whether it matches"),
    )
    what.add_argument(
        "--publish",
        action="store_true",
        help=_("freeze the entries and commit to the seed: the notice to put up before the draw"),
    )
    what.add_argument(
        "--discard",
        metavar="REASON",
        help=_("withdraw the month's published notice (its seed is then shown in the log)"),
    )
    what.add_argument(
        "--entries",
        action="store_true",
        help=_("list the month's entries (as they stand, or as frozen if drawn)"),
    )
    what.add_argument(
        "--next-alternate",
        metavar="REASON",
        help=_("the winner cannot be reached: the next alternate wins"),
    )
    what.add_argument("--log", action="store_true", help=_("every month drawn, newest first"))
    p.add_argument(
        "--published",
        metavar="COMMITMENT",
        default="",
        help=_("with --verify: the commitment printed on the notice put up in the shop"),
    )
    add_db_option(p)
    p.set_defaults(func=_run, parser=p)


def _run(args: argparse.Namespace) -> int:
    if not args.log and not args.month:
        args.parser.error(_("say which month with --month YYYY-MM"))
    session = cli_session(db_location(args), need_owner=not args.verify)
    try:
        if args.verify:
            return _verify(session, args.month, args.published)
        if args.publish:
            _publish(session, args.month)
        elif args.discard is not None:
            drawing_notice.discard_notice(session, args.month, args.discard)
            print(
                _("Discarded the {month} notice; its seed is in the drawing log.", month=args.month)
            )
        elif args.log:
            _log(session)
        elif args.entries:
            _entries(session, args.month)
        elif args.next_alternate is not None:
            result = drawing.next_alternate(session, args.month, args.next_alternate)
            print(
                _(
                    "Moved on to alternate {place}. {winner}",
                    place=result.current.place,
                    winner=_winner_line(result),
                )
            )
        else:
            _draw(session, args.month)
    finally:
        session.close()
    return 0


def _draw(session: Session, month: str) -> None:
    result = drawing.draw(session, month)
    name = drawing.month_name(session, result.month)
    print(
        ngettext(
            "Drew the {name} prize drawing: {entries} entries from {entrants} customer.",
            "Drew the {name} prize drawing: {entries} entries from {entrants} customers.",
            result.entrants,
            name=name,
            entries=result.entries,
            entrants=result.entrants,
        )
    )
    print(_("Rules: {rules}.", rules=result.rules.describe()))
    print(_winner_line(result))
    for alternate in result.picks[1:]:
        print(_("  alternate {place}: {who}", place=alternate.place, who=_who(alternate)))
    print(_("Entry list SHA-256: {sha256}", sha256=result.entries_sha256))
    print(_("Commitment published before the draw: {commitment}", commitment=result.commitment))
    print(_("Seed (revealed now): {seed}", seed=result.seed_hex))
    print(_("Check it any time with: shopcards draw --month {month} --verify", month=result.month))


def _publish(session: Session, month: str) -> None:
    notice = drawing_notice.publish_notice(session, month)
    name = drawing.month_name(session, notice.month)
    print(
        ngettext(
            "The {name} prize drawing notice (published {when}): {entries} entries from "
            "{entrants} customer.",
            "The {name} prize drawing notice (published {when}): {entries} entries from "
            "{entrants} customers.",
            notice.entrants,
            name=name,
            when=notice.published_at.replace("T", " "),
            entries=notice.entries,
            entrants=notice.entrants,
        )
    )
    print(_("Rules: {rules}.", rules=notice.rules.describe()))
    print(_("Entry list SHA-256: {sha256}", sha256=notice.entries_sha256))
    print(_("Commitment to the seed: {commitment}", commitment=notice.commitment))
    print(_("Put the notice up in the shop before the draw: the draw reveals the seed, and anyone"))
    print(
        _(
            "can check it with: shopcards draw --month {month} --verify --published COMMITMENT",
            month=notice.month,
        )
    )


def _verify(session: Session, month: str, published: str) -> int:
    report = drawing_proof.verify_drawing(session, month, published)
    name = drawing.month_name(session, report.month)
    if report.ok:
        print(
            _(
                "{name}: VERIFIED. The frozen entry list matches its SHA-256 ({sha256}), the "
                "revealed seed matches the commitment published before the draw ({commitment}), "
                "and replaying it picks the same winner and alternates.",
                name=name,
                sha256=report.recorded_sha256,
                commitment=report.commitment or _("none: an older drawing"),
            )
        )
    else:
        print(_("{name}: DOES NOT MATCH.", name=name))
        for finding in report.findings:
            print(f"  {finding.field}: {_(finding.text)}")
    for note in report.notes:
        print(f"  ({_(note)})")
    if not report.rebuilt_same:
        print(
            _(
                "  (Cards {cards} would enter differently today: archived, erased or made staff "
                "since the draw. The check uses the entry list frozen with the drawing.)",
                cards=", ".join(map(str, report.changed_cards)),
            )
        )
    return 0 if report.ok else 1


def _entries(session: Session, month: str) -> None:
    preview = drawing.preview_drawing(session, month)
    name = drawing.month_name(session, preview.month)
    if not preview.people:
        print(_("Nobody has entered the {name} prize drawing yet.", name=name))
        return
    values = {"name": name, "entries": preview.entries, "count": len(preview.people)}
    if preview.drawing:
        said = ngettext(
            "{name}: {entries} entries from {count} customer, as frozen at the draw.",
            "{name}: {entries} entries from {count} customers, as frozen at the draw.",
            len(preview.people),
            **values,
        )
    else:
        said = ngettext(
            "{name}: {entries} entries from {count} customer, as they stand.",
            "{name}: {entries} entries from {count} customers, as they stand.",
            len(preview.people),
            **values,
        )
    print(said)
    print(_("Rules: {rules}.", rules=preview.rules.describe()))
    for line in preview.people:
        chances = _("  ({count} entries)", count=line.chances) if line.chances > 1 else ""
        print(f"  {line.card_no or '-':>8}  {line.name}{chances}")


def _log(session: Session) -> None:
    lines = drawing.drawing_log(session)
    if not lines:
        print(_("No month has been drawn yet."))
    for line in lines:
        values = {
            "month": line.month,
            "entries": f"{line.entries:>5}",
            "winner": _(line.winner),
            "when": line.drawn_at.replace("T", " "),
            "who": line.drawn_by,
        }
        if line.winner == drawing.NOT_DRAWN:
            said = _(
                "{month}  {entries} entries  winner: {winner}  (published {when} by the {who})",
                **values,
            )
        else:
            said = _(
                "{month}  {entries} entries  winner: {winner}  (drawn {when} by the {who})",
                **values,
            )
        print(said)
        for name, reason in line.not_reached:
            if reason:
                print(_("           not reached: {name} ({reason})", name=name, reason=reason))
            else:
                print(_("           not reached: {name}", name=name))
        if line.commitment:
            print(
                _(
                    "           commitment published before the draw: {commitment}",
                    commitment=line.commitment,
                )
            )


def _winner_line(result: drawing.Drawing) -> str:
    return _("Winner: {who}", who=_who(result.current))


def _who(entry: drawing.Pick) -> str:
    if entry.card_no:
        return _("{name} (card {card_no})", name=entry.name, card_no=entry.card_no)
    return entry.name
