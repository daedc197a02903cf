"""Small helpers for the search tests."""

from __future__ import annotations

from typing import Any

from vanphong.search.query import Filters, Results, query


def find(user: Any, text: str, page: int = 1, **filters: Any) -> Results:
    return query(text, user, Filters(**filters), page=page)


def titles(results: Results) -> list[str]:
    return [h.title for h in results.hits]
