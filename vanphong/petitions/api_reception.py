"""API of citizen reception and of the reports, over the same services as the pages (mounted beside the
petitions API, under /api/v1/petitions/receptions and /api/v1/petitions/reports).

A person received appears as `sender_name`, `sender_address`, `sender_contact` (the names the leak sweep checks
on every route): "***" when they asked for their identity to be kept secret (or raised a denunciation).
"""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.models import Unit
from vanphong.petitions import reception, reports
from vanphong.petitions.models import ReceptionDay, ReceptionVisitor
from vanphong.security.classification import Classification

router = Router(tags=["Tiếp công dân, báo cáo đơn thư"])

ClassificationName = Literal["THUONG", "MAT", "TOI_MAT", "TUYET_MAT"]
KindCode = Literal["", "khieu_nai", "to_cao", "kien_nghi", "phan_anh"]


class VisitorOut(Schema):
    id: int
    classification: str
    order: int
    sender_name: str
    sender_address: str
    sender_contact: str
    province: str
    group_size: int
    protected: bool
    kind: str
    raised: str
    answer: str
    letter_id: int | None
    case_id: int | None


def _visitor(v: ReceptionVisitor, who: Any, level: str) -> dict[str, Any]:
    return {"id": v.pk, "classification": level, "order": v.order, "sender_name": who.name,
            "sender_address": who.address, "sender_contact": who.contact,
            "province": v.place.short_name if v.place else "", "group_size": v.group_size,
            "protected": v.protected, "kind": v.kind, "raised": v.raised, "answer": v.answer,
            "letter_id": v.petition_id, "case_id": v.petition.case_id if v.petition else None}


class DayOut(Schema):
    id: int
    classification: str
    committee: str
    level: str
    host: str
    day: date
    place: str
    status: str
    locality_id: int | None
    minutes_approved: bool
    version: int

    @staticmethod
    def resolve_classification(obj: ReceptionDay) -> str:
        return Classification(obj.classification).name


class DayDetailOut(DayOut):
    minutes: str
    visitors: list[VisitorOut]

    @staticmethod
    def resolve_visitors(obj: ReceptionDay) -> list[dict[str, Any]]:
        level = Classification(obj.classification).name
        return [_visitor(v, who, level) for v, who in reception.visitors_of(obj)]


class MonthOut(Schema):
    classification: str = "THUONG"  # a list of what the reader may see: its own level is ordinary
    days: list[DayOut]
    warnings: list[str]


class MonthQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)
    month: int = Field(..., ge=1, le=12)


class DayIn(Schema):
    committee: str = Field(..., max_length=200)
    level: Literal["tinh", "xa"]
    host: str = Field(..., max_length=200)
    day: date
    place: str = Field("", max_length=300)
    note: str = Field("", max_length=4000)
    locality: str = Field("", max_length=100)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    classification: ClassificationName = "THUONG"


class ScheduledOut(Schema):
    classification: str
    day: DayOut
    warnings: list[str]


class VisitorIn(Schema):
    name: str = Field(..., max_length=200)
    raised: str = Field(..., max_length=20_000)
    address: str = Field("", max_length=400)
    contact: str = Field("", max_length=200)
    province: str = Field("", max_length=100)
    group_size: int = Field(1, ge=1, le=10_000)
    protected: bool = False
    kind: KindCode = ""
    answer: str = Field("", max_length=20_000)


class MinutesIn(Schema):
    minutes: str = Field(..., max_length=20_000)
    version: int = Field(..., ge=1)


class VersionIn(Schema):
    version: int = Field(..., ge=1)


class FollowUpOut(Schema):
    classification: str
    letter_id: int
    number: int
    year: int
    case_id: int


@router.get("/receptions", response=MonthOut, summary="Các buổi tiếp công dân trong một tháng, với cảnh báo")
def list_receptions(request: HttpRequest, q: Query[MonthQuery]) -> dict[str, Any]:
    user = acting_user(request)
    first, last = reception.month_bounds(q.year, q.month)
    visible = reception.visible_days(user)
    return {"days": list(visible.filter(day__gte=first, day__lte=last)),
            "warnings": [s.message for s in reception.shortfalls(visible, first, last)]}


@router.post("/receptions", response={201: ScheduledOut}, summary="Lên lịch một buổi tiếp công dân")
def schedule(request: HttpRequest, data: DayIn) -> Status:
    unit = Unit.objects.filter(pk=data.unit_id).first() if data.unit_id else None
    if data.unit_id and unit is None:
        raise ServiceError("Không có đơn vị với mã này.", field="unit_id")
    done = reception.check_schedule(acting_user(request), reception.DayIn(
        committee=data.committee, level=data.level, host=data.host, day=data.day, place=data.place, note=data.note,
        locality=data.locality, unit=unit, classification=Classification[data.classification]))
    return Status(201, {"classification": Classification(done.day.classification).name, "day": done.day,
                        "warnings": done.warnings})


@router.get("/receptions/{reception_id}", response=DayDetailOut, summary="Một buổi tiếp công dân")
def get_reception(request: HttpRequest, reception_id: int = Path(..., ge=1, le=MAX_ID)) -> ReceptionDay:
    return reception.access_day(acting_user(request), reception_id, address=request.META.get("REMOTE_ADDR", ""))


@router.post("/receptions/{reception_id}/visitors", response={201: VisitorOut}, summary="Ghi người được tiếp")
def add_visitor(request: HttpRequest, data: VisitorIn, reception_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    user = acting_user(request)
    reception.access_day(user, reception_id, audit=False)
    v = reception.check_add_visitor(user, reception_id, reception.VisitorIn(
        name=data.name, raised=data.raised, address=data.address, contact=data.contact, province=data.province,
        group_size=data.group_size, protected=data.protected, kind=data.kind, answer=data.answer))
    v = ReceptionVisitor.objects.select_related("sealed", "place", "reception", "petition").get(pk=v.pk)
    return Status(201, _visitor(v, reception.shown_identity(v), Classification(v.reception.classification).name))


@router.post("/receptions/{reception_id}/minutes", response=DayDetailOut, summary="Ghi biên bản buổi tiếp")
def write_minutes(request: HttpRequest, data: MinutesIn, reception_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    reception.access_day(user, reception_id, audit=False)
    return reception.check_write_minutes(user, reception_id, data.minutes, data.version)


@router.post("/receptions/{reception_id}/minutes/approve", response=DayDetailOut,
             summary="Duyệt biên bản (người khác người ghi)")
def approve_minutes(request: HttpRequest, data: VersionIn, reception_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    user = acting_user(request)
    reception.access_day(user, reception_id, audit=False)
    return reception.check_approve_minutes(user, reception_id, data.version)


@router.post("/receptions/{reception_id}/visitors/{visitor_id}/follow-up", response={201: FollowUpOut},
             summary="Vào sổ đơn thư từ nội dung người được tiếp trình bày")
def follow_up(request: HttpRequest, reception_id: int = Path(..., ge=1, le=MAX_ID),
              visitor_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    user = acting_user(request)
    day = reception.access_day(user, reception_id, audit=False)
    if not day.visitors.filter(pk=visitor_id).exists():
        from django.http import Http404

        raise Http404
    letter = reception.check_follow_up(user, visitor_id)
    return Status(201, {"classification": Classification(letter.case.classification).name, "letter_id": letter.pk,
                        "number": letter.number, "year": letter.year, "case_id": letter.case_id})


class ReportQuery(Schema):
    kind: Literal["thang", "quy1", "6thang", "9thang", "nam"]
    year: int = Field(..., ge=2000, le=2100)
    month: int | None = Field(None, ge=1, le=12)
    closing_day: int | None = Field(None, ge=0, le=28)


class LineOut(Schema):
    classification: str = "THUONG"  # a count, never a record
    label: str
    total: int
    new: int
    carried: int


class CountOut(Schema):
    classification: str = "THUONG"  # a count, never a record
    label: str
    count: int


class ReportOut(Schema):
    classification: str = "THUONG"  # counts only, of what the reader may see
    title: str
    start: date
    end: date
    as_of: date
    basis: str
    letters: int
    by_channel: list[CountOut]
    cases_new: int
    cases_carried: int
    by_kind: list[LineOut]
    by_field: list[LineOut]
    by_locality: list[LineOut]
    by_status: list[LineOut]
    timeliness: list[CountOut]
    receptions: int
    visitors: int


@router.get("/reports", response=ReportOut, summary="Báo cáo thống kê đơn thư của một kỳ (số liệu bạn được xem)")
def get_report(request: HttpRequest, q: Query[ReportQuery]) -> dict[str, Any]:
    p = reports.period(q.kind, q.year, q.month, q.closing_day)
    r = reports.build(acting_user(request), p)
    return {"title": p.title, "start": p.start, "end": p.end, "as_of": r.as_of, "basis": p.basis,
            "letters": r.letters, "by_channel": [{"label": a, "count": n} for a, n in r.by_channel],
            "cases_new": r.cases_new, "cases_carried": r.cases_carried, "by_kind": r.by_kind,
            "by_field": r.by_field, "by_locality": r.by_locality, "by_status": r.by_status,
            "timeliness": [{"label": a, "count": n} for a, n in r.timeliness], "receptions": r.receptions,
            "visitors": r.visitors}
