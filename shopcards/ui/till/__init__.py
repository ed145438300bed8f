"""Till mode: finding a customer, a new customer's slip, recording a sale."""
