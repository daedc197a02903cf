"""Benchmarks (`make bench`): each prints JSON lines {"name", "value", "unit"} on standard output."""
