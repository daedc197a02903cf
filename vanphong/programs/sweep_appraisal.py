"""Leak-sweep registrations of proposal and appraisal routes."""
