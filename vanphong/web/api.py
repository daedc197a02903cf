"""API for the one search box."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from django.http import HttpRequest
from ninja import Query, Router, Schema

from vanphong.core.http import acting_user
from vanphong.search.query import Filters, query
from vanphong.search.registry import SPECS

router = Router(tags=["Tìm kiếm"])


class Hit(Schema):
    type: str
    id: int
    title: str
    url: str
    classification: str
    score: float
    snippet: str


class SearchOut(Schema):
    query: str
    hits: list[Hit]
    total: int
    page: int
    message: str = ""
    classification: str = "THUONG"


@router.get("/search", response=SearchOut, summary="Tìm trong mọi thứ bạn được xem")
def search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=1000),
    type: str = Query("", max_length=40, description="chỉ tìm loại này: " + ", ".join(sorted(SPECS))),
    page: int = Query(1, ge=1, le=500),
) -> SearchOut:
    """`snippet` is HTML: the text is escaped and the matched words are wrapped in `<mark>`."""
    user = acting_user(request)
    filters = Filters(types=(type,) if type else ())
    results = query(q, user, filters, page=page)
    hits = [
        Hit(type=h.type, id=h.id, title=h.title, url=h.url, classification=h.classification_name, score=h.score,
            snippet=str(h.snippet))
        for h in results.hits
    ]
    return SearchOut(query=q, hits=hits, total=results.total, page=results.page, message=results.message)
