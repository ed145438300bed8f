"""Reading printed barcodes back: a PDF page rendered by poppler's ``pdftoppm`` (as a printer
would put it on paper, at 300 dpi) and decoded by zxing-cpp, the decoder phone apps use.

poppler-utils is installed by ``installer/dev test``; zxing-cpp comes with the [test] extra.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image

DPI = 300
MM_PER_PIXEL = 25.4 / DPI


@dataclass(frozen=True)
class Scanned:
    """A barcode found on a page: its text, symbology and centre (mm from the top-left)."""

    text: str
    format: str
    x_mm: float
    y_mm: float


def render(pdf: Path, page: int = 1, dpi: int = DPI) -> Image.Image:
    """Page ``page`` (1-based) as a greyscale image at ``dpi``."""
    stem = pdf.with_name(f"{pdf.stem}-page{page}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile",
         "-f", str(page), "-l", str(page), str(pdf), str(stem)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    with Image.open(stem.with_suffix(".png")) as image:
        return image.convert("L")


def scan(pdf: Path, page: int = 1) -> list[Scanned]:
    """Every barcode on the rendered page, top to bottom, left to right."""
    found = []
    for result in zxingcpp.read_barcodes(render(pdf, page)):
        corners = result.position
        xs = [corners.top_left.x, corners.top_right.x, corners.bottom_left.x]
        ys = [corners.top_left.y, corners.bottom_left.y, corners.bottom_right.y]
        found.append(
            Scanned(
                result.text,
                result.format.name,
                (min(xs) + max(xs)) / 2 * MM_PER_PIXEL,
                (min(ys) + max(ys)) / 2 * MM_PER_PIXEL,
            )
        )
    return sorted(found, key=lambda s: (round(s.y_mm), s.x_mm))
