"""Background work of meetings: remind the organisers of a meeting that is near and not yet prepared. Tasks
carry ids only and are safe to run twice (each meeting is claimed once)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.meetings.models import Meeting
from vanphong.meetings.steps import what
from vanphong.security.audit import record_event

# A meeting still planned this close to its start has its organisers reminded.
REMIND_BEFORE = timedelta(days=3)


def due_ids() -> list[int]:
    soon = timezone.now() + REMIND_BEFORE
    return list(Meeting.objects.filter(status=Meeting.Status.PLANNED, reminded_at__isnull=True,
                                       starts_at__lte=soon, starts_at__gte=timezone.now())
                .values_list("pk", flat=True))


@task()
def remind_preparation(meeting_ids: list[int]) -> int:
    """Tell each meeting's organisers (its creator and the cleared members of its office unit); returns how many
    meetings this run reminded."""
    done = 0
    for pk in meeting_ids:
        with transaction.atomic():
            claimed = Meeting.objects.filter(pk=pk, reminded_at__isnull=True, status=Meeting.Status.PLANNED).update(
                reminded_at=timezone.now())
            if claimed != 1:
                continue
            m = Meeting.objects.get(pk=pk)
            who = Q(pk=m.created_by_id)
            if m.office_unit_id is not None:
                who |= Q(person__unit=m.office_unit_id)
            people = User.objects.filter(who, is_active=True, clearance__gte=m.classification)
            notify(people, f"Sắp đến phiên họp, chưa chốt chương trình và gửi tài liệu: {what(m)}",
                   m.get_absolute_url(), urgent=True)
            record_event("meetings.preparation_reminded", obj=m, new={"people": people.count()})
            done += 1
    return done


def enqueue_due() -> None:
    ids = due_ids()
    if ids:
        remind_preparation.enqueue(ids)
