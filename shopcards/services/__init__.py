"""The shop's actions. Each is one function that the window and the command line both call:
it checks the role, runs one transaction, and returns a result or raises a ShopError."""
