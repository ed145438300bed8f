"""Who is at the desk: the owner may do everything, the clerk at the till a safe subset."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    CLERK = "clerk"
