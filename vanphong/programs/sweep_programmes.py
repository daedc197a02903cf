"""Leak-sweep registrations of programme routes."""
