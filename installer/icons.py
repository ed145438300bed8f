"""Make the app icon in every format an installer needs, from resources/icons/shopcards.svg.

The SVG is the one drawing; the PNGs (Linux desktop entry), the .ico (Windows program and
setup) and the .icns (macOS .app) are rendered from it at build time and never committed.
Each size is rendered from the vector, not scaled down from a big bitmap, so the 16 px icon
of the Windows task bar stays sharp.

Run as a script (the spec does, in a fresh process, because rendering needs a
QGuiApplication): ``python installer/icons.py SVG OUT_DIR``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""Windows uses 16-48 in lists and the task bar, 256 for large desktop icons."""


def render_pngs(svg: Path, out_dir: Path) -> dict[int, Path]:
    """``shopcards-N.png`` for each size in PNG_SIZES, drawn from the SVG with Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    # the tab's letter is set in Noto Sans Bold, as in the window, whatever the build machine has
    fonts = svg.parent.parent / "fonts"
    for face in ("NotoSans-Bold.ttf", "NotoSans-Regular.ttf"):
        QFontDatabase.addApplicationFont(str(fonts / face))
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG drawing")
    out_dir.mkdir(parents=True, exist_ok=True)
    made = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        made[size] = out_dir / f"shopcards-{size}.png"
        image.save(str(made[size]))
    del app
    return made


def write_ico_and_icns(pngs: dict[int, Path], out_dir: Path) -> tuple[Path, Path]:
    """Pack the rendered sizes into shopcards.ico and shopcards.icns (with Pillow)."""
    from PIL import Image

    ico, icns = out_dir / "shopcards.ico", out_dir / "shopcards.icns"
    images = {size: Image.open(path).convert("RGBA") for size, path in pngs.items()}
    biggest = images[max(ICO_SIZES)]
    biggest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    # ICNS takes the largest image and the others it needs (16-512, @2x) from append_images
    images[1024].save(
        icns, format="ICNS", append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)]
    )
    return ico, icns


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python installer/icons.py SVG OUT_DIR", file=sys.stderr)
        return 2
    svg, out_dir = Path(argv[0]), Path(argv[1])
    pngs = render_pngs(svg, out_dir)
    write_ico_and_icns(pngs, out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
