"""The cabinet window: drawer tabs, search, the card list, the File and Shop menus."""
