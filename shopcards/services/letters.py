"""Letter batches: from a selection to printed letters, cards, envelopes or labels, and the
record on each card of what was sent.

The steps, which the window and the command line both take:

1. :func:`plan_batch` reads who the selection means, leaves out whoever may not get post (with
   the reason), merges households if asked, fills every merge field and checks the template.
   Mass mailings are the owner's; a clerk may print for one customer only.
2. :func:`write_batch` draws the PDF (one file, or one per recipient) from the plan alone, so
   it can run on a worker thread; cancelling leaves no file.
3. :func:`record_batch` writes on each card that the letter or card went out (envelopes and
   labels go with a letter and are not recorded; written to a file they are logged as an export
   by :func:`record_file_export`). The window records when the owner prints or saves;
   :func:`print_batch` does all three for the command line.

The printing engine (reportlab) is imported only when a batch is drawn, so the card form can
import this module for :func:`greeting_options` without slowing the window's start.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from shopcards.core import mailing
from shopcards.core.card import Card
from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, Words, _, format_locale
from shopcards.core.i18n import words as words_in
from shopcards.core.loyalty import Cashback, letter_values
from shopcards.core.mailing import Excluded
from shopcards.core.progress import Report
from shopcards.core.roles import Role
from shopcards.core.settings import ShopSettings
from shopcards.core.templates import Template, TemplateKind
from shopcards.core.text import words
from shopcards.services import letter_selections, loyalty, loyalty_tiers
from shopcards.services.exports import record_export
from shopcards.services.letter_batch import (
    ASKED_FIELDS,
    HELD_BACK,
    MAX_HOLDOUT,
    BatchOutcome,
    BatchPlan,
    LetterRequest,
    Output,
    Piece,
)
from shopcards.services.letter_scripts import unprintable
from shopcards.services.letter_setup import (
    PrintSetup,
    label_sheet_of,
    letterhead_of,
    print_setup,
    prize_words,
)
from shopcards.services.session import Session, require_owner
from shopcards.services.templates import (
    TemplateInfo,
    get_template,
    greeting_options,
    template_file,
)
from shopcards.store import changes, customers
from shopcards.store import letters as store

if TYPE_CHECKING:
    from shopcards.printing import PrintResult

__all__ = [
    "ASKED_FIELDS",
    "MAX_HOLDOUT",
    "BatchOutcome",
    "BatchPlan",
    "LetterRequest",
    "Output",
    "Piece",
    "greeting_options",
    "plan_batch",
    "print_batch",
    "record_batch",
    "record_file_export",
    "write_batch",
]


def _check_role(session: Session, chosen: int, request: LetterRequest) -> None:
    """Mass mailings are the owner's; the clerk may print for one customer from their card."""
    if session.role is Role.OWNER:
        return
    if chosen > 1:
        require_owner(session, _("print mass mailings (a clerk may print for one customer)"))
    if request.holdout_share:
        require_owner(session, _("hold customers back from a mailing"))


def _template_for(
    session: Session, request: LetterRequest
) -> tuple[TemplateInfo | None, Template | None]:
    kind = request.output.template_kind
    if kind is None:
        return None, None
    if request.template_file is not None:
        info = template_file(request.template_file)
    elif request.template_key:
        info = get_template(session, request.template_key)
    else:
        raise ValidationError({"template": _(_CHOOSE[kind])})
    template = info.parse()
    if template.kind is not kind:
        raise ValidationError({"template": _(_NOT_A[kind], name=info.name)})
    return info, template


_CHOOSE = {
    TemplateKind.LETTER: N_("Choose a letter template."),
    TemplateKind.CARD: N_("Choose a card template."),
}
_NOT_A = {
    TemplateKind.LETTER: N_("“{name}” is a card template, not a letter one."),
    TemplateKind.CARD: N_("“{name}” is a letter template, not a card one."),
}
"""Said when the template chosen is of the other kind, by the kind asked for."""
_TYPE_IT = {
    "event_date": N_("The template uses {field}: type the event date."),
    "prize": N_("The template uses {field}: type the prize."),
}
"""Said when a typed-in field the template uses is left empty."""


def _asked_values(
    session: Session, template: Template | None, extra: Mapping[str, str]
) -> dict[str, str]:
    """The typed-in fields the template uses; the prize defaults to the drawing's prize."""
    if template is None:
        return {}
    defaults = {"prize": prize_words(session.settings)}
    values: dict[str, str] = {}
    missing: dict[str, str] = {}
    for name in ASKED_FIELDS:
        value = (extra.get(name) or defaults.get(name, "")).strip()
        if name in template.fields and not value:
            missing[name] = _(_TYPE_IT[name], field=f"{{{name}}}")
        values[name] = value
    if missing:
        raise ValidationError(missing)
    return values


def plan_batch(session: Session, request: LetterRequest) -> BatchPlan:
    """Work out a batch without printing anything.

    Raises PermissionDenied (a clerk and more than one customer), TemplateError (a template
    with a mistake: line and column), ValidationError (a bad selection, a missing typed-in
    field, a holdout share out of range) or NotFound (a card id that is not there).
    """
    ids = letter_selections.find(session, request.selection)
    _check_role(session, len(ids), request)
    if not 0 <= request.holdout_share <= MAX_HOLDOUT:
        raise ValidationError({"holdout": _("Hold back between 0 and 50 per cent.")})
    info, template = _template_for(session, request)
    asked = _asked_values(session, template, request.extra)
    cards = [customers.get(session.db, card_id) for card_id in ids]
    left_out = [
        entry for card in cards if (entry := mailing.excluded(card, request.reply)) is not None
    ]
    left_out += unprintable([card for card in cards if card.id not in _ids(left_out)])
    out_ids = _ids(left_out)
    mailable = [card for card in cards if card.id not in out_ids]
    settings = session.settings
    groups: list[tuple[Card, ...]] = (
        mailing.group_households(mailable, settings.region)
        if request.households
        else [(card,) for card in mailable]
    )
    held, groups = _hold_back(groups, request.holdout_share, session.now())
    mailed = [card.id for card in mailable if card.id is not None]
    visits, cashback = store.last_visits(session.db, mailed), loyalty.cashback_of(session, mailed)
    today = session.today()
    tiers = loyalty_tiers.merge_values(session, [card.id for card in mailable if card.id])
    pieces = tuple(
        _piece(group, visits, cashback, settings, today, {**asked, **tiers[group[0].id or 0]})
        for group in groups
    )
    setup = print_setup(settings, mailing.long_date(today.isoformat(), _format_locale(settings)))
    return BatchPlan(
        request,
        info,
        template,
        pieces,
        tuple(left_out),
        tuple(
            Excluded(card.id, card.card_no, card.display_name, _(HELD_BACK))
            for group in held
            for card in group
            if card.id is not None
        ),
        len(ids),
        _blank_fields(template, pieces, setup),
        setup,
    )


def _ids(left_out: Sequence[Excluded]) -> set[int]:
    return {entry.customer_id for entry in left_out}


def _blank_fields(
    template: Template | None, pieces: Sequence[Piece], setup: PrintSetup
) -> Mapping[str, int]:
    """How many pieces print nothing for each field the template uses."""
    if template is None:
        return MappingProxyType({})
    shop = {
        "shop_name": setup.shop_name,
        "shop_phone": setup.shop_phone,
        "shop_address": ", ".join(setup.shop_address),
    }
    blank = {
        name: sum(1 for piece in pieces if not piece.values.get(name, shop.get(name)))
        for name in sorted(template.fields)
    }
    return MappingProxyType({name: n for name, n in blank.items() if n})


def _hold_back(
    groups: list[tuple[Card, ...]], share: float, seed: str
) -> tuple[list[tuple[Card, ...]], list[tuple[Card, ...]]]:
    """(held back, sent): a random ``share`` of the letters is not sent, to compare with."""
    count = round(len(groups) * share)
    if not count:
        return [], groups
    chosen = set(random.Random(seed).sample(range(len(groups)), count))
    return (
        [g for i, g in enumerate(groups) if i in chosen],
        [g for i, g in enumerate(groups) if i not in chosen],
    )


def letter_words(settings: ShopSettings) -> Words:
    """The catalogue everything printed speaks: the shop's letters' language (a setting of the
    shop, not of the PC: the clerk's window may read another)."""
    return words_in(settings.letter_language)


def _format_locale(settings: ShopSettings) -> str:
    """Dates, lists and money on paper: the letters' language in the shop's country."""
    return format_locale(settings.locale, settings.letter_language)


def _piece(
    group: tuple[Card, ...],
    visits: Mapping[int, str],
    held: Mapping[int, Cashback],
    settings: ShopSettings,
    today: dt.date,
    asked: Mapping[str, str],
) -> Piece:
    locale, said = _format_locale(settings), letter_words(settings)
    values = mailing.merge_values(group, visits, locale, today, said) | dict(asked)
    values |= letter_values([held[c.id] for c in group if c.id], locale, settings.currency)
    first = group[0]
    key = "-".join([first.card_no, *words(first.family_name or first.given_name)[:2]])
    return Piece(
        tuple(card.id for card in group if card.id is not None),
        MappingProxyType(values),
        mailing.address_block(group, settings.region, locale, said),
        key,
        values["full_name"],
    )


# Drawing ------------------------------------------------------------------------------------


def write_batch(
    plan: BatchPlan, out: Path, *, separate_files: bool = False, progress: Report | None = None
) -> PrintResult:
    """Draw the plan into ``out`` (a PDF; with ``separate_files`` a folder of PDFs, one per
    letter or card). Needs no card file, so a worker thread may run it. A cancelled run
    (``progress`` raised Cancelled) leaves nothing behind."""
    from shopcards import printing

    recipients = [
        printing.Recipient(piece.values, piece.address, piece.key) for piece in plan.pieces
    ]
    setup = plan.setup
    head = letterhead_of(setup)
    output = plan.request.output
    if output is Output.LETTERS:
        assert plan.parsed is not None
        return printing.print_letters(
            plan.parsed,
            recipients,
            out,
            letterhead=head,
            paper=setup.paper,
            date_text=setup.date_text,
            separate_files=separate_files,
            progress=progress,
        )
    if output is Output.CARDS:
        assert plan.parsed is not None
        return printing.print_cards(
            plan.parsed,
            recipients,
            out,
            letterhead=head,
            paper=setup.paper,
            fold=setup.fold,
            separate_files=separate_files,
            progress=progress,
        )
    if output is Output.ENVELOPES:
        return printing.print_envelopes(
            recipients,
            out,
            letterhead=head,
            size=setup.envelope_size,
            progress=progress,
            said=words_in(setup.language),
        )
    return printing.print_labels(
        recipients,
        out,
        sheet=label_sheet_of(setup),
        start_at=plan.request.label_start,
        offset_mm=setup.offset_mm,
        progress=progress,
        said=words_in(setup.language),
    )


# Recording ----------------------------------------------------------------------------------


def record_batch(session: Session, plan: BatchPlan) -> int | None:
    """Write on each card that the letter or card went out; returns the batch id (None for
    envelopes and labels, which are not recorded). One transaction."""
    _check_role(session, plan.chosen, plan.request)
    kind = plan.request.output.template_kind
    if kind is None or plan.template is None:
        return None
    now = session.now()
    batch = store.BatchRow(
        now,
        session.actor,
        plan.template.name,
        plan.template.key,
        kind.value,
        plan.request.selection,
        plan.request.households,
        plan.request.holdout_share,
        len(plan.pieces),
        len(plan.excluded),
    )
    sent = [card_id for piece in plan.pieces for card_id in piece.customer_ids]
    with session.card_file.write() as db:
        batch_id = store.insert_batch(db, batch, sent, plan.held_out)
        changes.record(
            db,
            session.actor,
            now,
            "letter_batch",
            batch_id,
            "printed",
            {
                "template": plan.template.key,
                "pieces": len(plan.pieces),
                "customers": len(sent),
                "held_out": len(plan.held_out),
            },
        )
    return batch_id


def record_file_export(session: Session, plan: BatchPlan, out: Path) -> None:
    """Envelopes and labels leave no mark on the cards, but written to a file they carry the
    customers' addresses out of the card file: logged as an export, like a customer list."""
    if plan.request.output.template_kind is None:
        record_export(session, plan.request.output.value, out, len(plan.pieces))


def print_batch(
    session: Session,
    request: LetterRequest,
    out: Path,
    *,
    separate_files: bool = False,
    progress: Report | None = None,
    record: bool = True,
) -> BatchOutcome:
    """Plan, draw and (unless ``record`` is False for a proof) record a batch; a cancel
    (``progress`` raised Cancelled) records nothing."""
    plan = plan_batch(session, request)
    if not plan.pieces:
        raise ValidationError(
            {"selection": _("Nobody to print for: {summary}.", summary=plan.summary())}
        )
    result = write_batch(plan, out, separate_files=separate_files, progress=progress)
    record_file_export(session, plan, out)
    batch_id = record_batch(session, plan) if record else None
    return BatchOutcome(plan, result, batch_id)


def suggested_holdout(session: Session) -> float:
    """The share the letters screen offers when the owner ticks "Hold back": the shop's
    setting. Nothing is held back unless asked for, so this is only a suggestion."""
    return min(max(session.settings.holdout_share, 0.0), MAX_HOLDOUT)
