"""Every change to meetings: check_* validates and authorises, do_* changes and audits in one transaction.

The meeting itself, its agenda (built from appraised proposals), participants and bridge sites, its own
documents, opinions and their answers, the minutes, and the steps of its flow. The draft conclusion and its
issuing are in meetings.conclusions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Person, Place, Unit, User
from vanphong.core.roles import Role
from vanphong.documents.models import Document
from vanphong.meetings import steps
from vanphong.meetings.flows import MEETING, ORGANISE_RIGHT, may_organise
from vanphong.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    MeetingSite,
    Opinion,
    Participant,
)
from vanphong.programs.models import ProgramItem, Proposal
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify
from vanphong.text import normalize

M = Meeting.Status
LEADERSHIP_KINDS = (Meeting.Kind.PLENUM, Meeting.Kind.POLITBURO, Meeting.Kind.SECRETARIAT)
MAX_LENGTH = timedelta(days=14)


def _snapshot(m: Meeting) -> dict[str, Any]:
    # The title of a classified meeting stays out of the audit log (see security.audit).
    return {
        "title": m.title if m.classification == Classification.THUONG else None,
        "kind": m.kind, "body": m.body_id, "status": m.status, "starts_at": m.starts_at, "ends_at": m.ends_at,
        "classification": Classification(m.classification).name, "version": m.version,
    }


def _text(value: str, label: str, name: str, limit: int, required: bool = True) -> str:
    value = normalize(value or "").strip()
    if required and not value:
        raise ServiceError(f"Hãy ghi {label}.", field=name)
    if len(value) > limit:
        raise ServiceError(f"{label[0].upper()}{label[1:]} dài {len(value)} ký tự, quá {limit} ký tự cho phép; "
                           "hãy rút gọn.", field=name)
    return value


def may_create(user: User) -> bool:
    return bool(user.has_perm(ORGANISE_RIGHT) or user.has_role(Role.OFFICE_LEADER) or user.has_role(Role.UNIT_HEAD))


def access_meeting(actor: User, meeting_id: Any, *, lock: bool = False, audit: bool = False) -> Meeting:
    # PostgreSQL locks no row of the nullable side of an outer join: a locked read joins nothing.
    qs = Meeting.objects.all() if lock else Meeting.objects.select_related("body", "office_unit")
    return policy.access(actor, qs, meeting_id, lock=lock, audit=audit)


def _organised(actor: User, meeting_id: Any, expected_version: int | None) -> Meeting:
    """The meeting, locked, when the person may see and organise it and nobody changed it meanwhile."""
    meeting = access_meeting(actor, meeting_id, lock=True)
    if not may_organise(actor, meeting):
        raise Forbidden("Chỉ người tạo, đơn vị chuẩn bị phiên họp hoặc người có quyền tổ chức phiên họp được sửa.")
    if expected_version is not None and meeting.version != expected_version:
        raise Conflict()
    return meeting


def _bump(meeting: Meeting) -> None:
    """Every change of a meeting's parts is a new version of the meeting: a second editor gets a conflict."""
    updated = Meeting.objects.filter(pk=meeting.pk, version=meeting.version).update(
        version=meeting.version + 1, updated_at=timezone.now())
    if updated != 1:
        raise Conflict()
    meeting.version += 1


def _only_planned(meeting: Meeting) -> None:
    if meeting.status == M.PREPARED:
        raise ServiceError("Chương trình họp đã chốt và tài liệu đã gửi; hãy “mở lại để sửa chương trình” trước.")
    if meeting.status != M.PLANNED:
        raise ServiceError(f"Không sửa được chương trình khi phiên họp đang ở bước “{meeting.get_status_display()}”.")


# --- the meeting -----------------------------------------------------------------------------------------------
@dataclass
class MeetingData:
    kind: str
    body: Body
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    number: int = 0
    classification: int = Classification.THUONG
    office_unit: Unit | None = None


def _check_data(actor: User, d: MeetingData) -> MeetingData:
    if d.kind not in Meeting.Kind.values:
        raise ServiceError("Loại phiên họp không hợp lệ.", field="kind")
    d.title = _text(d.title, "tên phiên họp", "title", 300)
    d.place = _text(d.place, "địa điểm", "place", 200, required=False)
    if d.kind in LEADERSHIP_KINDS and d.body.kind != Body.Kind.LEADERSHIP:
        raise ServiceError("Hội nghị Trung ương, phiên họp Bộ Chính trị, Ban Bí thư phải là của một cơ quan lãnh "
                           "đạo (Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư).", field="body")
    if d.ends_at <= d.starts_at:
        raise ServiceError("Giờ kết thúc phải sau giờ bắt đầu.", field="ends_at")
    if d.ends_at - d.starts_at > MAX_LENGTH:
        raise ServiceError("Một phiên họp không kéo dài quá 14 ngày; hãy kiểm tra lại ngày kết thúc.", field="ends_at")
    if not 0 <= d.number <= 1000:
        raise ServiceError("Lần thứ phải từ 0 đến 1000.", field="number")
    check_may_classify(actor, d.classification, "tạo phiên họp")
    return d


def check_create_meeting(actor: User, d: MeetingData) -> Meeting:
    if not may_create(actor):
        raise Forbidden("Bạn không có quyền tạo phiên họp; hãy nhờ lãnh đạo đơn vị hoặc lãnh đạo Văn phòng.")
    _check_data(actor, d)
    if d.office_unit is None and actor.person is not None:
        d.office_unit = actor.person.unit
    return do_create_meeting(actor, d)


def do_create_meeting(actor: User, d: MeetingData, status: str = M.PLANNED) -> Meeting:
    with transaction.atomic():
        m = Meeting.objects.create(
            kind=d.kind, body=d.body, title=d.title, starts_at=d.starts_at, ends_at=d.ends_at, place=d.place,
            number=d.number, classification=d.classification, office_unit=d.office_unit, created_by=actor,
            status=status,
        )
        if d.office_unit is not None:
            m.shared_with_units.add(d.office_unit)
        MEETING.start(actor, m, status)
        record_event("meetings.meeting_created", actor=actor, obj=m, new=_snapshot(m))
        record_changed(m)
    return m


def check_update_meeting(actor: User, meeting_id: int, expected_version: int, d: MeetingData) -> Meeting:
    _check_data(actor, d)
    with transaction.atomic():
        m = _organised(actor, meeting_id, expected_version)
        if m.status not in (M.PLANNED, M.PREPARED):
            raise ServiceError("Chỉ sửa được thông tin phiên họp trước khi họp.")
        old = _snapshot(m)
        for name in ("kind", "body", "title", "starts_at", "ends_at", "place", "number", "classification"):
            setattr(m, name, getattr(d, name))
        if d.office_unit is not None:
            m.office_unit = d.office_unit
        m.version += 1
        m.save()
        record_event("meetings.meeting_updated", actor=actor, obj=m, old=old, new=_snapshot(m))
        record_changed(m)
    return m


def check_step(actor: User, meeting_id: int, transition: str, expected_version: int | None,
               note: str = "") -> Meeting:
    meeting = access_meeting(actor, meeting_id)
    with transaction.atomic():
        done = MEETING.apply(actor, meeting, transition, expected_version=expected_version, note=note)
        record_changed(done)
    return done


# --- the agenda ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaResult:
    meeting: Meeting
    item: AgendaItem | None
    warning: str | None  # the planned durations exceed the meeting


def agenda_warning(meeting: Meeting, items: Sequence[AgendaItem] | None = None) -> str | None:
    """The one warning when the planned durations add up to more than the meeting lasts."""
    items = list(meeting.agenda.all()) if items is None else items
    total = sum(i.planned_minutes for i in items)
    length = meeting.length_minutes
    if total <= length:
        return None
    return (f"Tổng thời lượng dự kiến các nội dung là {total} phút, vượt thời gian phiên họp ({length} phút) "
            f"{total - length} phút; hãy rút bớt nội dung, giảm thời lượng hoặc kéo dài phiên họp.")


def _check_minutes(value: Any) -> int:
    minutes = parse_id(value)
    if minutes is None or not 5 <= minutes <= 24 * 60:
        raise ServiceError("Thời lượng dự kiến phải là số phút, từ 5 đến 1440.", field="planned_minutes")
    return minutes


def check_add_agenda_item(actor: User, meeting_id: int, expected_version: int | None, *,
                          proposal_id: int | None = None, title: str = "", planned_minutes: Any = 30,
                          presenter: str = "") -> AgendaResult:
    """Add a matter to the agenda: an appraised proposal of the meeting's body (it becomes scheduled), or a
    matter without a proposal (a title)."""
    minutes = _check_minutes(planned_minutes)
    presenter = _text(presenter, "cơ quan, người trình bày", "presenter", 200, required=False)
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        _only_planned(meeting)
        proposal = None
        if proposal_id is not None:
            try:
                proposal = policy.access(actor, Proposal.objects.all(), proposal_id, lock=True, audit=False)
            except Http404:
                raise ServiceError("Không thấy đề án này trong những đề án bạn được xem.", field="proposal") from None
            if proposal.status != Proposal.Status.APPRAISED:
                raise ServiceError(f"Đề án đang ở bước “{proposal.get_status_display()}”: chỉ đưa vào chương trình "
                                   "họp đề án đã thẩm định, đủ điều kiện trình và chưa xếp vào phiên họp khác.",
                                   field="proposal")
            if proposal.item is not None and proposal.item.program.body_id != meeting.body_id:
                raise ServiceError("Đề án thuộc chương trình công tác của cơ quan khác, không phải của cơ quan họp.",
                                   field="proposal")
            if proposal.classification > meeting.classification:
                raise ServiceError(f"Đề án có độ {Classification(proposal.classification).label}, cao hơn độ mật "
                                   "của phiên họp; hãy nâng độ mật của phiên họp trước.", field="proposal")
            title = title or proposal.title
            presenter = presenter or proposal.lead_body.name
        title = _text(title, "nội dung", "title", 500)
        order = (meeting.agenda.aggregate(n=Max("order"))["n"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, order=order, title=title, proposal=proposal,
                                         program_item=proposal.item if proposal else None,
                                         planned_minutes=minutes, presenter=presenter)
        if proposal is not None:
            _schedule(proposal)
        _bump(meeting)
        record_event("meetings.agenda_added", actor=actor, obj=meeting,
                     new={"item": item.pk, "proposal": proposal.pk if proposal else None, "minutes": minutes})
        record_changed(meeting)
    return AgendaResult(meeting, item, agenda_warning(meeting))


def _schedule(proposal: Proposal) -> None:
    """The shared contract with programs: a proposal on an agenda, and its item, are scheduled."""
    now = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.SCHEDULED, version=proposal.version + 1,
                                                   updated_at=now)
    if proposal.item is not None:
        ProgramItem.objects.filter(pk=proposal.item.pk).update(status=ProgramItem.Status.SCHEDULED,
                                                               version=proposal.item.version + 1, updated_at=now)


def check_arrange_agenda(actor: User, meeting_id: int, expected_version: int,
                         rows: Sequence[tuple[int, Any, Any]]) -> AgendaResult:
    """Reorder the agenda and set durations: rows of (item id, position, planned minutes)."""
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        _only_planned(meeting)
        items = {i.pk: i for i in meeting.agenda.all()}
        given: dict[int, tuple[int, int]] = {}
        for item_id, position, minutes in rows:
            if item_id not in items:
                raise ServiceError("Có nội dung không thuộc phiên họp này; hãy tải lại trang.")
            pos = parse_id(position)
            if pos is None or pos > 1000:
                raise ServiceError("Thứ tự phải là số nguyên dương.", field="order")
            given[item_id] = (pos, _check_minutes(minutes))
        old = [(i.pk, i.order, i.planned_minutes) for i in items.values()]
        ordered = sorted(items.values(), key=lambda i: (given.get(i.pk, (i.order, 0))[0], i.order, i.pk))
        for n, item in enumerate(ordered, start=1):
            item.order = n
            if item.pk in given:
                item.planned_minutes = given[item.pk][1]
        AgendaItem.objects.bulk_update(ordered, ["order", "planned_minutes"])
        _bump(meeting)
        record_event("meetings.agenda_arranged", actor=actor, obj=meeting, old={"items": old},
                     new={"items": [(i.pk, i.order, i.planned_minutes) for i in ordered]})
        record_changed(meeting)
    return AgendaResult(meeting, None, agenda_warning(meeting, ordered))


def access_item(actor: User, item_id: Any) -> AgendaItem:
    """An agenda item through the policy of its meeting (404 when the person may not see the meeting)."""
    pk = parse_id(item_id)
    item = AgendaItem.objects.filter(pk=pk).first() if pk else None
    if item is None:
        raise Http404
    item.meeting = access_meeting(actor, item.meeting_id)
    return item


def check_remove_agenda_item(actor: User, item_id: int, expected_version: int | None) -> AgendaResult:
    with transaction.atomic():
        item = access_item(actor, item_id)
        meeting = _organised(actor, item.meeting_id, expected_version)
        _only_planned(meeting)
        if item.opinions.exists() or item.conclusions.exists():
            raise ServiceError("Nội dung đã có ý kiến hoặc kết luận; không gỡ khỏi chương trình được.")
        proposal_id = item.proposal_id
        item.delete()
        steps.release_proposal(proposal_id)
        _bump(meeting)
        record_event("meetings.agenda_removed", actor=actor, obj=meeting,
                     new={"item": item_id, "proposal": proposal_id})
        record_changed(meeting)
    return AgendaResult(meeting, None, agenda_warning(meeting))


# --- participants, sites, the meeting's own documents ----------------------------------------------------------
def check_add_site(actor: User, meeting_id: int, expected_version: int | None, *, name: str,
                   place_id: int | None = None, is_main: bool = False) -> MeetingSite:
    name = _text(name, "tên điểm cầu", "name", 200)
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        if meeting.status not in (M.PLANNED, M.PREPARED):
            raise ServiceError("Chỉ thêm điểm cầu trước khi họp.")
        place = None
        if place_id is not None:
            place = Place.objects.filter(pk=place_id).first()
            if place is None:
                raise ServiceError("Không có tỉnh, thành phố này.", field="place")
        if meeting.sites.filter(name=name).exists():
            raise ServiceError("Phiên họp đã có điểm cầu cùng tên.", field="name")
        if is_main:
            meeting.sites.update(is_main=False)
        site = MeetingSite.objects.create(meeting=meeting, name=name, place=place, is_main=is_main)
        _bump(meeting)
        record_event("meetings.site_added", actor=actor, obj=meeting, new={"site": site.pk, "place": place_id})
    return site


def check_add_participant(actor: User, meeting_id: int, expected_version: int | None, *, person_id: int,
                          role: str = Participant.Role.MEMBER, site_id: int | None = None,
                          clearance: int | None = None, item_ids: Sequence[int] = ()) -> Participant:
    if role not in Participant.Role.values:
        raise ServiceError("Vai trò không hợp lệ; chọn chủ trì, thành viên, mời dự hoặc thư ký.", field="role")
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        if meeting.status not in (M.PLANNED, M.PREPARED):
            raise ServiceError("Chỉ thêm người dự trước khi họp.")
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise ServiceError("Không có người này trong danh sách.", field="person")
        if meeting.participants.filter(person=person).exists():
            raise ServiceError(f"{person.full_name} đã có trong danh sách người dự.", field="person")
        account = User.objects.filter(person=person, is_active=True).first()
        if account is not None and account.clearance < meeting.classification:
            raise ServiceError(f"{person.full_name} chưa được tiếp cận tài liệu độ "
                               f"{Classification(meeting.classification).label} của phiên họp.", field="person")
        # Unless given, the account's level, within what the organiser may themselves give.
        level = clearance if clearance is not None else min(account.clearance if account else meeting.classification,
                                                            actor.clearance)
        if level not in Classification.values:
            raise ServiceError("Độ mật được nhận tài liệu không hợp lệ.", field="clearance")
        if level > actor.clearance:
            raise ServiceError("Bạn không cho người dự nhận tài liệu ở độ mật cao hơn độ mật bạn được tiếp cận.",
                               field="clearance")
        if account is not None:
            level = min(level, account.clearance)
        site = None
        if site_id is not None:
            site = meeting.sites.filter(pk=site_id).first()
            if site is None:
                raise ServiceError("Điểm cầu không thuộc phiên họp này.", field="site")
        items = list(meeting.agenda.filter(pk__in=list(item_ids)))
        if len(items) != len(set(item_ids)):
            raise ServiceError("Có nội dung không thuộc phiên họp này.", field="items")
        p = Participant.objects.create(meeting=meeting, person=person, role=role, site=site, clearance=level)
        p.items.set(items)
        if account is not None:
            meeting.shared_with_users.add(account)
        if meeting.status == M.PREPARED:
            steps.send_packet(actor, meeting, p)  # the packets are out: this person's goes now
        _bump(meeting)
        record_event("meetings.participant_added", actor=actor, obj=meeting,
                     new={"participant": p.pk, "person": person.pk, "role": role,
                          "clearance": Classification(level).name})
        record_changed(meeting)
    return p


def access_participant(actor: User, participant_id: Any) -> Participant:
    pk = parse_id(participant_id)
    p = Participant.objects.select_related("person", "site").filter(pk=pk).first() if pk else None
    if p is None:
        raise Http404
    p.meeting = access_meeting(actor, p.meeting_id)
    return p


def check_remove_participant(actor: User, participant_id: int, expected_version: int | None) -> Meeting:
    with transaction.atomic():
        p = access_participant(actor, participant_id)
        meeting = _organised(actor, p.meeting_id, expected_version)
        if meeting.status != M.PLANNED:
            raise ServiceError("Chỉ bớt người dự khi chương trình chưa chốt, tài liệu chưa gửi.")
        account = User.objects.filter(person_id=p.person_id).first()
        person_id = p.person_id
        p.delete()
        if account is not None and meeting.created_by_id != account.pk:
            meeting.shared_with_users.remove(account)
        _bump(meeting)
        record_event("meetings.participant_removed", actor=actor, obj=meeting,
                     new={"participant": participant_id, "person": person_id})
        record_changed(meeting)
    return meeting


def check_add_meeting_document(actor: User, meeting_id: int, expected_version: int | None, *, document_id: int,
                               members_only: bool = False) -> MeetingDocument:
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        _only_planned(meeting)
        try:
            doc = policy.access(actor, Document.objects.all(), document_id, audit=False)
        except Http404:
            raise ServiceError("Không thấy văn bản này trong những văn bản bạn được xem.", field="document") from None
        if meeting.meeting_documents.filter(document=doc).exists():
            raise ServiceError("Tài liệu này đã có trong phiên họp.", field="document")
        md = MeetingDocument.objects.create(meeting=meeting, document=doc, members_only=members_only)
        _bump(meeting)
        record_event("meetings.document_added", actor=actor, obj=meeting,
                     new={"document": doc.pk, "members_only": members_only})
    return md


# --- opinions ----------------------------------------------------------------------------------------------------
def _participant_of(actor: User, meeting: Meeting) -> bool:
    return actor.person_id is not None and meeting.participants.filter(person_id=actor.person_id).exists()


def check_add_opinion(actor: User, item_id: int, *, text: str, author_person_id: int | None = None,
                      author_body_id: int | None = None, received_at: datetime | None = None) -> Opinion:
    """Record an opinion on an agenda item: the office records those of participants and of bodies in writing;
    a participant may give their own."""
    text = _text(text, "nội dung ý kiến", "text", 20000)
    with transaction.atomic():
        item = access_item(actor, item_id)
        meeting = item.meeting
        organiser = may_organise(actor, meeting)
        if not organiser and not _participant_of(actor, meeting):
            raise Forbidden("Chỉ người dự họp hoặc đơn vị chuẩn bị phiên họp được ghi ý kiến.")
        if meeting.status not in (M.PREPARED, M.HELD):
            raise ServiceError("Ý kiến được ghi sau khi gửi tài liệu và trước khi khóa biên bản.")
        person = body = None
        if author_body_id is not None:
            body = Body.objects.filter(pk=author_body_id).first()
            if body is None:
                raise ServiceError("Không có cơ quan này.", field="author_body")
        if author_person_id is not None:
            person = Person.objects.filter(pk=author_person_id).first()
            if person is None:
                raise ServiceError("Không có người này.", field="author_person")
        if not organiser:
            person, body = actor.person, None  # one's own opinion, never in another's name
        if person is None and body is None:
            raise ServiceError("Hãy chọn người hoặc cơ quan cho ý kiến.", field="author_person")
        now = timezone.now()
        if received_at is not None and received_at > now + timedelta(minutes=5):
            raise ServiceError("Thời điểm nhận ý kiến không được ở sau hiện tại.", field="received_at")
        op = Opinion.objects.create(agenda_item=item, author_person=person, author_body=body, text=text,
                                    received_at=received_at or now, created_by=actor)
        record_event("meetings.opinion_added", actor=actor, obj=meeting,
                     new={"opinion": op.pk, "item": item.pk, "person": person.pk if person else None,
                          "body": body.pk if body else None})
    return op


def access_opinion(actor: User, opinion_id: Any) -> Opinion:
    pk = parse_id(opinion_id)
    op = Opinion.objects.select_related("agenda_item", "author_person", "author_body").filter(pk=pk).first() \
        if pk else None
    if op is None:
        raise Http404
    op.agenda_item.meeting = access_meeting(actor, op.agenda_item.meeting_id)
    return op


def check_answer_opinion(actor: User, opinion_id: int, expected_version: int, *, response: str,
                         answer: str) -> Opinion:
    """Answer an opinion: tiếp thu (accept) or giải trình (explain), with the text of the answer."""
    if response not in (Opinion.Response.ACCEPT, Opinion.Response.EXPLAIN):
        raise ServiceError("Hãy chọn tiếp thu hoặc giải trình.", field="response")
    answer = _text(answer, "nội dung tiếp thu, giải trình", "answer", 20000)
    with transaction.atomic():
        op = access_opinion(actor, opinion_id)
        meeting = op.agenda_item.meeting
        if not may_organise(actor, meeting):
            raise Forbidden("Chỉ đơn vị chuẩn bị phiên họp được tiếp thu, giải trình ý kiến.")
        if meeting.status == M.CANCELLED:
            raise ServiceError("Phiên họp đã hoãn, hủy.")
        return do_answer_opinion(actor, op, expected_version, response, answer)


def do_answer_opinion(actor: User, op: Opinion, expected_version: int, response: str, answer: str,
                      at: datetime | None = None) -> Opinion:
    with transaction.atomic():
        old = {"response": op.response, "version": op.version}
        at = at or timezone.now()
        # The version in the WHERE clause makes a concurrent answer fail instead of overwriting this one.
        updated = Opinion.objects.filter(pk=op.pk, version=expected_version).update(
            response=response, answer=answer, answered_by=actor, answered_at=at, version=expected_version + 1)
        if updated != 1:
            raise Conflict()
        op.response, op.answer, op.answered_by, op.answered_at = response, answer, actor, at
        op.version = expected_version + 1
        record_event("meetings.opinion_answered", actor=actor, obj=op.agenda_item.meeting, old=old,
                     new={"opinion": op.pk, "response": response, "version": op.version})
    return op


# --- minutes -------------------------------------------------------------------------------------------------
def check_write_minutes(actor: User, meeting_id: int, expected_version: int, text: str) -> Meeting:
    text = _text(text, "nội dung biên bản", "minutes", 200_000)
    with transaction.atomic():
        meeting = _organised(actor, meeting_id, expected_version)
        if meeting.minutes_locked:
            raise ServiceError("Biên bản đã được thông qua và khóa; không sửa được nữa.", field="minutes")
        if meeting.status != M.HELD:
            raise ServiceError("Biên bản được ghi sau khi họp.", field="minutes")
        old = {"version": meeting.version, "minutes_by": meeting.minutes_by_id, "length": len(meeting.minutes)}
        updated = Meeting.objects.filter(pk=meeting.pk, version=meeting.version, status=M.HELD).update(
            minutes=text, minutes_by=actor, version=meeting.version + 1, updated_at=timezone.now())
        if updated != 1:
            raise Conflict()
        meeting.minutes, meeting.minutes_by, meeting.version = text, actor, meeting.version + 1
        # The minutes' words stay out of the log: their length and author say that they changed.
        record_event("meetings.minutes_written", actor=actor, obj=meeting, old=old,
                     new={"version": meeting.version, "minutes_by": actor.pk, "length": len(text)})
    return meeting
