"""Reads of assignments, always through the access policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vanphong.core.models import User
from vanphong.followup.models import Assignment
from vanphong.security import policy

# Listed as "not done" by value: an inequality on status could use no index range.
OPEN = (Assignment.Status.NEW, Assignment.Status.IN_PROGRESS)


def visible_assignments(user: User) -> QuerySet[Assignment]:
    return policy.visible(user, Assignment.objects.select_related("assignee__person", "unit"))


def awaiting_q(user: User) -> Q:
    """Given to the person, or to their unit without a named assignee."""
    mine = Q(assignee=user)
    unit_id = user.unit_id_or_none
    if unit_id is not None:
        mine |= Q(unit_id=unit_id, assignee__isnull=True)
    return mine


def my_open_assignments(user: User) -> QuerySet[Assignment]:
    """What awaits the person: given to them, or to their unit, and not done."""
    return visible_assignments(user).filter(awaiting_q(user), status__in=OPEN)


@dataclass(frozen=True)
class DeskSummary:
    awaiting: list[Assignment]
    awaiting_count: int
    overdue_count: int
    given_count: int


def desk_summary(user: User, today: date, limit: int = 10) -> DeskSummary:
    """The desk's figures in two queries over one policy-filtered set: the first `limit` items awaiting the
    person, and the counts of awaiting, overdue and given-but-open work."""
    open_visible = visible_assignments(user).filter(status__in=OPEN)
    mine = awaiting_q(user)
    given = Q(created_by=user)
    counts = open_visible.filter(mine | given).aggregate(
        awaiting=Count("pk", filter=mine),
        overdue=Count("pk", filter=mine & overdue_q(today)),
        given=Count("pk", filter=given),
    )
    awaiting = list(open_visible.filter(mine).order_by("deadline", "-urgency")[:limit])
    return DeskSummary(awaiting, counts["awaiting"], counts["overdue"], counts["given"])


def overdue_q(today: date | None = None) -> Q:
    """The query twin of Assignment.is_overdue."""
    return Q(status__in=OPEN, deadline__lt=today or timezone.localdate())


def overdue(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return qs.filter(overdue_q())
