"""Appraisal (thẩm định) of proposals by the office."""

__all__: list[str] = []
