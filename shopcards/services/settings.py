"""Changing the shop's settings, and setting a new shop up: every save goes through
:func:`shopcards.core.settings.check`, whoever makes it (the window, the command line, an
import), and then through the checks that need the printing engine (pictures, a custom label
sheet). Nothing is saved unless every value will do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from shopcards.core.errors import ValidationError
from shopcards.core.settings import ShopSettings, check
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import settings as settings_store

SET_UP_KEY = "shop_set_up"
"""Stored (true) once the shop's first-start setup was saved or skipped."""


def update_settings(session: Session, **values: Any) -> ShopSettings:
    """Check and save new values (owner only); a new locale re-files every card under its
    alphabet. ValidationError names every value that will not do, and nothing is saved then."""
    require_owner(session, "change the settings")
    return _save(session, values, set_up=False)


def needs_setup(session: Session) -> bool:
    """True on a card file whose shop was never set up: no first-start setup saved or skipped,
    and no shop name saved another way (a file from before the setup existed, a demo shop)."""
    stored = settings_store.load(session.db)
    return not stored.get(SET_UP_KEY) and "shop_name" not in stored


def set_up_shop(session: Session, **values: Any) -> ShopSettings:
    """The first-start setup: anyone may save it on a shop never set up (there is no PIN yet),
    afterwards only the owner."""
    if not needs_setup(session):
        require_owner(session, "change the settings")
    return _save(session, values, set_up=True)


def skip_setup(session: Session) -> None:
    """The person chose to set the shop up later (the Settings window holds everything)."""
    with session.card_file.write() as db:
        settings_store.save(db, {SET_UP_KEY: True})
        changes.record(db, session.actor, session.now(), "settings", 0, "setup skipped")


def _save(session: Session, values: dict[str, Any], set_up: bool) -> ShopSettings:
    session.forget_settings()  # another desk may have saved since they were read here
    old = session.settings
    checked = check(values)
    new = replace(old, **checked)
    problems = _printing_problems(new, set(checked))
    if problems:
        raise ValidationError(problems)
    with session.card_file.write() as db:
        settings_store.save(db, checked | ({SET_UP_KEY: True} if set_up else {}))
        if new.locale != old.locale:
            session.forget_settings()
            customers.refile_all(db, session.alphabet)
        what = "set up" if set_up else "changed"
        changes.record(db, session.actor, session.now(), "settings", 0, what,
                       {"keys": sorted(checked)})  # fmt: skip
    session.forget_settings()
    return session.settings


def _printing_problems(settings: ShopSettings, changed: set[str]) -> dict[str, str]:
    """What the printing engine says of the changed pictures and custom label sheet."""
    from shopcards.services.letter_setup import PICTURE_SETTINGS, SHEET_SETTINGS, setting_problems

    if not changed & {*PICTURE_SETTINGS, *SHEET_SETTINGS}:
        return {}
    return setting_problems(settings)
