"""The desk ("Bàn làm việc"), the global search page, and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from vanphong.core.http import acting_user
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Place, Unit, User
from vanphong.core.notices import unread as unread_notices
from vanphong.documents import queries as documents_queries
from vanphong.followup import queries as followup_queries
from vanphong.infocenter import queries as infocenter_queries
from vanphong.meetings import queries as meetings_queries
from vanphong.petitions import reminders as petitions_desk
from vanphong.programs import appraisal_queries
from vanphong.programs import queries as programmes_queries
from vanphong.search import registry as search_registry
from vanphong.search.filters import read_search_filters, search_levels
from vanphong.search.query import query as search_query
from vanphong.search.suggest import did_you_mean

SEARCH_PAGE_SIZE = 50
DESK_DOCUMENTS = 15
DESK_CYCLE = 8  # rows of each part of the decision cycle
SEARCH_MAX_CHARS = 1000


@login_required
def desk_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    summary = followup_queries.desk_summary(user, today)
    context = {
        "documents": documents_queries.awaiting(user, today, limit=DESK_DOCUMENTS),
        "notices": unread_notices(user, limit=5),
        # The decision cycle: programme items due, appraisals and late proposals, meetings and opinions to answer,
        # decisions' work due.
        "cycle": [
            ("chuong-trinh", "Chương trình công tác", programmes_queries.desk(user, today, DESK_CYCLE)),
            ("tham-dinh", "Đề án, thẩm định", appraisal_queries.desk(user, today, DESK_CYCLE)),
            ("phien-hop", "Hội nghị, phiên họp", meetings_queries.desk(user, today, DESK_CYCLE)),
            ("trien-khai", "Triển khai kết luận, đôn đốc", followup_queries.desk(user, today, DESK_CYCLE)),
            ("don-thu", "Đơn thư đến hạn, quá hạn", petitions_desk.desk(user, today, DESK_CYCLE)),
            ("thong-tin", "Tin theo dõi, cảnh báo", infocenter_queries.desk(user, today, DESK_CYCLE)),
        ],
        "today": today,
        "awaiting": summary.awaiting,
        "awaiting_count": summary.awaiting_count,
        "overdue_count": summary.overdue_count,
        "given_count": summary.given_count,
        "title": user.person.current_title() if user.person_id and user.person else "",
    }
    return render(request, "web/desk.html", context)


@login_required
def search_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    q = request.GET.get("q", "")[:SEARCH_MAX_CHARS]
    chosen = read_search_filters(request.GET, user)
    page = parse_id(request.GET.get("trang")) or 1
    results = search_query(q, user, chosen.filters, page=page, page_size=SEARCH_PAGE_SIZE) if q.strip() else None
    context: dict[str, Any] = {
        "q": q.strip(), "results": results, "chosen": chosen,
        "suggestion": did_you_mean(q, results.hits) if results is not None and results.total else "",
    }
    # A history restore asks for the whole page even though htmx sends it.
    partial = "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers
    if partial:
        response = render(request, "web/_search_results.html", {**context, "htmx": True})
    else:
        context.update(search_choices(user))
        response = render(request, "web/search.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def search_choices(user: User) -> dict[str, Any]:
    """The options of the filter selects (only for the whole page; instant results keep the form as it is)."""
    places = list(Place.objects.all())
    return {
        "types": search_registry.ordered(),
        "units": Unit.objects.filter(is_active=True),
        "bodies": Body.objects.all(),
        "places": [p for p in places if p.is_current],
        "former_places": [p for p in places if not p.is_current],
        "levels": search_levels(user),
    }


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
