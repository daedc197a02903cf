"""API of proposals and their appraisal, over the same services and queries as the pages.

The private notes of a round are answered only to those who may see them (`may_see_notes`); to anyone else the
notes route is 404 and the round's answer carries no notes.
"""

# No `from __future__ import annotations` here: django-ninja reads the real annotations at import time.
from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from vanphong.core.http import acting_user
from vanphong.core.ids import MAX_ID
from vanphong.core.pagination import MAX_PAGE_SIZE, Pages
from vanphong.programs import appraisal as svc
from vanphong.programs.appraisal_queries import ProposalFilters, is_late, proposals
from vanphong.programs.models import Appraisal, AppraisalNote, Proposal
from vanphong.security.classification import Classification

router = Router(tags=["Đề án, thẩm định"])

ProposalStep = Literal["submit", "start_appraisal", "withdraw"]
RoundStep = Literal["submit_report", "send_back", "approve"]
CheckResult = Literal["dat", "chua_dat", "khong_ap_dung"]


class ProposalOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    classification: str
    status: str
    status_label: str
    lead_body_id: int
    office_unit_id: int | None
    item_id: int | None
    due: date | None
    late: bool
    submitted_at: datetime | None
    version: int

    @staticmethod
    def resolve_classification(obj: Proposal) -> str:
        return Classification(obj.classification).name

    @staticmethod
    def resolve_status_label(obj: Proposal) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_late(obj: Proposal) -> bool:
        return is_late(obj, timezone.localdate())


class CheckOut(Schema):
    classification: str  # the proposal's: a check says something about it
    code: str
    result: str
    note: str


class RoundOut(Schema):
    classification: str  # the proposal's
    round: int
    status: str
    result: str
    report: str
    reasons: str
    appraiser_ids: list[int]
    drafted_by_id: int | None
    approved_by_id: int | None
    checks: list[CheckOut]
    version: int


class NoteOut(Schema):
    classification: str  # the proposal's
    id: int
    parent_id: int | None
    author_id: int
    text: str
    created_at: datetime


class StepIn(Schema):
    version: int = Field(..., ge=1, le=2**31)
    note: str = Field("", max_length=4000)


class ChecksIn(Schema):
    version: int = Field(..., ge=1, le=2**31)
    # criterion code → result; a failed criterion needs its note in `notes`.
    results: dict[str, CheckResult]
    notes: dict[str, str] = {}


class ReportIn(Schema):
    version: int = Field(..., ge=1, le=2**31)
    report: str = Field(..., max_length=20000)
    result: Literal["du_dieu_kien", "tra_lai"]
    reasons: str = Field("", max_length=20000)


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)
    parent_id: int | None = Field(None, ge=1, le=MAX_ID)


def _level(a: Appraisal) -> str:
    return Classification(Proposal.objects.values_list("classification", flat=True).get(pk=a.proposal_id)).name


def _note_out(n: AppraisalNote, level: str) -> dict[str, Any]:
    return {"classification": level, "id": n.pk, "parent_id": n.parent_id, "author_id": n.author_id,
            "text": n.text, "created_at": n.created_at}


def _round_out(a: Appraisal) -> dict[str, Any]:
    level = _level(a)
    return {
        "classification": level, "round": a.round, "status": a.status, "result": a.result, "report": a.report,
        "reasons": a.reasons,
        "appraiser_ids": sorted(a.appraisers.values_list("pk", flat=True)), "drafted_by_id": a.drafted_by_id,
        "approved_by_id": a.approved_by_id, "version": a.version,
        "checks": [{"classification": level, "code": c.criterion.code, "result": c.result, "note": c.note}
                   for c in a.checks.select_related("criterion")],
    }


@router.get("/proposals", response=list[ProposalOut], summary="Đề án bạn được xem")
@paginate(Pages, page_size=50, max_page_size=MAX_PAGE_SIZE)
def list_proposals(request: HttpRequest, status: str = "", late: bool = False,
                   lead_body_id: int | None = None) -> Any:
    f = ProposalFilters(status=status if status in Proposal.Status.values else "", late=late,
                        lead_body=lead_body_id)
    return proposals(acting_user(request), f)


@router.get("/proposals/{proposal_id}", response=ProposalOut, summary="Một đề án")
def get_proposal(request: HttpRequest, proposal_id: int = Path(..., ge=1, le=MAX_ID)) -> Proposal:
    return svc.access_proposal(acting_user(request), proposal_id)


@router.post("/proposals/{proposal_id}/steps/{name}", response=ProposalOut, summary="Gửi, tiếp nhận, rút đề án")
def proposal_step(request: HttpRequest, data: StepIn, name: ProposalStep,
                  proposal_id: int = Path(..., ge=1, le=MAX_ID)) -> Proposal:
    return svc.check_proposal_step(acting_user(request), proposal_id, name, data.version, data.note)


@router.get("/proposals/{proposal_id}/appraisals/{round_no}", response=RoundOut, summary="Một lần thẩm định")
def get_round(request: HttpRequest, proposal_id: int = Path(..., ge=1, le=MAX_ID),
              round_no: int = Path(..., ge=1, le=1000)) -> Any:
    return _round_out(svc.access_round(acting_user(request), proposal_id, round_no))


@router.get("/proposals/{proposal_id}/appraisals/{round_no}/notes", response=list[NoteOut],
            summary="Ghi chú nội bộ của lần thẩm định (chỉ người được xem)")
def list_notes(request: HttpRequest, proposal_id: int = Path(..., ge=1, le=MAX_ID),
               round_no: int = Path(..., ge=1, le=1000)) -> Any:
    user = acting_user(request)
    a = svc.access_round(user, proposal_id, round_no)
    if not svc.may_see_notes(user, a):
        raise Http404
    level = _level(a)
    return [_note_out(n, level) for n in a.notes.all()]


@router.post("/proposals/{proposal_id}/appraisals/{round_no}/notes", response={201: NoteOut},
             summary="Ghi chú, trả lời ghi chú")
def add_note(request: HttpRequest, data: NoteIn, proposal_id: int = Path(..., ge=1, le=MAX_ID),
             round_no: int = Path(..., ge=1, le=1000)) -> Any:
    user = acting_user(request)
    a = svc.access_round(user, proposal_id, round_no)
    note: AppraisalNote = svc.check_add_note(user, a.pk, data.text, data.parent_id)
    return 201, _note_out(note, _level(a))


@router.post("/proposals/{proposal_id}/appraisals/{round_no}/checks", response=RoundOut,
             summary="Ghi kết quả tiêu chí")
def set_checks(request: HttpRequest, data: ChecksIn, proposal_id: int = Path(..., ge=1, le=MAX_ID),
               round_no: int = Path(..., ge=1, le=1000)) -> Any:
    from vanphong.core.errors import ServiceError

    user = acting_user(request)
    a = svc.access_round(user, proposal_id, round_no)
    by_code = {c.code: c.pk for c in svc.criteria_on(timezone.localdate())}
    unknown = [code for code in data.results if code not in by_code]
    if unknown:
        raise ServiceError(f"Không có tiêu chí mã {', '.join(unknown)} trong danh mục đang áp dụng.",
                           field="results")
    results: dict[int, tuple[str, str]] = {by_code[code]: (str(r), data.notes.get(code, ""))
                                           for code, r in data.results.items()}
    return _round_out(svc.check_set_check(user, a.pk, data.version, results))


@router.post("/proposals/{proposal_id}/appraisals/{round_no}/report", response=RoundOut,
             summary="Lưu báo cáo thẩm định")
def save_report(request: HttpRequest, data: ReportIn, proposal_id: int = Path(..., ge=1, le=MAX_ID),
                round_no: int = Path(..., ge=1, le=1000)) -> Any:
    user = acting_user(request)
    a = svc.access_round(user, proposal_id, round_no)
    return _round_out(svc.check_save_report(user, a.pk, data.version, report=data.report, result=data.result,
                                            reasons=data.reasons))


@router.post("/proposals/{proposal_id}/appraisals/{round_no}/steps/{name}", response=RoundOut,
             summary="Trình duyệt, duyệt, trả lại báo cáo thẩm định")
def round_step(request: HttpRequest, data: StepIn, name: RoundStep, proposal_id: int = Path(..., ge=1, le=MAX_ID),
               round_no: int = Path(..., ge=1, le=1000)) -> Any:
    user = acting_user(request)
    a = svc.access_round(user, proposal_id, round_no)
    return _round_out(svc.check_appraisal_step(user, a.pk, name, data.version, data.note))
