"""Every change to work programmes and their items: check_* validates, do_* changes and audits in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import Body, Person, Term, Unit, User
from vanphong.programs import periods
from vanphong.programs.models.programme import Kind, ProgramAdjustment, ProgramItem, ScheduleEntry, WorkProgram
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify

MANAGE_RIGHT = "programs.manage_program"

# Which period a programme may be carried down into, from which.
CARRY_DOWN: dict[str, str] = {narrower: wider for wider, narrower in periods.NARROWER.items()}
LIVE_EXCLUDED = (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED)

_fmt = periods.fmt


def may_manage(user: Any) -> bool:
    """Who may make, fill, adjust, approve and carry down programmes and keep the leaders' schedules: holders of
    `programs.manage_program` (office leaders and heads of units start with it)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(MANAGE_RIGHT))


def check_may_manage(user: Any) -> None:
    if not may_manage(user):
        raise Forbidden("Bạn không có quyền lập, điều chỉnh chương trình công tác và lịch công tác; hãy đề nghị "
                        "lãnh đạo đơn vị hoặc lãnh đạo Văn phòng thực hiện.")


def access_program(user: Any, program_id: Any) -> WorkProgram:
    """One programme the person may see (every programme for now: see queries.programs), or Http404. Every
    page and API route of a programme comes through here, so a narrower rule would reach them all."""
    from django.http import Http404

    from vanphong.programs.queries import programs

    pk = parse_id(program_id)
    program = programs(user).filter(pk=pk).first() if pk is not None else None
    if program is None:
        raise Http404
    return program


def _item_snapshot(item: ProgramItem) -> dict[str, Any]:
    # The title of a classified item stays out of the audit log (as followup/services.py does).
    return {
        "title": item.title if item.classification == Classification.THUONG else None,
        "kind": item.kind,
        "status": item.status,
        "program": item.program_id,
        "lead_body": item.lead_body_id,
        "planned_start": item.planned_start,
        "planned_end": item.planned_end,
        "version": item.version,
    }


def _lead_body(body_id: Any) -> Body:
    pk = parse_id(body_id)
    body = Body.objects.filter(pk=pk).exclude(kind=Body.Kind.LEADERSHIP).first() if pk is not None else None
    if body is None:
        raise ServiceError("Không tìm thấy cơ quan chủ trì đã chọn; hãy chọn một cơ quan trong danh mục.",
                           field="lead_body")
    return body


def check_dates(program: WorkProgram, planned_start: date, planned_end: date) -> None:
    """The planned period is well-formed and lies inside the programme's period."""
    if planned_end < planned_start:
        raise ServiceError(f"Ngày dự kiến trình ({_fmt(planned_end)}) ở trước ngày bắt đầu ({_fmt(planned_start)});"
                           " hãy sửa lại thời gian dự kiến.", field="planned_end")
    if planned_start < program.start or planned_end > program.end:
        raise ServiceError(
            f"Thời gian dự kiến {_fmt(planned_start)}–{_fmt(planned_end)} nằm ngoài kỳ của chương trình "
            f"({_fmt(program.start)}–{_fmt(program.end)}); hãy chọn thời gian trong kỳ hoặc đưa mục vào "
            "chương trình của kỳ khác.", field="planned_start")


def _check_program_version(program: WorkProgram, expected_version: int | None) -> None:
    if expected_version is not None and program.version != expected_version:
        raise Conflict("Chương trình đã được người khác thay đổi sau khi bạn mở. Hãy tải lại trang để xem bản "
                       "mới rồi thực hiện lại; thay đổi của bạn chưa được lưu.")


def _bump(program: WorkProgram, old_version: int) -> None:
    # The version in the WHERE clause makes a concurrent writer fail instead of overwriting.
    if WorkProgram.objects.filter(pk=program.pk, version=old_version).update(
            version=old_version + 1, updated_at=timezone.now()) != 1:
        raise Conflict()
    program.version = old_version + 1


def check_create_program(actor: User, *, body_id: Any, term_id: Any, period: str, year: int | None,
                         number: int | None, title: str = "") -> WorkProgram:
    """A programme of a leadership body for one period of a term: its dates follow from the period."""
    check_may_manage(actor)
    body_pk, term_pk = parse_id(body_id), parse_id(term_id)
    body = Body.objects.filter(pk=body_pk, kind=Body.Kind.LEADERSHIP).first() if body_pk is not None else None
    if body is None:
        raise ServiceError("Hãy chọn cơ quan lãnh đạo: BCH Trung ương, Bộ Chính trị hoặc Ban Bí thư.", field="body")
    term = Term.objects.filter(pk=term_pk).first() if term_pk is not None else None
    if term is None:
        raise ServiceError("Hãy chọn khóa (nhiệm kỳ) của chương trình.", field="term")
    if period == WorkProgram.Period.TERM:
        year, number = None, 0
    elif period == WorkProgram.Period.YEAR:
        number = 0
    start, end = periods.period_dates(period, year, number or 0, term.start, term.end)
    last = periods.term_end(term.start, term.end)
    if end < term.start or start > last:
        raise ServiceError(f"Kỳ {_fmt(start)}–{_fmt(end)} nằm ngoài {term.name} ({_fmt(term.start)}–{_fmt(last)});"
                           " hãy chọn đúng khóa hoặc năm.", field="year")
    title = (title or "").strip() or periods.default_title(body.name, term.name, period, year, number or 0,
                                                           start, end)
    return do_create_program(actor, body=body, term=term, period=period, year=year, number=number or 0,
                             start=start, end=end, title=title[:300])


def do_create_program(actor: User, *, body: Body, term: Any, period: str, year: int | None, number: int,
                      start: date, end: date, title: str, parent: WorkProgram | None = None) -> WorkProgram:
    check_may_manage(actor)
    if body.kind != "lanh_dao":
        raise ServiceError("Chương trình công tác chỉ lập cho BCH Trung ương, Bộ Chính trị, Ban Bí thư.",
                           field="body")
    if end < start:
        raise ServiceError("Ngày kết thúc của kỳ ở trước ngày bắt đầu.", field="end")
    same = WorkProgram.objects.filter(body=body, term=term, period=period, number=number)
    same = same.filter(year__isnull=True) if year is None else same.filter(year=year)
    existing = same.first()
    if existing is not None:
        raise ServiceError(f"Đã có «{existing.title}»; hãy mở chương trình đó để bổ sung thay vì lập mới.",
                           field="number")
    with transaction.atomic():
        try:
            with transaction.atomic():
                program = WorkProgram.objects.create(body=body, term=term, period=period, year=year, number=number,
                                                     start=start, end=end, title=title, parent=parent,
                                                     created_by=actor)
        except IntegrityError:
            # Someone made the same programme between the check above and this write.
            raise Conflict("Chương trình của kỳ này vừa được người khác lập; hãy tải lại danh sách chương trình."
                           ) from None
        record_event("programs.program_created", actor=actor, obj=program,
                     new={"period": period, "year": year, "number": number, "body": body.pk})
    return program


def check_create_item(actor: User, program: WorkProgram, *, title: str, kind: str, lead_body_id: Any,
                      planned_start: date, planned_end: date, co_body_ids: list[int] | None = None,
                      classification: int = Classification.THUONG, description: str = "",
                      decided_by: str = "", reason: str = "", expected_version: int | None = None,
                      office_unit_id: Any = None) -> ProgramItem:
    """Add an item; to an approved programme only as an adjustment (kind "bổ sung", with reason and who decided)."""
    check_may_manage(actor)
    title = (title or "").strip()
    if not title:
        raise ServiceError("Hãy ghi tên đề án, vấn đề.", field="title")
    if kind not in Kind.values:
        raise ServiceError("Loại không hợp lệ; chọn Đề án, Báo cáo, Tờ trình hoặc Vấn đề khác.", field="kind")
    if len(title) > 500:
        raise ServiceError("Tên đề án, vấn đề dài quá 500 ký tự; hãy rút gọn.", field="title")
    lead = _lead_body(lead_body_id)
    co_ids = {parse_id(i) for i in co_body_ids or []}
    co = list(Body.objects.filter(pk__in=[i for i in co_ids if i is not None]))
    if len(co) != len(co_ids):
        raise ServiceError("Có cơ quan phối hợp không có trong danh mục; hãy chọn lại.", field="co_bodies")
    if lead in co:
        raise ServiceError("Cơ quan chủ trì không đồng thời là cơ quan phối hợp; hãy bỏ chọn cơ quan đó ở danh sách "
                           "phối hợp.", field="co_bodies")
    unit = None
    if office_unit_id not in (None, ""):
        unit_pk = parse_id(office_unit_id)
        unit = Unit.objects.filter(pk=unit_pk, is_active=True).first() if unit_pk is not None else None
        if unit is None:
            raise ServiceError("Không tìm thấy đơn vị theo dõi đã chọn; hãy chọn lại.", field="office_unit")
    check_dates(program, planned_start, planned_end)
    check_may_classify(actor, classification, "mục chương trình")
    approved = program.status == WorkProgram.Status.APPROVED
    if approved and (not decided_by.strip() or not reason.strip()):
        raise ServiceError("Chương trình đã thông qua: bổ sung mục phải ghi lý do và cấp quyết định.",
                           field="reason")
    with transaction.atomic():
        program = WorkProgram.objects.select_for_update().get(pk=program.pk)
        _check_program_version(program, expected_version)
        item = ProgramItem.objects.create(
            program=program, title=title, kind=kind, lead_body=lead, planned_start=planned_start,
            planned_end=planned_end, classification=classification, description=description, office_unit=unit,
            created_by=actor)
        item.co_bodies.set(co)
        if approved:
            ProgramAdjustment.objects.create(program=program, item=item, kind=ProgramAdjustment.Kind.ADDED,
                                             reason=reason.strip(), decided_by=decided_by.strip(),
                                             recorded_by=actor, new=_json(_item_snapshot(item)))
        _bump(program, program.version)
        record_changed(item)
        record_event("programs.item_created", actor=actor, obj=item, new=_item_snapshot(item))
    return item


def _json(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}


def do_approve_program(actor: User, program: WorkProgram, expected_version: int | None = None) -> WorkProgram:
    check_may_manage(actor)
    if program.status == WorkProgram.Status.APPROVED:
        raise ServiceError("Chương trình này đã được thông qua.")
    with transaction.atomic():
        locked = WorkProgram.objects.select_for_update().get(pk=program.pk)
        _check_program_version(locked, expected_version)
        if locked.status == WorkProgram.Status.APPROVED:
            raise ServiceError("Chương trình này đã được thông qua.")
        _bump(locked, locked.version)
        WorkProgram.objects.filter(pk=locked.pk).update(status=WorkProgram.Status.APPROVED,
                                                        approved_at=timezone.now())
        locked.refresh_from_db()
        record_event("programs.program_approved", actor=actor, obj=locked, old={"status": program.status},
                     new={"status": locked.status})
    return locked


def check_adjust_item(actor: User, item_id: Any, *, kind: str, reason: str, decided_by: str,
                      expected_version: int, planned_start: date | None = None, planned_end: date | None = None,
                      target_program: WorkProgram | None = None, title: str | None = None,
                      lead_body_id: Any = None) -> ProgramAdjustment:
    """Move, drop or change an item: the item's version must be the one the person saw (no silent overwrite)."""
    if kind not in ProgramAdjustment.Kind.values or kind == ProgramAdjustment.Kind.ADDED:
        raise ServiceError("Loại điều chỉnh không hợp lệ; chọn Chuyển kỳ, Rút khỏi chương trình hoặc Điều chỉnh "
                           "nội dung.", field="kind")
    if not (reason or "").strip():
        raise ServiceError("Hãy ghi lý do điều chỉnh.", field="reason")
    if not (decided_by or "").strip():
        raise ServiceError("Hãy ghi cấp quyết định điều chỉnh (ví dụ: Thường trực Ban Bí thư).", field="decided_by")
    with transaction.atomic():
        item = policy.access(actor, ProgramItem.objects.select_related("program"), item_id, lock=True, audit=False)
        check_may_manage(actor)  # after the access check: an item the person may not see stays a 404
        if item.version != expected_version:
            raise Conflict()
        if item.status in (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED):
            raise ServiceError("Mục này đã rút khỏi chương trình hoặc đã chuyển kỳ; không điều chỉnh thêm được.")
        if item.status == ProgramItem.Status.DECIDED:
            # What the leadership has already decided on is history, not plan: it is not moved or withdrawn.
            raise ServiceError("Mục này đã được cho ý kiến, kết luận; không điều chỉnh được nữa.")
        old = _item_snapshot(item)
        program = item.program
        if kind == ProgramAdjustment.Kind.DROPPED:
            item.status = ProgramItem.Status.DROPPED
        else:
            new_program = target_program or program
            start = planned_start or item.planned_start
            end = planned_end or item.planned_end
            check_dates(new_program, start, end)
            if kind == ProgramAdjustment.Kind.MOVED and start == item.planned_start and end == item.planned_end \
                    and new_program.pk == program.pk:
                raise ServiceError("Chuyển kỳ phải đổi thời gian dự kiến hoặc chương trình.", field="planned_end")
            item.planned_start, item.planned_end = start, end
            if new_program.body_id != program.body_id:
                raise ServiceError("Chỉ chuyển sang chương trình của cùng cơ quan lãnh đạo.", field="program")
            item.program = new_program
            if title is not None and title.strip():
                item.title = title.strip()
            if lead_body_id:
                item.lead_body = _lead_body(lead_body_id)
        item.version += 1
        item.save()
        adj = ProgramAdjustment.objects.create(program=program, item=item, kind=kind, reason=reason.strip(),
                                               decided_by=decided_by.strip(), recorded_by=actor,
                                               old=_json(old), new=_json(_item_snapshot(item)))
        _bump(program, WorkProgram.objects.get(pk=program.pk).version)
        record_changed(item)
        record_event("programs.item_adjusted", actor=actor, obj=item, old=old,
                     new={**_item_snapshot(item), "adjustment": kind})
    return adj


def check_carry_down(actor: User, parent: WorkProgram, *, number: int, item_ids: list[Any], title: str = "",
                     expected_version: int | None = None) -> WorkProgram:
    """The carry-down form: the narrower period is the parent's next (year → quarter → month → week), its dates
    follow from `number`, and only the items chosen go down."""
    check_may_manage(actor)
    period = periods.NARROWER.get(parent.period)
    if period is None or parent.year is None:
        raise ServiceError("Chỉ lập chương trình quý từ chương trình năm, tháng từ quý, tuần từ tháng.",
                           field="period")
    start, end = periods.period_dates(period, parent.year, number, parent.start, None)
    title = (title or "").strip() or periods.default_title(parent.body.name, parent.term.name, period, parent.year,
                                                           number, start, end)
    ids = [parse_id(i) for i in item_ids]
    if None in ids:
        raise ServiceError("Có mục đã chọn không hợp lệ; hãy chọn lại.", field="items")
    return do_carry_down(actor, parent, period=period, number=number, start=start, end=end, title=title[:300],
                         item_ids=[i for i in ids if i is not None], expected_version=expected_version)


def do_carry_down(actor: User, parent: WorkProgram, *, period: str, number: int, start: date, end: date,
                  title: str, item_ids: list[int] | None = None, expected_version: int | None = None) -> WorkProgram:
    """Build a quarter's programme from its year's (a month's from its quarter's, a week's from its month's).

    The items chosen (`item_ids`, among the live items of the parent the actor may see) are copied with `source`
    set and their planned period narrowed to the new one; without a choice, every live item whose planned period
    ends inside the new period goes down. Nothing is saved unless every chosen item can go."""
    check_may_manage(actor)
    if CARRY_DOWN.get(period) != parent.period:
        raise ServiceError("Chỉ lập chương trình quý từ chương trình năm, tháng từ quý, tuần từ tháng.",
                           field="period")
    if not periods.contains(parent.period, parent.start, parent.end, period, start, end):
        raise ServiceError("Kỳ của chương trình mới phải nằm trong kỳ của chương trình cấp trên.", field="start")
    with transaction.atomic():
        locked = WorkProgram.objects.select_for_update().get(pk=parent.pk)
        _check_program_version(locked, expected_version)
        live = locked.items.exclude(status__in=LIVE_EXCLUDED)
        if item_ids is None:
            chosen = list(live.filter(planned_end__gte=start, planned_end__lte=end))
        else:
            wanted = set(item_ids)
            chosen = list(policy.visible(actor, live.filter(pk__in=wanted)))
            if len(chosen) != len(wanted):
                # Unknown, dropped, moved or not visible to the actor: the same answer, which names none of them.
                raise ServiceError("Có mục đã chọn không còn trong chương trình cấp trên (đã rút, chuyển kỳ) hoặc "
                                   "không tồn tại; hãy tải lại trang và chọn lại.", field="items")
            outside = [i for i in chosen if i.planned_start > end or i.planned_end < start]
            if outside:
                names = "; ".join(f"«{i.title}» ({_fmt(i.planned_start)}–{_fmt(i.planned_end)})" for i in outside)
                raise ServiceError(f"Các mục sau không dự kiến thực hiện trong kỳ {_fmt(start)}–{_fmt(end)}: {names}."
                                   " Hãy bỏ chọn, hoặc điều chỉnh thời gian dự kiến của mục trước.", field="items")
        child = do_create_program(actor, body=locked.body, term=locked.term, period=period, year=locked.year,
                                  number=number, start=start, end=end, title=title, parent=locked)
        by_pk = {i.pk: i for i in ProgramItem.objects.filter(pk__in=[c.pk for c in chosen]).prefetch_related(
            "co_bodies", "shared_with_users", "shared_with_units")}
        for src in sorted(by_pk.values(), key=lambda i: (i.order, i.planned_end, i.pk)):
            copy = ProgramItem.objects.create(
                program=child, order=src.order, kind=src.kind, title=src.title, description=src.description,
                lead_body_id=src.lead_body_id, office_unit_id=src.office_unit_id,
                planned_start=max(src.planned_start, start), planned_end=min(src.planned_end, end),
                status=src.status, source=src, classification=src.classification, created_by=src.created_by)
            copy.co_bodies.set(src.co_bodies.all())
            copy.shared_with_users.set(src.shared_with_users.all())
            copy.shared_with_units.set(src.shared_with_units.all())
            record_changed(copy)
        record_event("programs.program_carried_down", actor=actor, obj=child,
                     new={"parent": locked.pk, "items": sorted(by_pk)})
    return child


class ScheduleClash(ServiceError):
    """The entry overlaps others of the same leader; the person may confirm and book it anyway."""

    status = 409
    code = "schedule_clash"

    def __init__(self, message: str, clashes: list[Any]) -> None:
        super().__init__(message, field="starts_at")
        self.clashes = clashes


def person_for_schedule(person_id: Any) -> Person:
    pk = parse_id(person_id)
    person = Person.objects.filter(pk=pk).first() if pk is not None else None
    if person is None:
        raise ServiceError("Không tìm thấy lãnh đạo đã chọn; hãy chọn trong danh sách.", field="person")
    return person


def check_create_schedule_entry(actor: User, *, person: Person, starts_at: datetime, ends_at: datetime, title: str,
                                place: str = "", kind: str = ScheduleEntry.Kind.WORK,
                                confirmed: bool = False) -> ScheduleEntry:
    """An entry that overlaps another of the same leader (an entry, or a meeting the actor may see them attend)
    is refused unless the person confirms it (`confirmed`): coordinators sometimes book two things knowingly,
    but never by accident."""
    from vanphong.programs.queries import clashes_with

    check_may_manage(actor)
    title, place = (title or "").strip(), (place or "").strip()
    if not title:
        raise ServiceError("Hãy ghi nội dung lịch công tác.", field="title")
    if len(title) > 300 or len(place) > 200:
        raise ServiceError("Nội dung tối đa 300 ký tự, địa điểm tối đa 200 ký tự; hãy rút gọn.",
                           field="title" if len(title) > 300 else "place")
    if kind not in ScheduleEntry.Kind.values:
        raise ServiceError("Loại lịch không hợp lệ; hãy chọn trong danh sách.", field="kind")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        starts_at, ends_at = timezone.make_aware(starts_at), timezone.make_aware(ends_at)
    if ends_at <= starts_at:
        raise ServiceError("Giờ kết thúc phải sau giờ bắt đầu.", field="ends_at")
    with transaction.atomic():
        # The leader's row is the lock: two coordinators booking the same hours wait for each other, so the
        # second sees the first's entry and is asked to confirm.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        clash = clashes_with(actor, person.pk, starts_at, ends_at)
        if clash and not confirmed:
            names = "; ".join(f"{c.title} ({timezone.localtime(c.starts_at):%H:%M}–"
                              f"{timezone.localtime(c.ends_at):%H:%M %d/%m/%Y})" for c in clash)
            raise ScheduleClash(f"Trùng lịch với: {names}. Hãy đổi giờ, hoặc xác nhận nếu vẫn muốn xếp trùng.",
                                clash)
        entry = ScheduleEntry.objects.create(person=person, starts_at=starts_at, ends_at=ends_at, title=title,
                                             place=place, kind=kind, created_by=actor)
        record_event("programs.schedule_created", actor=actor, obj=entry,
                     new={"person": person.pk, "overlaps": len(clash), "confirmed": bool(clash and confirmed)})
    return entry
