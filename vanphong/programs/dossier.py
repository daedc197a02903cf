"""Adding a file to a proposal's dossier: the upload becomes a document of the documents capability.

The lead body's tờ trình, đề án or dự thảo arrives as a file; it is kept as a draft document (documents.services)
of the lead body's issuer, of the proposal's level, with the file as its main file (checked by the file store),
so it has versions, search and the access policy like any document, and goes into the dossier with its role.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import User
from vanphong.documents.models import Attachment, DocumentType, Issuer
from vanphong.documents.services import Draft, check_attach, check_create_draft
from vanphong.programs.appraisal import access_proposal, do_add_document, may_edit_dossier
from vanphong.programs.models import Kind, Proposal, ProposalDocument
from vanphong.text import normalize

R = ProposalDocument.Role
# The Party document types (code, name: a code may name two types, "QĐ" Quyết định and Quy định) each part of a
# dossier may be, as the person uploading chooses; a draft decision is the kind of decision the body is asked for.
TYPES_OF_ROLE: dict[str, tuple[tuple[str, str], ...]] = {
    R.SUBMISSION: (("TTr", "Tờ trình"),),
    R.PROPOSAL: (("ĐA", "Đề án"), ("BC", "Báo cáo"), ("DA", "Dự án"), ("KH", "Kế hoạch"), ("CTr", "Chương trình"),
                 ("QH", "Quy hoạch"), ("PA", "Phương án")),
    R.DRAFT_DECISION: (("NQ", "Nghị quyết"), ("KL", "Kết luận"), ("CT", "Chỉ thị"), ("QĐ", "Quyết định"),
                       ("QĐ", "Quy định"), ("QC", "Quy chế"), ("TB", "Thông báo")),
    R.OPINIONS: (("BC", "Báo cáo"),),
    R.OTHER: (("CV", "Công văn"), ("BC", "Báo cáo"), ("TTr", "Tờ trình"), ("KH", "Kế hoạch"), ("BB", "Biên bản")),
}
# The type a part is when none is chosen, by the kind of the proposal: a đề án's part is an Đề án and its draft
# decision a Nghị quyết; a báo cáo's part is a Báo cáo, and what the body decides on a report is a Kết luận.
DEFAULT_TYPE: dict[tuple[str, str], tuple[str, str]] = {
    (R.PROPOSAL, Kind.BAO_CAO): ("BC", "Báo cáo"),
    (R.DRAFT_DECISION, Kind.DE_AN): ("NQ", "Nghị quyết"),
    (R.DRAFT_DECISION, Kind.BAO_CAO): ("KL", "Kết luận"),
    (R.DRAFT_DECISION, Kind.TO_TRINH): ("KL", "Kết luận"),
    (R.DRAFT_DECISION, Kind.OTHER): ("KL", "Kết luận"),
}
SUMMARY_MAX = 480
# The parts of a full dossier, in the order they are put together.
PARTS = (R.SUBMISSION, R.PROPOSAL, R.DRAFT_DECISION)


def default_type(role: str, proposal: Proposal) -> tuple[str, str]:
    """The type (code, name) a part is when the person chooses none."""
    return DEFAULT_TYPE.get((role, proposal.kind), TYPES_OF_ROLE[R(role)][0])


def types_of(role: str, day: date | None = None) -> list[DocumentType]:
    """The rows of the document-type table valid on `day` that a part with `role` may be, in the table's order."""
    wanted = TYPES_OF_ROLE.get(role, ())
    found = {(t.code, t.name): t for t in DocumentType.objects.filter(system="party", code__in={c for c, _ in wanted})
             .valid_on(day or timezone.localdate())}
    return [found[key] for key in wanted if key in found]


def type_choices(day: date | None = None) -> list[tuple[str, list[DocumentType]]]:
    """For the upload form: the types each part may be, grouped under the part's name."""
    return [(str(label), types) for role, label in R.choices if (types := types_of(role, day))]


def _doc_type(role: str, p: Proposal, chosen: Any, day: date) -> DocumentType:
    allowed = types_of(role, day)
    if chosen not in (None, ""):
        pk = parse_id(chosen)
        picked = next((t for t in allowed if t.pk == pk), None)
        if picked is None:
            names = ", ".join(dict.fromkeys(t.name for t in allowed)) or "không có loại nào trong bảng danh mục"
            raise ServiceError(f"{R(role).label} là văn bản loại: {names}; hãy chọn một trong các loại đó, hoặc để "
                               "trống để hệ thống chọn theo vai trò.", field="doc_type")
        return picked
    code, name = default_type(role, p)
    picked = next((t for t in allowed if (t.code, t.name) == (code, name)), None) or next(iter(allowed), None)
    if picked is None:
        raise ServiceError(f"Thiếu loại văn bản {code} ({name}) trong bảng danh mục; hãy nhờ quản trị hệ thống bổ "
                           "sung.", field="role")
    return picked


def default_summary(role: str, proposal: Proposal, type_name: str) -> str:
    """The trích yếu of a part when none is given: "về <title>" ("Tờ trình về Đề án …"); the đề án itself drops
    the name of its type, which the document's type already says ("Đề án" + "về đổi mới …")."""
    title = proposal.title
    if role in (R.SUBMISSION, R.DRAFT_DECISION) or not title.lower().startswith(f"{type_name.lower()} "):
        return f"về {title}"
    rest = title[len(type_name):].strip()
    return rest if rest.startswith("về ") else f"về {rest}"


def check_upload_document(actor: User, proposal_id: Any, *, role: str, summary: str, name: str,
                          content: Any, doc_type: Any = None) -> ProposalDocument:
    """Store the uploaded file as a new document of the dossier with its `role`, of the type chosen (`doc_type`, a
    row of the type table fitting the role) or else the usual type of that part; nothing is kept on a refusal."""
    if role not in R.values:
        raise ServiceError("Hãy chọn vai trò của tài liệu: tờ trình, đề án, dự thảo, báo cáo tổng hợp ý kiến hoặc "
                           "tài liệu khác.", field="role")
    if content is None or not name:
        raise ServiceError("Hãy chọn tệp tài liệu (PDF, DOCX, ODT…) để tải lên.", field="file")
    summary = normalize(summary or "").strip()
    if len(summary) > SUMMARY_MAX:
        raise ServiceError(f"Trích yếu dài {len(summary)} ký tự, quá {SUMMARY_MAX} ký tự; hãy rút gọn.",
                           field="summary")
    today = timezone.localdate()
    with transaction.atomic():
        p = access_proposal(actor, proposal_id, lock=True, audit=False)
        if not may_edit_dossier(actor, p):
            raise Forbidden("Chỉ người lập đề án hoặc đơn vị theo dõi được bổ sung hồ sơ khi đề án đang xây dựng "
                            "hoặc bị trả lại.")
        kind = _doc_type(role, p, doc_type, today)
        issuer = (Issuer.objects.filter(system="party", body=p.lead_body_id).valid_on(today).first()
                  or Issuer.objects.filter(system="party", code="VPTW").valid_on(today).first())
        if issuer is None:
            raise ServiceError("Thiếu cơ quan ban hành trong bảng danh mục; hãy nhờ quản trị hệ thống bổ sung.",
                               field="role")
        doc = check_create_draft(actor, Draft(
            doc_type=kind, issuer=issuer, summary=summary or default_summary(role, p, kind.name)[:SUMMARY_MAX],
            classification=p.classification, issuer_name=p.lead_body.name[:200]))
        # The file is the document itself, not an appendix of it. The file store refuses programs, wrong or
        # empty files: the transaction then keeps no document.
        check_attach(actor, doc.pk, name, content, kind=Attachment.Kind.MAIN)
        # The office unit that appraises the proposal reads its dossier.
        if p.office_unit_id is not None:
            doc.shared_with_units.add(p.office_unit_id)
        return do_add_document(actor, p, doc, role)
