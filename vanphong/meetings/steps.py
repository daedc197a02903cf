"""What the steps of a meeting do, inside the step's transaction (meetings.flows names them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.meetings.models import Meeting
from vanphong.meetings.packets import account_of, packet_for
from vanphong.programs.models import ProgramItem, Proposal
from vanphong.security.classification import Classification


def what(meeting: Meeting) -> str:
    """How a notice names a meeting without giving away a classified title."""
    if meeting.classification > Classification.THUONG:
        return f"{meeting.get_kind_display().lower()} độ {Classification(meeting.classification).label}, " \
               f"{timezone.localtime(meeting.starts_at):%H:%M %d/%m/%Y}"
    return meeting.title[:200]


def send_packets(user: User, meeting: Meeting, data: Mapping[str, Any]) -> None:
    """The agenda is fixed: each participant with an account is given the documents of their packet."""
    if not meeting.agenda.exists():
        raise ServiceError("Chương trình họp chưa có nội dung nào; hãy thêm nội dung trước khi chốt.")
    for participant in meeting.participants.select_related("person"):
        send_packet(user, meeting, participant)


def send_packet(user: User, meeting: Meeting, participant: Any) -> None:
    account = account_of(participant)
    if account is not None:
        # They could not open the documents of their packet otherwise; nothing above their level is in it.
        docs = [e.document for e in packet_for(participant, account)]
        for doc in docs:
            doc.shared_with_users.add(account)
        meeting.shared_with_users.add(account)
        if account.pk != user.pk:
            notify([account], f"Tài liệu họp đã gửi: {what(meeting)}", participant.get_absolute_url())
    type(participant).objects.filter(pk=participant.pk).update(packet_sent_at=timezone.now())


def lock_minutes(user: User, meeting: Meeting, data: Mapping[str, Any]) -> None:
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = user


def release_agenda(user: User, meeting: Meeting, data: Mapping[str, Any]) -> None:
    """A cancelled meeting gives its proposals back: they may go to another session."""
    for item in meeting.agenda.filter(proposal__isnull=False).select_related("proposal"):
        release_proposal(item.proposal_id)


def release_proposal(proposal_id: int | None) -> None:
    if proposal_id is None:
        return
    proposal = Proposal.objects.select_related("item").get(pk=proposal_id)
    if proposal.status == Proposal.Status.SCHEDULED:
        Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.APPRAISED,
                                                       version=proposal.version + 1, updated_at=timezone.now())
    item = proposal.item
    if item is not None and item.status == ProgramItem.Status.SCHEDULED:
        ProgramItem.objects.filter(pk=item.pk).update(status=ProgramItem.Status.SUBMITTED,
                                                      version=item.version + 1, updated_at=timezone.now())
