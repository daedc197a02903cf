"""API for assignments, over the same services and queries as the pages."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.models import Unit, User
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.followup import queries, services
from vanphong.followup.models import Assignment
from vanphong.security import policy
from vanphong.security.classification import Classification, Urgency

router = Router(tags=["Theo dõi, đôn đốc"])

ClassificationName = Literal["THUONG", "MAT", "TOI_MAT", "TUYET_MAT"]
UrgencyName = Literal["THUONG", "KHAN", "THUONG_KHAN", "HOA_TOC"]
StatusCode = Literal["moi", "dang_xu_ly", "hoan_thanh"]


class AssignmentOut(Schema):
    id: int
    title: str
    description: str
    classification: str
    urgency: str
    status: str
    deadline: date | None
    overdue: bool
    assignee_id: int | None
    unit_id: int | None
    created_by_id: int
    created_at: datetime
    version: int

    @staticmethod
    def resolve_classification(obj: Assignment) -> str:
        return Classification(obj.classification).name

    @staticmethod
    def resolve_urgency(obj: Assignment) -> str:
        return Urgency(obj.urgency).name

    @staticmethod
    def resolve_overdue(obj: Assignment) -> bool:
        return obj.is_overdue()


class AssignmentIn(Schema):
    title: str = Field(..., min_length=1, max_length=500)
    description: str = Field("", max_length=20000)
    classification: ClassificationName = "THUONG"
    urgency: UrgencyName = "THUONG"
    assignee_id: int | None = Field(None, ge=1, le=MAX_ID)
    unit_id: int | None = Field(None, ge=1, le=MAX_ID)
    deadline: date | None = None


class StatusIn(Schema):
    status: StatusCode
    version: int = Field(..., ge=1, le=2**31)



@router.get("", response=list[AssignmentOut], summary="Việc được giao mà bạn được xem")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_assignments(
    request: HttpRequest, scope: Literal["mine", "overdue", "all"] = "mine"
) -> Any:
    user = acting_user(request)
    qs = queries.my_open_assignments(user) if scope == "mine" else queries.visible_assignments(user)
    return queries.overdue(qs) if scope == "overdue" else qs


@router.get("/{assignment_id}", response=AssignmentOut, summary="Một việc được giao")
def get_assignment(request: HttpRequest, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Assignment:
    return policy.access(acting_user(request), Assignment.objects.all(), assignment_id,
                         address=request.META.get("REMOTE_ADDR", ""))


@router.post("", response={201: AssignmentOut}, summary="Giao việc")
def create_assignment(request: HttpRequest, data: AssignmentIn) -> Status:
    user = acting_user(request)
    assignee = None
    if data.assignee_id is not None:
        assignee = User.objects.filter(pk=data.assignee_id, is_active=True).first()
        if assignee is None:
            raise ServiceError("Không có người thực hiện với mã này.", field="assignee_id")
    unit = get_object_or_404(Unit, pk=data.unit_id) if data.unit_id is not None else None
    a = services.check_create_assignment(
        user, title=data.title, description=data.description,
        classification=Classification[data.classification], urgency=Urgency[data.urgency],
        assignee=assignee, unit=unit, deadline=data.deadline,
    )
    return Status(201, a)


@router.post("/{assignment_id}/status", response=AssignmentOut, summary="Cập nhật trạng thái")
def change_status(
    request: HttpRequest, data: StatusIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)
) -> Assignment:
    return services.check_change_status(acting_user(request), assignment_id, data.status, data.version)
