"""Record ids taken from URLs and input: bounded, so an absurd number answers 404/422 instead of overflowing
the database driver (SQLite integers stop at 2**63 - 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_ID = 2**62


def parse_id(value: Any) -> int | None:
    """A positive id within range, or None for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: at most 18 digits."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


# An id no record has, reversed once to learn where an id goes in an address (18 digits, as <id:…> takes).
_PROBE = 271828182845904523


def id_url(viewname: str) -> Callable[[int], str]:
    """`reverse(viewname, args=[pk])` for a whole page of rows at the cost of one reverse()."""
    from django.urls import reverse

    before, _, after = reverse(viewname, args=[_PROBE]).partition(str(_PROBE))
    return lambda pk: f"{before}{pk}{after}"
