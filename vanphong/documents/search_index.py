"""Documents in the one search: symbol, type and summary; the body and the text of their files; classified."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from vanphong.documents.models import Attachment, Document
from vanphong.files.signals import text_extracted
from vanphong.search.registry import IndexDoc, RecordSpec, register

# A document's files may hold hundreds of pages; the index keeps the first part, enough to find it.
FILE_TEXT_CHARS = 200_000
TEXT_KINDS = (Attachment.Kind.MAIN, Attachment.Kind.SCAN, Attachment.Kind.APPENDIX)


def _document(doc: Document) -> IndexDoc:
    texts = [doc.body] if doc.body else []
    room = FILE_TEXT_CHARS
    for attachment in doc.attachments.all():
        text = attachment.file.text if attachment.kind in TEXT_KINDS else ""
        if text and room > 0:
            texts.append(text[:room])
            room -= len(text)
    units = {doc.drafting_unit_id, *(u for e in doc.entries.all() for u in (e.lead_unit_id, e.receiving_unit_id))}
    return IndexDoc(
        title=" ".join(p for p in (doc.symbol, doc.doc_type.name, doc.summary) if p),
        body="\n".join(texts),
        day=doc.issued_on or timezone.localdate(doc.created_at),
        units=tuple(sorted(u for u in units if u)),
        bodies=(doc.issuer.body_id,) if doc.issuer_id and doc.issuer and doc.issuer.body_id else (),
    )


def _rows() -> Any:
    return Document.objects.select_related("doc_type", "issuer").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.select_related("file").order_by("id")), "entries")


register(RecordSpec(
    type="document",
    label="Văn bản",
    model=Document,
    document=_document,
    url=lambda pk: reverse("documents:detail", args=[pk]),
    queryset=_rows,
    classified=True,
    # documents.services logs every change itself, in the transaction of the change.
    signals=False,
    order=5,
))


@receiver(text_extracted, dispatch_uid="documents.search:text_extracted")
def _file_text_ready(sender: Any, stored_file_id: int, **kwargs: Any) -> None:
    """A file's text is ready: the documents holding it are indexed again, with it."""
    from django.db import transaction

    from vanphong.search.changes import record_changed

    with transaction.atomic():
        for doc in Document.objects.filter(attachments__file_id=stored_file_id).distinct():
            record_changed(doc)
