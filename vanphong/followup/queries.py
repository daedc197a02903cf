"""Reads of assignments, always through the access policy."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from vanphong.core.models import User
from vanphong.followup.models import Assignment
from vanphong.security import policy
from vanphong.text import fold


def visible_assignments(user: User) -> QuerySet[Assignment]:
    return policy.visible(user, Assignment.objects.select_related("assignee__person", "unit", "created_by__person"))


def my_open_assignments(user: User) -> QuerySet[Assignment]:
    """What awaits the person: given to them, or to their unit, and not done."""
    mine = Q(assignee=user)
    unit_id = user.unit_id_or_none
    if unit_id is not None:
        mine |= Q(unit_id=unit_id, assignee__isnull=True)
    return visible_assignments(user).filter(mine).exclude(status=Assignment.Status.DONE)


def overdue(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The queryset twin of Assignment.is_overdue."""
    return qs.exclude(status=Assignment.Status.DONE).filter(deadline__lt=timezone.localdate())


def search(user: User, text: str) -> QuerySet[Assignment]:
    folded = fold(text)
    qs = visible_assignments(user)
    if not folded:
        return qs.none()
    # Interim matching on folded titles until the search engine arrives ("dang" finds "Đảng").
    return qs.filter(title_key__contains=folded)
