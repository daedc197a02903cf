"""Reminders (đôn đốc): before a deadline (7 and 1 days) and after it (1, 7, 30 days), escalating to the office
unit's leaders at 7 and 30 days late; and the manual "đôn đốc" button.

An automatic reminder is one `Reminder` row per (assignment, stage) (a unique constraint): the periodic job may
run any number of times a day and reminds once. Each reminder leaves a notice for the people following the
assignment who may see it; a classified assignment's title is never in the notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.core.roles import Role
from vanphong.followup.models import Assignment, Reminder
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification

OPEN = (Assignment.Status.NEW, Assignment.Status.IN_PROGRESS)
S = Reminder.Stage


@dataclass(frozen=True)
class StageRule:
    stage: str
    # days past the deadline (negative: before it) in which this stage is the current one, inclusive
    first: int
    last: int
    escalate: bool = False


# Rules are data: the day a stage starts, until the next one takes over.
STAGES: tuple[StageRule, ...] = (
    StageRule(S.BEFORE_7, -7, -2),
    StageRule(S.BEFORE_1, -1, 0),
    StageRule(S.AFTER_1, 1, 6),
    StageRule(S.AFTER_7, 7, 29, escalate=True),
    StageRule(S.AFTER_30, 30, 100_000, escalate=True),
)


def followers(a: Assignment, *, escalate: bool) -> list[User]:
    """Who is told: the giver, the assignee, the people it is shared with, and (escalating) the heads of the
    office unit that follows it; only those who may see it."""
    people = {a.created_by_id, a.assignee_id, *a.shared_with_users.values_list("pk", flat=True)}
    users = list(User.objects.filter(pk__in={p for p in people if p}, is_active=True))
    if escalate and a.unit_id is not None:
        users += list(User.objects.filter(person__unit_id=a.unit_id, groups__name=Role.UNIT_HEAD.value,
                                          is_active=True))
    return [u for u in users if policy.can_view(u, a)]


def notice_text(a: Assignment, stage: str, today: date) -> str:
    what = (f"việc số {a.pk} (độ {a.get_classification_display()})" if a.classification > Classification.THUONG
            else f"“{a.title[:120]}”")
    assert a.deadline is not None
    days = (a.deadline - today).days
    when = (f"còn {days} ngày đến hạn {a.deadline:%d/%m/%Y}" if days > 0 else
            f"đến hạn hôm nay {a.deadline:%d/%m/%Y}" if days == 0 else
            f"đã quá hạn {-days} ngày (hạn {a.deadline:%d/%m/%Y})")
    if stage == S.MANUAL:
        return f"Đôn đốc: {what} {when}."
    return f"Nhắc hạn: {what} {when}."


def do_remind(a: Assignment, stage: str, today: date, *, escalate: bool, actor: User | None, note: str = ""
              ) -> Reminder | None:
    """One reminder of `a` at `stage`, sent on `today`: its row, the followers' notices and the audit event, or
    None when that stage's reminder exists already. No permission check: callers decide (the periodic job, the
    đôn đốc button through check_remind, the demo replaying the days before it was built)."""
    recipients = followers(a, escalate=escalate)
    try:
        with transaction.atomic():
            r = Reminder.objects.create(assignment=a, stage=stage, sent_on=today, sent_by=actor,
                                        escalated=escalate, note=note[:300])
            r.recipients.set(recipients)
            notify(recipients, notice_text(a, stage, today), a.get_absolute_url(), urgent=escalate)
            record_event("followup.reminder_sent", actor=actor, obj=a,
                         new={"stage": stage, "recipients": len(recipients), "escalated": escalate})
    except IntegrityError:
        return None  # another run made this stage's reminder first
    return r


def run_reminders(today: date | None = None) -> int:
    """Make the reminders due today; returns how many were made. Safe to run again: made ones are skipped."""
    today = today or timezone.localdate()
    made = 0
    for rule in STAGES:
        # days late = today - deadline, so a stage's days map to a range of deadlines
        due = (Assignment.objects.filter(
            status__in=OPEN, deadline__gte=today - timedelta(days=rule.last),
            deadline__lte=today - timedelta(days=rule.first),
        ).exclude(reminders__stage=rule.stage).select_related("created_by").order_by("pk"))
        for a in due.iterator(chunk_size=500):
            if do_remind(a, rule.stage, today, escalate=rule.escalate, actor=None) is not None:
                made += 1
    return made


def check_remind(actor: User, assignment_id: int, note: str = "") -> Reminder:
    """The "đôn đốc" button: anyone who follows the assignment may urge it, any day, while it is open."""
    from vanphong.followup.services import may_update

    with transaction.atomic():
        a = policy.access(actor, Assignment.objects.all(), assignment_id, lock=True, audit=False)
        if not may_update(actor, a) and not actor.has_perm("security.view_all_classified"):
            raise Forbidden("Chỉ người giao việc, đơn vị theo dõi hoặc lãnh đạo được đôn đốc việc này.")
        if a.status not in OPEN:
            raise ServiceError("Việc đã hoàn thành; không cần đôn đốc.", field="status")
        if a.deadline is None:
            raise ServiceError("Việc không đặt hạn; hãy đặt hạn trước khi đôn đốc.", field="deadline")
        r = do_remind(a, S.MANUAL, timezone.localdate(), escalate=False, actor=actor, note=note)
        assert r is not None
    return r
