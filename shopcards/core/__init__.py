"""The shop's rules in plain Python: no Qt, no SQL, no reportlab (importable and testable alone)."""
