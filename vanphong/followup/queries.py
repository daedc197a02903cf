"""Reads of assignments, always through the access policy."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vanphong.core.desk import DeskRow
from vanphong.core.models import Body, User
from vanphong.documents.models import Document
from vanphong.followup.models import Assignment, Reminder
from vanphong.security import policy
from vanphong.text import collation_key

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


# --- overdue dashboards --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OverdueBar:
    key: int | None
    label: str
    open: int
    overdue: int


def _decision_assignments(user: User) -> QuerySet[Assignment]:
    # Top-level tasks only: a task split into sub-tasks counts once, not once per sub-task.
    return policy.visible(user, Assignment.objects.filter(decision__isnull=False, parent__isnull=True,
                                                          status__in=OPEN))


def overdue_groups(user: User, by: str, today: date) -> list[OverdueBar]:
    """Open and overdue decision tasks of every body, province or decision, the most overdue first.

    One GROUP BY in the database over the rows the person may see, on the task's own column (a join would cost a
    lookup per task), then one small query for the labels. A province's figures are the sums of its provincial
    committee's groups; a decision whose document the person may not see is left out, its number never shown
    (as on the assignment page)."""
    column = "decision_id" if by == "decision" else "body_id"
    grouped = (_decision_assignments(user).order_by().values(column)
               .annotate(open=Count("pk"), late=Count("pk", filter=Q(deadline__lt=today)))
               .values_list(column, "open", "late"))
    labels = _group_labels(user, by, {key: (n_open, n_late) for key, n_open, n_late in grouped})
    names: dict[int | None, tuple[str, str]] = {}
    open_n: Counter[int | None] = Counter()
    late_n: Counter[int | None] = Counter()
    for (n_open, n_late), (group, label, sort_key) in labels:
        names[group] = (label, sort_key)
        open_n[group] += n_open
        late_n[group] += n_late
    order = sorted(names, key=lambda g: (-late_n[g], names[g][1]))
    return [OverdueBar(g, names[g][0], open_n[g], late_n[g]) for g in order]


Counts = tuple[int, int]
Label = tuple[int | None, str, str]


def _group_labels(user: User, by: str, counts: dict[int | None, Counts]
                  ) -> list[tuple[Counts, Label]]:
    """Each grouped key's counts with (the group it adds up into, label, collation key); a key that has no
    label here (not a province, a decision the person may not see) is left out."""
    known: dict[int | None, Label]
    if by == "decision":
        ids = [k for k in counts if k is not None]
        known = {pk: (pk, symbol or "—", collation_key(symbol or "")) for pk, symbol in
                 policy.visible(user, Document.objects.filter(pk__in=ids)).order_by().values_list("pk", "symbol")}
    elif by == "province":
        known = {pk: (place, name, key) for pk, place, name, key in
                 Body.objects.filter(kind=Body.Kind.PROVINCIAL_COMMITTEE, place__isnull=False).order_by()
                 .values_list("pk", "place_id", "place__short_name", "place__sort_key")}
    else:
        # Bodies are reference data (a few hundred): reading them all costs less than naming those counted.
        known = {pk: (pk, name, key) for pk, name, key in
                 Body.objects.order_by().values_list("pk", "name", "sort_key")}
        known[None] = (None, "—", "")
    return [(n, known[key]) for key, n in counts.items() if key in known]


def overdue_by(user: User, by: str, today: date, limit: int = 40) -> list[OverdueBar]:
    """The groups with something overdue, the `limit` most overdue."""
    return [g for g in overdue_groups(user, by, today) if g.overdue][:limit]


def totals(groups: list[OverdueBar]) -> dict[str, int]:
    """Open and overdue over all groups (each task is in one group): sums of the grouped rows, not of tasks."""
    return {"open": sum(g.open for g in groups), "late": sum(g.overdue for g in groups)}


# --- the desk --------------------------------------------------------------------------------------------------

def desk(user: User, today: date, limit: int = 10) -> list[DeskRow]:
    """What awaits the person: open work they or their unit hold due within a week or overdue, and the reminders
    addressed to them in the last 30 days (assignments they may still see)."""
    soon = today + timedelta(days=7)
    mine = awaiting_q(user)
    if user.unit_id_or_none is not None:
        # A decision's task given to a body is followed by the office unit: it awaits that unit too.
        mine |= Q(unit_id=user.unit_id_or_none, body__isnull=False)
    held = (policy.visible(user, Assignment.objects.all()).filter(mine, status__in=OPEN, deadline__lte=soon)
            .only("pk", "title", "deadline", "classification", "urgency", "status")
            .order_by("deadline", "pk")[:limit])
    rows = []
    for a in held:
        assert a.deadline is not None
        days = (a.deadline - today).days
        note = f"quá hạn {-days} ngày" if days < 0 else "hạn hôm nay" if days == 0 else f"còn {days} ngày"
        rows.append(DeskRow(kind="Việc đến hạn" if days >= 0 else "Việc quá hạn", title=a.title,
                            url=f"/viec/{a.pk}/", due=a.deadline, overdue=days < 0, note=note,
                            classification=a.classification, urgent=a.urgency > 0))
    # The policy on each reminder's own assignment (a join): a person receives a few dozen reminders a month,
    # while "assignment in (every task they may see)" would list tens of thousands first.
    reminders = (policy.visible_through(user, Reminder.objects.filter(
        recipients=user, sent_on__gte=today - timedelta(days=30), assignment__status__in=OPEN),
        "assignment", Assignment)
        .select_related("assignment").order_by("-sent_on", "-pk")[:limit])
    for r in reminders:
        a = r.assignment
        rows.append(DeskRow(kind="Đôn đốc", title=a.title, url=f"/viec/{a.pk}/", due=a.deadline,
                            overdue=a.is_overdue(today), note=f"{r.get_stage_display()}, {r.sent_on:%d/%m/%Y}",
                            classification=a.classification, urgent=r.escalated))
    return rows[:limit]


# --- the way back ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TraceStep:
    kind: str
    title: str
    url: str


def trace(user: User, a: Assignment) -> list[TraceStep]:
    """From the assignment up: the decision, its meeting, the proposal and the programme item, each shown only
    when the person may see it (a hidden step is left out, the ones above it still shown if visible)."""
    steps: list[TraceStep] = []
    if a.parent_id is not None:
        parent = Assignment.objects.filter(pk=a.parent_id).first()
        if parent is not None and policy.can_view(user, parent):
            steps.append(TraceStep("Nhiệm vụ lớn", parent.title, parent.get_absolute_url()))
    doc = a.decision
    if doc is None:
        return steps
    if policy.can_view(user, doc):
        steps.append(TraceStep("Văn bản", str(doc), doc.get_absolute_url()))
    conclusion = getattr(doc, "conclusion", None) if _has_conclusion(doc) else None
    if conclusion is None:
        return steps
    from vanphong.meetings.conclusions import origin_of

    steps += [TraceStep(kind, rec.title, rec.get_absolute_url()) for kind, rec in origin_of(user, conclusion)]
    return steps


def _has_conclusion(doc: object) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        getattr(doc, "conclusion")  # noqa: B009 - the reverse one-to-one raises when absent
    except ObjectDoesNotExist:
        return False
    return True
