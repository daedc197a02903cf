"""Reads of meetings, always through the access policy: lists, the offer of ready proposals, opinions to
answer, the summary of accepted and explained opinions, packets, the desk and the leaders' sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import zip_longest

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vanphong.core.desk import DeskRow
from vanphong.core.models import User
from vanphong.documents.models import Document
from vanphong.meetings.flows import ORGANISE_RIGHT
from vanphong.meetings.models import AgendaItem, Meeting, Opinion, Participant
from vanphong.meetings.packets import PacketEntry, packet_for
from vanphong.programs.models import Proposal
from vanphong.security import policy

M = Meeting.Status
UPCOMING = (M.PLANNED, M.PREPARED)


def visible_meetings(user: User) -> QuerySet[Meeting]:
    return policy.visible(user, Meeting.objects.select_related("body"))


def filtered(user: User, *, body_id: int | None = None, kind: str = "", when: str = "") -> QuerySet[Meeting]:
    """The list page's meetings: by body, by kind, upcoming ("sap-toi") or past ("da-hop")."""
    qs = visible_meetings(user)
    if body_id:
        qs = qs.filter(body_id=body_id)
    if kind in Meeting.Kind.values:
        qs = qs.filter(kind=kind)
    now = timezone.now()
    if when == "sap-toi":
        qs = qs.filter(ends_at__gte=now).exclude(status=M.CANCELLED).order_by("starts_at")
    elif when == "da-hop":
        qs = qs.filter(starts_at__lt=now)
    return qs


def offered_proposals(user: User, meeting: Meeting) -> QuerySet[Proposal]:
    """Ready programme items: appraised proposals of the meeting's body that the person may see, at or below
    the meeting's level (anything higher could not be shown on its agenda)."""
    qs = Proposal.objects.filter(status=Proposal.Status.APPRAISED, item__program__body=meeting.body_id,
                                 classification__lte=meeting.classification)
    return policy.visible(user, qs.select_related("item", "lead_body")).order_by("item__planned_end", "pk")


def organised_q(user: User) -> Q:
    """Meetings the person organises: created by them or prepared by their unit (the right sees every one)."""
    q = Q(created_by=user)
    if user.unit_id_or_none is not None:
        q |= Q(office_unit_id=user.unit_id_or_none)
    return q


def opinions_to_answer(user: User) -> QuerySet[Opinion]:
    """Unanswered opinions of the meetings the person's unit prepares (or they created), that they may see."""
    meetings = visible_meetings(user).filter(organised_q(user)).exclude(status=M.CANCELLED)
    return (Opinion.objects.filter(agenda_item__meeting__in=meetings.values("pk"), response="")
            .select_related("agenda_item__meeting", "author_person", "author_body").order_by("received_at"))


@dataclass(frozen=True)
class SummaryRow:
    item: AgendaItem
    opinions: list[Opinion]
    accepted: int
    explained: int
    open: int


def summary(meeting: Meeting) -> list[SummaryRow]:
    """The bảng tổng hợp tiếp thu, giải trình: per agenda item, its opinions and how each was answered. The
    caller has already opened the meeting through the policy."""
    opinions: dict[int, list[Opinion]] = {}
    for op in (Opinion.objects.filter(agenda_item__meeting=meeting)
               .select_related("author_person", "author_body", "answered_by__person")):
        opinions.setdefault(op.agenda_item_id, []).append(op)
    rows = []
    for item in meeting.agenda.all():
        ops = opinions.get(item.pk, [])
        rows.append(SummaryRow(item, ops, sum(o.response == Opinion.Response.ACCEPT for o in ops),
                               sum(o.response == Opinion.Response.EXPLAIN for o in ops),
                               sum(not o.response for o in ops)))
    return rows


def packet_shown(viewer: User, participant: Participant) -> list[PacketEntry]:
    """A participant's packet as `viewer` sees it: the packet, and of it only what the viewer may see."""
    entries = packet_for(participant)
    seen = policy.visible_ids(viewer, Document, [e.document.pk for e in entries])
    return [e for e in entries if e.document.pk in seen]


def may_see_packet(viewer: User, participant: Participant, organiser: bool) -> bool:
    return organiser or (viewer.person_id is not None and viewer.person_id == participant.person_id)


# --- the desk --------------------------------------------------------------------------------------------------
def desk(user: User, today: date, limit: int = 10) -> list[DeskRow]:
    """What awaits the person: opinions to answer, meetings to prepare, minutes to approve, packets received;
    the kinds taken in turn, so many opinions do not push a meeting to prepare off the desk."""
    opinions: list[DeskRow] = []
    prepare: list[DeskRow] = []
    approve: list[DeskRow] = []
    packets: list[DeskRow] = []
    for op in opinions_to_answer(user)[:limit]:
        m = op.agenda_item.meeting
        opinions.append(DeskRow("Ý kiến cần tiếp thu, giải trình", f"{op.author}: {op.agenda_item.title}"[:300],
                            f"{m.get_absolute_url()}#y-kien", due=timezone.localdate(m.starts_at),
                            note=m.title[:120], classification=m.classification))
    mine = visible_meetings(user).filter(organised_q(user))
    horizon = timezone.now() + timedelta(days=30)
    for m in mine.filter(status=M.PLANNED, starts_at__lte=horizon).order_by("starts_at")[:limit]:
        day = timezone.localdate(m.starts_at)
        prepare.append(DeskRow("Phiên họp cần chuẩn bị", m.title, m.get_absolute_url(), due=day, overdue=day < today,
                            note="Chốt chương trình, gửi tài liệu", classification=m.classification))
    for m in (mine.filter(status=M.HELD).exclude(minutes="").exclude(minutes_by=user)
              .order_by("starts_at")[:limit]):
        approve.append(DeskRow("Biên bản chờ thông qua", m.title, f"{m.get_absolute_url()}#bien-ban",
                            due=timezone.localdate(m.ends_at), classification=m.classification))
    if user.person_id is not None:
        # The person's own places at prepared meetings they may see, with their meeting: one query, not one per
        # meeting.
        received = policy.visible_through(
            user, Participant.objects.filter(person_id=user.person_id, meeting__status=M.PREPARED), "meeting", Meeting)
        for p in received.select_related("meeting").order_by("meeting__starts_at")[:limit]:
            m = p.meeting
            packets.append(DeskRow("Tài liệu họp", m.title, p.get_absolute_url(),
                                due=timezone.localdate(m.starts_at), note=p.get_role_display(),
                                classification=m.classification))
    rows: list[DeskRow] = []
    for group in zip_longest(prepare, approve, packets, opinions):
        rows += [r for r in group if r is not None]
    return rows[:limit]


def desk_counts(user: User) -> dict[str, int]:
    return {"opinions": opinions_to_answer(user).count(),
            "to_prepare": visible_meetings(user).filter(organised_q(user), status=M.PLANNED).count()}


# --- the calendar's contract --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LeaderSession:
    person_id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    url: str
    meeting_id: int
    role: str


def leader_sessions(user: User, start: datetime, end: datetime) -> list[LeaderSession]:
    """Meetings overlapping [start, end) that `user` may see, one row per person taking part (core.Person)."""
    meetings = visible_meetings(user).filter(starts_at__lt=end, ends_at__gt=start).exclude(status=M.CANCELLED)
    out = []
    for p in (Participant.objects.filter(meeting__in=meetings.values("pk")).select_related("meeting")
              .order_by("meeting__starts_at", "pk")):
        m = p.meeting
        out.append(LeaderSession(p.person_id, m.starts_at, m.ends_at, m.title, m.get_absolute_url(), m.pk, p.role))
    return out


def counts_by_status(user: User) -> dict[str, int]:
    rows = visible_meetings(user).values("status").annotate(n=Count("pk"))
    return {r["status"]: r["n"] for r in rows}


def sees_all(user: User) -> bool:
    return bool(user.has_perm(ORGANISE_RIGHT))
