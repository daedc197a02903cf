"""API for assignments, over the same services and queries as the pages."""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Path, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from vanphong.core.errors import ServiceError
from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.models import Unit, User
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.followup import decisions, imports, progress, queries, reminders, services
from vanphong.followup.models import Assignment, ProgressReport, Reminder
from vanphong.security import policy
from vanphong.security.classification import Classification, Urgency

router = Router(tags=["Theo dõi, đôn đốc"])
# An id inside a list: bounded like a path id, so a huge number is a 422, not a database overflow.
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]

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
    body_id: int | None
    decision_id: int | None
    anchor: str
    parent_id: int | None
    weight: int
    percent: int

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



class OverdueRowOut(Schema):
    classification: str = "THUONG"  # a count, not a record: counts only what the caller may see
    key: int | None
    label: str
    open: int
    overdue: int


@router.get("/overdue", response=list[OverdueRowOut], summary="Nhiệm vụ quá hạn theo cơ quan, tỉnh hoặc văn bản")
def overdue_rows(request: HttpRequest, by: Literal["body", "province", "decision"] = "body") -> Any:
    return queries.overdue_by(acting_user(request), by, timezone.localdate())


# Before the routes with an {assignment_id}: ninja matches paths in the order they are added.
class RowErrorOut(Schema):
    classification: str = "THUONG"
    row: int
    reason: str


class ImportOut(Schema):
    classification: str = "THUONG"
    applied: int
    errors: list[RowErrorOut]


@router.post("/import", response={200: ImportOut, 422: ImportOut},
             summary="Nhập tiến độ từ tệp .xlsx/.csv (có dòng lỗi thì không nhập dòng nào)")
def import_progress(request: HttpRequest, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    result = imports.check_import(acting_user(request), file.name or "", file.read())
    return Status(200 if result.ok else 422, result)


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


# --- assignments from decisions, progress, reminders, import --------------------------------------------------

class FromDecisionIn(Schema):
    anchor: str = Field("", max_length=60)
    body_ids: list[RecordId] = Field(..., min_length=1, max_length=300)
    deadline: date
    title: str = Field("", max_length=500)
    description: str = Field("", max_length=20000)


@router.post("/from-decision/{document_id}", response={201: list[AssignmentOut]},
             summary="Giao một điểm của văn bản kết luận cho các cơ quan, địa phương")
def assign_from_decision(request: HttpRequest, data: FromDecisionIn,
                         document_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    made = decisions.check_assign_point(
        acting_user(request), decision_id=document_id, anchor=data.anchor, body_ids=data.body_ids,
        deadline=data.deadline, title=data.title, description=data.description)
    return Status(201, made)


class ReportOut(Schema):
    id: int
    classification: str

    @staticmethod
    def resolve_classification(obj: ProgressReport) -> str:
        return Classification(obj.assignment.classification).name

    status: str
    percent: int
    note: str
    reported_on: date
    reported_by_id: int
    evidence_ids: list[int]
    source: str

    @staticmethod
    def resolve_evidence_ids(obj: ProgressReport) -> list[int]:
        return [d.pk for d in obj.evidence.all()]


class ReportIn(Schema):
    status: Literal["chua_trien_khai", "dang_trien_khai", "co_ban_hoan_thanh", "hoan_thanh"]
    percent: int | None = Field(None, ge=0, le=1000)
    note: str = Field("", max_length=20000)
    evidence_ids: list[RecordId] = Field([], max_length=50)
    reported_on: date | None = None
    version: int | None = Field(None, ge=1, le=2**31)


def _visible(request: HttpRequest, assignment_id: int) -> Assignment:
    return policy.access(acting_user(request), Assignment.objects.all(), assignment_id, audit=False)


@router.get("/{assignment_id}/reports", response=list[ReportOut], summary="Báo cáo tiến độ của một việc")
def list_reports(request: HttpRequest, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return list(_visible(request, assignment_id).reports.prefetch_related("evidence"))


@router.post("/{assignment_id}/reports", response={201: ReportOut}, summary="Báo cáo tiến độ")
def add_report(request: HttpRequest, data: ReportIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    report = progress.check_report_progress(
        acting_user(request), assignment_id, status=data.status, percent=data.percent, note=data.note,
        evidence_ids=data.evidence_ids, reported_on=data.reported_on, expected_version=data.version)
    return Status(201, report)


class ReminderOut(Schema):
    id: int
    classification: str

    @staticmethod
    def resolve_classification(obj: Reminder) -> str:
        return Classification(obj.assignment.classification).name

    stage: str
    sent_on: date
    sent_by_id: int | None
    escalated: bool
    note: str


class RemindIn(Schema):
    note: str = Field("", max_length=300)


@router.get("/{assignment_id}/reminders", response=list[ReminderOut], summary="Các lần đôn đốc một việc")
def list_reminders(request: HttpRequest, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return list(_visible(request, assignment_id).reminders.all())


@router.post("/{assignment_id}/reminders", response={201: ReminderOut}, summary="Đôn đốc")
def remind(request: HttpRequest, data: RemindIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    return Status(201, reminders.check_remind(acting_user(request), assignment_id, data.note))


class SubtaskIn(Schema):
    title: str = Field(..., min_length=1, max_length=500)
    weight: int = Field(1, ge=1, le=1000)
    deadline: date | None = None


@router.post("/{assignment_id}/subtasks", response={201: AssignmentOut}, summary="Thêm việc nhỏ")
def add_subtask(request: HttpRequest, data: SubtaskIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Status:
    return Status(201, progress.check_add_subtask(acting_user(request), assignment_id, title=data.title,
                                                  weight=data.weight, deadline=data.deadline))


class ParentIn(Schema):
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)
    weight: int = Field(1, ge=1, le=1000)
    version: int | None = Field(None, ge=1, le=2**31)


@router.post("/{assignment_id}/parent", response=AssignmentOut, summary="Đặt việc này làm việc nhỏ của việc khác")
def set_parent(request: HttpRequest, data: ParentIn, assignment_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return progress.check_set_parent(acting_user(request), assignment_id, data.parent_id, data.weight, data.version)
