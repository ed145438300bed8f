"""Sharing the card file between PCs (issue 16): File ▸ Share… on the PC that holds it,
File ▸ Connect… on the others."""
