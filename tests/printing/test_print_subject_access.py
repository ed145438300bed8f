"""'Everything we keep' as a PDF: read back with pypdf (the Hebrew name, each section's
heading, a purchase line), long histories over several pages with the heading repeated, and
the first page rendered with pdftoppm (looked at while writing this)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from shopcards.core.subject_access import (
    CARD_HEADING,
    SECTIONS,
    Field,
    SubjectAccess,
    section,
)
from shopcards.printing.subject_access import write_pdf
from tests.printing.pdf_helpers import pages

NAME = "תמר פרידמן"


def _access(purchases: int) -> SubjectAccess:
    rows = {key: [] for key in SECTIONS}
    rows["purchases"] = [
        (f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"R{i}", 1250 + i, "Green tea", "tea", "")
        for i in range(purchases)
    ]
    rows["consents"] = [("2026-03-12T10:00:00", "post", "yes", "till_slip", "clerk", "till")]
    return SubjectAccess(
        shop="Aurora Deli",
        currency="EUR",
        locale="en_GB",
        made_at="2026-11-23T10:30:00",
        card_no="0000018",
        name=NAME,
        card=(Field("given_name", "Given name", "תמר"), Field("phones", "Phones", ["+3584012"])),
        sections=tuple(section(key, value) for key, value in rows.items()),
    )


def _text(path: Path) -> list[str]:
    return [unicodedata.normalize("NFKC", page) for page in pages(path)]


def test_the_pdf_reads_back_with_the_name_every_heading_and_a_purchase(tmp_path: Path) -> None:
    out = write_pdf(tmp_path / "access.pdf", _access(3))
    text = "\n".join(_text(out))
    lines = text.splitlines()
    # pypdf reads a Hebrew line's words from the left; each word in reading order
    assert set(lines[1].split()) == set(NAME.split()) and "תמר" in lines
    for heading in [CARD_HEADING, *(heading for heading, _ in SECTIONS.values())]:
        assert heading in text
    assert "R1" in text and "€12.51" in text and "Green tea" in text
    assert "12 Mar 2026 10:00" in text and "till slip" in text  # the consent, in words
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(out), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_a_long_history_goes_over_pages_with_its_heading_repeated(tmp_path: Path) -> None:
    out = write_pdf(tmp_path / "long.pdf", _access(400))
    texts = _text(out)
    assert len(texts) >= 5
    assert all("Purchases (continued)" in page for page in texts[1:4])
    assert all("Receipt" in page for page in texts[:4])  # the column labels too
    assert sum(page.count("Green tea") for page in texts) == 400
    assert [f"page {n}" in page for n, page in enumerate(texts, 1)] == [True] * len(texts)
