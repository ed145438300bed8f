"""One column holding the whole address ("Mannerheimintie 1 A 5\\n00100 Helsinki", "Str.
Lipscani 12, 030031 București", "10 High St, Leeds LS1 4AB") split into the card's address
lines, postcode and city.

The parts are the lines of the block, or its comma-separated pieces when it is one line. The
last part (after a country name, which is set apart) holds the postcode and city: a number
before the city as most of Europe, Israel and Armenia write it ("00100 Helsinki"), after it
("București 030031"), or a British postcode after the town ("Leeds LS1 4AB"), or on a part of
its own. Without a postcode the city cannot be told from a street, and every part stays an
address line. Nothing is lost: every character is in a line, the postcode, the city or the
country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopcards.core.phones import region_for_country

_UK = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"
_NUMERIC = r"(?:[A-Z]{1,2}-)?(?:\d{2}-\d{3}|\d{3} \d{2}|\d{4} ?[A-Z]{2}|\d{3,7})"
"""Postcodes written as numbers: FI 00100 (FI-00100), RO 030031, IL 6100000, AM 0010, PL
00-950, SE 123 45, NL 1234 AB."""
_BRITISH = ("GB", "UK", "IE")


@dataclass(frozen=True)
class Address:
    lines: tuple[str, ...]
    postcode: str
    city: str
    country: str = ""


def split_address(text: str, country: str = "") -> tuple[tuple[str, ...], str, str]:
    """(lines, postcode, city) from one address block; a country named on its last line is
    left out (see :func:`parse_address` to keep it). ``country`` (a name or code: the card's
    or the shop's) says which way of writing a postcode to try first."""
    address = parse_address(text, country)
    return address.lines, address.postcode, address.city


def parse_address(text: str, country: str = "") -> Address:
    """The address lines, postcode, city and country named in one address block."""
    parts = _parts(text)
    named = ""
    if len(parts) > 1 and len(parts[-1]) > 2 and region_for_country(parts[-1], ""):
        named = parts.pop()
    british = region_for_country(country, "") in _BRITISH or country.strip().upper() == "UK"
    for index in range(len(parts) - 1, 0, -1):
        found = _postcode_and_city(parts, index, british)
        if found is not None:
            lines, postcode, city = found
            return Address(lines, postcode, city, named)
    return Address(tuple(parts), "", "", named)


def _parts(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        lines = [" ".join(part.split()) for part in lines[0].split(",")]
        lines = [line for line in lines if line]
    return lines


def _postcode_and_city(
    parts: list[str], index: int, british: bool
) -> tuple[tuple[str, ...], str, str] | None:
    """Lines, postcode and city if ``parts[index]`` holds the postcode (with or without its
    city); the parts after it would be the city's, else it must be the last."""
    part, after = parts[index], parts[index + 1 :]
    patterns = (_UK, _NUMERIC) if british else (_NUMERIC, _UK)
    for pattern in patterns:
        whole = re.fullmatch(pattern, part, re.IGNORECASE if pattern is _NUMERIC else 0)
        if whole and len(after) <= 1 and (after or index > 1):
            if after:  # "030031, București"
                return tuple(parts[:index]), part, after[0]
            return tuple(parts[: index - 1]), part, parts[index - 1]  # "Leeds, LS1 4AB"
        if after:
            continue
        before = re.fullmatch(rf"({pattern})\s+(.+)", part)
        if before and pattern is _NUMERIC:
            return tuple(parts[:index]), before[1], before[2]
        behind = re.fullmatch(rf"(.+?)\s+({pattern})", part)
        if behind:
            return tuple(parts[:index]), behind[2], behind[1]
    return None
