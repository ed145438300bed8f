"""Bringing a till's export into the card file from the window."""
