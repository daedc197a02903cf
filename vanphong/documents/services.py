"""Every change to documents: check_* validates and authorises, do_* changes and audits in one transaction.

Steps of the two flows go through `check_step` (documents.flows and the workflow machine); drafting, editing,
registering an incoming document, commenting and linking are here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from vanphong.core.errors import Conflict, Forbidden, ServiceError
from vanphong.core.models import Unit, User
from vanphong.documents import reference
from vanphong.documents.flows import INCOMING, OUTGOING
from vanphong.documents.models import (
    Attachment,
    Document,
    DocumentComment,
    DocumentLink,
    DocumentType,
    IncomingEntry,
    Issuer,
    System,
)
from vanphong.documents.models.document import SIGNER_NAME_MAX, SIGNER_POSITION_MAX, SUMMARY_MAX
from vanphong.documents.symbols import SymbolError, format_symbol, parse_symbol
from vanphong.files.services import check_store_file
from vanphong.search.changes import record_changed
from vanphong.security import policy
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification, Urgency, check_may_classify
from vanphong.text import normalize

D = Document.Status


def _snapshot(doc: Document) -> dict[str, Any]:
    # A classified summary stays out of the audit log (see security.audit).
    return {
        "summary": doc.summary if doc.classification == Classification.THUONG else None,
        "status": doc.status, "symbol": doc.symbol or None, "classification": Classification(doc.classification).name,
        "urgency": Urgency(doc.urgency).name, "version": doc.version,
    }


def _check_level(actor: User, classification: int, urgency: int) -> None:
    check_may_classify(actor, classification, "tạo văn bản")
    if urgency not in Urgency.values:
        raise ServiceError("Độ khẩn không hợp lệ; chọn Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc.", field="urgency")


def _check_text(value: str, label: str, name: str, limit: int, required: bool = True) -> str:
    value = normalize(value or "").strip()
    if required and not value:
        raise ServiceError(f"Hãy ghi {label}.", field=name)
    if len(value) > limit:
        raise ServiceError(f"{label[0].upper()}{label[1:]} dài {len(value)} ký tự, quá {limit} ký tự cho phép; "
                           "hãy rút gọn.", field=name)
    return value


# --- drafts --------------------------------------------------------------------------------------------------
@dataclass
class Draft:
    """What a drafter fills in; every field is checked by `check_draft`."""

    doc_type: DocumentType
    issuer: Issuer
    summary: str
    body: str = ""
    recipients_text: str = ""
    addressees: str = ""
    internal_recipients: Sequence[Unit] = ()
    classification: int = Classification.THUONG
    urgency: int = Urgency.THUONG
    circulation: str = ""
    signer: User | None = None
    signer_position: str = ""
    authority: str = ""
    on_behalf_of: str = ""
    superior_name: str = ""
    # As printed at the top left ("Bộ Chính trị" for a conclusion of TW); blank: the issuer's body, else its name.
    issuer_name: str = ""
    co_issuers: str = ""
    drafting_unit: Unit | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def check_draft(actor: User, d: Draft) -> Draft:
    d.summary = _check_text(d.summary, "trích yếu nội dung", "summary", SUMMARY_MAX)
    d.issuer_name = _check_text(d.issuer_name, "tên cơ quan ban hành", "issuer_name", 200, required=False)
    d.co_issuers = _check_text(d.co_issuers, "cơ quan cùng ban hành", "co_issuers", 200, required=False)
    d.signer_position = _check_text(d.signer_position, "chức vụ người ký", "signer_position", SIGNER_POSITION_MAX,
                                    required=False)
    _check_level(actor, d.classification, d.urgency)
    if d.doc_type.system != d.issuer.system:
        raise ServiceError(f"Loại “{d.doc_type.name}” của hệ thống {d.doc_type.get_system_display()} không dùng được "
                           f"cho {d.issuer.name}; chọn loại văn bản của hệ thống {d.issuer.get_system_display()}.",
                           field="doc_type")
    if d.doc_type.system == System.PARTY and not d.doc_type.code:
        raise ServiceError(f"“{d.doc_type.name}” không đánh số, ký hiệu theo dãy; chọn loại văn bản khác.",
                           field="doc_type")
    if d.authority not in Document.Authority.values:
        raise ServiceError("Thẩm quyền ký không hợp lệ; chọn T/M, K/T, T/L, TUQ hoặc để trống.", field="authority")
    if d.signer is not None and d.signer.clearance < d.classification:
        raise ServiceError(f"{d.signer.display_name} chưa được tiếp cận tài liệu độ "
                           f"{Classification(d.classification).label}.", field="signer")
    return d


def _apply_draft(doc: Document, d: Draft) -> None:
    doc.doc_type, doc.issuer = d.doc_type, d.issuer
    body = d.issuer.body
    doc.issuer_name = d.issuer_name.strip() or (body.name if body is not None else d.issuer.name)
    for name in ("summary", "body", "recipients_text", "addressees", "classification", "urgency", "circulation",
                 "signer", "signer_position", "authority", "on_behalf_of", "superior_name", "drafting_unit",
                 "co_issuers"):
        setattr(doc, name, getattr(d, name))
    doc.signer_name = (d.signer.display_name if d.signer else "")[:SIGNER_NAME_MAX]


def check_create_draft(actor: User, d: Draft, answers: IncomingEntry | None = None) -> Document:
    check_draft(actor, d)
    if d.drafting_unit is None and actor.person is not None:
        d.drafting_unit = actor.person.unit
    return do_create_draft(actor, d, answers)


def do_create_draft(actor: User, d: Draft, answers: IncomingEntry | None = None) -> Document:
    with transaction.atomic():
        doc = Document(direction=Document.Direction.OUTGOING, status=D.DRAFT, created_by=actor)
        _apply_draft(doc, d)
        doc.save()
        doc.internal_recipients.set(d.internal_recipients)
        if d.signer is not None:
            doc.shared_with_users.add(d.signer)
        if doc.drafting_unit_id:
            doc.shared_with_units.add(doc.drafting_unit_id)
        if answers is not None:
            DocumentLink.objects.create(source=doc, target=answers.document, kind=DocumentLink.Kind.ANSWERS)
            IncomingEntry.objects.filter(pk=answers.pk).update(answered_by=doc)
        OUTGOING.start(actor, doc, D.DRAFT)
        record_event("documents.draft_created", actor=actor, obj=doc, new=_snapshot(doc))
        record_changed(doc)
    return doc


def may_edit(actor: User, doc: Document) -> bool:
    if not doc.is_outgoing or doc.status != D.DRAFT:
        return False
    return doc.created_by_id == actor.pk or (doc.drafting_unit_id is not None
                                             and doc.drafting_unit_id == actor.unit_id_or_none)


def check_update_draft(actor: User, doc_id: int, expected_version: int, d: Draft) -> Document:
    check_draft(actor, d)
    with transaction.atomic():
        doc = policy.access(actor, Document.objects.all(), doc_id, lock=True, audit=False)
        if not may_edit(actor, doc):
            raise Forbidden("Chỉ sửa được dự thảo đang ở bước soạn thảo, do bạn hoặc đơn vị bạn soạn.")
        if doc.version != expected_version:
            raise Conflict()
        old = _snapshot(doc)
        _apply_draft(doc, d)
        doc.version += 1
        doc.save()
        doc.internal_recipients.set(d.internal_recipients)
        if d.signer is not None:
            doc.shared_with_users.add(d.signer)
        record_event("documents.draft_updated", actor=actor, obj=doc, old=old, new=_snapshot(doc))
        record_changed(doc)
    return doc


def check_add_comment(actor: User, doc_id: int, text: str, quote: str = "") -> DocumentComment:
    text = _check_text(text, "ý kiến rà soát", "text", 4000)
    quote = _check_text(quote, "đoạn được góp ý", "quote", 500, required=False)
    with transaction.atomic():
        doc = policy.access(actor, Document.objects.all(), doc_id, audit=False)
        if doc.status not in (D.REVIEW, D.FORMAT_CHECK, D.SIGNING):
            raise ServiceError("Chỉ góp ý được khi dự thảo đang được rà soát, kiểm tra hoặc trình ký.")
        comment = DocumentComment.objects.create(document=doc, author=actor, draft_version=doc.draft_version,
                                                 quote=quote, text=text)
        record_event("documents.comment_added", actor=actor, obj=doc, new={"comment": comment.pk})
    return comment


# --- steps ---------------------------------------------------------------------------------------------------
def check_step(actor: User, doc_id: int, transition: str, expected_version: int | None, note: str = "",
               data: Mapping[str, Any] | None = None) -> Document:
    """Take a step of the outgoing flow on a document the person may see."""
    doc = policy.access(actor, Document.objects.select_related("doc_type", "issuer"), doc_id, audit=False)
    with transaction.atomic():
        done = OUTGOING.apply(actor, doc, transition, expected_version=expected_version, note=note, data=data)
        record_changed(done)
    return done


def check_entry_step(actor: User, entry_id: int, transition: str, expected_version: int | None, note: str = "",
                     data: Mapping[str, Any] | None = None) -> IncomingEntry:
    entry = access_entry(actor, entry_id)
    with transaction.atomic():
        done = INCOMING.apply(actor, entry, transition, expected_version=expected_version, note=note, data=data)
        record_changed(done.document)
    return done


def access_entry(actor: User, entry_id: Any) -> IncomingEntry:
    """An incoming entry through the policy of its document (404 when the person may not see it)."""
    from django.http import Http404

    from vanphong.core.ids import parse_id

    pk = parse_id(entry_id)
    entry = IncomingEntry.objects.select_related("document__doc_type").filter(pk=pk).first() if pk else None
    if entry is None:
        raise Http404
    policy.access(actor, Document.objects.all(), entry.document_id)
    return entry


# --- incoming ------------------------------------------------------------------------------------------------
@dataclass
class Received:
    """An incoming document as the clerk registers it."""

    channel: str
    summary: str
    issuer_name: str
    symbol_text: str = ""
    doc_type: DocumentType | None = None
    issued_on: date | None = None
    received_at: datetime | None = None
    classification: int = Classification.THUONG
    urgency: int = Urgency.THUONG
    pages: int | None = None
    signer_name: str = ""
    receiving_unit: Unit | None = None
    note: str = ""
    files: Sequence[tuple[str, Any]] = ()  # (file name, content or upload)


def _read_symbol(r: Received, doc: Document) -> None:
    """Fill the document's number, symbol, type and issuer from the symbol as written; types by name else."""
    if not r.symbol_text.strip():
        if r.doc_type is None:
            raise ServiceError("Hãy ghi số, ký hiệu văn bản hoặc chọn loại văn bản.", field="symbol")
        doc.doc_type = r.doc_type
        return
    rules = reference.rules_from_db()
    try:
        symbol = parse_symbol(r.symbol_text, rules, on=r.issued_on)
    except SymbolError as exc:
        raise ServiceError(str(exc), field="symbol") from None
    doc.number, doc.symbol = symbol.number, format_symbol(symbol)
    types = DocumentType.objects.filter(system=symbol.system, code=symbol.type)
    if not symbol.type:
        types = types.filter(name=symbol.type_name) if "hoặc" not in symbol.type_name else types
    found = r.doc_type or types.valid_on(r.issued_on).first() or types.first()
    if found is None:
        raise ServiceError("Không xác định được loại văn bản từ ký hiệu; hãy chọn loại văn bản.", field="doc_type")
    doc.doc_type = found
    doc.issuer = Issuer.objects.filter(system=symbol.system, code=symbol.issuer).valid_on(r.issued_on).first()
    if not r.issuer_name.strip() and doc.issuer is not None:
        doc.issuer_name = doc.issuer.name


def check_register_incoming(actor: User, r: Received) -> IncomingEntry:
    if not actor.has_perm("documents.register_document"):
        raise Forbidden("Chỉ văn thư được vào sổ văn bản đến.")
    if r.channel not in (IncomingEntry.Channel.PAPER, IncomingEntry.Channel.ELECTRONIC):
        raise ServiceError("Hãy chọn hình thức nhận: văn bản giấy (bản quét) hoặc văn bản điện tử.", field="channel")
    summary = _check_text(r.summary, "trích yếu nội dung", "summary", SUMMARY_MAX)
    issuer_name = _check_text(r.issuer_name, "cơ quan ban hành (tác giả)", "issuer_name", 200,
                              required=not r.symbol_text.strip())
    signer = _check_text(r.signer_name, "người ký", "signer_name", SIGNER_NAME_MAX, required=False)
    _check_level(actor, r.classification, r.urgency)
    now = timezone.now()
    received_at = r.received_at or now
    if received_at > now + timedelta(minutes=5):
        raise ServiceError("Ngày đến không được ở sau thời điểm hiện tại.", field="received_at")
    if r.issued_on is not None and r.issued_on > timezone.localtime(received_at).date():
        raise ServiceError("Ngày văn bản không được ở sau ngày đến.", field="issued_on")
    if r.pages is not None and not 0 < r.pages < 100_000:
        raise ServiceError("Số trang phải là số nguyên dương.", field="pages")
    if not r.files:
        what = "bản quét văn bản giấy" if r.channel == IncomingEntry.Channel.PAPER else "tệp văn bản điện tử"
        raise ServiceError(f"Hãy đính kèm {what}.", field="files")
    doc = Document(direction=Document.Direction.INCOMING, status=D.RECEIVED, created_by=actor, summary=summary,
                   issuer_name=issuer_name, issued_on=r.issued_on, classification=r.classification,
                   urgency=r.urgency, pages=r.pages, signer_name=signer, note=normalize(r.note)[:500])
    _read_symbol(r, doc)
    with transaction.atomic():
        stored = [(name, check_store_file(actor, content, name)) for name, content in r.files]
        doc.save()
        kind = Attachment.Kind.SCAN if r.channel == IncomingEntry.Channel.PAPER else Attachment.Kind.MAIN
        for n, (name, sf) in enumerate(stored):
            Attachment.objects.create(document=doc, file=sf, kind=kind if n == 0 else Attachment.Kind.APPENDIX,
                                      name=sf.original_name or name, added_by=actor)
        if r.receiving_unit is not None:
            doc.shared_with_units.add(r.receiving_unit)
        entry = IncomingEntry.objects.create(document=doc, channel=r.channel, year=timezone.localtime(received_at).year,
                                             received_at=received_at, received_by=actor,
                                             receiving_unit=r.receiving_unit)
        INCOMING.start(actor, entry, IncomingEntry.Status.RECEIVED)
        record_event("documents.received", actor=actor, obj=doc, new=_snapshot(doc))
        entry = INCOMING.apply(actor, entry, "register")
        record_changed(doc)
    return entry


def check_answer(actor: User, entry_id: int, d: Draft) -> Document:
    """Start the outgoing document that answers an incoming one (linked both ways)."""
    entry = access_entry(actor, entry_id)
    if entry.status not in IncomingEntry.OPEN:
        raise ServiceError("Văn bản đến này đã xử lý xong.")
    if entry.answered_by_id is not None:
        raise ServiceError("Văn bản đến này đã có dự thảo trả lời; hãy mở dự thảo đó.")
    return check_create_draft(actor, d, answers=entry)


def check_link(actor: User, source_id: int, target_id: int, kind: str) -> DocumentLink:
    if kind not in DocumentLink.Kind.values:
        raise ServiceError("Quan hệ giữa hai văn bản không hợp lệ.", field="kind")
    with transaction.atomic():
        source = policy.access(actor, Document.objects.all(), source_id, audit=False)
        target = policy.access(actor, Document.objects.all(), target_id, audit=False)
        if source.pk == target.pk:
            raise ServiceError("Một văn bản không liên kết với chính nó.", field="target")
        if not may_edit(actor, source) and not actor.has_perm("documents.register_document"):
            raise Forbidden("Chỉ người soạn dự thảo hoặc văn thư được liên kết văn bản.")
        link, created = DocumentLink.objects.get_or_create(source=source, target=target, kind=kind)
        if created:
            record_event("documents.linked", actor=actor, obj=source, new={"target": target.pk, "kind": kind})
            record_changed(target)
    return link


def check_link_symbol(actor: User, source_id: int, symbol_text: str, kind: str) -> DocumentLink:
    """Link a document to another named by its number and symbol (the newest one the person may see)."""
    try:
        canonical = format_symbol(parse_symbol(symbol_text, reference.rules_from_db()))
    except SymbolError as exc:
        raise ServiceError(str(exc), field="related_symbol") from None
    target = (policy.visible(actor, Document.objects.filter(symbol=canonical)).exclude(pk=source_id)
              .order_by("-issued_on").first())
    if target is None:
        raise ServiceError(f"Không thấy văn bản {canonical} trong những văn bản bạn được xem.", field="related_symbol")
    return check_link(actor, source_id, target.pk, kind)


# The kinds of file a drafter adds; renderings and the signed PDF are made by the system.
ATTACHABLE = (Attachment.Kind.MAIN, Attachment.Kind.APPENDIX)


def check_attach(actor: User, doc_id: int, name: str, content: Any,
                 kind: str = Attachment.Kind.APPENDIX) -> Attachment:
    """Add a file to a draft: by default an appendix (phụ lục, tài liệu kèm theo); `kind` MAIN when the file is the
    document itself (a tờ trình uploaded as a file, with no body typed in). The file store checks the file."""
    if kind not in ATTACHABLE:
        raise ServiceError("Tệp đính kèm là tệp văn bản hoặc phụ lục, tài liệu kèm theo; bản trình bày và bản ký "
                           "số do hệ thống tạo.", field="kind")
    with transaction.atomic():
        doc = policy.access(actor, Document.objects.all(), doc_id, lock=True, audit=False)
        if not may_edit(actor, doc):
            raise Forbidden("Chỉ đính kèm được vào dự thảo đang ở bước soạn thảo, do bạn hoặc đơn vị bạn soạn.")
        stored = check_store_file(actor, content, name)
        attachment = Attachment.objects.create(document=doc, file=stored, kind=kind,
                                               name=stored.original_name or name, added_by=actor,
                                               draft_version=doc.draft_version)
        record_event("documents.attached", actor=actor, obj=doc,
                     new={"file": stored.sha256, "size": stored.size, "kind": kind})
        record_changed(doc)
    return attachment
