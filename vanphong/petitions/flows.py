"""The flows of a petition case and of a request to reveal a denouncer, as workflow machines.

Case: received → being classified → forwarded to the competent body (not within our competence; its acceptance
is then recorded as the case's), accepted for
resolution (the deadline then runs from acceptance), or not accepted (with the reason); accepted → extended (as
often as the rule allows) → resolved (the result) → the sender answered → closed. Reveal request: requested →
approved by another holder of the right, or refused.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import Body
from vanphong.petitions.models import PetitionCase, RevealRequest
from vanphong.workflow.machine import Machine, Transition

S = PetitionCase.Status
HANDLE_RIGHT = "petitions.handle_petition"


def _handler(user: Any, case: PetitionCase) -> str | None:
    return None if user.has_perm(HANDLE_RIGHT) else "Chỉ cán bộ xử lý đơn thư được thực hiện bước này."


def _answerable(user: Any, case: PetitionCase) -> str | None:
    refusal = _handler(user, case)
    if refusal:
        return refusal
    if not case.letters.filter(anonymous=False).exists():
        return "Đơn nặc danh: không có người gửi để trả lời."
    return None


def _accept(user: Any, case: PetitionCase, data: Any) -> None:
    if not case.kind:
        raise ServiceError("Hãy phân loại đơn (khiếu nại, tố cáo, kiến nghị, phản ánh) trước khi thụ lý.", field="kind")
    # A forwarded case is accepted by the competent body: the office records it, and follows the deadline.
    if case.outside_competence and case.status != S.FORWARDED:
        raise ServiceError("Đơn không thuộc thẩm quyền: hãy chuyển đơn đến cơ quan có thẩm quyền thay vì thụ lý.")
    accepted_on = data.get("accepted_on") or timezone.localdate()
    if accepted_on > timezone.localdate():
        raise ServiceError("Ngày thụ lý không được ở sau hôm nay.", field="accepted_on")
    if accepted_on < case.received_on:
        raise ServiceError("Ngày thụ lý không được ở trước ngày nhận đơn.", field="accepted_on")
    case.accepted_on = accepted_on


def _forward(user: Any, case: PetitionCase, data: Any) -> None:
    body = data.get("body")
    if not isinstance(body, Body):
        raise ServiceError("Hãy chọn cơ quan có thẩm quyền để chuyển đơn.", field="body")
    case.forwarded_to = body


def _not_accepted(user: Any, case: PetitionCase, data: Any) -> None:
    case.reason = data["note"]


def _extend(user: Any, case: PetitionCase, data: Any) -> None:
    from vanphong.petitions.deadlines import extension_refusal

    refusal = extension_refusal(case)
    if refusal:
        raise ServiceError(refusal)
    case.extensions += 1


def _resolve(user: Any, case: PetitionCase, data: Any) -> None:
    case.result = data["note"]


def _snapshot(case: PetitionCase) -> dict[str, Any]:
    # No summary, no names: the audit log is read by people who may not see the case.
    return {"status": case.status, "kind": case.kind, "deadline": case.deadline.isoformat() if case.deadline else None,
            "extensions": case.extensions, "version": case.version}


CASE = Machine("petitions.case", {s.value: str(s.label) for s in S}, snapshot=_snapshot).add(
    Transition("classify", (S.RECEIVED,), S.CLASSIFYING, "Bắt đầu phân loại", _handler),
    Transition("forward", (S.RECEIVED, S.CLASSIFYING), S.FORWARDED, "Chuyển đơn đến cơ quan có thẩm quyền", _handler,
               effect=_forward),
    Transition("accept", (S.CLASSIFYING, S.FORWARDED), S.ACCEPTED, "Thụ lý giải quyết", _handler, effect=_accept),
    Transition("not_accept", (S.RECEIVED, S.CLASSIFYING), S.NOT_ACCEPTED, "Không thụ lý", _handler,
               effect=_not_accepted, needs_note=True, style="warning"),
    Transition("extend", (S.ACCEPTED, S.EXTENDED), S.EXTENDED, "Gia hạn giải quyết", _handler, effect=_extend,
               needs_note=True, style="secondary"),
    Transition("resolve", (S.ACCEPTED, S.EXTENDED), S.RESOLVED, "Ghi kết quả giải quyết", _handler, effect=_resolve,
               needs_note=True),
    Transition("answer", (S.RESOLVED, S.FORWARDED, S.NOT_ACCEPTED), S.ANSWERED, "Đã trả lời người gửi", _answerable,
               style="secondary"),
    Transition("close", (S.RESOLVED, S.ANSWERED, S.FORWARDED, S.NOT_ACCEPTED), S.CLOSED, "Kết thúc, lưu đơn",
               _handler, style="secondary"),
)

R = RevealRequest.Status


def _reveal_right(user: Any, request: RevealRequest) -> str | None:
    from vanphong.petitions.protection import REVEAL_RIGHT

    return None if user.has_perm(REVEAL_RIGHT) else "Chỉ người có quyền xem danh tính người tố cáo được duyệt."


def _approve(user: Any, request: RevealRequest, data: Any) -> None:
    from vanphong.petitions.protection import REVEAL_VALID

    request.decided_by, request.decided_at = user, timezone.now()
    request.expires_at = request.decided_at + REVEAL_VALID


def _refuse(user: Any, request: RevealRequest, data: Any) -> None:
    request.decided_by, request.decided_at = user, timezone.now()


REVEAL = Machine("petitions.reveal", {s.value: str(s.label) for s in R}).add(
    # Four eyes: whoever asked may not approve (the service says so first, in plainer words).
    Transition("approve", (R.REQUESTED,), R.APPROVED, "Duyệt cho xem danh tính", _reveal_right, effect=_approve,
               not_by_actor_of=("create",)),
    Transition("refuse", (R.REQUESTED,), R.REFUSED, "Không duyệt", _reveal_right, effect=_refuse,
               needs_note=True, style="warning"),
)
