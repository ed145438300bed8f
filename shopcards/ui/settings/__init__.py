"""The owner's Settings window, the first-start shop setup and the owner PIN."""
