"""The customer's right to be forgotten in the window: the card's "Forget this customer…", the
list of customers past retention, and the note while a wipe or a review is due."""
