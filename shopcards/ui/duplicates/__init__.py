"""The owner's list of cards that may be one person (Shop ▸ Find duplicate cards…)."""
