"""The audit page for administrators: start a verification of the chain and watch its progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.core.models import JobProgress, User
from vanphong.security.audit import AuditEvent
from vanphong.security.tasks import verify_audit_chain

RIGHT = "security.view_auditevent"


def _require_right(request: HttpRequest) -> None:
    # Without the right the page does not exist for the person (404, as for records they may not see).
    if not request.user.has_perm(RIGHT):
        raise Http404


@login_required
def audit_view(request: HttpRequest) -> HttpResponse:
    _require_right(request)
    jobs = JobProgress.objects.filter(name="Kiểm tra chuỗi nhật ký").order_by("-created_at")[:5]
    recent = AuditEvent.objects.order_by("-seq")[:20]
    return render(request, "security/audit.html", {"jobs": jobs, "recent": recent, "total": AuditEvent.objects.count()})


@login_required
@require_POST
def audit_verify_view(request: HttpRequest) -> HttpResponse:
    _require_right(request)
    result = verify_audit_chain.enqueue()
    requester = request.user if isinstance(request.user, User) else None
    JobProgress.objects.get_or_create(
        task_id=str(result.id), defaults={"name": "Kiểm tra chuỗi nhật ký", "requested_by": requester}
    )
    return redirect("security:audit")


@login_required
def audit_progress_view(request: HttpRequest, task_id: str) -> HttpResponse:
    _require_right(request)
    job = JobProgress.objects.filter(task_id=task_id[:64]).first()
    if job is None:
        raise Http404
    return render(request, "security/_progress.html", {"job": job})


