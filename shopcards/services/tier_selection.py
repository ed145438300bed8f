"""The ``tier:NAME`` selection: the customers in a loyalty tier today, for a letter to the Gold
customers or a sheet of their loyalty cards. Registered with the letters' selections, so the
letters screen, ``shopcards letters`` and ``shopcards loyalty cards --tier`` all offer it."""

from __future__ import annotations

from shopcards.core.errors import ValidationError
from shopcards.core.i18n import N_, _
from shopcards.services.letter_selections import Argument, SelectionKind, register
from shopcards.services.session import Session
from shopcards.store import letters as letters_store
from shopcards.store import loyalty_insights as members_store
from shopcards.store import loyalty_tiers as store


def in_tier(session: Session, argument: str) -> list[int]:
    """The customers in the tier named ``argument`` (any case) today, in the cabinet's order;
    ValidationError naming the tiers there are for a name that is not one of them."""
    table = store.load_tiers(session.db)
    tier = next((t for t in table if t.name.casefold() == argument.strip().casefold()), None)
    if tier is None:
        raise ValidationError(
            {
                "selection": _(
                    "“{name}” is not a loyalty tier ({tiers})",
                    name=argument,
                    tiers=", ".join(t.name for t in table),
                )
                if table
                else _("“{name}” is not a loyalty tier (none is set up)", name=argument)
            }
        )
    today = session.today().isoformat()
    inside = {
        cid
        for cid, tier_id, _since in members_store.members(session.db, today)
        if tier_id == tier.id
    }
    return [cid for cid in letters_store.everyone(session.db) if cid in inside]


def _tier_choices(session: Session) -> list[tuple[str, str]]:
    return [(tier.name, tier.name) for tier in store.load_tiers(session.db)]


register(
    SelectionKind(
        "tier",
        N_("Loyalty tier"),
        "tier:Gold",
        N_("the customers in this loyalty tier today"),
        Argument.CHOICE,
        in_tier,
        _tier_choices,
    )
)
