"""The flow of a bulletin as a workflow machine: draft → submitted → approved → issued, or returned with a note.

Four eyes: the person who created or submitted a bulletin may not approve it. Issuing (numbering, rendering,
the document, the readers and their notices) is the effect of the last step, so it is all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.infocenter.models import Bulletin
from vanphong.security.classification import Classification
from vanphong.workflow.machine import Machine, Transition

S = Bulletin.Status
COMPOSE_RIGHT = "infocenter.add_bulletin"
APPROVE_RIGHT = "infocenter.approve_bulletin"


def may_edit(user: Any, bulletin: Bulletin) -> bool:
    """Who edits a bulletin in draft: its composer, or a composer of the composer's unit."""
    if bulletin.status != S.DRAFT or not user.has_perm(COMPOSE_RIGHT):
        return False
    if bulletin.created_by_id == user.pk:
        return True
    unit = user.unit_id_or_none
    creator = bulletin.created_by
    return unit is not None and creator.unit_id_or_none == unit


def _editor(user: Any, bulletin: Bulletin) -> str | None:
    return None if may_edit(user, bulletin) else "Chỉ người soạn bản tin (hoặc chuyên viên cùng đơn vị) được trình."


def _approver(user: Any, bulletin: Bulletin) -> str | None:
    if not user.has_perm(APPROVE_RIGHT):
        return "Chỉ người có quyền duyệt bản tin được thực hiện bước này."
    if user.clearance < bulletin.classification:
        return f"Bạn chưa được tiếp cận tài liệu độ {Classification(bulletin.classification).label}."
    return None


def _submit(user: Any, bulletin: Bulletin, data: Mapping[str, Any]) -> None:
    from vanphong.infocenter.bulletins import services

    services.on_submit(user, bulletin)


def _approve(user: Any, bulletin: Bulletin, data: Mapping[str, Any]) -> None:
    bulletin.approved_by, bulletin.approved_at = user, timezone.now()


def _return(user: Any, bulletin: Bulletin, data: Mapping[str, Any]) -> None:
    from vanphong.infocenter.bulletins import services

    bulletin.approved_by, bulletin.approved_at = None, None
    services.on_return(user, bulletin, str(data.get("note") or ""))


def _issue(user: Any, bulletin: Bulletin, data: Mapping[str, Any]) -> None:
    from vanphong.infocenter.bulletins import issuing

    if bulletin.approved_by_id is None:
        raise ServiceError("Bản tin chưa được duyệt.")
    issuing.issue(user, bulletin, data)


def _snapshot(bulletin: Bulletin) -> dict[str, Any]:
    # No title of a classified bulletin in the audit log (read by people who may not see it).
    return {"status": bulletin.status, "kind": bulletin.kind, "number": bulletin.number, "version": bulletin.version,
            "title": bulletin.title if bulletin.classification == Classification.THUONG else None}


BULLETIN = Machine("infocenter.bulletin", {s.value: str(s.label) for s in S}, snapshot=_snapshot).add(
    Transition("submit", (S.DRAFT,), S.SUBMITTED, "Trình duyệt", _editor, effect=_submit),
    Transition("approve", (S.SUBMITTED,), S.APPROVED, "Duyệt bản tin", _approver, effect=_approve,
               not_by_actor_of=("create", "submit")),
    Transition("return", (S.SUBMITTED, S.APPROVED), S.DRAFT, "Trả lại để sửa", _approver, effect=_return,
               needs_note=True, style="warning"),
    Transition("issue", (S.APPROVED,), S.ISSUED, "Phát hành bản tin", _approver, effect=_issue),
)
