"""Adding a file to a proposal's dossier: the upload becomes a document of the documents capability.

The lead body's tờ trình, đề án or dự thảo arrives as a file; it is kept as a draft document (documents.services)
of the lead body's issuer, of the proposal's level, with the file as its attachment (checked by the file store),
so it has versions, search and the access policy like any document, and goes into the dossier with its role.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import User
from vanphong.documents.models import DocumentType, Issuer
from vanphong.documents.services import Draft, check_attach, check_create_draft
from vanphong.programs.appraisal import access_proposal, do_add_document, may_edit_dossier
from vanphong.programs.models import Kind, Proposal, ProposalDocument
from vanphong.text import normalize

R = ProposalDocument.Role
# The Party document type each part of a dossier is (a đề án of a "báo cáo" item is a báo cáo).
TYPE_OF_ROLE = {R.SUBMISSION: "TTr", R.PROPOSAL: "ĐA", R.DRAFT_DECISION: "KL", R.OPINIONS: "BC", R.OTHER: "CV"}
SUMMARY_MAX = 480
# The parts of a full dossier, in the order they are put together.
PARTS = (R.SUBMISSION, R.PROPOSAL, R.DRAFT_DECISION)


def type_code(role: str, proposal: Proposal) -> str:
    if role == R.PROPOSAL and proposal.kind == Kind.BAO_CAO:
        return "BC"
    return TYPE_OF_ROLE[R(role)]


def default_summary(role: str, proposal: Proposal, type_name: str) -> str:
    """The trích yếu of a part when none is given: "về <title>" ("Tờ trình về Đề án …"); the đề án itself drops
    the name of its type, which the document's type already says ("Đề án" + "về đổi mới …")."""
    title = proposal.title
    if role in (R.SUBMISSION, R.DRAFT_DECISION) or not title.lower().startswith(f"{type_name.lower()} "):
        return f"về {title}"
    rest = title[len(type_name):].strip()
    return rest if rest.startswith("về ") else f"về {rest}"


def check_upload_document(actor: User, proposal_id: Any, *, role: str, summary: str, name: str,
                          content: Any) -> ProposalDocument:
    """Store the uploaded file as a new document of the dossier with its `role`; nothing is kept on a refusal."""
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
        code = type_code(role, p)
        doc_type = DocumentType.objects.filter(system="party", code=code).valid_on(today).first()
        issuer = (Issuer.objects.filter(system="party", body=p.lead_body_id).valid_on(today).first()
                  or Issuer.objects.filter(system="party", code="VPTW").valid_on(today).first())
        if doc_type is None or issuer is None:
            raise ServiceError(f"Thiếu loại văn bản {code} hoặc cơ quan ban hành trong bảng danh mục; hãy nhờ quản "
                               "trị hệ thống bổ sung.", field="role")
        doc = check_create_draft(actor, Draft(
            doc_type=doc_type, issuer=issuer, summary=summary or default_summary(role, p, doc_type.name)[:SUMMARY_MAX],
            classification=p.classification, issuer_name=p.lead_body.name[:200]))
        # The file store refuses programs, wrong or empty files: the transaction then keeps no document.
        check_attach(actor, doc.pk, name, content)
        # The office unit that appraises the proposal reads its dossier.
        if p.office_unit_id is not None:
            doc.shared_with_units.add(p.office_unit_id)
        return do_add_document(actor, p, doc, role)
