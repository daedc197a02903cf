"""The life of a meeting as a workflow machine: planned → prepared (agenda fixed, packets sent) → held → minutes
approved (closed: the minutes are locked); cancelled from before it is held. Who may take each step is said
here, once; what a step does (sending the packets, releasing the agenda's proposals) lives in meetings.steps.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from vanphong.meetings.models import Meeting
from vanphong.security.classification import Classification
from vanphong.workflow.machine import Machine, Transition

M = Meeting.Status

ORGANISE_RIGHT = "meetings.organise_meeting"


def may_organise(user: Any, meeting: Meeting) -> bool:
    """The organisers of a meeting: who created it, the office unit that prepares it, holders of the right."""
    if not getattr(user, "is_authenticated", False):
        return False
    if meeting.created_by_id == user.pk:
        return True
    unit_id = user.unit_id_or_none
    if unit_id is not None and unit_id == meeting.office_unit_id:
        return True
    return bool(user.has_perm(ORGANISE_RIGHT))


def _organiser(user: Any, meeting: Meeting) -> str | None:
    if may_organise(user, meeting):
        return None
    return "Chỉ người tạo, đơn vị chuẩn bị phiên họp hoặc người có quyền tổ chức phiên họp được làm bước này."


def _held(user: Any, meeting: Meeting) -> str | None:
    reason = _organiser(user, meeting)
    if reason:
        return reason
    if meeting.starts_at > timezone.now():
        return "Phiên họp chưa đến giờ bắt đầu; chỉ ghi “đã họp” sau khi họp."
    return None


def _minutes_approver(user: Any, meeting: Meeting) -> str | None:
    reason = _organiser(user, meeting)
    if reason:
        return reason
    if not meeting.minutes.strip():
        return "Biên bản chưa có nội dung; hãy ghi biên bản trước khi thông qua."
    if meeting.minutes_by_id == user.pk:
        return "Người ghi biên bản không tự thông qua biên bản (nguyên tắc hai người)."
    return None


def _effect(name: str) -> Any:
    # The effects import services; resolved at call time so the flows stay importable early.
    def run(user: Any, record: Any, data: Any) -> None:
        from vanphong.meetings import steps

        getattr(steps, name)(user, record, data)

    run.__name__ = name
    return run


def _snapshot(m: Meeting) -> dict[str, Any]:
    # The title of a classified meeting stays out of the audit log (see security.audit).
    return {"status": m.status, "title": m.title if m.classification == Classification.THUONG else None,
            "version": m.version}


MEETING = Machine("meetings.meeting", {s.value: str(s.label) for s in M}, snapshot=_snapshot).add(
    Transition("prepare", (M.PLANNED,), M.PREPARED, "Chốt chương trình, gửi tài liệu", _organiser,
               effect=_effect("send_packets")),
    Transition("reopen", (M.PREPARED,), M.PLANNED, "Mở lại để sửa chương trình", _organiser, needs_note=True,
               style="secondary"),
    Transition("hold", (M.PREPARED,), M.HELD, "Ghi nhận đã họp", _held),
    Transition("approve_minutes", (M.HELD,), M.CLOSED, "Thông qua, khóa biên bản", _minutes_approver,
               effect=_effect("lock_minutes")),
    Transition("cancel", (M.PLANNED, M.PREPARED), M.CANCELLED, "Hoãn, hủy phiên họp", _organiser,
               needs_note=True, effect=_effect("release_agenda"), style="warning"),
)
