"""What the steps of the two flows do, inside the step's transaction (documents.flows names them).

Signing takes the number, renders the document with it, and signs the PDF with the signer's own certificate;
releasing adds the issuer's seal and delivers to the internal recipients. Any refusal (a wrong passphrase, a
certificate that expired) raises, and the whole step rolls back: the number goes back to its sequence.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.ids import parse_id
from vanphong.core.models import Unit, User
from vanphong.core.notices import notify
from vanphong.core.queries import holders_of
from vanphong.documents import keys, numbering, rendering, signing
from vanphong.documents.flows import may_sign
from vanphong.documents.models import Attachment, Document, IncomingEntry
from vanphong.files.services import check_store_file
from vanphong.search.changes import record_changed
from vanphong.security.classification import Classification, Urgency

D = Document.Status
E = IncomingEntry.Status


def what(doc: Document) -> str:
    """How a notice names a document without giving away a classified summary."""
    if doc.classification > Classification.THUONG:
        name = f"văn bản độ {Classification(doc.classification).label}"
        return f"{name} {doc.symbol}" if doc.symbol else name
    return f"{doc.symbol} {doc.summary}".strip()[:200] if doc.symbol else f"“{doc.summary[:150]}”"


def _urgent(doc: Document) -> bool:
    return doc.urgency > Urgency.THUONG


# --- outgoing ------------------------------------------------------------------------------------------------
def submit_draft(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    """A draft sent to review again after being returned is a new draft round (lần dự thảo)."""
    from vanphong.documents.flows import OUTGOING

    if OUTGOING.history(doc).filter(transition__startswith="return_").exists():
        doc.draft_version += 1
    reviewers = holders_of("documents.review_document").filter(person__unit=doc.drafting_unit_id,
                                                               clearance__gte=doc.classification)
    notify(reviewers.exclude(pk=user.pk), f"Dự thảo chờ rà soát: {what(doc)}", doc.get_absolute_url(),
           urgent=_urgent(doc))


def to_clerks(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    """The draft passed review: the clerks cleared for its level check its format, so they must see it."""
    clerks = list(holders_of("documents.register_document").filter(clearance__gte=doc.classification))
    if not clerks:
        raise ServiceError(f"Chưa có văn thư nào được tiếp cận tài liệu độ {Classification(doc.classification).label}"
                           " để kiểm tra thể thức; hãy nhờ quản trị hệ thống phân công.")
    doc.shared_with_users.add(*clerks)
    notify(clerks, f"Dự thảo chờ kiểm tra thể thức: {what(doc)}", doc.get_absolute_url(), urgent=_urgent(doc))


def check_signable(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    """Before it goes to the signer: every part of the layout is there, and the signer can sign."""
    rendering.layout_of(doc)
    if doc.signer is None:
        raise ServiceError("Hãy chọn người ký trước khi trình ký.", field="signer")
    if not may_sign(doc.signer):
        raise ServiceError(f"{doc.signer.display_name} không có thẩm quyền ký ban hành văn bản.", field="signer")
    if doc.signer.clearance < doc.classification:
        raise ServiceError(f"{doc.signer.display_name} chưa được tiếp cận tài liệu độ "
                           f"{Classification(doc.classification).label}.", field="signer")
    doc.shared_with_users.add(doc.signer)
    notify([doc.signer], f"Văn bản chờ ký: {what(doc)}", doc.get_absolute_url(), urgent=_urgent(doc))


def sign_and_number(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    identity = keys.person_identity(user, str(data.get("passphrase") or ""))
    today = timezone.localdate()
    sequence = numbering.outgoing_sequence(doc, today)
    doc.issued_on = today
    doc.number = numbering.take(sequence)
    doc.sequence_key = sequence.key
    symbol = rendering.symbol_of(doc, doc.number)
    doc.symbol = rendering.format_symbol(symbol) if symbol else ""
    doc.signer_name = doc.signer_name or user.display_name[:50]
    docx, pdf = rendering.render(doc, "docx"), rendering.render(doc, "pdf")
    signed = signing.sign_pdf(pdf, identity, "person", reason=f"Ký ban hành {doc.symbol}",
                              location=doc.place or settings.VANPHONG_OFFICE_PLACE)
    _attach(user, doc, Attachment.Kind.RENDERED_DOCX, docx, rendering.file_name(doc, "docx"))
    stored = _attach(user, doc, Attachment.Kind.SIGNED_PDF, signed, rendering.file_name(doc, "pdf"))
    doc.pages = stored.file.page_count or doc.pages


def release(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    if doc.issuer is None:
        raise ServiceError("Văn bản chưa có cơ quan ban hành.")
    signed = doc.attachments.filter(kind=Attachment.Kind.SIGNED_PDF).order_by("-added_at").first()
    if signed is None:
        raise ServiceError("Văn bản chưa có bản PDF đã ký số của người ký.")
    with signed.file.open() as fh:
        person_signed = fh.read()
    sealed = signing.sign_pdf(person_signed, keys.seal_identity(doc.issuer), "organisation",
                              reason=f"Phát hành {doc.symbol}", location=doc.place or settings.VANPHONG_OFFICE_PLACE)
    _attach(user, doc, Attachment.Kind.SIGNED_PDF, sealed, rendering.file_name(doc, "pdf"))
    copies = parse_id(data.get("copies"))
    if copies:
        doc.copies = copies
    doc.released_at = timezone.now()
    units = list(doc.internal_recipients.all())
    doc.shared_with_units.add(*units)
    for unit in units:
        IncomingEntry.objects.create(
            document=doc, channel=IncomingEntry.Channel.INTERNAL, year=today_year(), received_by=user,
            receiving_unit=unit,
        )
        members = User.objects.filter(is_active=True, person__unit=unit, clearance__gte=doc.classification)
        notify(members, f"Văn bản đến đơn vị: {what(doc)}", doc.get_absolute_url(), urgent=_urgent(doc))
    # The incoming documents this one answers are answered now.
    from vanphong.documents.flows import INCOMING

    # The answered step checks that the answer is out: say so in the database before the step saves it.
    Document.objects.filter(pk=doc.pk).update(status=D.RELEASED)
    for entry in IncomingEntry.objects.filter(answered_by=doc).exclude(status__in=(E.DONE, E.ANSWERED)):
        INCOMING.apply(user, entry, "answered", note=f"Trả lời bằng văn bản {doc.symbol}")


def recall(user: User, doc: Document, data: Mapping[str, Any]) -> None:
    entries = doc.entries.select_related("receiving_unit")
    for entry in entries:
        members = User.objects.filter(is_active=True, person__unit=entry.receiving_unit_id)
        notify(members, f"Văn bản đã bị thu hồi: {what(doc)}", doc.get_absolute_url(), urgent=True)


def _attach(user: User, doc: Document, kind: str, content: bytes, name: str) -> Attachment:
    stored = check_store_file(user, content, name)
    return Attachment.objects.create(document=doc, file=stored, kind=kind, name=name, added_by=user,
                                     draft_version=doc.draft_version)


def today_year() -> int:
    return timezone.localdate().year


# --- incoming ------------------------------------------------------------------------------------------------
def register_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    doc = entry.document
    sequence = numbering.incoming_sequence(entry.year, doc.classification)
    entry.number = numbering.take(sequence)
    entry.sequence_key = sequence.key
    if _urgent(doc):
        # Hỏa tốc, Thượng khẩn, Khẩn: handled immediately (Nghị định 30/2020, Điều 22): tell the leaders now.
        leaders = holders_of("documents.direct_document").filter(clearance__gte=doc.classification)
        notify(leaders, f"{Urgency(doc.urgency).label.upper()}: văn bản đến số {entry.number} {what(doc)}",
               entry.get_absolute_url(), urgent=True)


def confirm_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    entry.confirmed_at = timezone.now()
    entry.confirmed_by = user


def submit_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    leader = User.objects.filter(pk=parse_id(data.get("submitted_to")) or 0, is_active=True).first()
    if leader is None or not leader.has_perm("documents.direct_document"):
        raise ServiceError("Hãy chọn lãnh đạo có quyền cho ý kiến chỉ đạo.", field="submitted_to")
    doc = entry.document
    if leader.clearance < doc.classification:
        raise ServiceError(f"{leader.display_name} chưa được tiếp cận tài liệu độ "
                           f"{Classification(doc.classification).label}.", field="submitted_to")
    entry.submitted_to = leader
    entry.handed_at = timezone.now()
    doc.shared_with_users.add(leader)
    record_changed(doc)
    notify([leader], f"Văn bản đến chờ cho ý kiến: số đến {entry.number or '—'}, {what(doc)}",
           entry.get_absolute_url(), urgent=_urgent(doc))


def direct_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    doc = entry.document
    lead = Unit.objects.filter(pk=parse_id(data.get("lead_unit")) or 0, is_active=True).first()
    if lead is None:
        raise ServiceError("Hãy chọn đơn vị chủ trì xử lý.", field="lead_unit")
    co_ids = [i for i in (parse_id(v) for v in data.get("co_units") or []) if i and i != lead.pk]
    co_units = list(Unit.objects.filter(pk__in=co_ids, is_active=True))
    deadline = data.get("deadline")
    if deadline is not None and not isinstance(deadline, date):
        raise ServiceError("Hạn xử lý không phải một ngày.", field="deadline")
    if deadline is not None and deadline < timezone.localdate():
        raise ServiceError("Hạn xử lý không được ở trước hôm nay.", field="deadline")
    handler = None
    if data.get("handler"):
        handler = User.objects.filter(pk=parse_id(data.get("handler")) or 0, is_active=True).first()
        if handler is None or handler.clearance < doc.classification:
            raise ServiceError("Người xử lý không có hoặc chưa được tiếp cận độ mật của văn bản.", field="handler")
    entry.lead_unit, entry.deadline, entry.handler = lead, deadline, handler
    entry.direction = str(data.get("comment") or "")[:4000]
    entry.directed_at = timezone.now()
    entry.save()
    entry.co_units.set(co_units)
    doc.shared_with_units.add(lead, *co_units)
    if handler is not None:
        doc.shared_with_users.add(handler)
    record_changed(doc)
    people = [handler] if handler else list(User.objects.filter(is_active=True, person__unit=lead,
                                                                clearance__gte=doc.classification))
    notify(people, f"Văn bản đến giao đơn vị chủ trì: số đến {entry.number or '—'}, {what(doc)}",
           entry.get_absolute_url(), urgent=_urgent(doc))


def start_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    if entry.handler_id is None:
        entry.handler = user
        entry.document.shared_with_users.add(user)


def finish_entry(user: User, entry: IncomingEntry, data: Mapping[str, Any]) -> None:
    entry.result = str(data.get("result") or data.get("note") or "")[:4000]
