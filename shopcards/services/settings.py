"""Changing the shop's settings (owner only)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from shopcards.core.errors import ValidationError
from shopcards.core.settings import ShopSettings
from shopcards.services.session import Session, require_owner
from shopcards.store import changes, customers
from shopcards.store import settings as settings_store


def update_settings(session: Session, **values: Any) -> ShopSettings:
    """Save new values; a new locale re-files every card under its alphabet."""
    require_owner(session, "change the settings")
    old = session.settings
    unknown = sorted(set(values) - set(old.to_dict()))
    if unknown:
        raise ValidationError({name: "There is no such setting" for name in unknown})
    new = replace(old, **values)
    with session.card_file.write() as db:
        settings_store.save(db, values)
        if new.locale != old.locale:
            session.forget_settings()
            customers.refile_all(db, session.alphabet)
        changes.record(db, session.actor, session.now(), "settings", 0, "changed",
                       {"keys": sorted(values)})
    session.forget_settings()
    return session.settings
