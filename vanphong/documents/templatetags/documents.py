"""`{% doc_status d %}`, `{% entry_status e %}`: the step a document or an incoming entry is at, as a chip;
`{% register_row row link_column date_columns %}`: one row of a register."""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from vanphong.documents.models import Document, IncomingEntry
from vanphong.web.templatetags.marks import marks

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


@register.simple_tag
def register_row(row: Any, link_column: int, date_columns: tuple[int, ...]) -> SafeString:
    """One row of a register: every cell escaped, the key column linked with its marks, dates aligned right.

    A tag rather than a loop of template tags per cell, and plain escaping rather than format_html per cell: a
    register page draws 500 cells, where either cost more than the whole query behind it."""
    record = row.record
    doc = getattr(record, "document", record)
    cells = []
    for n, cell in enumerate(row.cells, start=1):
        text = escape(cell)
        if n == link_column:
            link = escape(row.url or record.get_absolute_url())
            cells.append(f'<td>{marks(doc)} <a href="{link}">{text or "—"}</a></td>')
        elif n in date_columns:
            cells.append(f'<td class="date">{text}</td>')
        else:
            cells.append(f"<td>{text}</td>")
    overdue = isinstance(record, IncomingEntry) and record.is_overdue(timezone.localdate())
    # Every piece above is escaped (html.escape, as django.utils.html.escape) or is the marks tag's safe output.
    opening = '<tr class="is-overdue">' if overdue else "<tr>"
    return mark_safe(opening + "".join(cells) + "</tr>")  # noqa: S308
