"""The monthly prize drawing screen and its parts."""
