"""API of work programmes, their items and adjustments, and the leaders' calendar, over the same services and
queries as the pages. A programme or item the person may not see answers 404; a stale version 409."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.programs import queries, services
from vanphong.programs.models.programme import ProgramAdjustment, ProgramItem, ScheduleEntry, WorkProgram
from vanphong.security import policy
from vanphong.security.classification import Classification

router = Router(tags=["Chương trình công tác"])

Level = Literal["THUONG", "MAT", "TOI_MAT", "TUYET_MAT"]
PeriodIn = Literal["nhiem_ky", "nam", "quy", "thang", "tuan"]
KindIn = Literal["de_an", "bao_cao", "to_trinh", "khac"]
AdjustKind = Literal["chuyen_ky", "rut", "dieu_chinh"]
ScheduleKind = Literal["hop", "lam_viec", "cong_tac", "tiep", "khac"]
VERSION = Field(..., ge=1, le=2**31)


class ProgrammeOut(Schema):
    id: int
    classification: str  # programmes themselves are not classified (their items are): always THUONG
    body_id: int
    body: str
    term_id: int
    period: str
    period_label: str
    year: int | None
    number: int
    start: date
    end: date
    parent_id: int | None
    title: str
    status: str
    status_label: str
    approved_at: datetime | None
    version: int

    @staticmethod
    def resolve_classification(obj: WorkProgram) -> str:
        return Classification.THUONG.name

    @staticmethod
    def resolve_body(obj: WorkProgram) -> str:
        return obj.body.name

    @staticmethod
    def resolve_period_label(obj: WorkProgram) -> str:
        return str(obj.get_period_display())

    @staticmethod
    def resolve_status_label(obj: WorkProgram) -> str:
        return str(obj.get_status_display())


class ItemOut(Schema):
    id: int
    classification: str
    program_id: int
    order: int
    kind: str
    title: str
    description: str
    lead_body_id: int
    co_body_ids: list[int]
    office_unit_id: int | None
    planned_start: date
    planned_end: date
    status: str
    status_label: str
    source_id: int | None
    version: int

    @staticmethod
    def resolve_classification(obj: ProgramItem) -> str:
        return Classification(obj.classification).name

    @staticmethod
    def resolve_co_body_ids(obj: ProgramItem) -> list[int]:
        return sorted(b.pk for b in obj.co_bodies.all())

    @staticmethod
    def resolve_status_label(obj: ProgramItem) -> str:
        return str(obj.get_status_display())


class AdjustmentOut(Schema):
    id: int
    classification: str  # the item's
    program_id: int
    item_id: int
    kind: str
    reason: str
    decided_by: str
    recorded_by_id: int
    changes: list[str]
    old: dict[str, Any]
    new: dict[str, Any]
    created_at: datetime


class ProgrammeDetailOut(ProgrammeOut):
    # Read from what _detail() put on the programme: the items and adjustments the person may see.
    items: list[ItemOut]
    adjustments: list[AdjustmentOut]
    done_on_time: int
    planned: int

    @staticmethod
    def resolve_items(obj: WorkProgram) -> list[ProgramItem]:
        return obj.__dict__["api_items"]

    @staticmethod
    def resolve_adjustments(obj: WorkProgram) -> list[dict[str, Any]]:
        return obj.__dict__["api_adjustments"]

    @staticmethod
    def resolve_done_on_time(obj: WorkProgram) -> int:
        return obj.__dict__["api_done"]

    @staticmethod
    def resolve_planned(obj: WorkProgram) -> int:
        return obj.__dict__["api_planned"]


class ProgrammeIn(Schema):
    body_id: int = Field(..., ge=1, le=MAX_ID)
    term_id: int = Field(..., ge=1, le=MAX_ID)
    period: PeriodIn
    year: int | None = Field(None, ge=1945, le=2200)
    number: int = Field(0, ge=0, le=53)
    title: str = Field("", max_length=300)


class ItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=500)
    kind: KindIn = "de_an"
    lead_body_id: int = Field(..., ge=1, le=MAX_ID)
    co_body_ids: list[int] = Field([], max_length=200)
    office_unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    planned_start: date
    planned_end: date
    classification: Level = "THUONG"
    description: str = Field("", max_length=20000)
    reason: str = Field("", max_length=4000)
    decided_by: str = Field("", max_length=200)
    version: int = VERSION


class AdjustIn(Schema):
    kind: AdjustKind
    reason: str = Field(..., max_length=4000)
    decided_by: str = Field(..., max_length=200)
    version: int = VERSION
    planned_start: date | None = None
    planned_end: date | None = None
    program_id: int | None = Field(None, ge=1, le=MAX_ID, description="chương trình chuyển đến (cùng cơ quan)")
    title: str | None = Field(None, max_length=500)
    lead_body_id: int | None = Field(None, ge=1, le=MAX_ID)


class VersionIn(Schema):
    version: int = VERSION


class CarryIn(Schema):
    number: int = Field(..., ge=1, le=53, description="quý 1–4, tháng 1–12 hoặc tuần ISO 1–53")
    item_ids: list[int] = Field(..., max_length=5000)
    title: str = Field("", max_length=300)
    version: int = VERSION


class CalendarEntryOut(Schema):
    classification: str  # a meeting's; a schedule entry is THUONG
    person_id: int
    meeting_id: int | None
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    url: str
    conflict: bool


class CalendarPersonOut(Schema):
    classification: str  # THUONG: who the leaders are is not classified
    person_id: int
    name: str
    title: str
    conflicts: int
    entries: list[CalendarEntryOut]


class CalendarOut(Schema):
    classification: str  # THUONG; each entry carries its own
    week_start: date
    week_end: date
    conflicts: int
    people: list[CalendarPersonOut]


class ScheduleIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    starts_at: datetime
    ends_at: datetime
    title: str = Field(..., min_length=1, max_length=300)
    place: str = Field("", max_length=200)
    kind: ScheduleKind = "lam_viec"
    confirmed: bool = Field(False, description="xếp cả khi trùng lịch (nếu không, trùng lịch trả 409)")


class ScheduleEntryOut(Schema):
    id: int
    classification: str  # THUONG: schedule entries are not classified
    person_id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str
    kind: str

    @staticmethod
    def resolve_classification(obj: ScheduleEntry) -> str:
        return Classification.THUONG.name


def _adjustment_out(row: queries.AdjustmentRow, level: int) -> dict[str, Any]:
    a: ProgramAdjustment = row.adjustment
    return {"id": a.pk, "classification": Classification(level).name, "program_id": a.program_id,
            "item_id": a.item_id, "kind": a.kind, "reason": a.reason, "decided_by": a.decided_by,
            "recorded_by_id": a.recorded_by_id, "changes": row.changes, "old": a.old, "new": a.new,
            "created_at": a.created_at}


def _detail(user: Any, program: WorkProgram) -> WorkProgram:
    out: Any = program
    out.api_items = list(queries.items_of(user, program).order_by("order", "planned_end", "pk"))
    out.api_done, out.api_planned, _rate = queries.completion_rate(program, user)
    out.api_adjustments = [_adjustment_out(r, r.adjustment.item.classification)
                           for r in queries.adjustment_rows(user, program=program)]
    return program


def _level(name: str) -> int:
    return int(Classification[name])


@router.get("/programmes", response=list[ProgrammeOut], summary="Chương trình công tác")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_programmes(request: HttpRequest, body_id: int | None = Query(None, ge=1, le=MAX_ID),
                    period: PeriodIn | None = None, year: int | None = Query(None, ge=1945, le=2200)) -> Any:
    qs = queries.programs(acting_user(request))
    if body_id:
        qs = qs.filter(body_id=body_id)
    if period:
        qs = qs.filter(period=period)
    if year:
        qs = qs.filter(year=year)
    return qs


@router.post("/programmes", response={201: ProgrammeOut}, summary="Lập chương trình công tác")
def create_programme(request: HttpRequest, data: ProgrammeIn) -> Any:
    return 201, services.check_create_program(acting_user(request), body_id=data.body_id, term_id=data.term_id,
                                              period=data.period, year=data.year, number=data.number,
                                              title=data.title)


@router.get("/programmes/{program_id}", response=ProgrammeDetailOut,
            summary="Một chương trình, các mục bạn được xem và các điều chỉnh")
def get_programme(request: HttpRequest, program_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    return _detail(user, services.access_program(user, program_id))


@router.post("/programmes/{program_id}/items", response={201: ItemOut}, summary="Thêm (bổ sung) mục chương trình")
def add_item(request: HttpRequest, data: ItemIn, program_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    program = services.access_program(user, program_id)
    item = services.check_create_item(
        user, program, title=data.title, kind=data.kind, lead_body_id=data.lead_body_id,
        co_body_ids=data.co_body_ids, office_unit_id=data.office_unit_id, planned_start=data.planned_start,
        planned_end=data.planned_end, classification=_level(data.classification), description=data.description,
        reason=data.reason, decided_by=data.decided_by, expected_version=data.version)
    return 201, item


@router.post("/programmes/{program_id}/approve", response=ProgrammeOut, summary="Thông qua chương trình")
def approve_programme(request: HttpRequest, data: VersionIn, program_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    return services.do_approve_program(user, services.access_program(user, program_id), data.version)


@router.post("/programmes/{program_id}/carry-down", response={201: ProgrammeOut},
             summary="Lập chương trình kỳ dưới (quý từ năm, tháng từ quý, tuần từ tháng) với các mục đã chọn")
def carry_down(request: HttpRequest, data: CarryIn, program_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    parent = services.access_program(user, program_id)
    return 201, services.check_carry_down(user, parent, number=data.number, item_ids=data.item_ids,
                                          title=data.title, expected_version=data.version)


@router.get("/programme-items/{item_id}", response=ItemOut, summary="Một mục chương trình")
def get_item(request: HttpRequest, item_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return policy.access(acting_user(request), ProgramItem.objects.prefetch_related("co_bodies"), item_id,
                         address=request.META.get("REMOTE_ADDR", ""))


@router.post("/programme-items/{item_id}/adjustments", response={201: AdjustmentOut},
             summary="Điều chỉnh mục: chuyển kỳ, rút khỏi chương trình, điều chỉnh nội dung")
def adjust_item(request: HttpRequest, data: AdjustIn, item_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    target = services.access_program(user, data.program_id) if data.program_id else None
    adj = services.check_adjust_item(
        user, item_id, kind=data.kind, reason=data.reason, decided_by=data.decided_by, expected_version=data.version,
        planned_start=data.planned_start, planned_end=data.planned_end, target_program=target, title=data.title,
        lead_body_id=data.lead_body_id)
    row = queries.AdjustmentRow(adj, queries.describe_changes(adj))
    return 201, _adjustment_out(row, adj.item.classification)


@router.get("/calendar", response=CalendarOut, summary="Lịch công tác lãnh đạo trong một tuần, với lịch trùng")
def get_calendar(request: HttpRequest, week: date | None = None) -> Any:
    """`week`: any day of the week wanted (yyyy-mm-dd); this week without it."""
    user = acting_user(request)
    today = timezone.localdate()
    day = week or today
    if not 1900 <= day.year <= 2200:
        day = today
    w = queries.calendar_week(user, queries.week_start(day), today)
    people = []
    for r in w.rows:
        seen: dict[tuple[Any, ...], queries.CalendarEntry] = {}
        for cell in r.days:
            for e in cell:
                seen.setdefault((e.meeting_id, e.starts_at, e.title), e)
        people.append({"classification": Classification.THUONG.name, "person_id": r.person.pk,
                       "name": r.person.full_name, "title": r.title, "conflicts": r.conflicts, "entries": [
                           {"classification": Classification(e.classification).name, "person_id": e.person_id,
                            "meeting_id": e.meeting_id, "title": e.title, "place": e.place, "starts_at": e.starts_at,
                            "ends_at": e.ends_at, "url": e.url, "conflict": e.conflict} for e in seen.values()]})
    return {"classification": Classification.THUONG.name, "week_start": w.start, "week_end": w.end,
            "conflicts": w.conflicts, "people": people}


@router.post("/calendar/entries", response={201: ScheduleEntryOut},
             summary="Thêm lịch công tác (trùng lịch trả 409 trừ khi confirmed)")
def add_schedule_entry(request: HttpRequest, data: ScheduleIn) -> Any:
    user = acting_user(request)
    services.check_may_manage(user)
    person = services.person_for_schedule(data.person_id)
    entry = services.check_create_schedule_entry(user, person=person, starts_at=data.starts_at,
                                                 ends_at=data.ends_at, title=data.title, place=data.place,
                                                 kind=data.kind, confirmed=data.confirmed)
    return 201, entry

