"""Two desks editing one letter template: the second save from a stale version is told, as a
card's is, and nothing the first desk saved is overwritten. ``owner`` is the back office,
``other_owner`` the till PC in owner mode: two connections to one card file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shopcards.core.errors import Conflict, NotFound
from shopcards.core.templates import TemplateKind
from shopcards.services import templates
from shopcards.services.session import Session
from shopcards.services.templates import TemplateInfo, TemplateParts, split_text


def with_body(info: TemplateInfo, body: str) -> TemplateParts:
    return replace(split_text(info.text), body=body)


def test_a_built_in_first_edited_at_both_desks_keeps_the_first_save(
    owner: Session, other_owner: Session
) -> None:
    at_office = templates.get_template(owner, "letter_welcome")
    at_till = templates.get_template(other_owner, "letter_welcome")
    assert at_office.version == at_till.version == 0
    saved = templates.save_template(owner, with_body(at_office, "From the office."), at_office)
    assert saved.edited and saved.version == 1
    with pytest.raises(Conflict) as told:
        templates.save_template(other_owner, with_body(at_till, "From the till."), at_till)
    assert "changed at another desk" in told.value.message
    assert told.value.changed_fields == ["Text"]
    stored = templates.get_template(other_owner, "letter_welcome")
    assert stored.text.rstrip().endswith("From the office.") and stored.version == 1


def test_keep_mine_saves_over_the_version_read_after_the_conflict(
    owner: Session, other_owner: Session
) -> None:
    welcome = templates.get_template(owner, "letter_welcome")
    first = templates.save_template(owner, with_body(welcome, "One."), welcome)
    at_till = templates.get_template(other_owner, first.key)
    parts = split_text(first.text)
    templates.save_template(owner, replace(parts, heading="New subject"), first)
    with pytest.raises(Conflict) as told:
        templates.save_template(other_owner, replace(parts, body="Till's words."), at_till)
    assert told.value.changed_fields == ["Subject"]
    fresh = templates.get_template(other_owner, first.key)
    kept = templates.save_template(other_owner, replace(parts, body="Till's words."), fresh)
    assert kept.version == 3 and split_text(kept.text).heading == parts.heading


def test_deleting_a_template_changed_at_the_other_desk_is_a_conflict(
    owner: Session, other_owner: Session
) -> None:
    own = templates.save_template(
        owner, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    at_till = templates.get_template(other_owner, own.key)
    templates.save_template(owner, with_body(own, "Hello again {given_name}"), own)
    with pytest.raises(Conflict) as told:
        templates.remove_template(other_owner, at_till)
    assert told.value.changed_fields == ["Text"]
    assert templates.get_template(owner, own.key).text.rstrip().endswith("again {given_name}")


def test_a_template_deleted_or_put_back_at_the_other_desk_is_not_saved_over(
    owner: Session, other_owner: Session
) -> None:
    own = templates.save_template(
        owner, TemplateParts("Spring news", TemplateKind.LETTER, "", "", "Hello {given_name}")
    )
    welcome = templates.get_template(owner, "letter_welcome")
    edited = templates.save_template(owner, with_body(welcome, "Edited."), welcome)
    stale_own = templates.get_template(other_owner, own.key)
    stale_welcome = templates.get_template(other_owner, edited.key)
    templates.remove_template(owner, own)
    templates.remove_template(owner, edited)

    with pytest.raises(Conflict) as told:
        templates.save_template(other_owner, with_body(stale_own, "Mine."), stale_own)
    assert "deleted at another desk" in told.value.message
    assert told.value.changed_fields == [templates.DELETED_THERE]
    with pytest.raises(NotFound):
        templates.get_template(other_owner, own.key)

    with pytest.raises(Conflict) as told:
        templates.save_template(other_owner, with_body(stale_welcome, "Mine."), stale_welcome)
    assert "put back as it came" in told.value.message
    assert told.value.changed_fields == ["Text"]
    assert not templates.get_template(other_owner, "letter_welcome").edited
