"""API for letters and cases, over the same services and queries as the pages.

A sender appears as `sender_name`, `sender_address`, `sender_contact`; for a protected letter (a denunciation)
they are "***" for everyone: revealing a denouncer happens on its own page, with approval and a second factor.
"""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.models import Unit
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.petitions import queries, services
from vanphong.petitions.models import Petition, PetitionCase
from vanphong.security.classification import Classification

router = Router(tags=["Đơn thư"])

ClassificationName = Literal["THUONG", "MAT", "TOI_MAT", "TUYET_MAT"]
KindCode = Literal["", "khieu_nai", "to_cao", "kien_nghi", "phan_anh"]
ChannelCode = Literal["buu_chinh", "tiep_dan", "thu_dien_tu", "cong_thong_tin"]


class SenderOut(Schema):
    classification: str  # the case's: a sender is part of it
    sender_name: str
    sender_address: str
    sender_contact: str
    province: str


class LetterOut(Schema):
    id: int
    classification: str
    number: int
    year: int
    channel: str
    received_on: date
    anonymous: bool
    protected: bool
    content: str
    senders: list[SenderOut]

    @staticmethod
    def resolve_classification(obj: Petition) -> str:
        return Classification(obj.case.classification).name

    @staticmethod
    def resolve_senders(obj: Petition) -> list[dict[str, str]]:
        level = Classification(obj.case.classification).name
        return [{"classification": level, "sender_name": s.name, "sender_address": s.address,
                 "sender_contact": s.contact, "province": s.place} for s in queries.senders_of(obj)]


class CaseOut(Schema):
    id: int
    classification: str
    title: str
    kind: str
    field: str
    outside_competence: bool
    locality_id: int | None
    status: str
    received_on: date
    accepted_on: date | None
    deadline: date | None
    overdue: bool
    extensions: int
    version: int

    @staticmethod
    def resolve_classification(obj: PetitionCase) -> str:
        return Classification(obj.classification).name

    @staticmethod
    def resolve_overdue(obj: PetitionCase) -> bool:
        return obj.is_overdue()


class CaseDetailOut(CaseOut):
    letters: list[LetterOut]

    @staticmethod
    def resolve_letters(obj: PetitionCase) -> list[Petition]:
        return list(queries.letters_of(obj))


class SenderIn(Schema):
    name: str = Field("", max_length=200)
    address: str = Field("", max_length=400)
    contact: str = Field("", max_length=200)
    province: str = Field("", max_length=100)


class LetterIn(Schema):
    channel: ChannelCode
    content: str = Field(..., min_length=1, max_length=50_000)
    received_on: date | None = None
    title: str = Field("", max_length=500)
    anonymous: bool = False
    senders: list[SenderIn] = Field([], max_length=50)
    kind: KindCode = ""
    protect: bool = False
    case_id: int | None = Field(None, ge=1, le=MAX_ID)
    classification: ClassificationName = "THUONG"
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)


class RepeatOut(Schema):
    """A case with a likely repeat of the letter just registered: never who wrote it, only why."""

    classification: str  # the other case's
    case_id: int
    letters: list[str]  # "số/năm" of its matching letters
    protected: bool
    reasons: list[str]


class RegisteredOut(Schema):
    classification: str
    case: CaseDetailOut
    letter_id: int
    number: int
    notices: list[str]
    repeats: list[RepeatOut]


class CaseFilters(Schema):
    kind: Literal["", "chua", "khieu_nai", "to_cao", "kien_nghi", "phan_anh"] = ""
    status: str = Field("", max_length=20)
    locality_id: int | None = Field(None, ge=1, le=MAX_ID)
    overdue: bool = False


@router.get("", response=list[CaseOut], summary="Vụ việc đơn thư bạn được xem")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    status = filters.status if filters.status in PetitionCase.Status.values else ""
    return queries.cases(acting_user(request), queries.Filters(filters.kind, status, filters.locality_id,
                                                               filters.overdue))


@router.get("/{case_id}", response=CaseDetailOut, summary="Một vụ việc, với các đơn (người tố cáo đã che)")
def get_case(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)) -> PetitionCase:
    return services.access_case(acting_user(request), case_id, address=request.META.get("REMOTE_ADDR", ""))


@router.post("", response={201: RegisteredOut}, summary="Vào sổ một đơn (vụ việc mới hoặc gộp vào vụ việc đã có)")
def register_letter(request: HttpRequest, data: LetterIn) -> Status:
    unit = Unit.objects.filter(pk=data.unit_id).first() if data.unit_id else None
    if data.unit_id and unit is None:
        raise ServiceError("Không có đơn vị với mã này.", field="unit_id")
    done = services.check_register_letter(acting_user(request), services.Intake(
        channel=data.channel, content=data.content, received_on=data.received_on, title=data.title,
        anonymous=data.anonymous, senders=[services.SenderIn(s.name, s.address, s.contact, s.province)
                                           for s in data.senders],
        kind=data.kind, protect=data.protect, case_id=data.case_id,
        classification=Classification[data.classification], unit=unit))
    repeats = [{"classification": Classification(c.case.classification).name, "case_id": c.case.pk,
                "letters": [f"{m.number}/{m.year}" for m in c.letters],
                "protected": any(m.protected for m in c.letters), "reasons": c.best.reasons} for c in done.repeats]
    return Status(201, {"classification": Classification(done.case.classification).name, "case": done.case,
                        "letter_id": done.letter.pk, "number": done.letter.number, "notices": done.notices,
                        "repeats": repeats})
