"""An old release's file gets a consent record for every consent its cards hold (m015)."""

from __future__ import annotations

from pathlib import Path

from shopcards.core.card import Consent
from shopcards.core.consent import Channel, How
from shopcards.store import consents
from shopcards.store.cardfile import open_card_file
from tests.store.test_old_card_files import FIXTURES, old_card_file


def test_each_given_consent_of_an_old_file_gets_one_event(tmp_path: Path) -> None:
    path = old_card_file(FIXTURES / "schema_v6.db.gz", tmp_path)
    with open_card_file(path) as card_file:
        db = card_file.db
        given = db.execute(
            "SELECT (consent_post != 'not_asked') + (consent_phone != 'not_asked') "
            "+ (consent_email != 'not_asked') FROM customers"
        ).fetchall()
        assert db.execute("SELECT count(*) FROM consent_events").fetchone()[0] == sum(
            n for (n,) in given
        )
        card_id, post, created = db.execute(
            "SELECT id, consent_post, created_at FROM customers "
            "WHERE consent_post != 'not_asked' ORDER BY id LIMIT 1"
        ).fetchone()
        event = consents.latest(db, card_id)[Channel.POST]
        assert (event.value, event.how, event.at) == (Consent(post), How.UNKNOWN, created)
        assert db.execute("SELECT incoming FROM calls LIMIT 1").fetchall() in ([], [(0,)])
