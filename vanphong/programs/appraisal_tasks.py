"""Background work of proposals: the reminders (đôn đốc) about due dates. Safe to run twice."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.core.roles import Role
from vanphong.programs.appraisal_queries import NOT_YET_SUBMITTED
from vanphong.programs.models import Proposal, ProposalReminder
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification

S = ProposalReminder.Stage

# Days after the due date (negative: before) at which each stage is sent.
STAGE_OFFSETS = {S.BEFORE_7: -7, S.AFTER_1: 1, S.AFTER_7: 7}


def stage_for(due: date, today: date) -> ProposalReminder.Stage | None:
    """The latest stage reached on `today` (a job that missed a day still sends the stage it is in)."""
    reached = [s for s, off in STAGE_OFFSETS.items() if today >= due + timedelta(days=off)]
    return reached[-1] if reached else None


def _followers(p: Proposal, escalate: bool) -> list[User]:
    """The office unit's specialists who follow the proposal (and its heads on escalation) who may open it."""
    if p.office_unit_id is None:
        return []
    people = User.objects.filter(is_active=True, person__unit_id=p.office_unit_id).select_related("person")
    roles = [Role.SPECIALIST.value, Role.UNIT_HEAD.value] if escalate else [Role.SPECIALIST.value]
    people = people.filter(groups__name__in=roles).distinct()
    return [u for u in people if policy.can_view(u, p)]


def _text(p: Proposal, stage: str) -> str:
    what = p.title if p.classification == Classification.THUONG else \
        f"một đề án độ {Classification(p.classification).label}"
    due = p.due.strftime("%d/%m/%Y") if p.due else ""
    if stage == S.BEFORE_7:
        return f"Đôn đốc: còn 7 ngày đến hạn gửi hồ sơ {what} (hạn {due})."
    if stage == S.AFTER_1:
        return f"Đôn đốc: đã quá hạn gửi hồ sơ {what} (hạn {due}); đề nghị nhắc cơ quan chủ trì."
    return f"Báo cáo lãnh đạo đơn vị: {what} đã quá hạn 7 ngày (hạn {due}), chưa gửi hồ sơ thẩm định."


def remind(p: Proposal, today: date) -> ProposalReminder | None:
    """Send the stage due today for one proposal unless it was already sent; the unique row is the claim."""
    if p.due is None or p.status not in NOT_YET_SUBMITTED:
        return None
    stage = stage_for(p.due, today)
    if stage is None or ProposalReminder.objects.filter(proposal=p, stage=stage).exists():
        return None
    escalate = stage == S.AFTER_7
    people = _followers(p, escalate)
    try:
        with transaction.atomic():
            row = ProposalReminder.objects.create(proposal=p, stage=stage, due=p.due, recipients=len(people))
            notify(people, _text(p, stage), p.get_absolute_url(), urgent=escalate)
            record_event("programs.proposal_reminded", obj=p, new={"stage": stage, "recipients": len(people)})
    except IntegrityError:
        return None  # another run sent this stage meanwhile
    return row


@task()
def send_proposal_reminders(today_iso: str = "") -> int:
    """Every proposal not yet submitted whose due date is within 7 days or past: send the stage it is in."""
    today = date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    qs = Proposal.objects.filter(status__in=NOT_YET_SUBMITTED, due__isnull=False,
                                 due__lte=today + timedelta(days=7), due__gte=today - timedelta(days=60))
    sent = 0
    for p in qs.select_related("office_unit"):
        if remind(p, today) is not None:
            sent += 1
    return sent
