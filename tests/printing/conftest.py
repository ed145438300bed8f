"""Fixtures for printing tests: the built-in templates and a letterhead with pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from shopcards.core.templates import Template, load_templates
from shopcards.paths import resources_dir
from shopcards.printing import Letterhead


@pytest.fixture(scope="session")
def templates() -> dict[str, Template]:
    """The built-in templates by occasion."""
    return {t.occasion: t for t in load_templates(resources_dir() / "templates")}


@pytest.fixture(scope="session")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A logo (with transparency) and a signature, as PNG files."""
    folder = tmp_path_factory.mktemp("pictures")
    logo = Image.new("RGBA", (300, 150), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((10, 10, 140, 140), fill=(180, 60, 40, 255))
    signature = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    ImageDraw.Draw(signature).line([(10, 100), (90, 20), (200, 100)], fill="navy", width=5)
    logo.save(folder / "logo.png")
    signature.save(folder / "signature.png")
    return folder / "logo.png", folder / "signature.png"


@pytest.fixture
def letterhead(pictures: tuple[Path, Path]) -> Letterhead:
    """The shop of the tests: a Cluj bookshop."""
    return Letterhead(
        "Librăria Ionescu",
        ("Strada Mare 12", "400001 Cluj-Napoca"),
        "+40 264 123 456",
        "hello@ionescu.ro",
        pictures[0],
        pictures[1],
        "Maria Ionescu",
    )
