"""`shopcards draw --month YYYY-MM`: draw a month's prize drawing, replay it, or show the log.

Drawing, the entry list, the next alternate and the log need the owner's PIN (SHOPCARDS_PIN
or asked for); ``--verify`` does not: anyone may check a drawing.
"""

from __future__ import annotations

import argparse

from shopcards.cli import add_db_option, db_path
from shopcards.services import drawing
from shopcards.services.auth import cli_session
from shopcards.services.session import Session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "draw",
        help="the monthly prize drawing: draw a month, check it, or show the log",
        description="Draw a month's prize winner and alternates (once per month), replay a "
        "drawing to check it (--verify), list a month's entries, move on to the next "
        "alternate when the winner cannot be reached, or show every month drawn (--log).",
    )
    p.add_argument("--month", metavar="YYYY-MM", help="the month of the drawing")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--verify",
        action="store_true",
        help="replay the month's drawing and say whether it matches",
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
    add_db_option(p)
    p.set_defaults(func=_run, parser=p)


def _run(args: argparse.Namespace) -> int:
    if not args.log and not args.month:
        args.parser.error("say which month with --month YYYY-MM")
    session = cli_session(db_path(args), need_owner=not args.verify)
    try:
        if args.verify:
            return _verify(session, args.month)
        if args.log:
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
    print(f"Seed: {result.seed_hex}")
    print(f"Check it any time with: shopcards draw --month {result.month} --verify")


def _verify(session: Session, month: str) -> int:
    report = drawing.verify_drawing(session, month)
    check = report.verification
    name = drawing.month_name(session, check.month)
    if check.ok:
        print(
            f"{name}: VERIFIED. The frozen entry list matches its SHA-256 "
            f"({report.recorded_sha256}) and replaying the seed picks the same winner and "
            "alternates."
        )
    else:
        print(f"{name}: DOES NOT MATCH.")
        if not check.hash_ok:
            print(
                f"  The entry list's SHA-256 is {check.computed_sha256}, but the drawing "
                f"recorded {report.recorded_sha256}: the entry list was changed."
            )
        if not check.picks_ok:
            print(
                f"  Replaying the seed picks cards {_ids(check.replayed_picks)}, but the "
                f"drawing recorded {_ids(report.recorded_picks)}."
            )
    if not report.rebuilt_same:
        print(
            "  (Cards have changed since the draw, so the entries would differ today; the "
            "check uses the entry list frozen with the drawing.)"
        )
    return 0 if check.ok else 1


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
        print(
            f"{line.month}  {line.entries:>5} entries  winner: {line.winner}  "
            f"(drawn {line.drawn_at.replace('T', ' ')} by the {line.drawn_by})"
        )
        for name, reason in line.not_reached:
            print(f"           not reached: {name}" + (f" ({reason})" if reason else ""))


def _winner_line(result: drawing.Drawing) -> str:
    return f"Winner: {_who(result.current)}"


def _who(entry: drawing.Pick) -> str:
    return f"{entry.name} (card {entry.card_no})" if entry.card_no else entry.name


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(str(i) for i in ids) or "none"
