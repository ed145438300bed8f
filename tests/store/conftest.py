"""Every test here runs on both stores (tests/both_stores.py)."""

from tests.both_stores import location

__all__ = ["location"]
