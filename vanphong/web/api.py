"""API for the one search box: the same filters and the same "did you mean" as the search page."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import ValidationError

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.search.filters import SearchFilters
from vanphong.search.query import MAX_PAGE, query
from vanphong.search.registry import SPECS
from vanphong.search.suggest import did_you_mean
from vanphong.security.classification import Classification

router = Router(tags=["Tìm kiếm"])

LEVEL_NAMES = ", ".join(c.name for c in Classification)
# Module-level so the defaults are not calls in the signature (a date annotation is not one ruff knows as immutable).
DATE_FROM = Query(None, description="từ ngày (YYYY-MM-DD)")
DATE_TO = Query(None, description="đến ngày (YYYY-MM-DD); ngày trước “từ ngày” thì hai ngày đổi chỗ cho nhau")


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
    suggestion: str | None = None
    notes: list[str] = []
    classification: str = "THUONG"


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ("query", field), "msg": message, "type": "value_error"}])


@router.get("/search", response=SearchOut, summary="Tìm trong mọi thứ bạn được xem")
def search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=1000),
    type: str = Query("", max_length=40, description="chỉ tìm loại này: " + ", ".join(sorted(SPECS))),
    unit: int | None = Query(None, ge=1, le=MAX_ID, description="chỉ tìm những gì của đơn vị này"),
    body: int | None = Query(None, ge=1, le=MAX_ID, description="chỉ tìm những gì gắn với cơ quan này"),
    place: int | None = Query(None, ge=1, le=MAX_ID, description="chỉ tìm những gì gắn với địa bàn này"),
    classification: str = Query("", max_length=20, description=f"chỉ tìm độ mật này: {LEVEL_NAMES}; độ cao "
                                "hơn mức bạn được xem (hay mức hệ thống được lưu) thì bỏ qua"),
    date_from: date | None = DATE_FROM,
    date_to: date | None = DATE_TO,
    page: int = Query(1, ge=1, le=MAX_PAGE),
) -> Any:
    """`snippet` is HTML: the text is escaped and the matched words are wrapped in `<mark>`.

    `suggestion` is the accented form of a query typed without diacritics, as the titles found write it.
    """
    user = acting_user(request)
    record_type = type.strip()
    if record_type and record_type not in SPECS:
        raise _invalid("type", f"Loại '{record_type[:40]}' không có; dùng một trong: {', '.join(sorted(SPECS))}.")
    level = None
    if classification.strip():
        try:
            level = int(Classification.from_name(classification))
        except ValueError as exc:
            raise _invalid("classification", str(exc)) from None
    chosen = SearchFilters(record_type=record_type, date_from=date_from, date_to=date_to, unit=unit, body=body,
                           place=place, level=level).settle(user)
    results = query(q, user, chosen.filters, page=page)
    hits = [
        Hit(type=h.type, id=h.id, title=h.title, url=h.url, classification=h.classification_name, score=h.score,
            snippet=str(h.snippet))
        for h in results.hits
    ]
    suggestion = did_you_mean(q, results.hits) if results.total else ""
    return SearchOut(query=q, hits=hits, total=results.total, page=results.page, message=results.message,
                     suggestion=suggestion or None, notes=[*chosen.notes, *results.notes])
