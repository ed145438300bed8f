"""One card: reading it, the form to add or edit it, its fields, and logging a call."""
