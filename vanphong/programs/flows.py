"""The flows of proposals and of their appraisal, as workflow machines.

Proposal: preparing → submitted (the dossier reaches the office) → appraising (a round is open) → appraised
(ready to go before the body) or returned (reasons) → submitted again (a new round) …; withdrawn at any point
before it is appraised. Appraisal round: open → report awaiting approval → approved (the approval moves the
proposal, to appraised or returned, by the report's result). The drafter of the report never approves it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.programs.models import Appraisal, ProgramItem, Proposal
from vanphong.security.classification import Classification
from vanphong.workflow.machine import Machine, Transition

P = Proposal.Status
A = Appraisal.Status

# Approving an appraisal report: its own right, held by default by unit heads and office leaders (core.roles).
APPROVE_RIGHT = "programs.approve_appraisal"


def in_office_unit(user: Any, proposal: Proposal) -> bool:
    return proposal.office_unit_id is not None and user.unit_id_or_none == proposal.office_unit_id


def _preparer(user: Any, p: Proposal) -> str | None:
    # The lead body's dossier is entered by whoever created the proposal, or by the office unit receiving it.
    if p.created_by_id == user.pk or in_office_unit(user, p):
        return None
    return "Chỉ người lập đề án hoặc đơn vị theo dõi của Văn phòng được gửi, rút đề án này."


def _office(user: Any, p: Proposal) -> str | None:
    if in_office_unit(user, p) or user.has_perm(APPROVE_RIGHT):
        return None
    return "Chỉ đơn vị theo dõi của Văn phòng được tiếp nhận thẩm định đề án này."


def _by_approval(user: Any, p: Proposal) -> str | None:
    # Only the approval of an appraisal report moves a proposal to appraised / returned (see _approve).
    return None if user.has_perm(APPROVE_RIGHT) else "Kết quả thẩm định do người duyệt báo cáo thẩm định quyết định."


def _submit(user: Any, p: Proposal, data: Any) -> None:
    from vanphong.programs.models import ProposalDocument

    if not p.dossier.filter(role=ProposalDocument.Role.SUBMISSION).exists():
        raise ServiceError("Hồ sơ chưa có tờ trình; hãy thêm tờ trình vào hồ sơ trước khi gửi thẩm định.",
                           field="dossier")
    p.submitted_at = timezone.now()
    if p.item_id is not None:
        # The shared contract with the programme: an item whose proposal reached the office is "submitted".
        ProgramItem.objects.filter(pk=p.item_id).update(status=ProgramItem.Status.SUBMITTED, updated_at=timezone.now())


def _start_round(user: Any, p: Proposal, data: Any) -> None:
    from vanphong.programs.appraisal import open_round

    open_round(user, p)


def _withdraw(user: Any, p: Proposal, data: Any) -> None:
    Appraisal.objects.filter(proposal=p, status__in=(A.OPEN, A.REVIEW)).update(status=A.CLOSED,
                                                                              updated_at=timezone.now())


def _snapshot_proposal(p: Proposal) -> dict[str, Any]:
    # The title of a classified proposal stays out of the audit log.
    return {"status": p.status, "version": p.version, "due": p.due.isoformat() if p.due else None,
            "title": p.title if p.classification == Classification.THUONG else None}


PROPOSAL = Machine("programs.proposal", {s.value: str(s.label) for s in P}, snapshot=_snapshot_proposal).add(
    Transition("submit", (P.PREPARING, P.RETURNED), P.SUBMITTED, "Gửi thẩm định", _preparer, effect=_submit),
    Transition("start_appraisal", (P.SUBMITTED,), P.APPRAISING, "Tiếp nhận, bắt đầu thẩm định", _office,
               effect=_start_round),
    Transition("appraised", (P.APPRAISING,), P.APPRAISED, "Đủ điều kiện trình", _by_approval),
    Transition("return", (P.APPRAISING,), P.RETURNED, "Trả lại để hoàn thiện", _by_approval, needs_note=True,
               style="warning"),
    Transition("withdraw", (P.PREPARING, P.SUBMITTED, P.APPRAISING, P.RETURNED), P.WITHDRAWN, "Rút đề án",
               _preparer, needs_note=True, effect=_withdraw, style="secondary"),
)

# Steps taken by pages' buttons; the others are taken by services (appraised/return by the report's approval).
PROPOSAL_BUTTONS = ("submit", "start_appraisal", "withdraw")


def is_appraiser(user: Any, a: Appraisal) -> bool:
    return a.appraisers.filter(pk=user.pk).exists()


def _appraiser(user: Any, a: Appraisal) -> str | None:
    return None if is_appraiser(user, a) else "Chỉ người được phân công thẩm định được làm bước này."


def _approver(user: Any, a: Appraisal) -> str | None:
    return None if user.has_perm(APPROVE_RIGHT) else "Bạn không có quyền duyệt báo cáo thẩm định."


def _submit_report(user: Any, a: Appraisal, data: Any) -> None:
    if not a.report.strip():
        raise ServiceError("Hãy viết báo cáo thẩm định trước khi trình duyệt.", field="report")
    if a.result not in (Appraisal.Result.READY, Appraisal.Result.RETURN):
        raise ServiceError("Hãy chọn kết quả thẩm định: đủ điều kiện trình hoặc trả lại.", field="result")
    if a.result == Appraisal.Result.RETURN and not a.reasons.strip():
        raise ServiceError("Đề nghị trả lại thì phải ghi rõ lý do và nội dung cần hoàn thiện.", field="reasons")
    a.drafted_by = user


def _approve(user: Any, a: Appraisal, data: Any) -> None:
    a.approved_by, a.approved_at = user, timezone.now()
    proposal = Proposal.objects.get(pk=a.proposal_id)
    if a.result == Appraisal.Result.READY:
        PROPOSAL.apply(user, proposal, "appraised", note=data.get("note", ""))
    else:
        PROPOSAL.apply(user, proposal, "return", note=a.reasons)


def _snapshot_appraisal(a: Appraisal) -> dict[str, Any]:
    return {"status": a.status, "result": a.result, "round": a.round, "version": a.version}


APPRAISAL = Machine("programs.appraisal", {s.value: str(s.label) for s in A}, snapshot=_snapshot_appraisal).add(
    Transition("submit_report", (A.OPEN,), A.REVIEW, "Trình duyệt báo cáo thẩm định", _appraiser,
               effect=_submit_report),
    Transition("send_back", (A.REVIEW,), A.OPEN, "Trả lại báo cáo để sửa", _approver, needs_note=True,
               not_by_actor_of=("submit_report",), style="secondary"),
    Transition("approve", (A.REVIEW,), A.APPROVED, "Duyệt báo cáo thẩm định", _approver,
               not_by_actor_of=("submit_report",), effect=_approve),
)
