"""Demo programmes."""
