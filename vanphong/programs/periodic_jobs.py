"""Periodic jobs of proposals: reminders to lead bodies that are late (registered on import)."""
