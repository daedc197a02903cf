"""API of meetings (/api/v1/meetings), over the same services and queries as the pages."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.meetings import queries, services
from vanphong.meetings.models import AgendaItem, Meeting, Opinion
from vanphong.security.classification import Classification

router = Router(tags=["Hội nghị, phiên họp"])


class MeetingOut(Schema):
    id: int
    kind: str
    body_id: int
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: str
    classification: str
    minutes_approved_at: datetime | None
    version: int

    @staticmethod
    def resolve_classification(obj: Meeting) -> str:
        return Classification(obj.classification).name


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    proposal_id: int | None
    program_item_id: int | None
    planned_minutes: int
    presenter: str
    classification: str

    @staticmethod
    def resolve_classification(obj: AgendaItem) -> str:
        return Classification(obj.meeting.classification).name


class AgendaOut(Schema):
    meeting_id: int
    classification: str  # the meeting's
    total_minutes: int
    length_minutes: int
    warning: str | None
    items: list[AgendaItemOut]


class OpinionOut(Schema):
    id: int
    agenda_item_id: int
    author: str
    author_person_id: int | None
    author_body_id: int | None
    text: str
    received_at: datetime
    response: str
    answer: str
    answered_by_id: int | None
    answered_at: datetime | None
    classification: str
    version: int

    @staticmethod
    def resolve_classification(obj: Opinion) -> str:
        return Classification(obj.agenda_item.meeting.classification).name


class AnswerIn(Schema):
    response: Literal["tiep_thu", "giai_trinh"]
    answer: str = Field(..., min_length=1, max_length=20000)
    version: int = Field(..., ge=1, le=2**31)


@router.get("", response=list[MeetingOut], summary="Hội nghị, phiên họp bạn được xem")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_meetings(request: HttpRequest, when: Literal["", "sap-toi", "da-hop"] = "", kind: str = "",
                  body_id: int | None = Query(None, ge=1, le=MAX_ID)) -> Any:
    return queries.filtered(acting_user(request), body_id=body_id, kind=kind, when=when)


@router.get("/{meeting_id}", response=MeetingOut, summary="Một phiên họp")
def get_meeting(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)) -> Meeting:
    return services.access_meeting(acting_user(request), meeting_id, audit=True)


@router.get("/{meeting_id}/agenda", response=AgendaOut, summary="Chương trình họp, thời lượng và cảnh báo")
def get_agenda(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    m = services.access_meeting(acting_user(request), meeting_id)
    items = list(m.agenda.all())
    for i in items:
        i.meeting = m
    return {"meeting_id": m.pk, "classification": Classification(m.classification).name,
            "total_minutes": sum(i.planned_minutes for i in items), "length_minutes": m.length_minutes,
            "warning": services.agenda_warning(m, items), "items": items}


@router.get("/{meeting_id}/opinions", response=list[OpinionOut], summary="Ý kiến theo nội dung, và trả lời")
def get_opinions(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)) -> list[Opinion]:
    m = services.access_meeting(acting_user(request), meeting_id)
    out = []
    for row in queries.summary(m):
        row.item.meeting = m
        for op in row.opinions:
            op.agenda_item = row.item
            out.append(op)
    return out


@router.post("/opinions/{opinion_id}/answer", response=OpinionOut, summary="Tiếp thu hoặc giải trình một ý kiến")
def answer_opinion(request: HttpRequest, data: AnswerIn,
                   opinion_id: int = Path(..., ge=1, le=MAX_ID)) -> Opinion:
    return services.check_answer_opinion(acting_user(request), opinion_id, data.version, response=data.response,
                                         answer=data.answer)
