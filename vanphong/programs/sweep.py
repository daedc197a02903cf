"""Leak-sweep registrations of programme routes (sweep_programmes.py) and proposal routes (sweep_appraisal.py)."""

from vanphong.programs import sweep_appraisal, sweep_programmes  # noqa: F401
