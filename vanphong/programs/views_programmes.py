"""Pages of work programmes, their items and adjustments."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.models import Body
from vanphong.programs import queries, services
from vanphong.programs.models.programme import Kind, ProgramAdjustment, ProgramItem
from vanphong.security import policy


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/programme_list.html", {"programs": queries.programs(request.user)})


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(queries.programs(request.user), pk=pk)
    error = None
    if request.method == "POST":
        start, end = _parse(request.POST.get("planned_start", "")), _parse(request.POST.get("planned_end", ""))
        try:
            if start is None or end is None:
                raise ServiceError("Hãy nhập ngày dự kiến theo dạng ngày hợp lệ.", field="planned_start")
            services.check_create_item(
                acting_user(request), program, title=request.POST.get("title", ""), kind=request.POST.get("kind", ""),
                lead_body_id=request.POST.get("lead_body"), planned_start=start, planned_end=end,
                reason=request.POST.get("reason", ""), decided_by=request.POST.get("decided_by", ""),
                expected_version=_version(request))
            return redirect(program.get_absolute_url())
        except ServiceError as e:
            error = e
    done, planned, rate = queries.completion_rate(program, request.user)
    return render(request, "programs/programme_detail.html", {
        "program": program, "groups": queries.grouped_items(request.user, program), "error": error,
        "adjustments": queries.adjustments_of(request.user, program=program), "rate": rate, "done": done,
        "planned": planned, "kinds": Kind.choices, "bodies": Body.objects.order_by("order", "name"),
        "form": request.POST if error else {},
    }, status=400 if error else 200)


@login_required
@require_POST
def program_approve(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(queries.programs(request.user), pk=pk)
    try:
        services.do_approve_program(acting_user(request), program, _version(request))
    except ServiceError as e:
        messages.error(request, e.message)
    return redirect(program.get_absolute_url())


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.access(request.user, ProgramItem.objects.select_related("program", "lead_body"), pk,
                         address=request.META.get("REMOTE_ADDR", ""))
    error = None
    if request.method == "POST":
        try:
            services.check_adjust_item(
                acting_user(request), item.pk, kind=request.POST.get("kind", ""), reason=request.POST.get("reason", ""),
                decided_by=request.POST.get("decided_by", ""),
                expected_version=_version(request),
                planned_start=_parse(request.POST.get("planned_start", "")),
                planned_end=_parse(request.POST.get("planned_end", "")))
            return redirect(item.get_absolute_url())
        except ServiceError as e:
            error = e
    return render(request, "programs/item_detail.html", {
        "item": item, "trace": queries.trace_of_item(request.user, item), "error": error,
        "adjustments": queries.adjustments_of(request.user, item=item),
        "adjust_kinds": [c for c in ProgramAdjustment.Kind.choices if c[0] != ProgramAdjustment.Kind.ADDED],
    }, status=400 if error else 200)


def _version(request: HttpRequest) -> int:
    # A missing or garbled version is treated as stale: a conflict, never an overwrite.
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0
