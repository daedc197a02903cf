"""Routing a case: the forwarding letter (phiếu chuyển đơn) to the competent body, the result recorded with the
resolving body's document, and the notice to the sender (thông báo cho người gửi đơn).

The forwarding letter and the notice are drafts of the office's outgoing documents (vanphong.documents), which
then go the documents' flow (review, signing, issue) and render to PDF there. Neither ever carries who wrote a
letter: the documents are listed, searched and exported as documents are, so a sender appears in them as
"người gửi đơn số …/…" whatever the letter's kind; the forwarding letter sends the letters' redacted text. The
notice is addressed only when a letter has a sender; its envelope (name and address) is put in at the moment of
printing (`notice_pdf`), from the sealed identity: for an unprotected letter to anyone who may see the case, for
a protected one only inside the sealed path (the approved requester of a reveal, within its validity, audited).
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Forbidden, ServiceError
from vanphong.core.models import Body, User
from vanphong.documents.flows import signers
from vanphong.documents.models import Document, DocumentType, IncomingEntry, Issuer
from vanphong.documents.render import render_pdf
from vanphong.documents.rendering import layout_of
from vanphong.documents.services import Draft, check_create_draft
from vanphong.files.services import check_store_file
from vanphong.petitions import protection
from vanphong.petitions.models import CaseDocument, Petition, PetitionCase, RevealRequest
from vanphong.security import policy
from vanphong.security.audit import record_event

S = PetitionCase.Status
SUMMARY_MAX = 500
PROTECTED_SENDER = "người tố cáo (danh tính được giữ bí mật theo Điều 47 Luật Tố cáo năm 2018)"
_ENTRY = re.compile(r"^\s*(\d{1,7})\s*/\s*(\d{4})\s*$")


def _letters(case: PetitionCase) -> list[Petition]:
    return list(case.letters.prefetch_related("senders__sealed").order_by("received_on", "pk"))


def _who(letter: Petition) -> str:
    if letter.anonymous:
        return "đơn không ghi tên người gửi"
    if letter.protected:
        return PROTECTED_SENDER
    return "người gửi đơn (họ tên, địa chỉ ghi trong đơn gửi kèm)"


def _shown_text(letter: Petition) -> str:
    """The letter's text with its senders' details replaced: a protected letter is kept so; any other is redacted
    here, for the document only."""
    return letter.content if letter.protected else protection.redact(letter.content, protection.identities(letter))


def _party(code: str) -> tuple[DocumentType, Issuer]:
    today = timezone.localdate()
    doc_type = DocumentType.objects.filter(system="party", code=code).valid_on(today).first()
    issuer = Issuer.objects.filter(system="party", code="VPTW").valid_on(today).first()
    if doc_type is None or issuer is None:
        raise ServiceError("Thiếu loại văn bản hoặc cơ quan ban hành Văn phòng Trung ương trong bảng danh mục; hãy "
                           "nhờ quản trị hệ thống.")
    return doc_type, issuer


SIGNER_POSITION = "Chánh Văn phòng"


def _signer() -> User | None:
    """Who the draft is put to for signing: the first holder of the signing right (the leader of the office in a
    small installation); the documents' flow lets the drafter choose another before it is submitted."""
    return signers().order_by("pk").first()


def forwarding_body(case: PetitionCase, body: Body, letters: list[Petition]) -> str:
    lines = [f"Văn phòng Trung ương Đảng nhận được {len(letters)} đơn của vụ việc số {case.pk}:"]
    for n, letter in enumerate(letters, start=1):
        lines.append(f"{n}. Đơn số {letter.number}/{letter.year}, nhận ngày {letter.received_on:%d/%m/%Y} "
                     f"({letter.get_channel_display().lower()}), của {_who(letter)}. Nội dung:")
        lines.append(_shown_text(letter)[:4000])
    lines.append(f"Căn cứ quy định về tiếp nhận, xử lý đơn thư, Văn phòng Trung ương Đảng chuyển đơn đến {body.name} "
                 "để xem xét, giải quyết theo thẩm quyền và thông báo kết quả cho Văn phòng Trung ương Đảng.")
    if any(letter.protected for letter in letters):
        lines.append("Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo "
                     "theo quy định của pháp luật về tố cáo.")
    return "\n".join(lines)


def do_forwarding_letter(actor: User, case: PetitionCase) -> CaseDocument:
    """The draft forwarding letter of a case just forwarded (in the caller's transaction, after the step)."""
    body = case.forwarded_to
    if body is None:
        raise ServiceError("Vụ việc chưa có cơ quan có thẩm quyền để chuyển đơn.", field="body")
    doc_type, issuer = _party("PC")
    letters = _letters(case)
    numbers = ", ".join(f"{x.number}/{x.year}" for x in letters)
    with transaction.atomic():
        doc = check_create_draft(actor, Draft(
            doc_type=doc_type, issuer=issuer, summary=f"V/v chuyển đơn số {numbers}"[:SUMMARY_MAX],
            body=forwarding_body(case, body, letters), addressees=body.name[:200],
            classification=case.classification, signer=_signer(), signer_position=SIGNER_POSITION,
            recipients_text=f"- Như trên;\n- Lưu: Văn phòng, hồ sơ vụ việc số {case.pk}."))
        item = CaseDocument.objects.create(case=case, role=CaseDocument.Role.FORWARDING, document=doc,
                                           added_by=actor)
        record_event("petitions.forwarding_letter_drafted", actor=actor, obj=case,
                     new={"document": doc.pk, "body": body.pk})
    return item


# --- the result ------------------------------------------------------------------------------------------------------
def incoming_entry(actor: User, text: str) -> IncomingEntry:
    """The incoming document written as "số đến/năm" ("15/2026") that the person may see."""
    m = _ENTRY.match(text or "")
    if m is None:
        raise ServiceError("Ghi số đến của văn bản giải quyết theo dạng số/năm, ví dụ 15/2026.", field="entry")
    entry = (IncomingEntry.objects.select_related("document").filter(number=int(m[1]), year=int(m[2]))
             .order_by("pk").first())
    if entry is None or not policy.can_view(actor, entry.document):
        raise ServiceError(f"Không có văn bản đến số {m[1]}/{m[2]} trong sổ văn bản đến (hoặc bạn không được xem).",
                           field="entry")
    return entry


def check_result(actor: User, case_id: Any, expected_version: int | None, note: str, *, entry: str = "",
                 upload: tuple[str, Any] | None = None) -> PetitionCase:
    """Record the result: the step "resolve" with its summary, and the resolving body's document, an incoming
    document of the register or a file (one of the two is required)."""
    from vanphong.petitions.services import take_step

    if not (entry or "").strip() and upload is None:
        raise ServiceError("Hãy ghi số đến của văn bản giải quyết của cơ quan có thẩm quyền, hoặc tải lên bản quét "
                           "văn bản đó.", field="entry")
    with transaction.atomic():
        found = incoming_entry(actor, entry) if (entry or "").strip() else None
        stored = check_store_file(actor, upload[1], upload[0]) if upload is not None else None
        case = take_step(actor, case_id, "resolve", expected_version, note=note)
        item = CaseDocument.objects.create(case=case, role=CaseDocument.Role.RESULT,
                                           document=found.document if found else None, file=stored,
                                           name=upload[0][:255] if upload else "", added_by=actor)
        record_event("petitions.result_recorded", actor=actor, obj=case, new={
            "case_document": item.pk, "document": found.document_id if found else None,
            "file": stored.pk if stored else None})
    return case


# --- the notice to the sender ----------------------------------------------------------------------------------------
ADDRESSEE_PLACEHOLDER = "Người gửi đơn (họ tên, địa chỉ in khi gửi)"


def notice_body(case: PetitionCase, before: str, letters: list[Petition]) -> str:
    numbers = ", ".join(f"số {x.number}/{x.year} nhận ngày {x.received_on:%d/%m/%Y}" for x in letters)
    lines = [f"Văn phòng Trung ương Đảng đã nhận được đơn {numbers} của ông (bà)."]
    if before == S.FORWARDED and case.forwarded_to is not None:
        lines.append(f"Nội dung đơn không thuộc thẩm quyền giải quyết của Văn phòng; Văn phòng đã chuyển đơn đến "
                     f"{case.forwarded_to.name} để xem xét, giải quyết theo thẩm quyền.")
    elif before == S.NOT_ACCEPTED:
        lines.append(f"Đơn không đủ điều kiện thụ lý, với lý do: {case.reason}")
    else:
        lines.append(f"Kết quả giải quyết: {case.result}")
    lines.append("Văn phòng Trung ương Đảng thông báo để ông (bà) được biết.")
    return "\n".join(lines)


def do_notice(actor: User, case: PetitionCase, before: str) -> CaseDocument | None:
    """The draft notice of a case just answered; None when every letter is anonymous (nobody to inform)."""
    letters = [x for x in _letters(case) if not x.anonymous]
    if not letters:
        return None
    doc_type, issuer = _party("TB")
    with transaction.atomic():
        doc = check_create_draft(actor, Draft(
            doc_type=doc_type, issuer=issuer,
            summary=f"Thông báo kết quả xử lý đơn của vụ việc số {case.pk}"[:SUMMARY_MAX],
            body=notice_body(case, before, letters), addressees=ADDRESSEE_PLACEHOLDER,
            classification=case.classification, signer=_signer(), signer_position=SIGNER_POSITION,
            recipients_text=f"- Như trên;\n- Lưu: hồ sơ vụ việc số {case.pk}."))
        item = CaseDocument.objects.create(case=case, role=CaseDocument.Role.NOTICE, document=doc, added_by=actor)
        record_event("petitions.notice_drafted", actor=actor, obj=case,
                     new={"document": doc.pk, "protected": any(x.protected for x in letters)})
    return item


def notice_refusal(user: User, case: PetitionCase) -> str | None:
    """Why `user` may not print the notice with its addressee; None if they may. A protected sender's address
    is opened only for the requester of an approved reveal of the case, while it is valid."""
    if not user.has_perm("petitions.handle_petition") and not user.has_perm(protection.REVEAL_RIGHT):
        return "Chỉ cán bộ xử lý đơn thư được in thông báo gửi người gửi đơn."
    if case.letters.filter(protected=True, anonymous=False).exists():
        approved = RevealRequest.objects.filter(case=case, requested_by=user, status=RevealRequest.Status.APPROVED,
                                                expires_at__gt=timezone.now()).order_by("-expires_at").first()
        if approved is None or protection.open_refusal(user, approved) is not None:
            return ("Người gửi được bảo vệ danh tính: chỉ người có đề nghị xem danh tính đã được duyệt (còn hạn) mới "
                    "in được thông báo có họ tên, địa chỉ người nhận.")
    return None


def notice_pdf(user: User, item: CaseDocument, *, address: str = "") -> bytes:
    """The notice rendered with its addressees filled in from the sealed identities, for this printing only."""
    case = item.case
    refusal = notice_refusal(user, case)
    if refusal:
        raise Forbidden(refusal)
    assert item.document is not None
    doc = policy.access(user, Document.objects.select_related("doc_type", "issuer"), item.document_id,
                        audit=False)
    people = []
    for letter in _letters(case):
        if letter.anonymous:
            continue
        for s in letter.senders.all():
            who = protection.identity_of(s)
            people.append(f"Ông (bà) {who.name}" + (f", {who.address}" if who.address else ""))
    doc.addressees = "\n".join(people) or ADDRESSEE_PLACEHOLDER
    with transaction.atomic():
        record_event("petitions.notice_printed", actor=user, obj=case, address=address,
                     new={"case_document": item.pk, "protected": case.letters.filter(protected=True).exists()})
    return render_pdf(layout_of(doc))
