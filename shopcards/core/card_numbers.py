"""Card numbers: digits with a Luhn check digit, so a mistyped or misread number is not a card.

Digits only, because a barcode scanner "types" what it reads through the keyboard layout of
the PC: digits come through the same on every layout, letters and punctuation do not.
"""

from __future__ import annotations


def check_digit(digits: str) -> str:
    """The Luhn check digit to put after ``digits`` (a string of digits)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def is_card_number(text: str) -> bool:
    """True when ``text`` is digits whose last one is the check digit of the others."""
    return (
        len(text) >= 2 and text.isascii() and text.isdigit() and check_digit(text[:-1]) == text[-1]
    )
