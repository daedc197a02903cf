"""Leak-sweep registrations for the văn thư's routes: every document, entry, step, file and export."""

from vanphong.documents.flows import INCOMING, OUTGOING
from vanphong.documents.models import Attachment, Document, IncomingEntry
from vanphong.security.leak_sweep import RecordParam, ValueParam, register_api, register_page


def _attachments() -> list[int]:
    return list(Attachment.objects.values_list("pk", flat=True))


register_page("documents:detail", pk=RecordParam(Document))
register_page("documents:edit", pk=RecordParam(Document))
register_page("documents:comment", pk=RecordParam(Document))
register_page("documents:attach", pk=RecordParam(Document))
register_page("documents:step", pk=RecordParam(Document), name=ValueParam(lambda: list(OUTGOING.transitions)))
register_page("documents:rendition", pk=RecordParam(Document), fmt=ValueParam(lambda: ["pdf", "docx"]))
register_page("documents:attachment", pk=RecordParam(Document), attachment_id=ValueParam(_attachments))
register_page("documents:incoming", pk=RecordParam(IncomingEntry))
register_page("documents:incoming_step", pk=RecordParam(IncomingEntry),
              name=ValueParam(lambda: list(INCOMING.transitions)))
register_page("documents:export", kind=ValueParam(lambda: ["den", "di"]), fmt=ValueParam(lambda: ["xlsx", "pdf"]))
register_api("/api/v1/documents/{document_id}", document_id=RecordParam(Document))
register_api("/api/v1/documents/{document_id}/steps/{name}", document_id=RecordParam(Document),
             name=ValueParam(lambda: list(OUTGOING.transitions)))
register_api("/api/v1/documents/incoming/{entry_id}", entry_id=RecordParam(IncomingEntry))
register_api("/api/v1/documents/incoming/{entry_id}/steps/{name}", entry_id=RecordParam(IncomingEntry),
             name=ValueParam(lambda: list(INCOMING.transitions)))
