"""Programme items in the one search."""
