"""The prize drawing is fair to someone who was not in the room: a notice binds the draw
before it happens, and a restore-and-redraw or a forged seed shows when it is checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from shopcards.core.drawing import canonical, chain_sha256, pick
from shopcards.core.errors import ShopError
from shopcards.services import backup, cards, drawing, drawing_notice, drawing_proof, settings
from shopcards.services.session import Session
from shopcards.store import drawing as drawing_store
from shopcards.store import drawing_witness
from tests.conftest import card_input

OCTOBER = "2026-10"  # the clock in tests stands at 23 November 2026


@pytest.fixture
def entered(owner: Session) -> list[int]:
    """Six customers entered in October."""
    ids = []
    for given in ("Anna", "Bo", "Cai", "Dan", "Eva", "Fay"):
        card = cards.add_card(owner, card_input(given, "Virtanen"))
        assert card.id is not None
        drawing.enter_drawing(owner, card.id, OCTOBER)
        ids.append(card.id)
    return ids


def fields(report: drawing_proof.VerifyReport) -> set[str]:
    return {finding.field for finding in report.findings}


def seed_that_picks(session: Session, month: str, favourite: int) -> bytes:
    """What a forger does: try seeds until the chosen card wins."""
    drawn = drawing_store.get(session.db, month)
    assert drawn is not None
    for number in range(10_000):
        seed = hashlib.sha256(number.to_bytes(4, "big")).digest()
        if pick(drawn.frozen.entries, seed, 1)[0] == favourite:
            return seed
    raise AssertionError("no seed found")


def test_the_notice_is_published_before_the_draw_and_the_seed_matches_it(
    owner: Session, entered: list[int]
) -> None:
    notice = drawing_notice.publish_notice(owner, OCTOBER)
    assert notice.entries == 6 and len(notice.commitment) == 64
    assert drawing_notice.publish_notice(owner, OCTOBER) == notice  # twice is harmless
    result = drawing.draw(owner, OCTOBER)
    seed = bytes.fromhex(result.seed_hex)
    text = "\n".join(["shopcards-commitment/v1", OCTOBER, notice.entries_sha256, seed.hex()])
    assert hashlib.sha256(text.encode()).hexdigest() == notice.commitment == result.commitment
    report = drawing_proof.verify_drawing(owner, OCTOBER, published=notice.commitment)
    assert report.ok and report.findings == ()


def test_a_draw_needs_a_published_notice(owner: Session, entered: list[int]) -> None:
    with pytest.raises(ShopError, match="Publish the October 2026 drawing notice first"):
        drawing.draw(owner, OCTOBER)


def test_the_current_month_cannot_be_published_or_drawn_before_it_ends(owner: Session) -> None:
    owner.clock = lambda: dt.datetime(2026, 11, 5, 9, 0)
    anna = cards.add_card(owner, card_input()).id
    assert anna is not None
    drawing.enter_drawing(owner, anna)
    for act in (drawing_notice.publish_notice, drawing.draw):
        with pytest.raises(ShopError, match=r"November 2026 has not ended yet.*until 2026-12-01"):
            act(owner, "2026-11")
    bo = cards.add_card(owner, card_input("Bo")).id
    assert bo is not None
    drawing.enter_drawing(owner, bo)  # later entries that month still count
    assert drawing.preview_drawing(owner, "2026-11").entries == 2


def test_a_published_month_takes_no_more_entries(owner: Session, entered: list[int]) -> None:
    drawing_notice.publish_notice(owner, OCTOBER)
    late = cards.add_card(owner, card_input("Late")).id
    assert late is not None
    with pytest.raises(ShopError, match="notice is published already"):
        drawing.enter_drawing(owner, late, OCTOBER)


def test_restoring_a_backup_and_drawing_again_shows_as_a_fork(
    owner: Session, entered: list[int], tmp_path: Path
) -> None:
    before = backup.backup_now(owner, tmp_path / "before.db")
    first = drawing_notice.publish_notice(owner, OCTOBER)
    drawing.draw(owner, OCTOBER)
    backup.restore_from(owner, before)  # the owner did not like the winner
    again = drawing_notice.publish_notice(owner, OCTOBER)
    drawing.draw(owner, OCTOBER)
    assert again.commitment != first.commitment
    report = drawing_proof.verify_drawing(owner, OCTOBER)
    assert not report.ok and "witness log" in fields(report)
    assert "2026-10, published" in " ".join(f.text for f in report.findings)
    shown = drawing_proof.verify_drawing(owner, OCTOBER, published=first.commitment)
    assert "published notice" in fields(shown)  # the notice in the shop window shows it too


def test_a_seed_forged_into_the_file_does_not_match_the_commitment(
    owner: Session, entered: list[int]
) -> None:
    drawing_notice.publish_notice(owner, OCTOBER)
    result = drawing.draw(owner, OCTOBER)
    favourite = next(cid for cid in entered if cid != result.current.customer_id)
    forged = seed_that_picks(owner, OCTOBER, favourite)
    picks = pick(drawing_store.get(owner.db, OCTOBER).frozen.entries, forged, 4)  # type: ignore[union-attr]
    owner.db.execute(
        "UPDATE drawings SET seed = ?, picks = ?", [forged.hex(), json.dumps(list(picks))]
    )
    owner.db.execute("UPDATE drawing_steps SET customer_id = ?", [favourite])
    report = drawing_proof.verify_drawing(owner, OCTOBER)
    assert report.verification.ok  # the replay alone would have said VERIFIED
    assert {"commitment", "seed", "picks"} <= fields(report)


def test_a_chain_rewritten_by_hand_disagrees_with_the_witness_log(
    owner: Session, entered: list[int]
) -> None:
    drawing_notice.publish_notice(owner, OCTOBER)
    drawing.draw(owner, OCTOBER)
    row = owner.db.execute("SELECT seq, body, prev_sha256 FROM drawing_chain WHERE kind = 'drawn'")
    seq, body, previous = row.fetchone()
    forged = json.loads(body) | {"picks": [1, 2, 3, 4]}
    owner.db.execute("UPDATE drawing_chain SET body = ? WHERE seq = ?", [canonical(forged), seq])
    edited = drawing_proof.verify_drawing(owner, OCTOBER)
    assert "chain link" in fields(edited)  # its hash no longer fits
    owner.db.execute(
        "UPDATE drawing_chain SET sha256 = ? WHERE seq = ?",
        [chain_sha256(previous, "drawn", OCTOBER, forged), seq],
    )
    rehashed = drawing_proof.verify_drawing(owner, OCTOBER)
    assert "witness log" in fields(rehashed) and "chain link" not in fields(rehashed)


def test_a_discarded_notice_stays_in_the_chain_with_its_seed(
    owner: Session, entered: list[int]
) -> None:
    first = drawing_notice.publish_notice(owner, OCTOBER)
    with pytest.raises(ShopError, match="Say why"):
        drawing_notice.discard_notice(owner, OCTOBER, "  ")
    drawing_notice.discard_notice(owner, OCTOBER, "wrong rules: staff were in")
    assert drawing_notice.get_notice(owner, OCTOBER) is None
    second = drawing_notice.publish_notice(owner, OCTOBER)
    assert second.commitment != first.commitment
    kinds = owner.db.execute("SELECT kind, body FROM drawing_chain ORDER BY seq").fetchall()
    assert [kind for kind, _ in kinds] == ["published", "discarded", "published"]
    discarded = json.loads(kinds[1][1])
    assert discarded["commitment"] == first.commitment and len(discarded["seed"]) == 64
    assert discarded["reason"] == "wrong rules: staff were in"
    drawing.draw(owner, OCTOBER)
    assert drawing_proof.verify_drawing(owner, OCTOBER, published=second.commitment).ok


def test_the_witness_log_sits_beside_the_backups_and_is_private(
    owner: Session, entered: list[int]
) -> None:
    drawing_notice.publish_notice(owner, OCTOBER)
    drawing.draw(owner, OCTOBER)
    where = owner.card_file.path  # a shared card file's stands in its PC's data folder
    path = drawing_witness.witness_path(where)
    assert path == where.parent / "backups" / f"{where.stem}.drawing-chain.log"
    lines = drawing_witness.lines(where)
    assert [(line["seq"], line["kind"]) for line in lines] == [(1, "published"), (2, "drawn")]
    assert lines[1]["prev_sha256"] == lines[0]["sha256"]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_month_drawn_later_is_not_blamed_as_card_changes(owner: Session) -> None:
    settings.update_settings(owner, drawing_exclude_winners_months=3, drawing_alternates=0)
    anna = cards.add_card(owner, card_input("Anna")).id
    assert anna is not None
    drawing.enter_drawing(owner, anna, "2026-08")
    drawing.enter_drawing(owner, anna, OCTOBER)
    owner.clock = lambda: dt.datetime(2026, 11, 2, 10, 0)
    drawing_notice.publish_notice(owner, OCTOBER)
    drawing.draw(owner, OCTOBER)  # August not drawn yet: Anna takes part in October
    owner.clock = lambda: dt.datetime(2026, 11, 3, 10, 0)
    drawing_notice.publish_notice(owner, "2026-08")
    drawing.draw(owner, "2026-08")  # Anna wins August later
    report = drawing_proof.verify_drawing(owner, OCTOBER)
    assert report.ok and report.rebuilt_same and report.changed_cards == ()


def test_the_winners_window_notice_prints_the_commitment_and_the_seed(
    owner: Session, entered: list[int], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    notice = drawing_notice.publish_notice(owner, OCTOBER)
    result = drawing.draw(owner, OCTOBER)
    out = drawing.print_window_notice(owner, OCTOBER, tmp_path / "winner.pdf")
    text = "".join(PdfReader(out).pages[0].extract_text().split())
    assert notice.commitment in text and result.seed_hex in text
    assert f"--month{OCTOBER}--verify--published" in text
