"""Knowing the customers: the 80/20 split, segments, lists and their thresholds."""
