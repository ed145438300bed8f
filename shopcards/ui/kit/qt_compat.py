"""Working around a PySide6 6.12 reference-count bug that crashes a long session on Python 3.11.

The 6.12.0 wheels (one ``abi3`` build for every Python) drop a reference to ``None`` on many
calls from Python into Qt (every ``void`` method, every empty ``QVariant`` returned, such as
``index.data()`` of an empty role) and to ``True`` on every ``Signal.emit()``. Python 3.12+
makes these objects immortal (PEP 683), so nothing happens there; on 3.11 their counts run
down until Python aborts with "none_dealloc: deallocating None" or "bool_dealloc" — after a
few hundred searches or a few thousand emitted signals.

:func:`keep_singletons_alive` gives them the head start that 3.12 gives them. Measured with
``sys.getrefcount`` around ``QLineEdit.setText`` and ``Signal.emit``: -1 per call.
"""

from __future__ import annotations

import ctypes
import sys

_HEAD_START = 1 << 40
"""More calls than a program makes in centuries; still far from the counter's limit (2**63)."""


def keep_singletons_alive() -> None:
    """Raise the reference counts of None, True and False out of reach (Python < 3.12 only)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEAD_START
