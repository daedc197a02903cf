"""The desk ("Bàn làm việc"), the global search page, and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from vanphong.core import queries as core_queries
from vanphong.core.http import acting_user
from vanphong.followup import queries as followup_queries

SEARCH_LIMIT = 20



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
    q = request.GET.get("q", "").strip()[:200]
    assignments = list(followup_queries.search(user, q)[:SEARCH_LIMIT]) if q else []
    people = list(core_queries.people(q)[:SEARCH_LIMIT]) if q else []
    context = {"q": q, "assignments": assignments, "people": people}
    return render(request, "web/search.html", context)


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
