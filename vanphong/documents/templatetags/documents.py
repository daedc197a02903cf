"""`{% doc_status d %}`, `{% entry_status e %}`: the step a document or an incoming entry is at, as a chip."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from vanphong.documents.models import Document, IncomingEntry

register = template.Library()

D, E = Document.Status, IncomingEntry.Status
DOC_CHIPS: dict[str, str] = {D.DRAFT: "muted", D.REVIEW: "info", D.FORMAT_CHECK: "info", D.SIGNING: "warn",
                             D.ISSUED: "info", D.RELEASED: "ok", D.RECALLED: "muted", D.RECEIVED: "info"}
ENTRY_CHIPS: dict[str, str] = {E.RECEIVED: "warn", E.REGISTERED: "info", E.SUBMITTED: "warn", E.DIRECTED: "info",
               E.IN_PROGRESS: "info", E.DONE: "ok", E.ANSWERED: "ok"}


@register.simple_tag
def doc_status(doc: Document) -> SafeString:
    return format_html('<span class="chip chip-{}">{}</span>', DOC_CHIPS.get(doc.status, "muted"),
                       doc.get_status_display())


@register.simple_tag
def entry_status(entry: IncomingEntry) -> SafeString:
    chip = format_html('<span class="chip chip-{}">{}</span>', ENTRY_CHIPS.get(entry.status, "muted"),
                       entry.get_status_display())
    if entry.is_overdue(timezone.localdate()):
        chip = format_html('{} <span class="chip chip-overdue">Quá hạn</span>', chip)
    return chip
