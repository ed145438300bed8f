"""Two owner desks on one card file change the settings: the same setting changed at both is
refused at the second save (the first stays), different settings are both kept."""

from __future__ import annotations

from threading import Barrier, Thread

import pytest

from shopcards.core.errors import Conflict
from shopcards.core.roles import Role
from shopcards.services import insights
from shopcards.services.opening import open_session
from shopcards.services.session import Session
from shopcards.services.settings import current_settings, save_letter_settings, update_settings
from shopcards.store.stores import Location


def test_the_same_setting_changed_at_both_desks_refuses_the_second_and_keeps_the_first(
    owner: Session, other_owner: Session
) -> None:
    office, till = current_settings(owner), current_settings(other_owner)
    update_settings(owner, base=office, shop_name="Office Name", lapsed_months=9)
    with pytest.raises(Conflict) as caught:
        update_settings(other_owner, base=till, shop_name="Till Name", signer_name="Till")
    assert caught.value.changed_fields == ["Shop name"]
    assert "Shop name is now “Office Name”" in caught.value.message
    stored = current_settings(owner)
    assert (stored.shop_name, stored.lapsed_months, stored.signer_name) == ("Office Name", 9, "")


def test_different_settings_changed_at_both_desks_are_both_kept(
    owner: Session, other_owner: Session
) -> None:
    office, till = current_settings(owner), current_settings(other_owner)
    update_settings(owner, base=office, shop_name="Office Name")
    update_settings(other_owner, base=till, signer_name="Till")
    stored = current_settings(owner)
    assert (stored.shop_name, stored.signer_name) == ("Office Name", "Till")


def test_a_value_left_as_loaded_is_not_written_over_the_other_desks(
    owner: Session, other_owner: Session
) -> None:
    """The thresholds dialog sends all five; the one the till did not touch stays the office's."""
    office, till = current_settings(owner), current_settings(other_owner)
    update_settings(owner, base=office, lapsed_months=9)
    insights.save_thresholds(
        other_owner, base=till, lapsed_months=till.lapsed_months, former_months=6,
        regular_visits=None, heavy_spend=None, holdout_share=till.holdout_share,
    )  # fmt: skip
    stored = current_settings(owner)
    assert (stored.lapsed_months, stored.former_months) == (9, 6)


def test_the_letters_and_insights_saves_check_too(owner: Session, other_owner: Session) -> None:
    office, till = current_settings(owner), current_settings(other_owner)
    update_settings(owner, base=office, letter_closing="Yours,", holdout_share=0.2)
    with pytest.raises(Conflict, match=r"Closing words.*“Yours,”"):
        save_letter_settings(other_owner, base=till, letter_closing="Best,")
    with pytest.raises(Conflict, match="20 %"):
        insights.save_thresholds(
            other_owner, base=till, lapsed_months=6, former_months=12,
            regular_visits=None, heavy_spend=None, holdout_share=0.3,
        )  # fmt: skip
    assert current_settings(owner).letter_closing == "Yours,"


def test_the_command_line_sets_values_as_given(owner: Session, other_owner: Session) -> None:
    """No base: nothing was read earlier to compare against, so the value is set."""
    update_settings(owner, shop_name="Office Name")
    update_settings(other_owner, shop_name="Till Name")
    assert current_settings(owner).shop_name == "Till Name"


def test_two_desks_saving_the_same_setting_at_once_cannot_both_pass(
    location: Location, owner: Session
) -> None:
    """Read, compare and write are one BEGIN IMMEDIATE transaction: the later one sees the
    earlier one's value, whichever order the two threads happen to run in."""
    base = current_settings(owner)
    start = Barrier(2, timeout=30)
    outcome: dict[str, str] = {}

    def desk(name: str) -> None:
        session = open_session(location, Role.OWNER)  # a connection of its own, as a desk has
        start.wait()
        try:
            update_settings(session, base=base, shop_name=name)
            outcome[name] = "saved"
        except Conflict:
            outcome[name] = "refused"
        finally:
            session.card_file.close()

    desks = [Thread(target=desk, args=(name,)) for name in ("Office", "Till")]
    for thread in desks:
        thread.start()
    for thread in desks:
        thread.join(timeout=30)
    assert sorted(outcome.values()) == ["refused", "saved"]
    saved = next(name for name, result in outcome.items() if result == "saved")
    assert current_settings(owner).shop_name == saved
