"""Front pictures for greeting cards, drawn with lines and shapes.

Vector drawings print crisp at any size, add almost nothing to the file, and need no image
files with unclear licences. Each function draws into a box of ``width`` x ``height`` points
whose bottom-left corner is the origin.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

Art = Callable[[Canvas, float, float], None]

ACCENTS: dict[str, Color] = {
    "birthday": HexColor("#C2410C"),
    "anniversary": HexColor("#A16207"),
    "christmas": HexColor("#15803D"),
    "hanukkah": HexColor("#1D4ED8"),
    "new_year": HexColor("#1E3A8A"),
}
DEFAULT_ACCENT = HexColor("#7C3AED")
GOLD = HexColor("#D4A017")


def _lighter(colour: Color, amount: float) -> Color:
    """``colour`` mixed with white (no transparency: forms in reportlab cannot carry it)."""
    r, g, b = colour.red, colour.green, colour.blue
    return Color(r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _star(canvas: Canvas, cx: float, cy: float, r: float, points: int = 5) -> None:
    path = canvas.beginPath()
    for k in range(points * 2):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / points
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if k == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def balloons(canvas: Canvas, width: float, height: float) -> None:
    """Three balloons on curling strings, with a little confetti."""
    colours = (HexColor("#EF4444"), HexColor("#F59E0B"), HexColor("#14B8A6"))
    spots = ((0.30, 0.62, -0.10), (0.52, 0.72, 0.0), (0.72, 0.58, 0.12))
    r = min(width, height) * 0.16
    canvas.setLineWidth(0.8)
    canvas.setStrokeColor(HexColor("#6B7280"))
    for fx, fy, lean in spots:
        cx, cy = width * fx, height * fy
        path = canvas.beginPath()
        path.moveTo(cx, cy - r * 1.2)
        path.curveTo(
            cx - r * 0.4,
            cy - r * 2.0,
            cx + r * 0.4,
            cy - r * 2.6,
            width * 0.5 + lean * r,
            height * 0.08,
        )
        canvas.drawPath(path, stroke=1, fill=0)
    for colour, (fx, fy, _) in zip(colours, spots, strict=True):
        cx, cy = width * fx, height * fy
        canvas.setFillColor(colour)
        canvas.ellipse(cx - r, cy - r * 1.2, cx + r, cy + r * 1.2, stroke=0, fill=1)
        canvas.setFillColor(_lighter(colour, 0.45))
        canvas.ellipse(cx - r * 0.55, cy + r * 0.2, cx - r * 0.2, cy + r * 0.75, stroke=0, fill=1)
    for k in range(18):
        canvas.setFillColor(colours[k % 3])
        x = width * (0.1 + 0.8 * ((k * 37) % 18) / 18)
        y = height * (0.15 + 0.8 * ((k * 53) % 18) / 18)
        canvas.circle(x, y, 1.6, stroke=0, fill=1)


def rings(canvas: Canvas, width: float, height: float) -> None:
    """Two linked golden rings under a small heart."""
    r = min(width, height) * 0.2
    cy = height * 0.45
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(r * 0.16)
    canvas.circle(width * 0.5 - r * 0.55, cy, r, stroke=1, fill=0)
    canvas.setStrokeColor(HexColor("#B45309"))
    canvas.circle(width * 0.5 + r * 0.55, cy, r, stroke=1, fill=0)
    canvas.setFillColor(HexColor("#E11D48"))
    s = r * 0.35
    hx, hy = width * 0.5, cy + r * 1.55
    path = canvas.beginPath()
    path.moveTo(hx, hy - s)
    path.curveTo(hx - s * 1.6, hy + s * 0.2, hx - s * 0.6, hy + s * 1.3, hx, hy + s * 0.5)
    path.curveTo(hx + s * 0.6, hy + s * 1.3, hx + s * 1.6, hy + s * 0.2, hx, hy - s)
    canvas.drawPath(path, stroke=0, fill=1)


def tree(canvas: Canvas, width: float, height: float) -> None:
    """A fir tree with baubles and a star, in falling snow."""
    cx = width / 2
    base = height * 0.12
    canvas.setFillColor(HexColor("#78350F"))
    canvas.rect(cx - width * 0.04, base, width * 0.08, height * 0.08, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#15803D"))
    for k, (half, bottom, top) in enumerate(
        ((0.34, 0.2, 0.5), (0.27, 0.4, 0.68), (0.19, 0.58, 0.84))
    ):
        path = canvas.beginPath()
        path.moveTo(cx - width * half, height * bottom)
        path.lineTo(cx + width * half, height * bottom)
        path.lineTo(cx, height * top)
        path.close()
        canvas.setFillColor(HexColor(("#166534", "#15803D", "#16A34A")[k]))
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#DC2626"))
    for fx, fy in (
        (0.42, 0.26),
        (0.6, 0.32),
        (0.47, 0.47),
        (0.56, 0.56),
        (0.44, 0.64),
        (0.58, 0.24),
    ):
        canvas.circle(width * fx, height * fy, min(width, height) * 0.022, stroke=0, fill=1)
    canvas.setFillColor(GOLD)
    _star(canvas, cx, height * 0.87, min(width, height) * 0.06)
    canvas.setFillColor(HexColor("#93C5FD"))
    for k in range(22):
        x = width * (0.06 + 0.88 * ((k * 41) % 22) / 22)
        y = height * (0.12 + 0.85 * ((k * 29) % 22) / 22)
        if abs(x - cx) > width * 0.3 or y > height * 0.9:
            canvas.circle(x, y, 1.5, stroke=0, fill=1)


def menorah(canvas: Canvas, width: float, height: float) -> None:
    """A Hanukkah menorah with all nine candles lit."""
    cx = width / 2
    blue = HexColor("#1D4ED8")
    canvas.setFillColor(blue)
    canvas.rect(cx - width * 0.16, height * 0.1, width * 0.32, height * 0.03, stroke=0, fill=1)
    canvas.rect(cx - width * 0.015, height * 0.13, width * 0.03, height * 0.25, stroke=0, fill=1)
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(width * 0.018)
    spacing = width * 0.085
    for k in range(1, 5):
        r = k * spacing
        canvas.arc(cx - r, height * 0.38 - r * 0.9, cx + r, height * 0.38 + r * 0.9, 180, 180)
    canvas.setLineWidth(width * 0.02)
    canvas.line(cx - 4 * spacing, height * 0.38, cx + 4 * spacing, height * 0.38)
    for k in range(-4, 5):
        x = cx + k * spacing
        bottom = height * (0.42 if k == 0 else 0.39)
        candle = height * 0.16
        canvas.setFillColor(HexColor("#BFDBFE") if k else HexColor("#93C5FD"))
        canvas.rect(x - spacing * 0.2, bottom, spacing * 0.4, candle, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#F59E0B"))
        flame_y = bottom + candle + spacing * 0.35
        canvas.ellipse(
            x - spacing * 0.16,
            flame_y - spacing * 0.3,
            x + spacing * 0.16,
            flame_y + spacing * 0.3,
            stroke=0,
            fill=1,
        )
        canvas.setFillColor(HexColor("#FDE68A"))
        canvas.ellipse(
            x - spacing * 0.07,
            flame_y - spacing * 0.18,
            x + spacing * 0.07,
            flame_y + spacing * 0.08,
            stroke=0,
            fill=1,
        )


def fireworks(canvas: Canvas, width: float, height: float) -> None:
    """Three bursts of fireworks and a scatter of stars."""
    bursts = (
        (0.32, 0.62, 0.2, GOLD),
        (0.68, 0.7, 0.16, HexColor("#F472B6")),
        (0.55, 0.36, 0.13, HexColor("#38BDF8")),
    )
    canvas.setLineWidth(1.2)
    for fx, fy, fr, colour in bursts:
        cx, cy, r = width * fx, height * fy, min(width, height) * fr
        canvas.setStrokeColor(colour)
        canvas.setFillColor(colour)
        for k in range(16):
            angle = k * math.pi / 8
            c, s = math.cos(angle), math.sin(angle)
            canvas.line(cx + c * r * 0.3, cy + s * r * 0.3, cx + c * r, cy + s * r)
            canvas.circle(cx + c * r * 1.1, cy + s * r * 1.1, 1.4, stroke=0, fill=1)
    canvas.setFillColor(GOLD)
    for k in range(9):
        _star(
            canvas,
            width * (0.1 + 0.8 * ((k * 5) % 9) / 9),
            height * (0.15 + 0.75 * ((k * 7) % 9) / 9),
            3.5,
        )


def flourish(canvas: Canvas, width: float, height: float) -> None:
    """A plain ornament for cards without an occasion of their own."""
    canvas.setStrokeColor(DEFAULT_ACCENT)
    canvas.setLineWidth(1.2)
    cx, cy, r = width / 2, height * 0.5, min(width, height) * 0.22
    for k in range(3):
        canvas.circle(cx, cy, r * (1 - k * 0.28), stroke=1, fill=0)
    canvas.setFillColor(DEFAULT_ACCENT)
    _star(canvas, cx, cy, r * 0.3, points=8)


ARTS: dict[str, Art] = {
    "birthday": balloons,
    "anniversary": rings,
    "christmas": tree,
    "hanukkah": menorah,
    "new_year": fireworks,
}


def art_for(occasion: str) -> tuple[Art, Color]:
    """The picture and accent colour of a card's occasion (a plain ornament if unknown)."""
    return ARTS.get(occasion, flourish), ACCENTS.get(occasion, DEFAULT_ACCENT)
