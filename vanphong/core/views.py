"""Directory pages: people and their titles, units, bodies, places."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from vanphong.core import queries
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Person


@login_required
def people_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    unit_id = parse_id(request.GET.get("don_vi"))
    page = Paginator(queries.people(q, unit_id), 50).get_page(request.GET.get("trang"))
    context = {"page": page, "q": q, "unit_id": unit_id, "units": queries.units()}
    template = "core/_people_rows.html" if request.headers.get("HX-Request") else "core/people.html"
    return render(request, template, context)


@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("unit"), pk=pk)
    positions = person.positions.select_related("body", "unit", "place").order_by("-valid_to", "order")
    return render(request, "core/person.html", {"person": person, "positions": positions})


@login_required
def bodies_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("loai", "")
    if kind not in Body.Kind.values:
        kind = ""
    return render(request, "core/bodies.html",
                  {"bodies": queries.bodies(kind), "kind": kind, "kinds": Body.Kind.choices})


@login_required
def places_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/places.html",
                  {"current": queries.current_places(), "former": queries.former_places()})
