"""Two desks editing one letter template: the second save from a stale version is told, as a
card's is, and nothing the first desk saved is overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from shopcards.core.errors import Conflict, NotFound
from shopcards.core.roles import Role
from shopcards.core.templates import TemplateKind
from shopcards.services import templates
from shopcards.services.session import Session, open_session
from shopcards.services.templates import TemplateInfo, TemplateParts, split_text
from tests.conftest import FIXED_NOW


@pytest.fixture
def office(owner: Session) -> Session:
    """The back office: the owner's session."""
    return owner


@pytest.fixture
def till(db_path: Path, owner: Session) -> Iterator[Session]:
    """The till PC in owner mode: a second connection to the same card file."""
    session = open_session(db_path, Role.OWNER)
    session.clock = lambda: FIXED_NOW
    yield session
    session.close()


def with_body(info: TemplateInfo, body: str) -> TemplateParts:
    return replace(split_text(info.text), body=body)


def test_a_built_in_first_edited_at_both_desks_keeps_the_first_save(
    office: Session, till: Session
) -> None:
    at_office = templates.get_template(office, "letter_welcome")
    at_till = templates.get_template(till, "letter_welcome")
    assert at_office.version == at_till.version == 0
    saved = templates.save_template(office, with_body(at_office, "From the office."), at_office)
    assert saved.edited and saved.version == 1
    with pytest.raises(Conflict) as told:
        templates.save_template(till, with_body(at_till, "From the till."), at_till)
    assert "changed at another desk" in told.value.message
    assert told.value.changed_fields == ["Text"]
    stored = templates.get_template(till, "letter_welcome")
    assert stored.text.rstrip().endswith("From the office.") and stored.version == 1


def test_keep_mine_saves_over_the_version_read_after_the_conflict(
    office: Session, till: Session
) -> None:
    welcome = templates.get_template(office, "letter_welcome")
    first = templates.save_template(office, with_body(welcome, "One."), welcome)
    at_till = templates.get_template(till, first.key)
    parts = split_text(first.text)
    templates.save_template(office, replace(parts, heading="New subject"), first)
    with pytest.raises(Conflict) as told:
        templates.save_template(till, replace(parts, body="Till's words."), at_till)
    assert told.value.changed_fields == ["Subject"]
    fresh = templates.get_template(till, first.key)
    kept = templates.save_template(till, replace(parts, body="Till's words."), fresh)
    assert kept.version == 3 and split_text(kept.text).heading == parts.heading


def test_deleting_a_template_changed_at_the_other_desk_is_a_conflict(
    office: Session, till: Session
) -> None:
    own = templates.save_template(
        office, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    at_till = templates.get_template(till, own.key)
    templates.save_template(office, with_body(own, "Hello again {given_name}"), own)
    with pytest.raises(Conflict) as told:
        templates.remove_template(till, at_till)
    assert told.value.changed_fields == ["Text"]
    assert templates.get_template(office, own.key).text.rstrip().endswith("again {given_name}")


def test_a_template_deleted_or_put_back_at_the_other_desk_is_not_saved_over(
    office: Session, till: Session
) -> None:
    own = templates.save_template(
        office, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    welcome = templates.get_template(office, "letter_welcome")
    edited = templates.save_template(office, with_body(welcome, "Edited."), welcome)
    stale_own, stale_welcome = (templates.get_template(till, k) for k in (own.key, edited.key))
    templates.remove_template(office, own)
    templates.remove_template(office, edited)

    with pytest.raises(Conflict) as told:
        templates.save_template(till, with_body(stale_own, "Mine."), stale_own)
    assert "deleted at another desk" in told.value.message
    assert told.value.changed_fields == [templates.DELETED_THERE]
    with pytest.raises(NotFound):
        templates.get_template(till, own.key)

    with pytest.raises(Conflict) as told:
        templates.save_template(till, with_body(stale_welcome, "Mine."), stale_welcome)
    assert "put back as it came" in told.value.message
    assert told.value.changed_fields == ["Text"]
    assert not templates.get_template(till, "letter_welcome").edited
