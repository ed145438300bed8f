"""Rates typed and shown as per cent ("5,0 %") while the scheme keeps basis points (500).

A spin box here reaches past 100% on purpose: a rate of 150% can be typed, and the service's
refusal is shown under the field, rather than the box quietly turning it into 100%.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDoubleSpinBox

WHOLE = 100
"""Basis points in one per cent."""
TYPED_UP_TO = 999.9


def percent_box(name: str, locale: str, decimals: int = 1) -> QDoubleSpinBox:
    """A per-cent spin box in the shop's language, named ``name`` (its visible label)."""
    box = QDoubleSpinBox()
    box.setAccessibleName(name)
    box.setLocale(QLocale(locale))
    box.setDecimals(decimals)
    box.setRange(0.0, TYPED_UP_TO)
    box.setSuffix(" %")
    box.setKeyboardTracking(False)
    return box


def bp_of(box: QDoubleSpinBox) -> int:
    """The box's value in basis points (5.0 -> 500), rounded to a whole point."""
    return round(box.value() * WHOLE)


def set_bp(box: QDoubleSpinBox, bp: int) -> None:
    box.setValue(bp / WHOLE)
