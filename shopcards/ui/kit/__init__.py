"""The shared widget kit: theme, dialogs, small widgets and helpers every screen uses."""
