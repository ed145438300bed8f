"""The owner's Loyalty screen: set the scheme up, see whether it pays, print loyalty cards."""
