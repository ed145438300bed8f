"""The merge fields ``tier`` and ``discount`` in a printed letter, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

from shopcards.core.loyalty_tiers import Rule, Tier
from shopcards.core.templates import TemplateKind
from shopcards.services import letters, loyalty_tiers, templates
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.services.templates import TemplateParts
from tests.letters_shop import build_shop, page_texts

BODY = "Dear {given_name},\n\nAs a {tier} customer you have {discount} off everything."


def test_a_letter_says_the_customers_tier_and_discount(owner: Session, tmp_path: Path) -> None:
    ids = build_shop(owner)
    update_settings(owner, tiers_on=True)
    loyalty_tiers.save_tiers(owner, [Tier("Silver", 1250, Rule.SPEND, threshold=0)])
    loyalty_tiers.place_by_hand(owner, ids["anna"], "Silver", "2027-01-01", "a regular")
    template = templates.save_template(
        owner, TemplateParts("Tier letter", TemplateKind.LETTER, heading="Thank you", body=BODY)
    )
    plan = letters.plan_batch(
        owner, LetterRequest(Output.LETTERS, f"ids:{ids['anna']},{ids['aram']}", template.key)
    )
    letters.write_batch(plan, tmp_path / "tiers.pdf")
    anna, aram = page_texts(tmp_path / "tiers.pdf")
    assert "As a Silver customer you have 12.5% off everything." in " ".join(anna.split())
    assert "As a customer you have off everything." in " ".join(aram.split())  # no tier
    assert dict(plan.blank) == {"tier": 1, "discount": 1}
