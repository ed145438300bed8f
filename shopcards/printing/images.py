"""The shop's logo and signature images: checked before a run, read once, drawn to fit."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from shopcards.core.errors import ShopError
from shopcards.core.i18n import _


@lru_cache(maxsize=16)
def _reader(path: Path, mtime: float) -> ImageReader:
    return ImageReader(str(path))


def image_reader(path: Path) -> ImageReader:
    """The decoded image (cached: one file per recipient must not decode it every time)."""
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise ShopError(
            _("The picture {name} cannot be found.", name=path.name), details=str(path)
        ) from exc
    try:
        return _reader(path, mtime)
    except Exception as exc:  # reportlab raises many kinds; the owner needs one message
        raise ShopError(
            _("The picture {name} cannot be used: use a PNG or JPEG file.", name=path.name),
            details=str(exc),
        ) from exc


def check_image(path: Path | None) -> None:
    """Raise ShopError now, before anything prints, if ``path`` is not a usable picture."""
    if path is not None:
        image_reader(path).getSize()


def draw_image(
    canvas: Canvas,
    path: Path,
    x: float,
    y: float,
    width: float,
    height: float,
    anchor: str = "ne",
) -> None:
    """Draw the picture as large as fits the box, keeping its proportions and transparency."""
    canvas.drawImage(
        image_reader(path),
        x,
        y,
        width,
        height,
        preserveAspectRatio=True,
        anchor=anchor,
        mask="auto",
    )
