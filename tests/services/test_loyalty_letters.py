"""The cash-back merge fields in a printed letter: the balance and what to spend by when."""

from __future__ import annotations

from pathlib import Path

from shopcards.core.templates import TemplateKind
from shopcards.services import letters, templates
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.services.templates import TemplateParts
from tests.letters_shop import build_shop, page_texts
from tests.services.loyalty_shop import sell

BODY = (
    "Dear {given_name},\n\nYou have {cashback_balance} of cash-back, and "
    "{cashback_expiring} of it to spend by {cashback_expiring_date}."
)


def test_a_letter_says_the_balance_and_what_expires_by_when(owner: Session, tmp_path: Path) -> None:
    """Today is 2026-11-23. 124,00 € bought on 2025-12-15 at 10% earned 12,40 € with its last
    day 2026-12-15 (within the 92 days "soon" means); 50,00 € bought today earned 5,00 €
    that lasts until 2027-11-23. Mikko has none."""
    ids = build_shop(owner)
    update_settings(owner, cashback_on=True, cashback_rate_bp=1000, cashback_expiry_months=12)
    sell(owner, ids["anna"], "124.00", date="2025-12-15")
    sell(owner, ids["anna"], "50.00")
    info = templates.save_template(
        owner, TemplateParts("Cash-back news", TemplateKind.LETTER, "", "Your cash-back", BODY)
    )
    plan = letters.plan_batch(
        owner, LetterRequest(Output.LETTERS, f"ids:{ids['anna']},{ids['mikko']}", info.key)
    )
    out = tmp_path / "cashback.pdf"
    letters.write_batch(plan, out)
    anna, mikko = (" ".join(page.split()) for page in page_texts(out))
    assert "You have €17.40 of cash-back, and €12.40 of it to spend by 15 December 2026." in anna
    assert "You have €0.00 of cash-back, and of it to spend by ." in mikko
    assert plan.blank == {"cashback_expiring": 1, "cashback_expiring_date": 1}
