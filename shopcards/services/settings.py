"""Changing the shop's settings, and setting a new shop up: every save goes through
:func:`shopcards.core.settings.check`, whoever makes it (the window, the command line, an
import), and then through the checks that need the printing engine (pictures, a custom label
sheet). Nothing is saved unless every value will do.

Two desks may have the settings open at once. A desk's save names the settings it started
from (``base``); a setting it changes that another desk changed since is refused with
:class:`~shopcards.core.errors.Conflict`, so the second save never silently overwrites the
first. Settings the desk did not change are not written, so the other desk's changes to them
stand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from shopcards.core.errors import Conflict, ValidationError
from shopcards.core.i18n import _
from shopcards.core.money import format_money
from shopcards.core.settings import BY_KEY, Setting, ShopSettings, check
from shopcards.services.letter_setup import (
    LETTER_SETTINGS,
    PICTURE_SETTINGS,
    SHEET_SETTINGS,
    setting_problems,
)
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import settings as settings_store

SET_UP_KEY = "shop_set_up"
"""Stored (true) once the shop's first-start setup was saved or skipped."""


def update_settings(
    session: Session, *, base: ShopSettings | None = None, **values: Any
) -> ShopSettings:
    """Check and save new values (owner only); a new locale re-files every card under its
    alphabet. ValidationError names every value that will not do, and nothing is saved then.

    ``base`` is the settings as the desk loaded them (a window passes what it filled its fields
    from): a value equal to its base is not written, and Conflict names each changed setting
    that another desk saved differently since. Without a base the values are set as given.
    """
    require_owner(session, _("change the settings"))
    return _save(session, values, set_up=False, base=base)


def set_settings(session: Session, values: Mapping[str, Any]) -> ShopSettings:
    """The command line's ``shopcards settings KEY=VALUE``: the values are set as given, with no
    conflict check, since no earlier read of them was shown to compare against. Taken as a
    mapping, so a key typed as ``base`` is refused as unknown rather than read as the base."""
    require_owner(session, _("change the settings"))
    return _save(session, dict(values), set_up=False)


def current_settings(session: Session) -> ShopSettings:
    """The settings as stored now, not as this desk read them earlier (for "Reload theirs")."""
    session.forget_settings()
    return session.settings


def needs_setup(session: Session) -> bool:
    """True on a card file whose shop was never set up: no first-start setup saved or skipped,
    and no shop name saved another way (a file from before the setup existed, a demo shop)."""
    stored = settings_store.load(session.db)
    return not stored.get(SET_UP_KEY) and "shop_name" not in stored


def set_up_shop(session: Session, **values: Any) -> ShopSettings:
    """The first-start setup: anyone may save it on a shop never set up (there is no PIN yet),
    afterwards only the owner."""
    if not needs_setup(session):
        require_owner(session, _("change the settings"))
    return _save(session, values, set_up=True)


def skip_setup(session: Session) -> None:
    """The person chose to set the shop up later (the Settings window holds everything)."""
    with session.card_file.write() as db:
        settings_store.save(db, {SET_UP_KEY: True})
        changes.record(db, session.actor, session.now(), "settings", 0, "setup skipped")


def _save(
    session: Session, values: dict[str, Any], set_up: bool, base: ShopSettings | None = None
) -> ShopSettings:
    checked = check(values)
    if base is not None:
        checked = {key: value for key, value in checked.items() if value != getattr(base, key)}
        if not checked:
            return current_settings(session)
    with session.card_file.write() as db:  # BEGIN IMMEDIATE: no other desk saves in between
        old = ShopSettings.from_dict(settings_store.load(db))
        if base is not None:
            _refuse_changed_since(old, base, checked)
        new = replace(old, **checked)
        problems = _printing_problems(new, set(checked))
        if problems:
            raise ValidationError(problems)
        settings_store.save(db, checked | ({SET_UP_KEY: True} if set_up else {}))
        if new.locale != old.locale:
            session.forget_settings()
            customers.refile_all(db, session.alphabet)
        what = "set up" if set_up else "changed"
        changes.record(db, session.actor, session.now(), "settings", 0, what,
                       {"keys": sorted(checked)})  # fmt: skip
    session.forget_settings()
    return session.settings


def _refuse_changed_since(
    stored: ShopSettings, base: ShopSettings, changed: dict[str, Any]
) -> None:
    """Conflict naming each setting being changed here that another desk saved since ``base``
    was read, with what it holds now."""
    theirs = [key for key in changed if getattr(stored, key) != getattr(base, key)]
    if not theirs:
        return
    now = "; ".join(
        _(
            "{setting} is now {value}",
            setting=_(BY_KEY[key].label),
            value=shown(BY_KEY[key], getattr(stored, key), stored),
        )
        for key in theirs
    )
    message = _(
        "Another desk saved settings you changed here since you opened them: {now}.", now=now
    )
    raise Conflict(message, [_(BY_KEY[key].label) for key in theirs])


def shown(setting: Setting, value: Any, settings: ShopSettings) -> str:
    """A setting's value as people read it: a choice's label, money in the shop's currency."""
    if value is None or value == "":
        return _(setting.none_text) if setting.none_text else _("left empty")
    options = setting.options()
    if options:
        return _(options[value]) if value in options else str(value)
    if setting.kind is bool:
        return _("yes") if value else _("no")
    if setting.shown_as == "money":
        return format_money(value, settings.locale, settings.currency)
    if setting.shown_as == "percent":
        return f"{value * 100:g} %"
    if isinstance(value, str):
        return f"“{value}”"
    return f"{value:g}{setting.unit}" if isinstance(value, float) else f"{value}{setting.unit}"


def save_letter_settings(
    session: Session, *, base: ShopSettings | None = None, **values: Any
) -> ShopSettings:
    """Check and save the letterhead and printing settings (owner only); ``base`` is what the
    desk loaded, as :func:`~shopcards.services.settings.update_settings` takes it.

    ValidationError names each setting that will not do, before anything is saved: what the
    declarations refuse (core.settings.check), a custom sheet whose labels overflow the page,
    a picture that cannot be read.
    """
    require_owner(session, _("change the letterhead and printing settings"))
    unknown = sorted(set(values) - set(LETTER_SETTINGS))
    if unknown:
        raise ValidationError({name: _("is not a letter setting") for name in unknown})
    return update_settings(session, base=base, **values)


def _printing_problems(settings: ShopSettings, changed: set[str]) -> dict[str, str]:
    """What the printing engine says of the changed pictures and custom label sheet."""
    if not changed & {*PICTURE_SETTINGS, *SHEET_SETTINGS}:
        return {}
    return setting_problems(settings)
