"""Leak-sweep registrations of the information centre's routes."""

from vanphong.infocenter import sweep_bulletins  # noqa: F401
