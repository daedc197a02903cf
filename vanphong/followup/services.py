"""Every change to assignments: check_* validates and authorises, do_* changes and audits in one transaction."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Unit, User
from vanphong.followup.models import Assignment
from vanphong.followup.tasks import notify_assignee
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, Urgency, check_may_classify


def _snapshot(a: Assignment) -> dict[str, Any]:
    # The title of a classified assignment stays out of the audit log (see security.audit._describe).
    return {
        "title": a.title if a.classification == Classification.THUONG else None,
        "status": a.status,
        "deadline": a.deadline,
        "classification": Classification(a.classification).name,
        "urgency": Urgency(a.urgency).name,
        "assignee": a.assignee_id,
        "unit": a.unit_id,
        "version": a.version,
    }


def check_create_assignment(
    actor: User,
    *,
    title: str,
    description: str = "",
    classification: int = Classification.THUONG,
    urgency: int = Urgency.THUONG,
    assignee: User | None = None,
    unit: Unit | None = None,
    deadline: date | None = None,
    shared_users: list[User] | None = None,
    shared_units: list[Unit] | None = None,
) -> Assignment:
    title = title.strip()
    if not title:
        raise ServiceError("Hãy ghi nội dung công việc.", field="title")
    if len(title) > 500:
        raise ServiceError("Nội dung công việc dài quá 500 ký tự; hãy rút gọn, đưa chi tiết vào phần yêu cầu.",
                           field="title")
    check_may_classify(actor, classification, "giao việc")
    if assignee is None and unit is None:
        raise ServiceError("Hãy chọn người thực hiện hoặc đơn vị chủ trì.", field="assignee")
    if assignee is not None and assignee.clearance < classification:
        raise ServiceError(
            f"{assignee.display_name} chưa được tiếp cận tài liệu độ {Classification(classification).label}; "
            "hãy chọn người khác hoặc hạ độ mật nếu phù hợp.",
            field="assignee",
        )
    if deadline is not None and deadline < timezone.localdate():
        raise ServiceError("Hạn hoàn thành không được ở trước hôm nay.", field="deadline")
    return do_create_assignment(
        actor, title=title, description=description, classification=classification, urgency=urgency,
        assignee=assignee, unit=unit, deadline=deadline,
        shared_users=shared_users or [], shared_units=shared_units or [],
    )


def do_create_assignment(
    actor: User,
    *,
    title: str,
    description: str,
    classification: int,
    urgency: int,
    assignee: User | None,
    unit: Unit | None,
    deadline: date | None,
    shared_users: list[User],
    shared_units: list[Unit],
) -> Assignment:
    with transaction.atomic():
        a = Assignment.objects.create(
            title=title, description=description, classification=classification, urgency=urgency,
            assignee=assignee, unit=unit, deadline=deadline, created_by=actor,
        )
        # Whoever the work is given to is on its access list, or they could not open it.
        a.shared_with_users.set({*shared_users, *([assignee] if assignee else [])})
        a.shared_with_units.set({*shared_units, *([unit] if unit else [])})
        record_changed(a)
        record_event("followup.assignment_created", actor=actor, obj=a, new=_snapshot(a))
        if assignee is not None and assignee != actor:
            # Only after commit, so the worker never looks for a row that is not there yet.
            transaction.on_commit(partial(notify_assignee.enqueue, a.pk))
    return a


def may_update(actor: User, a: Assignment) -> bool:
    if a.created_by_id == actor.pk or a.assignee_id == actor.pk:
        return True
    return a.unit_id is not None and a.unit_id == actor.unit_id_or_none


def check_change_status(actor: User, assignment_id: int, status: str, expected_version: int) -> Assignment:
    if status not in Assignment.Status.values:
        raise ServiceError("Trạng thái không hợp lệ; chọn Mới giao, Đang thực hiện hoặc Hoàn thành.", field="status")
    with transaction.atomic():
        a = policy.access(actor, Assignment.objects.all(), assignment_id, lock=True, audit=False)
        if not may_update(actor, a):
            raise Forbidden("Chỉ người giao việc, người thực hiện hoặc đơn vị chủ trì được cập nhật trạng thái.")
        if a.version != expected_version:
            raise Conflict()
        return do_change_status(actor, a, status)


def do_change_status(actor: User, a: Assignment, status: str) -> Assignment:
    with transaction.atomic():
        old = _snapshot(a)
        a.status = status
        a.completed_at = timezone.now() if status == Assignment.Status.DONE else None
        a.version += 1
        # The version in the WHERE clause makes a concurrent writer fail instead of overwriting.
        updated = Assignment.objects.filter(pk=a.pk, version=old["version"]).update(
            status=a.status, completed_at=a.completed_at, version=a.version, updated_at=timezone.now()
        )
        if updated != 1:
            raise Conflict()
        record_event("followup.assignment_status", actor=actor, obj=a, old=old, new=_snapshot(a))
        record_changed(a)
    return a
