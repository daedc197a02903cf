"""The desk ("Bàn làm việc"), the global search page, and the health check."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from vanphong.core.http import acting_user
from vanphong.core.ids import parse_id
from vanphong.followup import queries as followup_queries
from vanphong.search import registry as search_registry
from vanphong.search.query import Filters
from vanphong.search.query import query as search_query

SEARCH_PAGE_SIZE = 50
SEARCH_MAX_CHARS = 1000



@login_required
def desk_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    mine = followup_queries.my_open_assignments(user)
    awaiting = list(mine.order_by("deadline", "-urgency")[:10])
    context = {
        "today": timezone.localdate(),
        "awaiting": awaiting,
        "awaiting_count": mine.count(),
        "overdue_count": followup_queries.overdue(mine).count(),
        "given_count": followup_queries.visible_assignments(user)
        .filter(created_by=user).exclude(status="hoan_thanh").count(),
        "positions": user.person.titles_on() if user.person_id and user.person else [],
    }
    return render(request, "web/desk.html", context)


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    q = request.GET.get("q", "")[:SEARCH_MAX_CHARS]
    record_type = request.GET.get("loai", "")
    filters = Filters(
        types=(record_type,) if record_type in search_registry.SPECS else (),
        date_from=parse_date_or_none(request.GET.get("tu_ngay", "")),
        date_to=parse_date_or_none(request.GET.get("den_ngay", "")),
    )
    page = parse_id(request.GET.get("trang")) or 1
    results = search_query(q, user, filters, page=page, page_size=SEARCH_PAGE_SIZE) if q.strip() else None
    context = {
        "q": q.strip(), "results": results, "types": search_registry.ordered(), "record_type": record_type,
        "date_from": filters.date_from, "date_to": filters.date_to,
    }
    return render(request, "web/search.html", context)


def parse_date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
