"""API of bulletins, over the same services and queries as the pages (mounted at /api/v1/info/bulletins)."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.infocenter.bulletins import queries, services
from vanphong.infocenter.models import Bulletin, BulletinEntry
from vanphong.security.classification import Classification

router = Router(tags=["Bản tin"])

ClassificationName = Literal["THUONG", "MAT", "TOI_MAT", "TUYET_MAT"]
KindCode = Literal["ngay", "tuan", "chuyen_de"]
StepName = Literal["submit", "approve", "return", "issue"]


class EntryOut(Schema):
    id: int
    classification: str  # the bulletin's: an entry is part of it
    position: int
    section: str
    section_name: str
    event_id: int | None
    heading: str
    summary: str
    comment: str

    @staticmethod
    def resolve_classification(obj: BulletinEntry) -> str:
        return Classification(obj.bulletin.classification).name

    @staticmethod
    def resolve_section(obj: BulletinEntry) -> str:
        return queries.section_of(obj)

    @staticmethod
    def resolve_section_name(obj: BulletinEntry) -> str:
        return queries.section_label(queries.section_of(obj))


class BulletinOut(Schema):
    id: int
    classification: str
    kind: str
    number: int | None
    year: int
    title: str
    period_start: date
    period_end: date
    status: str
    document_id: int | None
    version: int

    @staticmethod
    def resolve_classification(obj: Bulletin) -> str:
        return Classification(obj.classification).name


class BulletinDetailOut(BulletinOut):
    intro: str
    entries: list[EntryOut]

    @staticmethod
    def resolve_entries(obj: Bulletin) -> list[BulletinEntry]:
        return queries.entries_of(obj)


class BulletinFilters(Schema):
    kind: Literal["", "ngay", "tuan", "chuyen_de"] = ""
    status: Literal["", "du_thao", "trinh_duyet", "da_duyet", "da_phat_hanh"] = ""
    year: int | None = Field(None, ge=1900, le=2200)
    q: str = Field("", max_length=200)


class BulletinIn(Schema):
    kind: KindCode
    period_start: date
    period_end: date | None = None
    title: str = Field("", max_length=300)
    classification: ClassificationName = "THUONG"


class EventsIn(Schema):
    version: int = Field(..., ge=1)
    event_ids: list[int] = Field(..., min_length=1, max_length=80)


class EntryIn(Schema):
    id: int = Field(..., ge=1, le=MAX_ID)
    heading: str = Field(..., max_length=500)
    summary: str = Field(..., max_length=6000)
    comment: str = Field("", max_length=4000)
    section: str = Field("", max_length=40)
    position: int = Field(0, ge=0, le=10_000)


class EditIn(Schema):
    version: int = Field(..., ge=1)
    title: str = Field(..., max_length=300)
    intro: str = Field("", max_length=4000)
    classification: ClassificationName
    entries: list[EntryIn] = Field([], max_length=200)


class StepIn(Schema):
    step: StepName
    version: int = Field(..., ge=1)
    note: str = Field("", max_length=4000)
    reader_user_ids: list[int] = Field([], max_length=500)
    reader_unit_ids: list[int] = Field([], max_length=500)


def _detail(user: Any, pk: int) -> Bulletin:
    return queries.access_bulletin(user, pk, audit=False)


@router.get("", response=list[BulletinOut], summary="Bản tin bạn được xem")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_bulletins(request: HttpRequest, filters: Query[BulletinFilters]) -> Any:
    return queries.bulletin_list(acting_user(request), queries.Filters(filters.kind, filters.status, filters.year,
                                                                       filters.q))


@router.get("/{bulletin_id}", response=BulletinDetailOut, summary="Một bản tin với các mục")
def get_bulletin(request: HttpRequest, bulletin_id: int = Path(..., ge=1, le=MAX_ID)) -> Bulletin:
    return queries.access_bulletin(acting_user(request), bulletin_id, address=request.META.get("REMOTE_ADDR", ""))


@router.post("", response={201: BulletinDetailOut}, summary="Soạn bản tin mới cho một kỳ")
def create_bulletin(request: HttpRequest, data: BulletinIn) -> Status:
    b = services.check_create_bulletin(acting_user(request), services.NewBulletin(
        kind=data.kind, period_start=data.period_start, period_end=data.period_end, title=data.title,
        classification=Classification[data.classification]))
    return Status(201, b)


@router.post("/{bulletin_id}/events", response=BulletinDetailOut, summary="Đưa sự kiện vào bản tin")
def add_events(request: HttpRequest, data: EventsIn, bulletin_id: int = Path(..., ge=1, le=MAX_ID)) -> Bulletin:
    user = acting_user(request)
    services.check_add_events(user, bulletin_id, data.version, data.event_ids)
    return _detail(user, bulletin_id)


@router.put("/{bulletin_id}", response=BulletinDetailOut, summary="Lưu tiêu đề, lời dẫn, độ mật và các mục")
def save_bulletin(request: HttpRequest, data: EditIn, bulletin_id: int = Path(..., ge=1, le=MAX_ID)) -> Bulletin:
    user = acting_user(request)
    services.check_save(user, bulletin_id, data.version, services.BulletinEdit(
        title=data.title, intro=data.intro, classification=Classification[data.classification],
        entries=[services.EntryEdit(e.id, e.heading, e.summary, e.comment, e.section, e.position)
                 for e in data.entries]))
    return _detail(user, bulletin_id)


@router.post("/{bulletin_id}/steps", response=BulletinDetailOut,
             summary="Trình, duyệt, trả lại hoặc phát hành (kèm người, đơn vị nhận)")
def take_step(request: HttpRequest, data: StepIn, bulletin_id: int = Path(..., ge=1, le=MAX_ID)) -> Bulletin:
    user = acting_user(request)
    _detail(user, bulletin_id)  # 404 first for a bulletin the person may not see
    readers = (services.readers_from(data.reader_user_ids, data.reader_unit_ids) if data.step == "issue" else None)
    services.check_step(user, bulletin_id, data.step, data.version, note=data.note, readers=readers)
    return _detail(user, bulletin_id)
