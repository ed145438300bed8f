"""Taking the cards and purchases out of the card file from the window."""
