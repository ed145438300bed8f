"""The insights screen printed on one page, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from shopcards.services import insights
from shopcards.services.session import Session
from tests.services.test_insights import LAST_12, build_known_shop, send_batch

A4 = (595.28, 841.89)
MM = 72 / 25.4
MARGIN_PT = 15 * MM
"""Text stays between the side margins, and at least 8 mm from the top and bottom edges
(the footer sits in the bottom margin), where every printer prints."""


def test_the_report_is_one_a4_page_with_every_section(owner: Session, tmp_path: Path) -> None:
    ids = build_known_shop(owner)
    send_batch(owner, "2026-09-01T09:00:00", [ids["Anna"], ids["Ida"]], [ids["Gus"]])
    path = insights.write_report(owner, insights.overview(owner, *LAST_12), tmp_path / "report.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    size = (float(page.mediabox.width), float(page.mediabox.height))
    assert size == pytest.approx(A4, abs=0.01)
    placed: list[tuple[float, float, str]] = []
    text = page.extract_text(
        visitor_text=lambda t, _cm, tm, _font, _size: (
            placed.append((tm[4], tm[5], t)) if t.strip() else None
        )
    )
    for expected in (
        "Customer insights",
        "My Shop",
        "The 80/20 split",
        "Top 20%: 2 customers, 67.3% of sales.",
        "Regular, heavy",
        "Lapsed: 2",
        "Declining: 2",
        "Known, Fay",
        "Known, Bo",
        "No letter this quarter: 4 customers.",
        "We miss you",
        "50.0% / 0.0%",
        "+50.0 pts",
    ):
        assert expected in text, expected
    for x, y, piece in placed:
        assert MARGIN_PT - 1 <= x <= A4[0] - MARGIN_PT, piece
        assert 8 * MM <= y <= A4[1] - 8 * MM, piece


def test_the_report_speaks_the_owners_window_language(owner: Session, tmp_path: Path) -> None:
    """The report is the owner's: it reads as the window does (Finnish here), with Finnish
    figures, whatever language the shop's letters speak."""
    from shopcards.services import catalogues

    build_known_shop(owner)
    catalogues.start("fi")
    path = insights.write_report(owner, insights.overview(owner, *LAST_12), tmp_path / "fi.pdf")
    text = PdfReader(path).pages[0].extract_text()
    for finnish in ("Asiakastiedot", "80/20-jako", "Ryhmät", "Poisjääneet", "Tehosiko?"):
        assert finnish in text
    assert "Parhaat 20 %: 2 asiakasta, 67,3" in text
    assert "Customer insights" not in text
