"""shopcards: the customer-card cabinet of a small shop, as a desktop program."""

__version__ = "0.1.0"
"""The same as pyproject.toml's (a test holds them together): written here, not read from the
installed metadata, because importlib.metadata took a tenth of the window's start (issue 12)."""
