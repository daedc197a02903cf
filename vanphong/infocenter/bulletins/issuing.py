"""Issuing a bulletin: its number, its document, its DOCX and PDF, its readers and their notices, in the issue
step's transaction (a refusal anywhere rolls everything back, the number included).

The number runs per kind and year in the documents' gap-free sequences ("bulletin:ngay:2026"); the document is
an outgoing document of type "Bản tin" (documents/data/document_types.json) of the office's issuer, released at
once (the bulletin's own flow was its review and approval), rendered by the documents' renderers in the Party
format with the bulletin's sections and entries as its body.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import User
from vanphong.core.notices import notify
from vanphong.documents import numbering, rendering
from vanphong.documents.flows import OUTGOING
from vanphong.documents.models import Attachment, Document, DocumentType, Issuer
from vanphong.documents.render import Heading, Layout, Paragraph, render_docx, render_pdf
from vanphong.files.services import check_store_file
from vanphong.infocenter import search_bulletins  # noqa: F401 - registers the search type record_changed needs
from vanphong.infocenter.bulletins import queries
from vanphong.infocenter.models import Bulletin
from vanphong.search.changes import record_changed
from vanphong.security.audit import record_event
from vanphong.security.classification import Classification

TYPE_NAME = "Bản tin"
MAX_RECIPIENT_LINES = 10
FORECAST = "Nhận định, dự báo: "


def sequence_of(b: Bulletin) -> numbering.Sequence:
    return numbering.Sequence(f"bulletin:{b.kind}:{b.year}", f"{b.get_kind_display()} năm {b.year}")


def doc_type() -> DocumentType:
    found = DocumentType.objects.filter(system="party", name=TYPE_NAME).valid_on(timezone.localdate()).first()
    if found is None:
        raise ServiceError("Bảng loại văn bản chưa có loại “Bản tin”; hãy nhờ quản trị hệ thống thêm (ký hiệu BT).")
    return found


def issuer() -> Issuer:
    today = timezone.localdate()
    party = Issuer.objects.filter(system="party").valid_on(today)
    found = party.filter(body__name=settings.VANPHONG_OFFICE_NAME).first() or party.filter(code="VPTW").first()
    if found is None:
        raise ServiceError("Bảng cơ quan ban hành chưa có văn phòng; hãy nhờ quản trị hệ thống thêm.")
    return found


def body_text(b: Bulletin) -> tuple[str, tuple[Heading | Paragraph, ...]]:
    """The bulletin's body as the document keeps it (text) and as the renderers draw it (blocks): the intro, then
    one section per field ("I. Xây dựng Đảng"), each entry a numbered heading with its summary and forecast."""
    lines: list[str] = []
    blocks: list[Heading | Paragraph] = []

    def para(text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                lines.append(line.strip())
                blocks.append(Paragraph(line.strip()))

    para(b.intro)
    for section in queries.sections_of(queries.entries_of(b), queries.section_of):
        label = section.numeral.rstrip(".")
        lines.append(f"{section.numeral} {section.label.upper()}")
        blocks.append(Heading(section.numeral, section.label.upper(), level=1, anchor=f"muc-{label}"))
        for number, entry in section.numbered:
            lines.append(f"{number}. {entry.heading}")
            blocks.append(Heading(f"{number}.", entry.heading, level=2, anchor=f"muc-{label}/diem-{number}"))
            para(entry.summary)
            if entry.comment.strip():
                para(FORECAST + entry.comment.strip())
    if not blocks:
        raise ServiceError("Bản tin chưa có nội dung để phát hành.")
    return "\n".join(lines), tuple(blocks)


def recipients_of(users: list[User], units: list[Any]) -> str:
    names = [u.name for u in units] + [u.display_name for u in users]
    lines = [f"- {n}," for n in names[:MAX_RECIPIENT_LINES]]
    if len(names) > MAX_RECIPIENT_LINES:
        lines.append(f"- và {len(names) - MAX_RECIPIENT_LINES} nơi nhận khác theo danh sách phát hành,")
    lines.append(f"- Lưu {settings.VANPHONG_OFFICE_NAME}.")
    return "\n".join(lines)


def layout_for(doc: Document, b: Bulletin, blocks: tuple[Heading | Paragraph, ...]) -> Layout:
    """The documents' own layout of the document, with the bulletin's kind as its type name and its structured
    body (a summary line that starts "1." must stay a paragraph, as the text form could not say)."""
    base = rendering.layout_of(doc)
    return dataclasses.replace(base, type_name=b.get_kind_display().upper(), body=blocks, summary_prefix="")


def issue(actor: User, b: Bulletin, data: Mapping[str, Any]) -> Document:
    from vanphong.core.models import Unit

    users = list(User.objects.filter(pk__in=data.get("reader_users") or [], is_active=True)
                 .select_related("person").order_by("person__sort_key", "pk"))
    units = list(Unit.objects.filter(pk__in=data.get("reader_units") or [], is_active=True))
    if not users and not units:
        raise ServiceError("Hãy chọn người hoặc đơn vị nhận bản tin.", field="readers")
    level = Classification(b.classification)
    short = [u.display_name for u in users if u.clearance < level]
    if short:
        raise ServiceError(f"{', '.join(short[:5])} chưa được tiếp cận tài liệu độ {level.label}; hãy bỏ khỏi danh "
                           "sách nhận.", field="readers")
    text, blocks = body_text(b)
    today = timezone.localdate()
    sequence = sequence_of(b)
    b.number = numbering.take(sequence)
    b.issued_at = timezone.now()
    approver = b.approved_by or actor
    title = approver.person.current_title() if approver.person_id and approver.person else ""
    doc = Document(
        direction=Document.Direction.OUTGOING, status=Document.Status.RELEASED, doc_type=doc_type(), issuer=issuer(),
        issuer_name=settings.VANPHONG_OFFICE_NAME, summary=b.title, body=text, classification=b.classification,
        number=b.number, issued_on=today, released_at=b.issued_at, sequence_key=sequence.key,
        signer=approver, signer_name=approver.display_name[:50], signer_position=(title or "Người duyệt")[:100],
        recipients_text=recipients_of(users, units), drafting_unit=b.created_by.person.unit
        if b.created_by.person_id and b.created_by.person else None, created_by=b.created_by,
        circulation="Tài liệu phục vụ lãnh đạo", note=f"Bản tin #{b.pk}",
    )
    symbol = rendering.symbol_of(doc, b.number)
    doc.symbol = rendering.format_symbol(symbol) if symbol else ""
    layout = layout_for(doc, b, blocks)
    docx, pdf = render_docx(layout), render_pdf(layout)
    doc.save()
    stem = f"Ban-tin-{b.get_kind_display()}-so-{b.number}-{b.year}"
    for kind, content, ext in ((Attachment.Kind.RENDERED_DOCX, docx, "docx"),
                               (Attachment.Kind.RENDERED_PDF, pdf, "pdf")):
        stored = check_store_file(actor, content, f"{stem}.{ext}")
        Attachment.objects.create(document=doc, file=stored, kind=kind, name=f"{stem}.{ext}", added_by=actor)
        if ext == "pdf":
            doc.pages = stored.page_count or None
    doc.save(update_fields=["pages"])
    readers = {u.pk for u in users} | {approver.pk}
    for rec in (b, doc):
        rec.shared_with_users.add(*readers)
        rec.shared_with_units.add(*units)
    OUTGOING.start(actor, doc, Document.Status.RELEASED, note=f"Phát hành {b.get_kind_display().lower()} số "
                                                                f"{b.number}/{b.year} sau khi được duyệt")
    b.document = doc
    record_event("infocenter.bulletin_document", actor=actor, obj=doc,
                 new={"bulletin": b.pk, "number": b.number, "sequence": sequence.key})
    record_changed(doc)
    record_changed(b)
    from vanphong.infocenter.bulletins.services import what

    members = User.objects.filter(is_active=True, person__unit__in=units, clearance__gte=level)
    notify([*users, *members], f"Bản tin mới: {what(b)}", b.get_absolute_url())
    return doc
