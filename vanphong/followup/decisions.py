"""Assignments from a decision: one point of an issued conclusion (resolution, directive…) given to bodies.

`check_assign_point` validates everything first (the decision is issued and visible, the point exists in its
body, the bodies are known, the deadline is not before the decision's date) and then creates one assignment per
body in one transaction, so bad input saves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from vanphong.core.errors import ServiceError
from vanphong.core.models import Body, Unit, User
from vanphong.documents.body import anchors, describe
from vanphong.documents.models import Document
from vanphong.followup.models import Assignment
from vanphong.followup.services import _snapshot
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Urgency, check_may_classify

# A decision can be cited once it is signed and numbered (issued) or released.
CITABLE = (Document.Status.ISSUED, Document.Status.RELEASED)


@dataclass(frozen=True)
class Citation:
    """How an assignment names its source: "điểm 2, mục II của Kết luận số 21-KL/TW", and where to find it."""

    text: str
    url: str


def citation(a: Assignment) -> Citation | None:
    doc = a.decision
    if doc is None:
        return None
    name = doc.doc_type.name if doc.doc_type_id else "Văn bản"
    source = f"{name} số {doc.symbol}" if doc.symbol else name
    url = doc.get_absolute_url()
    if a.anchor:
        # The document page gives each heading its anchor as id (documents/detail.html).
        return Citation(f"{describe(a.anchor)} của {source}", f"{url}#{a.anchor}")
    return Citation(source, url)


def check_assign_point(
    actor: User,
    *,
    decision_id: int,
    anchor: str,
    body_ids: Sequence[int],
    deadline: date | None,
    title: str = "",
    description: str = "",
    unit: Unit | None = None,
    urgency: int = Urgency.THUONG,
) -> list[Assignment]:
    """Give point `anchor` of decision `decision_id` to each body; returns the new assignments."""
    doc = policy.access(actor, Document.objects.select_related("doc_type"), decision_id, audit=False)
    if doc.status not in CITABLE:
        raise ServiceError("Văn bản chưa ban hành; chỉ giao nhiệm vụ từ văn bản đã ký, cấp số.", field="decision")
    points = {p.anchor: p.label for p in anchors(doc.body)}
    anchor = anchor.strip().strip("#")
    if anchor and anchor not in points:
        known = ", ".join(list(points)[:8]) or "văn bản không có mục, điểm nào"
        raise ServiceError(f"Văn bản không có điểm, mục “{anchor}”; chọn một trong: {known}.", field="anchor")
    if not body_ids:
        raise ServiceError("Hãy chọn ít nhất một cơ quan hoặc tỉnh, thành ủy thực hiện.", field="bodies")
    bodies = {b.pk: b for b in Body.objects.filter(pk__in=set(body_ids))}
    unknown = [str(i) for i in body_ids if i not in bodies]
    if unknown:
        raise ServiceError(f"Không có cơ quan, địa phương mã {', '.join(unknown)}; hãy chọn lại từ danh sách.",
                           field="bodies")
    if deadline is None:
        raise ServiceError("Hãy đặt hạn hoàn thành.", field="deadline")
    if doc.issued_on is not None and deadline < doc.issued_on:
        raise ServiceError(
            f"Hạn hoàn thành {deadline:%d/%m/%Y} ở trước ngày ban hành văn bản {doc.issued_on:%d/%m/%Y}; "
            "hãy đặt hạn từ ngày ban hành trở đi.", field="deadline")
    check_may_classify(actor, doc.classification, "giao nhiệm vụ")
    title = (title.strip() or (points.get(anchor, "") and f"Thực hiện {points[anchor]} của {doc.symbol}")
             or f"Thực hiện {doc.symbol or doc.summary}")[:500]
    with transaction.atomic():
        made = []
        for body_id in dict.fromkeys(body_ids):
            made.append(do_assign_point(actor, doc, anchor, bodies[body_id], deadline, title, description,
                                        unit if unit is not None else _unit_of(actor), urgency))
    return made


def _unit_of(user: User) -> Unit | None:
    return user.person.unit if user.person_id and user.person is not None else None


def do_assign_point(actor: User, doc: Document, anchor: str, body: Body, deadline: date, title: str,
                    description: str, unit: Unit | None, urgency: int) -> Assignment:
    with transaction.atomic():
        a = Assignment.objects.create(
            title=title, description=description, classification=doc.classification, urgency=urgency,
            unit=unit, deadline=deadline, created_by=actor, body=body, decision=doc, anchor=anchor,
        )
        if unit is not None:
            a.shared_with_units.add(unit)
        record_changed(a)
        record_event("followup.assignment_from_decision", actor=actor, obj=a,
                     new={**_snapshot(a), "decision": doc.pk, "anchor": anchor, "body": body.pk})
    return a
