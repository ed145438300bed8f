"""core/ and store/ import in a fresh process without Qt or reportlab (Mu's check)."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_store_import_without_gui_or_printing() -> None:
    code = (
        "import sys, shopcards.core.validation, shopcards.core.collation, "
        "shopcards.store.customers, shopcards.services.cards\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'reportlab'))]\n"
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
