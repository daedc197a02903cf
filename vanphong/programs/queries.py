"""Every read of work programmes, their items, traces and leaders' calendars, through the access policy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch

from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, Proposal, ScheduleEntry, WorkProgram
from vanphong.security import policy

ROMAN = ("I", "II", "III", "IV")
LIVE_EXCLUDED = (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED)


def programs(user: Any) -> QuerySet[WorkProgram]:
    """Programmes are not classified themselves (their items are): every active member of the office sees them."""
    if not (user.is_authenticated and user.is_active):
        return WorkProgram.objects.none()
    return WorkProgram.objects.select_related("body", "term", "parent")


def items_of(user: Any, program: WorkProgram) -> QuerySet[ProgramItem]:
    """The items of `program` the person may see, with what the programme page shows, in two queries."""
    return (policy.visible(user, program.items.all())
            .select_related("lead_body", "office_unit")
            .prefetch_related("co_bodies"))


@dataclass
class ItemGroup:
    label: str
    items: list[ProgramItem]


def grouped_items(user: Any, program: WorkProgram) -> list[ItemGroup]:
    """A year's or the term's programme by quarter, a quarter's by month, shorter ones as one list."""
    rows = list(items_of(user, program).order_by("planned_end", "order", "pk"))
    groups: dict[str, list[ProgramItem]] = defaultdict(list)
    for item in rows:
        end = item.planned_end
        if program.period in (WorkProgram.Period.YEAR, WorkProgram.Period.TERM):
            key = f"Quý {ROMAN[(end.month - 1) // 3]}/{end.year}"
        elif program.period == WorkProgram.Period.QUARTER:
            key = f"Tháng {end.month}/{end.year}"
        else:
            key = "Các nội dung"
        groups[key].append(item)
    return [ItemGroup(k, v) for k, v in groups.items()]


def adjustments_of(user: Any, *, program: WorkProgram | None = None,
                   item: ProgramItem | None = None) -> list[ProgramAdjustment]:
    qs = ProgramAdjustment.objects.select_related("item", "recorded_by")
    qs = qs.filter(program=program) if program is not None else qs.filter(item=item)
    return list(policy.visible_through(user, qs, "item", ProgramItem))


def completion_rate(program: WorkProgram, user: Any = None) -> tuple[int, int, float | None]:
    """The quarter's programme completion rate: (done on time, planned, ratio or None when nothing is planned).

    Planned = the items of the programme that are not dropped (rút) nor moved to another period (chuyển kỳ);
    an item moved *into* this programme counts here. An item is done on time when both:
    - submitted on time: one of its proposals has `submitted_at` on or before the item's `planned_end`; and
    - decided on time: a `meetings.Conclusion` of that same proposal has a document whose `issued_on` is on or
      before `program.end`.
    Counted over all items (the office's figure), or only over those `user` may see when given.
    """
    qs = program.items.exclude(status__in=LIVE_EXCLUDED)
    if user is not None:
        qs = policy.visible(user, qs)
    planned = qs.count()
    done = 0
    if planned:
        from django.db.models import Exists, OuterRef

        on_time = Proposal.objects.filter(
            item=OuterRef("pk"), submitted_at__date__lte=OuterRef("planned_end"),
            conclusions__document__issued_on__lte=program.end)
        done = qs.filter(Exists(on_time)).count()
    return done, planned, (done / planned if planned else None)


# --- the trace of an item, down to implementation -------------------------------------------------------


@dataclass
class AssignmentNode:
    id: int
    title: str
    body: str
    status: str
    percent: int
    deadline: date | None
    overdue: bool
    url: str


@dataclass
class ConclusionNode:
    document_id: int
    label: str
    issued_on: date | None
    url: str
    assignments: list[AssignmentNode] = field(default_factory=list)


@dataclass
class MeetingNode:
    id: int
    title: str
    starts_at: datetime
    agenda_title: str
    url: str


@dataclass
class AppraisalNode:
    id: int
    label: str
    status: str


@dataclass
class ProposalNode:
    id: int
    title: str
    status: str
    submitted_at: datetime | None
    url: str
    appraisals: list[AppraisalNode] = field(default_factory=list)
    meetings: list[MeetingNode] = field(default_factory=list)
    conclusions: list[ConclusionNode] = field(default_factory=list)


@dataclass
class ItemTrace:
    item_id: int
    proposals: list[ProposalNode] = field(default_factory=list)
    meetings: list[MeetingNode] = field(default_factory=list)


def _url(obj: Any) -> str:
    try:
        return str(obj.get_absolute_url())
    except NoReverseMatch:  # a record whose page is not built yet links nowhere
        return ""


def _meeting_nodes(user: Any, agenda_qs: Any) -> list[MeetingNode]:
    out = []
    for a in agenda_qs.select_related("meeting"):
        if policy.can_view(user, a.meeting):
            out.append(MeetingNode(a.meeting.pk, a.meeting.title, a.meeting.starts_at, a.title, _url(a.meeting)))
    return out


def _visible_list(user: Any, manager: Any) -> list[Any]:
    qs = manager.all()
    from vanphong.security.models import ClassifiedRecord

    if issubclass(qs.model, ClassifiedRecord):
        return list(policy.visible(user, qs))
    return list(qs)


def trace_of_item(user: Any, item: ProgramItem) -> ItemTrace:
    """The way down from an item: its proposals, their appraisals, meetings, conclusions and the assignments
    of each conclusion. Every linked record goes through the policy; what the person may not see is left out
    (not even counted)."""
    from django.utils import timezone

    today = timezone.localdate()
    trace = ItemTrace(item.pk)
    for p in policy.visible(user, item.proposals.all()):
        node = ProposalNode(p.pk, p.title, p.get_status_display(), p.submitted_at, _url(p))
        if hasattr(p, "appraisals"):
            for a in _visible_list(user, p.appraisals):
                node.appraisals.append(AppraisalNode(a.pk, str(a), str(getattr(a, "get_status_display",
                                                                                lambda: "")())))
        if hasattr(p, "agenda_items"):
            node.meetings = _meeting_nodes(user, p.agenda_items)
        for c in p.conclusions.select_related("document", "meeting"):
            doc = c.document
            if not policy.can_view(user, doc):
                continue
            cn = ConclusionNode(doc.pk, str(doc), doc.issued_on, _url(doc))
            if hasattr(doc, "assignments"):
                for a in policy.visible(user, doc.assignments.select_related("body")):
                    cn.assignments.append(AssignmentNode(
                        a.pk, a.title, a.body.name if a.body is not None else "", a.get_status_display(), a.percent,
                        a.deadline, a.is_overdue(today) if hasattr(a, "is_overdue") else False, _url(a)))
            node.conclusions.append(cn)
        trace.proposals.append(node)
    if hasattr(item, "agenda_items"):
        trace.meetings = _meeting_nodes(user, item.agenda_items.filter(proposal__isnull=True))
    return trace


# --- leaders' calendar ------------------------------------------------------------------------------------


@dataclass
class CalendarEntry:
    person_id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str = ""
    url: str = ""
    conflict: bool = False


def calendar(user: Any, start: datetime, end: datetime, person_ids: list[int] | None = None
             ) -> dict[int, list[CalendarEntry]]:
    """Leaders' schedules and the meetings they attend (meetings.queries.leader_sessions) between `start` and
    `end`, per person, with every overlapping pair of one person flagged."""
    qs = ScheduleEntry.objects.filter(starts_at__lt=end, ends_at__gt=start)
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    per: dict[int, list[CalendarEntry]] = defaultdict(list)
    for e in qs:
        per[e.person_id].append(CalendarEntry(e.person_id, e.starts_at, e.ends_at, e.title, e.place))
    from vanphong.meetings.queries import leader_sessions  # meetings build on programmes: imported when used

    for s in leader_sessions(user, start, end):
        if person_ids is None or s.person_id in person_ids:
            per[s.person_id].append(CalendarEntry(s.person_id, s.starts_at, s.ends_at, s.title, url=s.url))
    for entries in per.values():
        entries.sort(key=lambda c: c.starts_at)
        flag_conflicts(entries)
    return dict(per)


def flag_conflicts(entries: list[CalendarEntry]) -> None:
    """Mark every entry that overlaps another of the same person (entries sorted by start)."""
    latest_end: datetime | None = None
    latest: CalendarEntry | None = None
    for e in entries:
        if latest is not None and latest_end is not None and e.starts_at < latest_end:
            e.conflict = True
            latest.conflict = True
        if latest_end is None or e.ends_at > latest_end:
            latest_end, latest = e.ends_at, e


def overlapping(person_id: int, starts_at: datetime, ends_at: datetime) -> list[ScheduleEntry]:
    return list(ScheduleEntry.objects.filter(person_id=person_id, starts_at__lt=ends_at, ends_at__gt=starts_at))


def desk(user: Any, today: date, limit: int) -> list[Any]:
    return []


__all__ = ["Prefetch", "adjustments_of", "calendar", "completion_rate", "grouped_items", "trace_of_item"]
