"""A card's purchase history and change history."""
