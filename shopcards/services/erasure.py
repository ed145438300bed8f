"""Forgetting customers at their request (GDPR article 17), so that nothing of them is left.

One customer from their card, or many at once (those past the retention period): one
transaction, one merge of the search index, then the write-ahead log is emptied into the
file. When another desk is reading at that moment the wipe stays pending: it is finished
at the next chance (:func:`finish_wipe`: the window tries on a timer, opening the file tries),
and :func:`wipe_note` tells the owner until then. Each erasure is also logged beside the
backups, so that restoring an older backup forgets them again (:func:`forget_again`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shopcards.core.errors import Cancelled
from shopcards.core.i18n import N_, _, ngettext
from shopcards.core.progress import CancelToken, Report, tell
from shopcards.core.retention import Logged
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, erasure, erasure_file, search_index

WHAT_GOES = N_(
    "The card goes: name, address, phones, e-mail, birthday, notes and interests, with the "
    "calls, letters sent, drawing entries and loyalty tiers on it, and the history of its "
    "changes. Its words are wiped from the search index and from the file's free space."
)
WHAT_STAYS = N_(
    "Sales stay as anonymous amounts and dates, so the shop's totals and past campaign "
    "results do not change; what was written on them (items, notes) is blanked. The card "
    "number is never given to anyone else."
)


def forget_customer(session: Session, card_id: int) -> Logged:
    """Forget one customer (owner only)."""
    (logged,) = forget_customers(session, [card_id])
    return logged


def forget_customers(
    session: Session,
    card_ids: Sequence[int],
    report: Report | None = None,
    cancel: CancelToken | None = None,
) -> list[Logged]:
    """Forget every card in ``card_ids`` in one transaction (all or none; cancelling leaves
    every card as it was), then wipe what is left of them: the search index's old segments
    and what SQLite freed (owner only)."""
    require_owner(session, _("forget a customer"))
    done: list[Logged] = []
    with session.card_file.write():
        for number, card_id in enumerate(card_ids, start=1):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(_("Cancelled: no customer was forgotten."))
            done.append(_forget(session, card_id))
            tell(report, number, len(card_ids), _("Forgetting customers"))
    erasure_file.append(session.card_file.path, done)
    finish_wipe(session)
    return done


def _forget(session: Session, card_id: int) -> Logged:
    db = session.db
    logged = erasure.forget(db, card_id, session.today().isoformat())
    changes.record(db, session.actor, session.now(), "customer", card_id, "erased")
    return logged


def finish_wipe(session: Session, merge: bool = True) -> bool:
    """Merge the search index's old segments away and empty the write-ahead log into the
    file, if an erasure left either to do; True when nothing is pending any more. Anyone may
    run it (it changes no data). The merge runs in short transactions of its own, seconds in
    all on a big card file: ``merge`` False leaves it (the window's timer, on its own thread)
    for the next erasure or the next opening of the file."""
    waiting = erasure.unmerged(session.db)
    if waiting and not merge:
        return False
    if waiting:
        while True:
            with session.card_file.write() as db:
                if not search_index.merge_step(db):
                    erasure.mark_merged(db, waiting)
                    break
    if not erasure.pending(session.db):
        return True
    if not erasure.checkpoint(session.card_file.conn):
        return False
    with session.card_file.write() as db:
        erasure.mark_wiped(db, session.today().isoformat())
    erasure.checkpoint(session.card_file.conn)  # the mark's own page, no personal data
    return True


def wipe_note(session: Session) -> str:
    """What the owner is told while a wipe is pending, or ''."""
    waiting = erasure.pending(session.db)
    if not waiting:
        return ""
    which = (
        _("card {number}", number=waiting[0])
        if len(waiting) == 1
        else ngettext("{count} card", "{count} cards", len(waiting), count=len(waiting))
    )
    if erasure.unmerged(session.db):  # the program was closed before the index's merge
        return _(
            "Forgetting {which} is not finished: the search index still holds old words. It "
            "finishes when the card file is next opened.",
            which=which,
        )
    return _(
        "Forgetting {which} is not finished: another desk has the card file open. It "
        "finishes by itself once that desk closes it or is idle.",
        which=which,
    )


def forget_again(
    session: Session, earlier: Sequence[Logged], log_of: Path | None = None
) -> list[int]:
    """After a restore: forget every card logged as erased (in ``earlier``, the log of the
    content replaced, in the log beside the backups, or in the restored file's own) that the
    restored file holds again, and keep the whole log. Returns the card ids forgotten again.

    Not limited to the owner: it runs inside the owner's restore, and on a file being
    restored before its owner is known. ``log_of``: the card file whose log beside the
    backups counts, when the session is on a copy being restored in its place."""
    path = log_of or session.card_file.path
    db = session.db
    every = {line.card_id: line for line in [*erasure_file.lines(path), *earlier]}
    every.update({line.card_id: line for line in erasure.logged(db)})
    back = erasure.still_present(db, sorted(every))
    with session.card_file.write() as db:
        gone = [line for card_id, line in every.items() if card_id not in back]
        erasure.log(db, gone, wiped=True)
        for card_id in back:
            _forget(session, card_id)
            erasure.log(db, [every[card_id]])  # the first day it was forgotten
    if every:
        finish_wipe(session)
    return back
