"""Saving settings and setting a new shop up: the one check, all or nothing, who may."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.drawing import EntryMode
from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.settings import BY_KEY
from shopcards.printing import ENVELOPES, LABEL_SHEETS
from shopcards.services import demo, insights, letters
from shopcards.services.letters import LetterRequest, Output
from shopcards.services.session import Session
from shopcards.services.settings import needs_setup, set_up_shop, skip_setup, update_settings
from tests.letters_shop import build_shop, page_texts


def test_the_declared_choices_are_what_printing_and_the_drawing_know() -> None:
    assert set(BY_KEY["envelope_size"].options()) == set(ENVELOPES)
    assert set(BY_KEY["label_sheet"].options()) == {*LABEL_SHEETS, "custom"}
    assert set(BY_KEY["drawing_entry_mode"].options()) == {mode.value for mode in EntryMode}


def test_issue_11s_values_are_refused_and_nothing_is_saved(owner: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        update_settings(
            owner, shop_name="Half Saved", owner_idle_minutes="ten",
            label_sheet="no-such-sheet", drawing_entry_mode="sometimes",
        )  # fmt: skip
    assert set(caught.value.fields) == {"owner_idle_minutes", "label_sheet", "drawing_entry_mode"}
    owner.forget_settings()
    assert owner.settings.shop_name == "My Shop"


def test_the_insights_thresholds_go_through_the_same_check(owner: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        insights.save_thresholds(
            owner, lapsed_months=61, former_months=7, regular_visits=None, heavy_spend=-1,
            holdout_share=0.1,
        )  # fmt: skip
    assert set(caught.value.fields) == {"lapsed_months", "former_months", "heavy_spend"}


def test_a_new_file_needs_setting_up_until_it_is_saved(owner: Session) -> None:
    assert needs_setup(owner)
    set_up_shop(owner, shop_name="Kauppa Koivu", region="FI", locale="fi_FI", currency="EUR")
    assert not needs_setup(owner)
    assert (owner.settings.shop_name, owner.settings.region) == ("Kauppa Koivu", "FI")


def test_the_clerk_may_set_up_a_new_shop_but_not_change_it_afterwards(clerk: Session) -> None:
    with pytest.raises(ValidationError):
        set_up_shop(clerk, shop_name="", region="FI")
    assert needs_setup(clerk)
    set_up_shop(clerk, shop_name="Kauppa Koivu")
    with pytest.raises(PermissionDenied):
        set_up_shop(clerk, shop_name="Somebody Else's")
    with pytest.raises(PermissionDenied):
        update_settings(clerk, shop_name="Somebody Else's")


def test_skipping_the_setup_keeps_the_defaults_and_does_not_ask_again(owner: Session) -> None:
    skip_setup(owner)
    assert not needs_setup(owner)
    assert owner.settings.shop_name == "My Shop"


def test_a_demo_shop_counts_as_set_up(owner: Session) -> None:
    demo.build_demo(owner, customers_count=3, with_purchases=False)
    assert not needs_setup(owner)


@pytest.mark.parametrize("output", [Output.LETTERS, Output.ENVELOPES])
def test_a_shop_set_up_at_first_start_signs_and_sends_its_letters(
    owner: Session, tmp_path: Path, output: Output
) -> None:
    """Issue 10: every letter was signed "My Shop" with no sender address."""
    build_shop(owner)
    set_up_shop(owner, shop_name="Kauppa Koivu", shop_address="Koivukuja 3\n33100 Tampere",
                signer_name="Aino Koivu")  # fmt: skip
    request = LetterRequest(output, "all", "letter_welcome" if output is Output.LETTERS else "")
    outcome = letters.print_batch(owner, request, tmp_path / "out.pdf")
    texts = page_texts(outcome.result.paths[0])
    assert texts and all("Kauppa Koivu" in text and "Koivukuja 3" in text for text in texts)
    assert all("My Shop" not in text for text in texts)
    if output is Output.LETTERS:
        assert all("Aino Koivu" in text for text in texts)
