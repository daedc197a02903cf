"""Pages for assignments: the list, one assignment, giving a new one, changing its status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.followup import queries, services
from vanphong.followup.decisions import citation
from vanphong.followup.forms import AssignmentForm
from vanphong.followup.models import Assignment, ProgressStatus
from vanphong.security import policy

FILTERS = {
    "cua-toi": "Việc của tôi",
    "qua-han": "Quá hạn",
    "tat-ca": "Tất cả",
}



@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    scope = request.GET.get("loc", "cua-toi")
    if scope not in FILTERS:
        scope = "cua-toi"
    qs = queries.my_open_assignments(user) if scope == "cua-toi" else queries.visible_assignments(user)
    if scope == "qua-han":
        qs = queries.overdue(qs)
    page = Paginator(qs, 50).get_page(request.GET.get("trang"))
    return render(request, "followup/list.html", {"page": page, "scope": scope, "filters": FILTERS})


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    a = policy.access(user, Assignment.objects.select_related(
        "assignee__person", "unit", "created_by__person", "body", "decision__doc_type"), pk,
                      address=request.META.get("REMOTE_ADDR", ""))
    return render(request, "followup/detail.html", {
        "a": a, "may_update": services.may_update(user, a), "statuses": Assignment.Status.choices,
        # The decision's number is shown only to those who may see the decision itself.
        "citation": citation(a) if a.decision is not None and policy.can_view(user, a.decision) else None,
        "trace": queries.trace(user, a),
        "children": queries.visible_assignments(user).filter(parent=a).order_by("deadline", "pk"),
        "reports": a.reports.select_related("reported_by__person").prefetch_related("evidence")[:20],
        "milestones": a.milestones.all(), "reminders": a.reminders.select_related("sent_by__person")[:20],
        "progress_statuses": ProgressStatus.choices, "today": timezone.localdate(),
    })


@login_required
def create_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = AssignmentForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            a = services.check_create_assignment(user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Đã giao việc.")
            return redirect(a)
    return render(request, "followup/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def status_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.check_change_status(user, pk, request.POST.get("status", ""), version)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã cập nhật trạng thái.")
    return redirect("followup:detail", pk=pk)
