"""Progress of assignments: reports with a status and percentage, weighted sub-task trees, milestones.

A report sets the assignment's percentage (the status's default unless given) and its status; a parent's
percentage is the weighted mean of its children's, recomputed up the tree in the same transaction as the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Body, User
from vanphong.documents.models import Document
from vanphong.followup.models import DEFAULT_PERCENT, Assignment, Milestone, ProgressReport, ProgressStatus
from vanphong.followup.services import _snapshot, may_update
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event


def status_for(percent: int) -> str:
    """The assignment status a percentage means: nothing done is new, all done is done."""
    if percent >= 100:
        return Assignment.Status.DONE
    return Assignment.Status.IN_PROGRESS if percent > 0 else Assignment.Status.NEW


def check_percent(status: str, percent: int | None) -> int:
    if status not in ProgressStatus.values:
        labels = ", ".join(str(label) for label in ProgressStatus.labels)
        raise ServiceError(f"Tình trạng không hợp lệ; chọn một trong: {labels}.", field="status")
    if percent is None:
        return DEFAULT_PERCENT[status]
    if percent < 0 or percent > 100:
        raise ServiceError(f"Tiến độ {percent}% không hợp lệ; nhập từ 0 đến 100.", field="percent")
    return percent


def access_for_update(actor: User, assignment_id: int, expected_version: int | None) -> Assignment:
    a = policy.access(actor, Assignment.objects.all(), assignment_id, lock=True, audit=False)
    if not may_update(actor, a):
        raise Forbidden("Chỉ người giao việc, người thực hiện hoặc đơn vị theo dõi được cập nhật tiến độ.")
    if expected_version is not None and a.version != expected_version:
        raise Conflict()
    return a


def check_report_progress(
    actor: User,
    assignment_id: int,
    *,
    status: str,
    percent: int | None = None,
    note: str = "",
    evidence_ids: Sequence[int] = (),
    reported_on: date | None = None,
    expected_version: int | None = None,
) -> ProgressReport:
    value = check_percent(status, percent)
    with transaction.atomic():
        a = access_for_update(actor, assignment_id, expected_version)
        if a.children.exists():
            raise ServiceError("Việc này chia thành các việc nhỏ: tiến độ tính từ các việc nhỏ; hãy báo cáo "
                               "tiến độ của từng việc nhỏ.", field="percent")
        evidence = list(policy.visible(actor, Document.objects.filter(pk__in=set(evidence_ids))))
        if len(evidence) != len(set(evidence_ids)):
            raise ServiceError("Có văn bản minh chứng không tồn tại hoặc bạn không được xem.", field="evidence")
        return do_report_progress(actor, a, status=status, percent=value, note=note, evidence=evidence,
                                  reported_on=reported_on or timezone.localdate())


def do_report_progress(actor: User, a: Assignment, *, status: str, percent: int, note: str,
                       evidence: Sequence[Document] = (), reported_on: date, source: str = "tay"
                       ) -> ProgressReport:
    with transaction.atomic():
        report = ProgressReport.objects.create(assignment=a, status=status, percent=percent, note=note.strip(),
                                               reported_by=actor, reported_on=reported_on, source=source)
        if evidence:
            report.evidence.set(evidence)
        _set_percent(actor, a, percent, "followup.progress_reported",
                     extra={"report": report.pk, "progress_status": status, "source": source})
        _recompute_ancestors(actor, a.parent_id)
    return report


def _set_percent(actor: User | None, a: Assignment, percent: int, event: str, extra: dict[str, object]) -> None:
    old = _snapshot(a) | {"percent": a.percent}
    a.percent = percent
    a.status = status_for(percent)
    if a.status == Assignment.Status.DONE:
        a.completed_at = a.completed_at or timezone.now()
    else:
        a.completed_at = None
    a.version += 1
    # The version in the WHERE clause makes a concurrent writer fail instead of overwriting.
    updated = Assignment.objects.filter(pk=a.pk, version=old["version"]).update(
        percent=a.percent, status=a.status, completed_at=a.completed_at, version=a.version,
        updated_at=timezone.now())
    if updated != 1:
        raise Conflict()
    record_event(event, actor=actor, obj=a, old=old, new=_snapshot(a) | {"percent": a.percent, **extra})
    record_changed(a)


def weighted_percent(parent_id: int) -> int | None:
    """The weighted mean of the children's percentages, in the database; None without children."""
    row = Assignment.objects.filter(parent_id=parent_id).aggregate(w=Sum("weight"), wp=Sum(F("weight") * F("percent")))
    if not row["w"]:
        return None
    return round(row["wp"] / row["w"])


def _recompute_ancestors(actor: User | None, parent_id: int | None) -> None:
    seen: set[int] = set()
    while parent_id is not None and parent_id not in seen:
        seen.add(parent_id)
        parent = Assignment.objects.select_for_update().get(pk=parent_id)
        value = weighted_percent(parent_id)
        if value is not None and value != parent.percent:
            _set_percent(actor, parent, value, "followup.percent_recomputed", extra={})
        parent_id = parent.parent_id


def check_set_parent(actor: User, child_id: int, parent_id: int | None, weight: int = 1,
                     expected_version: int | None = None) -> Assignment:
    """Put a task under another (a sub-task with a weight), or take it out (`parent_id` None)."""
    if weight < 1 or weight > 1000:
        raise ServiceError("Trọng số phải từ 1 đến 1000.", field="weight")
    with transaction.atomic():
        child = access_for_update(actor, child_id, expected_version)
        parent = None
        if parent_id is not None:
            parent = access_for_update(actor, parent_id, None)
            # Walk up from the new parent: meeting the child means the child would be its own ancestor.
            node: Assignment | None = parent
            while node is not None:
                if node.pk == child.pk:
                    raise ServiceError("Không thể đặt việc này dưới chính nó hoặc dưới một việc nhỏ của nó "
                                       "(cây nhiệm vụ sẽ thành vòng).", field="parent")
                node = Assignment.objects.filter(pk=node.parent_id).first() if node.parent_id else None
        return do_set_parent(actor, child, parent, weight)


def do_set_parent(actor: User, child: Assignment, parent: Assignment | None, weight: int) -> Assignment:
    with transaction.atomic():
        old_parent = child.parent_id
        old = _snapshot(child) | {"parent": old_parent, "weight": child.weight}
        child.parent = parent
        child.weight = weight
        child.version += 1
        Assignment.objects.filter(pk=child.pk).update(parent=parent, weight=weight, version=child.version,
                                                     updated_at=timezone.now())
        record_event("followup.parent_set", actor=actor, obj=child, old=old,
                     new=_snapshot(child) | {"parent": child.parent_id, "weight": weight})
        _recompute_ancestors(actor, old_parent)
        _recompute_ancestors(actor, child.parent_id)
    return child


def check_add_subtask(actor: User, parent_id: int, *, title: str, weight: int = 1, deadline: date | None = None,
                      body: Body | None = None) -> Assignment:
    """A sub-task of a decision's assignment: the same decision, point, level and office unit."""
    title = title.strip()
    if not title:
        raise ServiceError("Hãy ghi nội dung việc nhỏ.", field="title")
    if weight < 1 or weight > 1000:
        raise ServiceError("Trọng số phải từ 1 đến 1000.", field="weight")
    with transaction.atomic():
        parent = access_for_update(actor, parent_id, None)
        if deadline is not None and parent.deadline is not None and deadline > parent.deadline:
            raise ServiceError("Hạn của việc nhỏ không được sau hạn của nhiệm vụ lớn "
                               f"({parent.deadline:%d/%m/%Y}).", field="deadline")
        child = Assignment.objects.create(
            title=title[:500], classification=parent.classification, urgency=parent.urgency, unit=parent.unit,
            assignee=parent.assignee, deadline=deadline or parent.deadline, created_by=actor,
            body=body or parent.body, decision=parent.decision, anchor=parent.anchor, parent=parent, weight=weight,
        )
        child.shared_with_users.set(parent.shared_with_users.all())
        child.shared_with_units.set(parent.shared_with_units.all())
        record_changed(child)
        record_event("followup.subtask_created", actor=actor, obj=child,
                     new=_snapshot(child) | {"parent": parent.pk, "weight": weight})
        _recompute_ancestors(actor, parent.pk)
    return child


def check_add_milestone(actor: User, assignment_id: int, *, title: str, due: date) -> Milestone:
    title = title.strip()
    if not title:
        raise ServiceError("Hãy ghi tên mốc.", field="title")
    with transaction.atomic():
        a = access_for_update(actor, assignment_id, None)
        if a.deadline is not None and due > a.deadline:
            raise ServiceError(f"Mốc không được sau hạn hoàn thành ({a.deadline:%d/%m/%Y}).", field="due")
        m = Milestone.objects.create(assignment=a, title=title[:300], due=due)
        record_event("followup.milestone_added", actor=actor, obj=a, new={"milestone": m.pk, "due": due})
    return m


def check_milestone_done(actor: User, milestone_id: int, done_on: date | None = None) -> Milestone:
    with transaction.atomic():
        m = Milestone.objects.select_related("assignment").filter(pk=milestone_id).first()
        if m is None or not policy.can_view(actor, m.assignment):
            from django.http import Http404

            raise Http404
        access_for_update(actor, m.assignment_id, None)
        day = done_on or timezone.localdate()
        Milestone.objects.filter(pk=m.pk).update(done_on=day)
        m.done_on = day
        record_event("followup.milestone_done", actor=actor, obj=m.assignment,
                     new={"milestone": m.pk, "done_on": day})
    return m
