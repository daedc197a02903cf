"""The desk ("Bàn làm việc"), the global search page, and the health check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from vanphong.core.http import acting_user
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Place, Unit, User
from vanphong.followup import queries as followup_queries
from vanphong.search import registry as search_registry
from vanphong.search.query import Filters, Hit
from vanphong.search.query import query as search_query
from vanphong.security.classification import Classification, installation_ceiling
from vanphong.text import fold, syllables

SEARCH_PAGE_SIZE = 50
SEARCH_MAX_CHARS = 1000


@login_required
def desk_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    today = timezone.localdate()
    summary = followup_queries.desk_summary(user, today)
    context = {
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


@dataclass
class SearchFilters:
    """The filters of the search page as the person chose them, read leniently: a bad value is dropped and said."""

    record_type: str = ""
    date_from: date | None = None
    date_to: date | None = None
    unit: int | None = None
    body: int | None = None
    place: int | None = None
    level: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def filters(self) -> Filters:
        return Filters(
            types=(self.record_type,) if self.record_type else (),
            date_from=self.date_from, date_to=self.date_to, unit=self.unit, body=self.body, place=self.place,
            classifications=(self.level,) if self.level is not None else (),
        )

    @property
    def active(self) -> int:
        """How many filters narrow the search, for the filter panel's summary."""
        values = (self.record_type, self.date_from, self.date_to, self.unit, self.body, self.place)
        return sum(1 for v in values if v) + (self.level is not None)


def read_search_filters(params: QueryDict, user: User) -> SearchFilters:
    chosen = SearchFilters()
    record_type = params.get("loai", "")
    chosen.record_type = record_type if record_type in search_registry.SPECS else ""
    for name, attr, label in (("tu_ngay", "date_from", "Từ ngày"), ("den_ngay", "date_to", "Đến ngày")):
        value = params.get(name, "")
        day = parse_date_or_none(value)
        if value.strip() and day is None:
            chosen.notes.append(f"“{label}” không phải một ngày (ngày/tháng/năm); đã tìm mà không theo ngày này.")
        setattr(chosen, attr, day)
    if chosen.date_from and chosen.date_to and chosen.date_from > chosen.date_to:
        chosen.date_from, chosen.date_to = chosen.date_to, chosen.date_from
        chosen.notes.append("“Từ ngày” sau “Đến ngày”: đã đổi chỗ hai ngày cho nhau.")
    chosen.unit = parse_id(params.get("don_vi"))
    chosen.body = parse_id(params.get("co_quan"))
    chosen.place = parse_id(params.get("dia_ban"))
    level = params.get("do_mat", "")
    # A level above what the person may see would find nothing anyway; drop it rather than hint at it.
    if level.isdigit() and int(level) in search_levels(user):
        chosen.level = int(level)
    return chosen


def search_levels(user: User) -> list[Classification]:
    """The classification levels a person may filter by: up to their clearance and the installation ceiling."""
    top = min(int(user.clearance), int(installation_ceiling()))
    return [c for c in Classification if c <= top]


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


def did_you_mean(q: str, hits: Sequence[Hit], top: int = 20) -> str:
    """For a query typed without diacritics, the accented form seen most often in the top hits' titles.

    "dang uy" → "đảng ủy" when the titles say "Đảng ủy". The words are matched in a row first; failing that, one
    by one, as long as every word occurs in some title. "" when the query has diacritics or nothing is found.
    """
    typed = [w.lower() for w in syllables(q)]
    if not typed or any(fold(w) != w for w in typed):
        return ""
    n = len(typed)
    in_a_row: Counter[str] = Counter()
    one_by_one: list[Counter[str]] = [Counter() for _ in typed]
    seen = [False] * n
    for hit in hits[:top]:
        words = [w.lower() for w in syllables(hit.title)]
        folded = [fold(w) for w in words]
        for i in range(len(words) - n + 1):
            if folded[i:i + n] == typed and words[i:i + n] != typed:
                in_a_row[" ".join(words[i:i + n])] += 1
        for word, f in zip(words, folded, strict=True):
            for k, t in enumerate(typed):
                if f == t:
                    seen[k] = True
                    if word != t:
                        one_by_one[k][word] += 1
    if in_a_row:
        return in_a_row.most_common(1)[0][0]
    if all(seen) and any(one_by_one):
        return " ".join(c.most_common(1)[0][0] if c else t for c, t in zip(one_by_one, typed, strict=True))
    return ""


def parse_date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None


def health_view(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
