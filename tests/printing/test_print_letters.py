"""Letters: each page for its own customer, every field filled, the address in the window."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from shopcards.core.errors import Cancelled, ShopError, ValidationError
from shopcards.core.files import CannotWrite
from shopcards.core.progress import Progress
from shopcards.core.template_problems import MissingValuesError
from shopcards.core.templates import Template, parse_template
from shopcards.printing import Letterhead, Recipient, print_letters
from shopcards.printing.pages import LETTER_GEOMETRY, MM
from tests.cancel import cancel_at
from tests.printing.pdf_helpers import media_box, pages, placed
from tests.printing.printing_samples import ARAM, DAVID, EVERYONE, OLGA, PAIVI, STEFAN

DATE = "14 March 2025"


def _names(recipient: Recipient) -> list[str]:
    return [recipient.values["family_name"], recipient.address[0]]


@pytest.mark.parametrize("occasion", ["welcome", "quarterly", "lapsed", "invitation", "prize"])
def test_each_page_names_its_recipient_and_no_other(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead, occasion: str
) -> None:
    out = tmp_path / "letters.pdf"
    result = print_letters(
        templates[occasion], EVERYONE, out, letterhead=letterhead, date_text=DATE
    )
    texts = pages(out)
    assert result.pages == len(EVERYONE) == len(texts)
    assert result.page_of_item == tuple(range(1, len(EVERYONE) + 1))
    for text, recipient in zip(texts, EVERYONE, strict=True):
        others = [r for r in EVERYONE if r is not recipient]
        for name in _names(recipient):
            assert _words(name) <= _words(text)
        for other in others:
            assert not _words(other.values["family_name"]) & _words(text)


def _words(text: str) -> set[str]:
    """The words of a text, in any order: pypdf reads the words of a Hebrew line from the left."""
    return set(re.findall(r"\w+", text))


def test_merge_fields_are_all_filled(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "letters.pdf"
    print_letters(templates["quarterly"], [STEFAN, PAIVI], out, letterhead=letterhead)
    first, second = pages(out)
    assert "{" not in first and "}" not in first
    assert "Dear Mr Ștefănescu," in first
    assert "last visit was on 3 March 2025" in first
    assert "News from Librăria Ionescu" in first  # {shop_name} from the letterhead
    assert "7 April 2025" in second and "3 March 2025" not in second


@pytest.mark.parametrize("paper", ["A4", "LETTER"])
@pytest.mark.parametrize("recipient", EVERYONE, ids=lambda r: r.key)
def test_address_lies_inside_the_envelope_window(
    tmp_path: Path,
    templates: dict[str, Template],
    letterhead: Letterhead,
    paper: str,
    recipient: Recipient,
) -> None:
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [recipient], out, letterhead=letterhead, paper=paper)
    geometry = LETTER_GEOMETRY[paper]
    page_height = media_box(out)[1]
    assert page_height == pytest.approx(geometry.paper.height * MM, abs=0.1)
    left, bottom, width, height = geometry.window.pdf_rect(geometry.paper.height)
    pieces = placed(out)
    in_address = [p for p in pieces if any(p.text.strip() in line for line in recipient.address)]
    found = set().union(*(_words(p.text) for p in in_address))
    assert found >= set().union(*(_words(line) for line in recipient.address))
    for piece in in_address:
        assert left - 0.01 <= piece.x and piece.x + piece.width <= left + width + 0.01, piece
        assert bottom <= piece.y <= bottom + height - piece.size * 0.8, piece


def test_us_letter_uses_the_us_page_size(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "letter.pdf"
    print_letters(templates["welcome"], [STEFAN], out, letterhead=letterhead, paper="Letter")
    assert media_box(out) == pytest.approx((612.0, 792.0), abs=0.1)


def test_a_long_letter_goes_on_to_a_second_page(tmp_path: Path, letterhead: Letterhead) -> None:
    body = "\n\n".join(["{salutation}, " + "we have lots to tell you. " * 40] * 4)
    template = parse_template(f"name: Long\nkind: letter\n---\n{body}")
    out = tmp_path / "long.pdf"
    result = print_letters(template, [STEFAN, PAIVI], out, letterhead=letterhead)
    assert result.pages == 4
    assert result.page_of_item == (1, 3)
    texts = pages(out)
    assert "Maria Ionescu" in texts[1] and "Järvinen" not in texts[1]
    assert "Järvinen" in texts[2]


def test_one_file_per_recipient(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    result = print_letters(
        templates["welcome"], [STEFAN, OLGA, ARAM], tmp_path, letterhead=letterhead,
        separate_files=True,
    )  # fmt: skip
    assert [p.name for p in result.paths] == [
        "0001-stefanescu.pdf", "0003-ivanova.pdf", "0005-petrosyan.pdf",
    ]  # fmt: skip
    for path, recipient in zip(result.paths, [STEFAN, OLGA, ARAM], strict=True):
        (text,) = pages(path)
        assert recipient.address[0] in text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.paths)


def test_cancel_leaves_no_file(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "letters.pdf"
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        print_letters(
            templates["welcome"], EVERYONE, out, letterhead=letterhead, progress=cancel_at(3, seen)
        )
    assert seen == [(1, 6), (2, 6), (3, 6)]
    assert list(tmp_path.iterdir()) == []


def test_cancel_of_separate_files_leaves_no_file(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    with pytest.raises(Cancelled):
        print_letters(
            templates["welcome"], EVERYONE, tmp_path, letterhead=letterhead, separate_files=True,
            progress=cancel_at(4),
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_no_file_and_keeps_the_old_one(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    out = tmp_path / "letters.pdf"
    out.write_bytes(b"the batch printed yesterday")

    def progress(step: Progress) -> None:
        if step.done == 2:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(CannotWrite, match="the disk is full: nothing was written"):
        print_letters(templates["welcome"], EVERYONE, out, letterhead=letterhead, progress=progress)
    assert [p.name for p in tmp_path.iterdir()] == ["letters.pdf"]
    assert out.read_bytes() == b"the batch printed yesterday"


def test_a_missing_value_is_an_error_before_anything_prints(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    values = {k: v for k, v in STEFAN.values.items() if k != "last_visit"}
    incomplete = Recipient(values, STEFAN.address, "0009-nolastvisit")
    out = tmp_path / "letters.pdf"
    with pytest.raises(MissingValuesError) as caught:
        print_letters(templates["quarterly"], [STEFAN, incomplete], out, letterhead=letterhead)
    assert "{last_visit}" in caught.value.message
    assert "0009-nolastvisit" in caught.value.message
    assert not out.exists()


def test_a_card_template_is_refused_for_letters(
    tmp_path: Path, templates: dict[str, Template], letterhead: Letterhead
) -> None:
    with pytest.raises(ValidationError) as caught:
        print_letters(templates["birthday"], [STEFAN], tmp_path / "x.pdf", letterhead=letterhead)
    assert "card" in caught.value.message


def test_an_unreadable_logo_is_an_error_before_anything_prints(
    tmp_path: Path, templates: dict[str, Template]
) -> None:
    broken = tmp_path / "logo.png"
    broken.write_text("not a picture")
    head = Letterhead("Shop", logo=broken)
    with pytest.raises(ShopError) as caught:
        print_letters(templates["welcome"], [STEFAN], tmp_path / "x.pdf", letterhead=head)
    assert "logo.png" in caught.value.message
    assert not (tmp_path / "x.pdf").exists()


def test_a_letterhead_without_pictures_prints(
    tmp_path: Path, templates: dict[str, Template]
) -> None:
    out = tmp_path / "plain.pdf"
    print_letters(templates["welcome"], [DAVID], out, letterhead=Letterhead("Plain Shop"))
    (text,) = pages(out)
    assert "Plain Shop" in text
