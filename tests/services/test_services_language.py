"""The services' refusals and reminders in the language in use, values kept in their place."""

from __future__ import annotations

import pytest

from shopcards.core.errors import PermissionDenied
from shopcards.services import catalogues, retention
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.services.test_retention import shop

__all__ = ["shop"]  # the fixture, used by name below


def test_a_clerk_is_refused_an_owner_only_task_in_finnish(clerk: Session) -> None:
    catalogues.start("fi")
    with pytest.raises(PermissionDenied) as refused:
        update_settings(clerk, retention_months=12)
    assert refused.value.message == (
        "Vain omistaja voi muuttaa asetuksia. Vaihda omistajatilaan PIN-koodilla."
    )


def test_the_retention_reminder_takes_romanians_plural_for_two(
    owner: Session, shop: dict[str, int]
) -> None:
    update_settings(owner, retention_months=36)
    catalogues.start("ro")
    assert retention.reminder(owner) == (
        "2 clienți au depășit termenul de păstrare de 36 luni: verificați-i în "
        "Magazin ▸ Clienți cu termen de păstrare depășit…"
    )
