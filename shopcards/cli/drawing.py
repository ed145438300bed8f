"""`shopcards draw --month YYYY-MM`: publish a month's notice, draw it, check it, or the log.

Publishing, drawing, the entry list, the next alternate and the log need the owner's PIN
(SHOPCARDS_PIN or asked for); ``--verify`` does not: anyone may check a drawing.
"""

from __future__ import annotations

import argparse

from shopcards.cli import add_command, add_db_option, db_path
from shopcards.services import drawing, drawing_notice, drawing_proof
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "draw",
        "the monthly prize drawing: publish, draw, check it, or show the log",
        "Once a month has ended, publish its notice (--publish: the entry list's "
        "SHA-256 and a commitment to the secret seed; put it up in the shop), then draw its "
        "winner and alternates (once per month). Replay a drawing to check it (--verify, with "
        "--published COMMITMENT from the notice), list a month's entries, move on to the next "
        "alternate when the winner cannot be reached, or show every month drawn (--log).",
    )
    p.usage = (
        "%(prog)s --month YYYY-MM [--publish | --verify [--published COMMITMENT] | --entries\n"
        "                             | --discard REASON | --next-alternate REASON] [--db DB]\n"
        "       %(prog)s --log [--db DB]"
    )
    p.add_argument("--month", metavar="YYYY-MM", help="the month of the drawing")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--verify",
        action="store_true",
        help="replay the month's drawing and say whether it matches",
    )
    what.add_argument(
        "--publish",
        action="store_true",
        help="freeze the entries and commit to the seed: the notice to put up before the draw",
    )
    what.add_argument(
        "--discard",
        metavar="REASON",
        help="withdraw the month's published notice (its seed is then shown in the log)",
    )
    what.add_argument(
        "--entries",
        action="store_true",
        help="list the month's entries (as they stand, or as frozen if drawn)",
    )
    what.add_argument(
        "--next-alternate",
        metavar="REASON",
        help="the winner cannot be reached: the next alternate wins",
    )
    what.add_argument("--log", action="store_true", help="every month drawn, newest first")
    p.add_argument(
        "--published",
        metavar="COMMITMENT",
        default="",
        help="with --verify: the commitment printed on the notice put up in the shop",
    )
    add_db_option(p)
    p.set_defaults(func=_run, parser=p)


def _run(args: argparse.Namespace) -> int:
    if not args.log and not args.month:
        args.parser.error("say which month with --month YYYY-MM")
    session = cli_session(db_path(args), need_owner=not args.verify)
    try:
        if args.verify:
            return _verify(session, args.month, args.published)
        if args.publish:
            _publish(session, args.month)
        elif args.discard is not None:
            drawing_notice.discard_notice(session, args.month, args.discard)
            print(f"Discarded the {args.month} notice; its seed is in the drawing log.")
        elif args.log:
            _log(session)
        elif args.entries:
            _entries(session, args.month)
        elif args.next_alternate is not None:
            result = drawing.next_alternate(session, args.month, args.next_alternate)
            print(f"Moved on to alternate {result.current.place}. {_winner_line(result)}")
        else:
            _draw(session, args.month)
    finally:
        session.close()
    return 0


def _draw(session: Session, month: str) -> None:
    result = drawing.draw(session, month)
    name = drawing.month_name(session, result.month)
    print(
        f"Drew the {name} prize drawing: {result.entries} entries from {result.entrants} customers."
    )
    print(f"Rules: {result.rules.describe()}.")
    print(_winner_line(result))
    for alternate in result.picks[1:]:
        print(f"  alternate {alternate.place}: {_who(alternate)}")
    print(f"Entry list SHA-256: {result.entries_sha256}")
    print(f"Commitment published before the draw: {result.commitment}")
    print(f"Seed (revealed now): {result.seed_hex}")
    print(f"Check it any time with: shopcards draw --month {result.month} --verify")


def _publish(session: Session, month: str) -> None:
    notice = drawing_notice.publish_notice(session, month)
    name = drawing.month_name(session, notice.month)
    print(
        f"The {name} prize drawing notice (published {notice.published_at.replace('T', ' ')}): "
        f"{notice.entries} entries from {notice.entrants} customers."
    )
    print(f"Rules: {notice.rules.describe()}.")
    print(f"Entry list SHA-256: {notice.entries_sha256}")
    print(f"Commitment to the seed: {notice.commitment}")
    print("Put the notice up in the shop before the draw: the draw reveals the seed, and anyone")
    print(
        f"can check it with: shopcards draw --month {notice.month} --verify --published COMMITMENT"
    )


def _verify(session: Session, month: str, published: str) -> int:
    report = drawing_proof.verify_drawing(session, month, published)
    name = drawing.month_name(session, report.month)
    if report.ok:
        print(
            f"{name}: VERIFIED. The frozen entry list matches its SHA-256 "
            f"({report.recorded_sha256}), the revealed seed matches the commitment published "
            f"before the draw ({report.commitment or 'none: an older drawing'}), and replaying "
            "it picks the same winner and alternates."
        )
    else:
        print(f"{name}: DOES NOT MATCH.")
        for finding in report.findings:
            print(f"  {finding.field}: {finding.text}")
    for note in report.notes:
        print(f"  ({note})")
    if not report.rebuilt_same:
        print(
            f"  (Cards {', '.join(map(str, report.changed_cards))} would enter differently "
            "today: archived, erased or made staff since the draw. The check uses the entry "
            "list frozen with the drawing.)"
        )
    return 0 if report.ok else 1


def _entries(session: Session, month: str) -> None:
    preview = drawing.preview_drawing(session, month)
    name = drawing.month_name(session, preview.month)
    state = "as frozen at the draw" if preview.drawing else "as they stand"
    if not preview.people:
        print(f"Nobody has entered the {name} prize drawing yet.")
        return
    print(f"{name}: {preview.entries} entries from {len(preview.people)} customers, {state}.")
    print(f"Rules: {preview.rules.describe()}.")
    for line in preview.people:
        chances = f"  ({line.chances} entries)" if line.chances > 1 else ""
        print(f"  {line.card_no or '-':>8}  {line.name}{chances}")


def _log(session: Session) -> None:
    lines = drawing.drawing_log(session)
    if not lines:
        print("No month has been drawn yet.")
    for line in lines:
        done = "published" if line.winner == drawing.NOT_DRAWN else "drawn"
        print(
            f"{line.month}  {line.entries:>5} entries  winner: {line.winner}  "
            f"({done} {line.drawn_at.replace('T', ' ')} by the {line.drawn_by})"
        )
        for name, reason in line.not_reached:
            print(f"           not reached: {name}" + (f" ({reason})" if reason else ""))
        if line.commitment:
            print(f"           commitment published before the draw: {line.commitment}")


def _winner_line(result: drawing.Drawing) -> str:
    return f"Winner: {_who(result.current)}"


def _who(entry: drawing.Pick) -> str:
    return f"{entry.name} (card {entry.card_no})" if entry.card_no else entry.name
