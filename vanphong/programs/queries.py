"""Every read of work programmes, their items, traces and leaders' calendars, through the access policy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone

from vanphong.core.desk import DeskRow
from vanphong.programs.models.programme import (
    Kind,
    ProgramAdjustment,
    ProgramItem,
    Proposal,
    ScheduleEntry,
    WorkProgram,
)
from vanphong.programs.periods import ROMAN, fmt
from vanphong.security import policy
from vanphong.security.classification import Classification

LIVE_EXCLUDED = (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED)
_STATUS_LABELS = dict(ProgramItem.Status.choices)


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


@dataclass(frozen=True)
class ItemRow:
    """One line of a programme's table, with its words ready: a year's programme has hundreds of lines, and
    each model instance, choice label and date filter would cost the page more than its queries."""

    pk: int
    title: str
    kind: str
    lead_body: str
    co_bodies: str
    status: str
    status_code: str
    planned_end: date
    planned_end_text: str
    mark: str  # the classification's name for the red mark, "" for Thường
    carried: bool  # carried down from the wider programme


@dataclass
class ItemGroup:
    label: str
    items: list[ItemRow]


# Short labels that must not break in a narrow column ("Đề án" on two lines reads badly).
_KIND_LABELS = {k: "\u00a0".join(str(label).split()) for k, label in Kind.choices}
_LEVEL_LABELS = {c.value: str(c.label) for c in Classification}


def grouped_items(user: Any, program: WorkProgram) -> list[ItemGroup]:
    """A year's or the term's programme by quarter, a quarter's by month, shorter ones as one list: the items
    the person may see, in three queries whatever their number."""
    rows = list(policy.visible(user, program.items.all()).order_by("planned_end", "order", "pk").values_list(
        "pk", "title", "kind", "lead_body__name", "status", "planned_end", "classification", "source_id"))
    co: dict[int, list[str]] = defaultdict(list)
    through = ProgramItem.co_bodies.through
    # The whole programme's links (no list of ids in the query): only those of the visible rows are read below.
    for item_id, name in through.objects.filter(programitem__program=program).order_by("pk").values_list(
            "programitem_id", "body__name") if rows else []:
        co[item_id].append(name)
    groups: dict[str, list[ItemRow]] = defaultdict(list)
    for pk, title, kind, lead, status, end, level, source in rows:
        if program.period in (WorkProgram.Period.YEAR, WorkProgram.Period.TERM):
            key = f"Quý {ROMAN[(end.month - 1) // 3]}/{end.year}"
        elif program.period == WorkProgram.Period.QUARTER:
            key = f"Tháng {end.month}/{end.year}"
        else:
            key = "Các nội dung"
        groups[key].append(ItemRow(
            pk, title, _KIND_LABELS.get(kind, kind), lead, "; ".join(co.get(pk, [])) or "—",
            _STATUS_LABELS.get(status, status), status,
            end, end.strftime("%d/%m/%Y"), _LEVEL_LABELS[level] if level else "", source is not None))
    return [ItemGroup(k, v) for k, v in groups.items()]


def adjustments_of(user: Any, *, program: WorkProgram | None = None,
                   item: ProgramItem | None = None) -> list[ProgramAdjustment]:
    qs = ProgramAdjustment.objects.select_related("item", "recorded_by__person")
    qs = qs.filter(program=program) if program is not None else qs.filter(item=item)
    return list(policy.visible_through(user, qs, "item", ProgramItem))


@dataclass
class AdjustmentRow:
    """An adjustment as the pages show it: who recorded it, who decided, and what changed, in words."""

    adjustment: ProgramAdjustment
    changes: list[str]




def _day(value: Any) -> str:
    try:
        return fmt(date.fromisoformat(str(value)))
    except ValueError:
        return "—"


def describe_changes(adj: ProgramAdjustment, titles: dict[int, str] | None = None) -> list[str]:
    """What an adjustment changed, from the snapshots it keeps (dates as dd/mm/yyyy, statuses by name)."""
    old, new = adj.old or {}, adj.new or {}
    out = []
    if adj.kind == ProgramAdjustment.Kind.ADDED:
        return [f"Bổ sung, dự kiến {_day(new.get('planned_start'))}–{_day(new.get('planned_end'))}"]
    for key, label in (("planned_start", "Dự kiến từ"), ("planned_end", "Dự kiến trình")):
        if old.get(key) != new.get(key):
            out.append(f"{label}: {_day(old.get(key))} → {_day(new.get(key))}")
    if old.get("status") != new.get("status"):
        out.append(f"Trạng thái: {_STATUS_LABELS.get(str(old.get('status')), '—')} → "
                   f"{_STATUS_LABELS.get(str(new.get('status')), '—')}")
    if old.get("program") != new.get("program"):
        target = (titles or {}).get(new.get("program") or 0, "chương trình khác")
        out.append(f"Chuyển sang: {target}")
    if old.get("title") != new.get("title") and new.get("title"):
        out.append(f"Tên mới: {new['title']}")
    if old.get("lead_body") != new.get("lead_body"):
        out.append("Đổi cơ quan chủ trì")
    return out or ["Không đổi thời gian, trạng thái"]


def adjustment_rows(user: Any, *, program: WorkProgram | None = None,
                    item: ProgramItem | None = None) -> list[AdjustmentRow]:
    adjustments = adjustments_of(user, program=program, item=item)
    targets = {a.new.get("program") for a in adjustments if a.new and a.new.get("program") != a.old.get("program")}
    titles = dict(WorkProgram.objects.filter(pk__in=[t for t in targets if t]).values_list("pk", "title"))
    return [AdjustmentRow(a, describe_changes(a, titles)) for a in adjustments]


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
    on_time = Proposal.objects.filter(
        item=OuterRef("pk"), submitted_at__date__lte=OuterRef("planned_end"),
        conclusions__document__issued_on__lte=program.end)
    # One query for both figures: the page pays one round trip, not two.
    counts = qs.aggregate(planned=Count("pk"), done=Count("pk", filter=Q(Exists(on_time))))
    planned, done = counts["planned"] or 0, counts["done"] or 0
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
    url: str = ""


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
                                                                                lambda: "")()), _url(a)))
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
    meeting_id: int | None = None  # a meeting the leader attends; None for a schedule entry
    classification: int = 0  # the meeting's; schedule entries are not classified

    @property
    def classification_label(self) -> str:
        from vanphong.security.classification import Classification

        return str(Classification(self.classification).label) if self.classification else ""


def calendar(user: Any, start: datetime, end: datetime, person_ids: list[int] | None = None
             ) -> dict[int, list[CalendarEntry]]:
    """Leaders' schedules and the meetings they attend (meetings.queries.leader_sessions) between `start` and
    `end`, per person, with every overlapping pair of one person flagged. Meetings go through the policy, so
    a meeting the person may not see is neither shown nor flagged as a clash."""
    if not (user.is_authenticated and user.is_active):
        return {}
    qs = ScheduleEntry.objects.filter(starts_at__lt=end, ends_at__gt=start)
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    per: dict[int, list[CalendarEntry]] = defaultdict(list)
    for e in qs:
        per[e.person_id].append(CalendarEntry(e.person_id, e.starts_at, e.ends_at, e.title, e.place))
    from vanphong.meetings.models import Meeting
    from vanphong.meetings.queries import leader_sessions  # meetings build on programmes: imported when used

    sessions = [s for s in leader_sessions(user, start, end) if person_ids is None or s.person_id in person_ids]
    levels = dict(Meeting.objects.filter(pk__in={s.meeting_id for s in sessions})
                  .values_list("pk", "classification")) if sessions else {}
    for s in sessions:
        per[s.person_id].append(CalendarEntry(s.person_id, s.starts_at, s.ends_at, s.title, url=s.url,
                                              meeting_id=s.meeting_id, classification=levels.get(s.meeting_id, 0)))
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


def clashes_with(user: Any, person_id: int, starts_at: datetime, ends_at: datetime) -> list[CalendarEntry]:
    """What a new entry of `person_id` would overlap: their entries, and the meetings `user` may see them at."""
    return calendar(user, starts_at, ends_at, [person_id]).get(person_id, [])


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def leaders(day: date) -> QuerySet[Any]:
    """The leaders whose schedules the office coordinates: people holding a post in a leadership body on `day`."""
    from vanphong.core.models import Body, Person

    valid = (Q(positions__valid_from__isnull=True) | Q(positions__valid_from__lte=day)) & (
        Q(positions__valid_to__isnull=True) | Q(positions__valid_to__gte=day))
    return Person.objects.filter(valid, positions__body__kind=Body.Kind.LEADERSHIP).distinct()


@dataclass
class Day:
    day: date
    name: str
    today: bool


@dataclass
class LeaderWeek:
    person: Any
    title: str
    days: list[list[CalendarEntry]]
    conflicts: int


@dataclass
class Week:
    start: date
    end: date
    days: list[Day]
    rows: list[LeaderWeek]
    conflicts: int


def calendar_week(user: Any, monday: date, today: date) -> Week:
    """One week of the leaders' calendar: a row per leader (by rank), a cell per day, conflicts flagged. People
    who are not leaders appear when an entry was booked for them that week."""
    from vanphong.core.models import Person

    start = timezone.make_aware(datetime.combine(monday, time.min))
    end = start + timedelta(days=7)
    per = calendar(user, start, end)
    people = list(leaders(monday + timedelta(days=6)).prefetch_related("positions__body"))
    known = {p.pk for p in people}
    booked = [pk for pk in per if pk not in known]
    if booked:
        people += list(Person.objects.filter(pk__in=booked, schedule__starts_at__lt=end, schedule__ends_at__gt=start)
                       .distinct().order_by("sort_key"))
    rows = []
    for person in sorted(people, key=_rank):
        cells: list[list[CalendarEntry]] = [[] for _ in range(7)]
        for e in per.get(person.pk, []):
            first = max(timezone.localdate(e.starts_at), monday)
            last = min(timezone.localdate(e.ends_at - timedelta(microseconds=1)), monday + timedelta(days=6))
            for n in range((first - monday).days, (last - monday).days + 1):
                cells[n].append(e)
        posts = [p for p in person.positions.all() if p.body_id and p.body.kind == "lanh_dao"]
        title = min(posts, key=lambda p: p.order).title if posts else ""
        rows.append(LeaderWeek(person, title, cells, sum(e.conflict for e in per.get(person.pk, []))))
    days = [Day(monday + timedelta(days=n), WEEKDAYS[n], monday + timedelta(days=n) == today) for n in range(7)]
    return Week(monday, monday + timedelta(days=6), days, rows, sum(r.conflicts for r in rows))


def _rank(person: Any) -> tuple[int, int, str]:
    posts = [p for p in person.positions.all() if p.body_id and p.body.kind == "lanh_dao"]
    if not posts:
        return (1_000_000, 1_000_000, person.sort_key)
    best = min(posts, key=lambda p: (p.body.order, p.order))
    return (best.body.order, best.order, person.sort_key)


# --- the desk ---------------------------------------------------------------------------------------------

# An item is on the desk from this many days before its planned submission.
DESK_HORIZON_DAYS = 14
AWAITING = (ProgramItem.Status.PLANNED, ProgramItem.Status.PREPARING)


def desk(user: Any, today: date, limit: int) -> list[DeskRow]:
    """The programme items that await this person: items their unit follows (or their body leads) due for
    submission within DESK_HORIZON_DAYS or already past, with no proposal sent to the office yet. An item
    carried down shows once, as its narrowest copy; a proposal sent for any copy up the chain counts."""
    unit_id = user.unit_id_or_none if user.is_authenticated else None
    bodies: list[int] = []
    if getattr(user, "person_id", None):
        bodies = list(bodies_of_person(user.person_id, today))
    if unit_id is None and not bodies:
        return []
    mine = Q(office_unit_id=unit_id) if unit_id is not None else Q(pk__in=[])
    if bodies:
        mine |= Q(lead_body_id__in=bodies)
    sent = Proposal.objects.filter(submitted_at__isnull=False).filter(
        Q(item=OuterRef("pk")) | Q(item=OuterRef("source")) | Q(item=OuterRef("source__source"))
        | Q(item=OuterRef("source__source__source")))
    carried = ProgramItem.objects.filter(source=OuterRef("pk")).exclude(status__in=LIVE_EXCLUDED)
    qs = (policy.visible(user, ProgramItem.objects.filter(mine, status__in=AWAITING,
                                                          planned_end__lte=today + timedelta(days=DESK_HORIZON_DAYS)))
          .exclude(Exists(sent)).exclude(Exists(carried))
          .select_related("lead_body").order_by("planned_end", "pk"))
    rows = []
    for item in qs[:limit]:
        days = (item.planned_end - today).days
        when = f"quá hạn trình {-days} ngày" if days < 0 else ("hạn trình hôm nay" if days == 0 else
                                                               f"còn {days} ngày")
        rows.append(DeskRow(kind="Mục chương trình", title=item.title, url=item.get_absolute_url(),
                            due=item.planned_end, overdue=days < 0,
                            note=f"{item.lead_body.short_name or item.lead_body.name}: chưa gửi đề án, {when}",
                            classification=item.classification))
    return rows


def bodies_of_person(person_id: int, day: date) -> set[int]:
    """The bodies (other than leadership bodies) a person holds a post in on `day`: the lead bodies they act for."""
    from vanphong.core.models import Body, Position

    valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return set(Position.objects.filter(valid, person_id=person_id, body__isnull=False)
               .exclude(body__kind=Body.Kind.LEADERSHIP).values_list("body_id", flat=True))


__all__ = ["Prefetch", "adjustment_rows", "adjustments_of", "calendar", "calendar_week", "completion_rate", "desk",
           "grouped_items", "trace_of_item"]
