"""The draft conclusion of a meeting in versions, and its issuing as a Party document (KL, NQ, CT, TB…).

Issuing makes a draft document of the right type for the Trung ương issuer through documents.services, with the
final draft's text as its body; the document then goes the outgoing flow (review, format check, signing,
release) like any other. When it is signed (issued) the proposal and its programme item are decided: a
post_save receiver (meetings.apps) calls `sync_decided`, so the documents app needs no change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import User
from vanphong.documents.body import Anchor, anchors
from vanphong.documents.flows import may_sign, signers
from vanphong.documents.models import Document, DocumentType, Issuer
from vanphong.documents.panels import Panel
from vanphong.documents.services import Draft, check_create_draft
from vanphong.meetings.flows import may_organise
from vanphong.meetings.models import Conclusion, ConclusionDraft, Meeting
from vanphong.meetings.services import _text, access_item, access_meeting
from vanphong.programs.models import ProgramItem, Proposal
from vanphong.security import policy
from vanphong.security.audit import record_event

M = Meeting.Status
D = Document.Status
# The Party document types a meeting's decision is issued as.
CONCLUSION_TYPES = {"KL": "Kết luận", "NQ": "Nghị quyết", "CT": "Chỉ thị", "TB": "Thông báo", "QĐ": "Quyết định"}
ISSUED = (D.ISSUED, D.RELEASED)
# Who signs on behalf of each leadership body, as printed, unless the drafter says otherwise.
SIGNER_POSITIONS = {"BBT": "Thường trực Ban Bí thư"}
DEFAULT_SIGNER_POSITION = "Tổng Bí thư"


def conclusion_points(document: Document) -> list[Anchor]:
    """Every citable section, point and sub-point of a conclusion's body ("muc-II/diem-2" → "điểm 2, mục II")."""
    return anchors(document.body)


# --- versions of the draft ---------------------------------------------------------------------------------------
def check_add_draft(actor: User, meeting_id: int, text: str, *, agenda_item_id: int | None = None,
                    note: str = "") -> ConclusionDraft:
    text = _text(text, "nội dung dự thảo kết luận", "text", 200_000)
    note = _text(note, "ghi chú", "note", 300, required=False)
    with transaction.atomic():
        meeting = access_meeting(actor, meeting_id, lock=True)
        if not may_organise(actor, meeting):
            raise Forbidden("Chỉ đơn vị chuẩn bị phiên họp được soạn dự thảo kết luận.")
        if meeting.status not in (M.PREPARED, M.HELD, M.CLOSED):
            raise ServiceError("Dự thảo kết luận được soạn khi chương trình họp đã chốt.")
        item = None
        if agenda_item_id is not None:
            item = access_item(actor, agenda_item_id)
            if item.meeting_id != meeting.pk:
                raise ServiceError("Nội dung không thuộc phiên họp này.", field="agenda_item")
        last = ConclusionDraft.objects.filter(meeting=meeting, agenda_item=item).aggregate(n=Max("number"))["n"]
        draft = ConclusionDraft.objects.create(meeting=meeting, agenda_item=item, number=(last or 0) + 1, text=text,
                                               note=note, created_by=actor)
        record_event("meetings.draft_added", actor=actor, obj=meeting,
                     new={"draft": draft.pk, "number": draft.number, "item": item.pk if item else None})
    return draft


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def diff(older: ConclusionDraft | None, newer: ConclusionDraft) -> list[DiffLine]:
    """What changed from one version to the next, line by line."""
    before = older.text.splitlines() if older else []
    out = []
    for line in difflib.ndiff(before, newer.text.splitlines()):
        tag, text = line[:2], line[2:]
        if tag == "? ":
            continue
        out.append(DiffLine({"+ ": "added", "- ": "removed"}.get(tag, "same"), text))
    return out


# --- issuing ---------------------------------------------------------------------------------------------------
def signers_for(meeting: Meeting) -> list[User]:
    """Who may be chosen to sign the meeting's conclusion: those the documents' signing step accepts (the right
    through a role or in their own name, not an administrator's status alone), cleared for its level."""
    return list(signers().filter(clearance__gte=meeting.classification).order_by("person__sort_key", "pk")[:100])


def signer_of(value: Any) -> User | None:
    """The person chosen in a form as signer, None when none is chosen."""
    if value in (None, ""):
        return None
    pk = parse_id(value)
    signer = User.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
    if signer is None:
        raise ServiceError("Không có người ký này; hãy chọn lại trong danh sách.", field="signer")
    return signer


def check_issue_conclusion(actor: User, meeting_id: int, draft_id: int, *, doc_type_code: str = "KL",
                           summary: str = "", signer: User | None = None,
                           signer_position: str = "") -> Conclusion:
    """Start the conclusion's document from a version of the draft; it then goes the documents' outgoing flow."""
    if doc_type_code not in CONCLUSION_TYPES:
        raise ServiceError("Hãy chọn loại văn bản: kết luận, nghị quyết, chỉ thị, thông báo hoặc quyết định.",
                           field="doc_type")
    summary = _text(summary, "trích yếu nội dung", "summary", 500)
    if signer is not None and not may_sign(signer):
        raise ServiceError("Người được chọn không có thẩm quyền ký ban hành văn bản; hãy chọn người ký khác hoặc để "
                           "trống và chọn sau trên trang văn bản.", field="signer")
    with transaction.atomic():
        meeting = access_meeting(actor, meeting_id, lock=True)
        if not may_organise(actor, meeting):
            raise Forbidden("Chỉ đơn vị chuẩn bị phiên họp được ban hành kết luận của phiên họp.")
        if meeting.status not in (M.HELD, M.CLOSED):
            raise ServiceError("Kết luận được ban hành sau khi họp.")
        draft = ConclusionDraft.objects.filter(pk=draft_id, meeting=meeting).select_related("agenda_item").first()
        if draft is None:
            raise ServiceError("Không có dự thảo này trong phiên họp.", field="draft")
        if not anchors(draft.text):
            raise ServiceError("Dự thảo chưa có mục, điểm đánh số (“I.”, “1.”, “a)”); hãy trình bày theo mục, điểm "
                               "để việc theo dõi thực hiện dẫn chiếu được.", field="draft")
        item = draft.agenda_item
        taken = Conclusion.objects.filter(meeting=meeting, agenda_item=item).exclude(document__status=D.RECALLED)
        if taken.exists():
            raise ServiceError("Nội dung này đã có văn bản kết luận; hãy mở văn bản đó.", field="draft")
        today = timezone.localdate()
        doc_type = DocumentType.objects.filter(system="party", code=doc_type_code).valid_on(today).first()
        issuer = Issuer.objects.filter(system="party", code="TW").valid_on(today).first()
        if doc_type is None or issuer is None:
            raise ServiceError("Thiếu loại văn bản hoặc cơ quan ban hành Trung ương trong bảng; hãy nhờ quản trị "
                               "hệ thống.")
        doc = check_create_draft(actor, Draft(
            doc_type=doc_type, issuer=issuer, summary=summary, body=draft.text, classification=meeting.classification,
            signer=signer, signer_position=signer_position or SIGNER_POSITIONS.get(meeting.body.short_name,
                                                                                 DEFAULT_SIGNER_POSITION),
            authority=Document.Authority.ON_BEHALF, on_behalf_of=meeting.body.name,
            issuer_name=meeting.body.name, drafting_unit=meeting.office_unit or (actor.person.unit if actor.person
                                                                                 else None),
            recipients_text="- Các tỉnh ủy, thành ủy,\n- các ban đảng, ban cán sự đảng, đảng đoàn,\n"
                            "- đảng ủy trực thuộc Trung ương,\n- Lưu Văn phòng Trung ương Đảng.",
        ))
        proposal = item.proposal if item is not None else None
        c = Conclusion.objects.create(meeting=meeting, agenda_item=item, proposal=proposal, document=doc,
                                      draft=draft)
        record_event("meetings.conclusion_started", actor=actor, obj=meeting,
                     new={"conclusion": c.pk, "document": doc.pk, "draft": draft.pk, "type": doc_type_code})
    return c


def may_assign_from(user: User, c: Conclusion) -> bool:
    """Who goes on from an issued conclusion to giving its points to bodies and provinces: the organisers of its
    meeting, as on the meeting's page (which they must be able to open)."""
    return (c.document.status in ISSUED and may_organise(user, c.meeting)
            and policy.can_view(user, c.meeting))


def origin_of(user: User, c: Conclusion) -> list[tuple[str, Any]]:
    """Where a conclusion came from, as (kind, record): its meeting, proposal and programme item, each only if
    `user` may see it (a hidden step is left out; the ones above it still shown)."""
    proposal = c.proposal
    steps = (("Phiên họp", c.meeting), ("Đề án", proposal),
             ("Mục chương trình", proposal.item if proposal is not None else None))
    return [(kind, rec) for kind, rec in steps if rec is not None and policy.can_view(user, rec)]


def document_panel(user: User, doc: Document) -> Panel | None:
    """On a conclusion's own page: the meeting it was decided at, its proposal and programme item, each shown
    only to who may see it; and, for the meeting's organisers, the way on to giving its points."""
    c = Conclusion.objects.filter(document=doc).select_related("meeting", "proposal__item").first()
    if c is None:
        return None
    c.document = doc
    origin = origin_of(user, c)
    may_assign = may_assign_from(user, c)
    if not origin and not may_assign:
        return None
    return Panel("meetings/_document_panel.html", {"origin": origin, "may_assign": may_assign,
                                                   "issued": doc.status in ISSUED})


def sync_decided(document: Document, actor: Any = None) -> int:
    """The document of a conclusion is issued: its proposal and programme item are decided (the contract with
    programs). Returns how many proposals changed; audited."""
    if document.status not in ISSUED:
        return 0
    changed = 0
    with transaction.atomic():
        for c in Conclusion.objects.filter(document=document).select_related("proposal__item"):
            proposal = c.proposal
            if proposal is None or proposal.status == Proposal.Status.DECIDED:
                continue
            now = timezone.now()
            Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.DECIDED,
                                                           version=proposal.version + 1, updated_at=now)
            if proposal.item is not None:
                ProgramItem.objects.filter(pk=proposal.item.pk).update(status=ProgramItem.Status.DECIDED,
                                                                       version=proposal.item.version + 1,
                                                                       updated_at=now)
            record_event("meetings.proposal_decided", actor=actor, obj=proposal,
                         new={"document": document.pk, "conclusion": c.pk, "status": Proposal.Status.DECIDED})
            changed += 1
    return changed
