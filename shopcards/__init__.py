"""shopcards: the customer-card cabinet of a small shop, as a desktop program."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("shopcards")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
