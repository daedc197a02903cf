"""Cases on the desk of whoever holds them (overdue and due within a week), and the reminders before and after a
case's deadline, sent by a periodic job: once per (case, threshold, deadline) by a unique constraint, so the job
may run any number of times a day; escalated to the unit's heads at 7 and 30 days late.

Who holds a case: its handler; a case without one is held by the petitions officers of its unit. A notice names
the case by its number and kind only, never its summary or a sender: a denouncer is never in a notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from vanphong.core.desk import DeskRow
from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.core.roles import Role
from vanphong.petitions.flows import HANDLE_RIGHT
from vanphong.petitions.models import CaseReminder, PetitionCase
from vanphong.security import policy
from vanphong.security.audit import record_event

S = CaseReminder.Stage
SOON_DAYS = 7


@dataclass(frozen=True)
class StageRule:
    stage: str
    first: int  # days past the deadline (negative: before) in which this stage is the current one, inclusive
    last: int
    escalate: bool = False


STAGES: tuple[StageRule, ...] = (
    StageRule(S.BEFORE_7, -7, -2),
    StageRule(S.BEFORE_1, -1, 0),
    StageRule(S.AFTER_1, 1, 6),
    StageRule(S.AFTER_7, 7, 29, escalate=True),
    StageRule(S.AFTER_30, 30, 100_000, escalate=True),
)


def held_q(user: User) -> Q:
    """The cases `user` holds: handled by them, or without a handler in their unit when they handle letters."""
    q = Q(handler_id=user.pk)
    unit_id = user.unit_id_or_none
    if unit_id is not None and user.has_perm(HANDLE_RIGHT):
        q |= Q(handler__isnull=True, unit_id=unit_id)
    return q


def label(case: PetitionCase) -> str:
    """How a case is named outside its page: number and kind, nothing that could identify a writer."""
    kind = case.get_kind_display() if case.kind else "chưa phân loại"
    return f"Vụ việc đơn thư số {case.pk} ({kind.lower()})"


def desk(user: User, today: date, limit: int = 10) -> list[DeskRow]:
    soon = today + timedelta(days=SOON_DAYS)
    held = (policy.visible(user, PetitionCase.objects.all())
            .filter(held_q(user), status__in=PetitionCase.OPEN, deadline__lte=soon)
            .only("pk", "kind", "deadline", "classification", "status").order_by("deadline", "pk")[:limit])
    rows = []
    for c in held:
        assert c.deadline is not None
        days = (c.deadline - today).days
        note = f"quá hạn {-days} ngày" if days < 0 else "hạn hôm nay" if days == 0 else f"còn {days} ngày"
        rows.append(DeskRow(kind="Đơn thư quá hạn" if days < 0 else "Đơn thư đến hạn", title=label(c),
                            url=c.get_absolute_url(), due=c.deadline, overdue=days < 0,
                            # Not "khẩn": urgency is a mark of documents; lateness already shows in red.
                            note=f"{c.get_status_display()}, {note}", classification=c.classification))
    return rows


def holders(case: PetitionCase, *, escalate: bool) -> list[User]:
    """Who is reminded: the handler, else the unit's petitions officers; escalating, the unit's heads too; only
    those who may see the case."""
    users: list[User] = []
    if case.handler_id is not None:
        users = list(User.objects.filter(pk=case.handler_id, is_active=True))
    elif case.unit_id is not None:
        users = [u for u in User.objects.filter(person__unit_id=case.unit_id, is_active=True)
                 .select_related("person").distinct() if u.has_perm(HANDLE_RIGHT)]
    if escalate and case.unit_id is not None:
        users += list(User.objects.filter(person__unit_id=case.unit_id, groups__name=Role.UNIT_HEAD.value,
                                          is_active=True))
    seen: set[int] = set()
    out = []
    for u in users:
        if u.pk not in seen and policy.can_view(u, case):
            seen.add(u.pk)
            out.append(u)
    return out


def notice_text(case: PetitionCase, today: date) -> str:
    assert case.deadline is not None
    days = (case.deadline - today).days
    when = (f"còn {days} ngày đến hạn {case.deadline:%d/%m/%Y}" if days > 0 else
            f"đến hạn hôm nay {case.deadline:%d/%m/%Y}" if days == 0 else
            f"đã quá hạn {-days} ngày (hạn {case.deadline:%d/%m/%Y})")
    return f"Nhắc hạn: {label(case)} {when}."


def remind(case: PetitionCase, rule: StageRule, today: date) -> CaseReminder | None:
    assert case.deadline is not None
    recipients = holders(case, escalate=rule.escalate)
    try:
        with transaction.atomic():
            r = CaseReminder.objects.create(case=case, stage=rule.stage, deadline=case.deadline, sent_on=today,
                                            recipients=len(recipients), escalated=rule.escalate)
            notify(recipients, notice_text(case, today), case.get_absolute_url(), urgent=rule.escalate)
            record_event("petitions.reminder_sent", actor=None, obj=case,
                         new={"stage": rule.stage, "recipients": len(recipients), "escalated": rule.escalate})
    except IntegrityError:
        return None  # another run made this reminder first
    return r


def run_reminders(today: date | None = None) -> int:
    """Make the reminders due today; how many were made. Safe to run again: made ones are skipped."""
    today = today or timezone.localdate()
    made = 0
    for rule in STAGES:
        due = (PetitionCase.objects.filter(
            status__in=PetitionCase.OPEN, deadline__gte=today - timedelta(days=rule.last),
            deadline__lte=today - timedelta(days=rule.first))
            # The same reminder row: this stage against the deadline the case has now.
            .exclude(Exists(CaseReminder.objects.filter(case_id=OuterRef("pk"), stage=rule.stage,
                                                        deadline=OuterRef("deadline"))))
            .order_by("pk"))
        for case in due.iterator(chunk_size=500):
            made += remind(case, rule, today) is not None
    return made

