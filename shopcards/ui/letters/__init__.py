"""The letters screen: what to print, for whom, the template editor and the letterhead."""
