"""`shopcards letters`, `labels` and `envelopes`: a mailing from the command line.

The same service as the letters screen: the selection, who is left out and why, households,
one PDF or one per recipient, and the record on each card of what was sent. A mailing to more
than one customer is the owner's: the PIN comes from SHOPCARDS_PIN or is asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.cli.terminal import terminal_progress
from shopcards.core.i18n import _, ngettext
from shopcards.core.template_problems import TemplateError
from shopcards.core.templates import TemplateKind
from shopcards.services import letter_selections, templates
from shopcards.services.auth import cli_session
from shopcards.services.letters import (
    ASKED_FIELDS,
    MAX_HOLDOUT,
    BatchPlan,
    LetterRequest,
    Output,
    print_batch,
)
from shopcards.services.session import Session


def _selections_help() -> str:
    kinds = letter_selections.selection_kinds()
    width = max(len(kind.example) for kind in kinds)
    rows = "\n".join(f"  {kind.example:<{width}}  {kind.help}" for kind in kinds)
    return _(
        "SELECTION (--to) is one of:\n{rows}\n\nOnly customers who agreed to post and have a "
        "complete address get mail;\nthe others are listed with the reason. More than one "
        "customer needs the owner's PIN\n(from SHOPCARDS_PIN, or asked for).",
        rows=rows,
    )


def _common(p: argparse.ArgumentParser, households: str, *, letters: bool = False) -> None:
    """The options every mailing takes; ``letters`` for the one that also writes a file per
    recipient and checks by hand that --to and --out are there (--list-templates needs
    neither)."""
    p.add_argument(
        "--to", required=not letters, metavar="SELECTION", help=_("who gets them (below)")
    )
    p.add_argument(
        "--out",
        required=not letters,
        type=Path,
        metavar="FILE.pdf",
        help=_("the PDF to write (with --one-file-each: a folder)")
        if letters
        else _("the PDF to write"),
    )
    p.add_argument(
        "--households",
        action="store_true",
        help=households,
    )
    p.add_argument(
        "--summary", action="store_true", help=_("count those left out instead of listing each one")
    )
    add_db_option(p)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "letters",
        _("print personalised letters or greeting cards from a template"),
        _(
            "Print one letter or card per customer chosen (a card template prints cards) and "
            "record on each card that it was sent."
        ),
        _selections_help(),
    )
    p.add_argument(
        "--template",
        metavar="NAME",
        help=_("a template's name, key or occasion, or a template file (.txt)"),
    )
    p.add_argument("--list-templates", action="store_true", help=_("list the templates and stop"))
    p.add_argument(
        "--one-file-each",
        action="store_true",
        help=_("one PDF per recipient, in the folder given as --out"),
    )
    for name, label in ASKED_FIELDS.items():
        p.add_argument(
            f"--{name.replace('_', '-')}",
            dest=name,
            default="",
            help=_("{lower}, for templates that use {{{name}}}", lower=label.lower(), name=name),
        )
    p.add_argument(
        "--hold-out",
        dest="hold_out",
        type=_percent,
        default=0,
        metavar="PERCENT",
        help=_(
            "send nothing to this many per cent (0–50) chosen at random, and list them, to "
            "measure later whether the letter made a difference (default: none)"
        ),
    )
    p.add_argument(
        "--proof", action="store_true", help=_("write the PDF but do not record it as sent")
    )
    _common(p, _("one letter per address instead of one per person"), letters=True)
    p.set_defaults(func=_letters)

    p = add_command(
        commands,
        "labels",
        _("print address labels for a mailing"),
        _(
            "Print one address label per customer chosen (or per household) on the label sheet "
            "set in the letters settings. Labels are not recorded on the cards."
        ),
        _selections_help(),
    )
    p.add_argument(
        "--start-at",
        type=int,
        default=1,
        metavar="N",
        help=_("the first free label on a part-used sheet (1 = top-left)"),
    )
    _common(p, _("one label per address instead of one per person"))
    p.set_defaults(func=_labels)

    p = add_command(
        commands,
        "envelopes",
        _("print addressed envelopes for a mailing"),
        _(
            "Print one addressed envelope per customer chosen (or per household), in the envelope "
            "size set in the letters settings, with the shop's address as sender. Envelopes are "
            "not recorded on the cards."
        ),
        _selections_help(),
    )
    _common(p, _("one envelope per address instead of one per person"))
    p.set_defaults(func=_envelopes)


def _session(args: argparse.Namespace) -> Session:
    return cli_session(db_location(args), need_owner=not letter_selections.names_one_card(args.to))


def _letters(args: argparse.Namespace) -> int:
    if args.list_templates:
        return _list_templates(args)
    if not args.template or not args.to or not args.out:
        print(
            _("shopcards letters: give --template, --to and --out (or --list-templates)"),
            file=sys.stderr,
        )
        return 2
    session = _session(args)
    try:
        request = _letter_request(session, args)
        return _run(session, args, request, separate=args.one_file_each, record=not args.proof)
    except TemplateError as exc:
        _print_template_problems(exc)
        return 2
    finally:
        session.close()


def _letter_request(session: Session, args: argparse.Namespace) -> LetterRequest:
    path = Path(args.template)
    if path.suffix.lower() == ".txt" and path.exists():
        info = templates.template_file(path)
        file: Path | None = path
    else:
        info = templates.find_template(session, args.template)
        file = None
    output = Output.CARDS if info.kind is TemplateKind.CARD else Output.LETTERS
    extra = {name: getattr(args, name) for name in ASKED_FIELDS}
    return LetterRequest(
        output,
        args.to,
        info.key,
        template_file=file,
        households=args.households,
        extra=extra,
        holdout_share=args.hold_out / 100,
    )


def _labels(args: argparse.Namespace) -> int:
    request = LetterRequest(
        Output.LABELS, args.to, households=args.households, label_start=args.start_at
    )
    return _plain_run(args, request)


def _envelopes(args: argparse.Namespace) -> int:
    return _plain_run(args, LetterRequest(Output.ENVELOPES, args.to, households=args.households))


def _plain_run(args: argparse.Namespace, request: LetterRequest) -> int:
    session = _session(args)
    try:
        return _run(session, args, request, separate=False, record=False)
    finally:
        session.close()


def _run(
    session: Session,
    args: argparse.Namespace,
    request: LetterRequest,
    *,
    separate: bool,
    record: bool,
) -> int:
    outcome = print_batch(
        session,
        request,
        args.out,
        separate_files=separate,
        progress=terminal_progress(),
        record=record,
    )
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    plan, result = outcome.plan, outcome.result
    _print_left_out(plan, args.summary)
    _print_held_back(plan)
    for name, count in plan.blank.items():
        print(
            _(
                "Note: {{{name}}} is blank on {count} of them (nothing to put there).",
                name=name,
                count=count,
            )
        )
    values = {"summary": plan.summary(), "count": format(result.pages, ","), "out": args.out}
    if separate:
        said = ngettext(
            "{summary}: {count} page, written to {files} files in {out}.",
            "{summary}: {count} pages, written to {files} files in {out}.",
            result.pages,
            files=len(result.paths),
            **values,
        )
    else:
        said = ngettext(
            "{summary}: {count} page, written to {out}.",
            "{summary}: {count} pages, written to {out}.",
            result.pages,
            **values,
        )
    print(said)
    if outcome.batch_id is not None:
        print(_("Recorded on each card as sent (batch {batch}).", batch=outcome.batch_id))
    elif request.output.template_kind is not None:
        print(_("Not recorded as sent (--proof)."))
    return 0


def _print_left_out(plan: BatchPlan, summary: bool) -> None:
    if not plan.excluded:
        return
    print(_("Left out ({count}):", count=len(plan.excluded)))
    if summary:
        reasons: dict[str, int] = {}
        for entry in plan.excluded:
            reasons[entry.reason] = reasons.get(entry.reason, 0) + 1
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            print(f"  {count:>6}  {_(reason)}")
        return
    for entry in plan.excluded:
        print(f"  {entry.card_no}  {entry.name}: {_(entry.reason)}")


def _print_held_back(plan: BatchPlan) -> None:
    """Name whoever the hold-out kept from the mailing: the owner must be able to see who."""
    if not plan.held_back:
        return
    print(_("Held back to measure the effect ({count}):", count=len(plan.held_back)))
    for entry in plan.held_back:
        print(f"  {entry.card_no}  {entry.name}")


def _percent(text: str) -> float:
    """A hold-out share typed as per cent: 10 or 10% or 12.5."""
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a number of per cent", text=text)
        ) from None
    if not 0 <= value <= MAX_HOLDOUT * 100:
        raise argparse.ArgumentTypeError(
            _(
                "hold back between 0 and {most} per cent, not {text}",
                most=round(MAX_HOLDOUT * 100),
                text=text,
            )
        )
    return value


def _print_template_problems(exc: TemplateError) -> None:
    where = f"{exc.source}: " if exc.source else ""
    print(_("shopcards: the template has mistakes; nothing was printed."), file=sys.stderr)
    for problem in exc.problems:
        print(f"  {where}{problem}", file=sys.stderr)


def _list_templates(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=False)
    try:
        for info in templates.list_templates(session):
            state = _("built in") if info.built_in else _("own")
            if info.built_in and info.edited:
                state = _("built in, edited")
            problem = f"  ! {info.problem}" if info.problem else ""
            print(f"{info.key:<24} {info.kind.value:<7} {info.name} ({state}){problem}")
    finally:
        session.close()
    return 0
