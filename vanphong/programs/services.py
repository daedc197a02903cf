"""Every change to work programmes and their items: check_* validates, do_* changes and audits in one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Conflict, ServiceError
from vanphong.core.models import Body, User
from vanphong.programs.models.programme import Kind, ProgramAdjustment, ProgramItem, WorkProgram
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, check_may_classify

# Which period a programme may be carried down into, from which.
CARRY_DOWN: dict[str, str] = {
    WorkProgram.Period.QUARTER: WorkProgram.Period.YEAR,
    WorkProgram.Period.MONTH: WorkProgram.Period.QUARTER,
    WorkProgram.Period.WEEK: WorkProgram.Period.MONTH,
}


def _fmt(d: date) -> str:
    return d.strftime("%d/%m/%Y")


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
    body = Body.objects.filter(pk=body_id).first() if str(body_id or "").isdigit() else None
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


def do_create_program(actor: User, *, body: Body, term: Any, period: str, year: int | None, number: int,
                      start: date, end: date, title: str, parent: WorkProgram | None = None) -> WorkProgram:
    if body.kind != "lanh_dao":
        raise ServiceError("Chương trình công tác chỉ lập cho BCH Trung ương, Bộ Chính trị, Ban Bí thư.",
                           field="body")
    if end < start:
        raise ServiceError("Ngày kết thúc của kỳ ở trước ngày bắt đầu.", field="end")
    with transaction.atomic():
        program = WorkProgram.objects.create(body=body, term=term, period=period, year=year, number=number,
                                             start=start, end=end, title=title, parent=parent, created_by=actor)
        record_event("programs.program_created", actor=actor, obj=program,
                     new={"period": period, "year": year, "number": number, "body": body.pk})
    return program


def check_create_item(actor: User, program: WorkProgram, *, title: str, kind: str, lead_body_id: Any,
                      planned_start: date, planned_end: date, co_body_ids: list[int] | None = None,
                      classification: int = Classification.THUONG, description: str = "",
                      decided_by: str = "", reason: str = "", expected_version: int | None = None) -> ProgramItem:
    """Add an item; to an approved programme only as an adjustment (kind "bổ sung", with reason and who decided)."""
    title = (title or "").strip()
    if not title:
        raise ServiceError("Hãy ghi tên đề án, vấn đề.", field="title")
    if kind not in Kind.values:
        raise ServiceError("Loại không hợp lệ; chọn Đề án, Báo cáo, Tờ trình hoặc Vấn đề khác.", field="kind")
    lead = _lead_body(lead_body_id)
    co = list(Body.objects.filter(pk__in=co_body_ids or []))
    if len(co) != len(set(co_body_ids or [])):
        raise ServiceError("Có cơ quan phối hợp không có trong danh mục; hãy chọn lại.", field="co_bodies")
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
            planned_end=planned_end, classification=classification, description=description, created_by=actor)
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
    if program.status == WorkProgram.Status.APPROVED:
        raise ServiceError("Chương trình này đã được thông qua.")
    with transaction.atomic():
        locked = WorkProgram.objects.select_for_update().get(pk=program.pk)
        _check_program_version(locked, expected_version)
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
        if item.version != expected_version:
            raise Conflict()
        if item.status in (ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED):
            raise ServiceError("Mục này đã rút khỏi chương trình hoặc đã chuyển kỳ; không điều chỉnh thêm được.")
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


def do_carry_down(actor: User, parent: WorkProgram, *, period: str, number: int, start: date, end: date,
                  title: str) -> WorkProgram:
    """Build a quarter's programme from its year's (a month's from its quarter's, a week's from its month's):
    every live item whose planned period ends inside the new period is copied with `source` set."""
    if CARRY_DOWN.get(period) != parent.period:
        raise ServiceError("Chỉ lập chương trình quý từ chương trình năm, tháng từ quý, tuần từ tháng.",
                           field="period")
    if start < parent.start or end > parent.end:
        raise ServiceError("Kỳ của chương trình mới phải nằm trong kỳ của chương trình cấp trên.", field="start")
    with transaction.atomic():
        child = do_create_program(actor, body=parent.body, term=parent.term, period=period, year=parent.year,
                                  number=number, start=start, end=end, title=title, parent=parent)
        live = parent.items.exclude(status__in=[ProgramItem.Status.DROPPED, ProgramItem.Status.MOVED])
        for src in live.filter(planned_end__gte=start, planned_end__lte=end).prefetch_related(
                "co_bodies", "shared_with_users", "shared_with_units"):
            copy = ProgramItem.objects.create(
                program=child, order=src.order, kind=src.kind, title=src.title, description=src.description,
                lead_body_id=src.lead_body_id, office_unit_id=src.office_unit_id,
                planned_start=max(src.planned_start, start), planned_end=src.planned_end, status=src.status,
                source=src, classification=src.classification, created_by=src.created_by)
            copy.co_bodies.set(src.co_bodies.all())
            copy.shared_with_users.set(src.shared_with_users.all())
            copy.shared_with_units.set(src.shared_with_units.all())
            record_changed(copy)
        record_event("programs.program_carried_down", actor=actor, obj=child, new={"parent": parent.pk})
    return child


def check_create_schedule_entry(actor: User, *, person: Any, starts_at: Any, ends_at: Any, title: str,
                                place: str = "", kind: str = "lam_viec", confirmed: bool = False) -> Any:
    """An entry that overlaps another of the same leader is refused unless the person confirms it
    (`confirmed`): coordinators sometimes book two things knowingly, but never by accident."""
    from vanphong.programs.models.programme import ScheduleEntry
    from vanphong.programs.queries import overlapping

    if not (title or "").strip():
        raise ServiceError("Hãy ghi nội dung lịch công tác.", field="title")
    if ends_at <= starts_at:
        raise ServiceError("Giờ kết thúc phải sau giờ bắt đầu.", field="ends_at")
    clash = overlapping(person.pk, starts_at, ends_at)
    if clash and not confirmed:
        names = "; ".join(f"{c.title} ({timezone.localtime(c.starts_at):%H:%M %d/%m/%Y})" for c in clash)
        raise ServiceError(f"Trùng lịch với: {names}. Hãy đổi giờ, hoặc xác nhận nếu vẫn muốn xếp trùng.",
                           field="starts_at")
    with transaction.atomic():
        entry = ScheduleEntry.objects.create(person=person, starts_at=starts_at, ends_at=ends_at,
                                             title=title.strip(), place=place, kind=kind, created_by=actor)
        record_event("programs.schedule_created", actor=actor, obj=entry,
                     new={"person": person.pk, "overlaps": len(clash)})
    return entry
