"""Pages of the follow-up of decisions: assigning a point, reporting progress, reminders, import, overdue charts."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.models import Body
from vanphong.documents.body import anchors
from vanphong.documents.models import Document
from vanphong.followup import decisions, imports, progress, queries, reminders
from vanphong.followup.models import ProgressStatus
from vanphong.security import policy

VIEWS = {"co-quan": ("body", "Theo cơ quan", "Cơ quan"), "tinh": ("province", "Theo tỉnh, thành", "Tỉnh, thành"),
         "van-ban": ("decision", "Theo văn bản", "Văn bản")}


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def _day(value: str | None) -> date | None:
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


@login_required
def overdue_view(request: HttpRequest) -> HttpResponse:
    """Overdue tasks of decisions by body, province or decision, as a bar chart drawn on the server (SVG)."""
    user = acting_user(request)
    tab = request.GET.get("theo", "co-quan")
    if tab not in VIEWS:
        tab = "co-quan"
    by, _, heading = VIEWS[tab]
    groups = queries.overdue_groups(user, by, timezone.localdate())
    return render(request, "followup/overdue.html", {
        "tab": tab, "views": VIEWS, "rows": [g for g in groups if g.overdue][:40], "heading": heading,
        "total": queries.totals(groups),
    })


@login_required
def assign_view(request: HttpRequest, doc_pk: int) -> HttpResponse:
    """Give a point of an issued decision to bodies and provinces."""
    user = acting_user(request)
    doc = policy.access(user, Document.objects.select_related("doc_type"), doc_pk, audit=False)
    points = anchors(doc.body)
    bodies = Body.objects.valid_on().exclude(kind=Body.Kind.LEADERSHIP).order_by("kind", "order", "sort_key")
    error = None
    if request.method == "POST":
        try:
            made = decisions.check_assign_point(
                user, decision_id=doc.pk, anchor=request.POST.get("anchor", ""),
                body_ids=[i for i in (_int(v) for v in request.POST.getlist("bodies")) if i is not None],
                deadline=_day(request.POST.get("deadline")), title=request.POST.get("title", ""),
                description=request.POST.get("description", ""),
            )
        except ServiceError as exc:
            error = exc
        else:
            messages.success(request, f"Đã giao {len(made)} nhiệm vụ.")
            return redirect(made[0])
    return render(request, "followup/assign.html", {
        "doc": doc, "points": points, "bodies": bodies, "error": error, "post": request.POST,
        "chosen": set(request.POST.getlist("bodies")),
    }, status=400 if error else 200)


def _back(pk: int) -> HttpResponse:
    return redirect("followup:detail", pk=pk)


@login_required
@require_POST
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    percent_text = request.POST.get("percent", "").strip()
    try:
        progress.check_report_progress(
            user, pk, status=request.POST.get("status", ""),
            percent=_int(percent_text) if percent_text else None, note=request.POST.get("note", ""),
            expected_version=_int(request.POST.get("version")) or -1,
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi báo cáo tiến độ.")
    return _back(pk)


@login_required
@require_POST
def remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reminders.check_remind(acting_user(request), pk, request.POST.get("note", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã đôn đốc.")
    return _back(pk)


@login_required
@require_POST
def subtask_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        progress.check_add_subtask(acting_user(request), pk, title=request.POST.get("title", ""),
                                   weight=_int(request.POST.get("weight")) or 1,
                                   deadline=_day(request.POST.get("deadline")))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã thêm việc nhỏ.")
    return _back(pk)


@login_required
@require_POST
def milestone_view(request: HttpRequest, pk: int) -> HttpResponse:
    due = _day(request.POST.get("due"))
    try:
        if due is None:
            raise ServiceError("Hãy nhập hạn của mốc, dạng ngày/tháng/năm.", field="due")
        progress.check_add_milestone(acting_user(request), pk, title=request.POST.get("title", ""), due=due)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã thêm mốc.")
    return _back(pk)


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    result = error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ServiceError("Hãy chọn tệp .xlsx hoặc .csv.", field="file")
            result = imports.check_import(user, upload.name or "", upload.read())
        except ServiceError as exc:
            error = exc
        if result is not None and result.ok:
            messages.success(request, f"Đã nhập {result.applied} dòng tiến độ.")
    status = 400 if error or (result is not None and not result.ok) else 200
    return render(request, "followup/import.html", {
        "result": result, "error": error, "expected": imports.EXPECTED, "statuses": ProgressStatus.choices,
    }, status=status)
