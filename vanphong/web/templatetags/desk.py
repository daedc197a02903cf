"""`{% desk_rows rows %}`: the desk's table of decision-cycle rows (core.desk.DeskRow), one shape for every app.

A tag rather than an included template: the desk is every person's first page and draws up to three of these
tables on each visit, where a template loop over a dozen fields per row costs more than the queries behind it.
Every text from the data is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from vanphong.core.desk import DeskRow

register = template.Library()


def _row(r: DeskRow, secret: str, urgent: str, overdue: str) -> str:
    note = f' <span class="muted">{escape(r.note)}</span>' if r.note else ""
    marks = ""
    if r.classification:
        marks += f'<span class="mark mark-secret" title="{secret}">{escape(r.classification_label)}</span> '
    if r.urgent:
        marks += f'<span class="mark mark-urgent">{urgent}</span> '
    due = "—"
    if r.due:
        due = r.due.strftime("%d/%m/%Y") + (f' <span class="chip chip-overdue">{overdue}</span>' if r.overdue else "")
    row_class = ' class="is-overdue"' if r.overdue else ""
    return (f"<tr{row_class}>"
            f'<td><span class="chip chip-info">{escape(r.kind)}</span>{note}</td>'
            f'<td>{marks}<a href="{escape(r.url)}">{escape(r.title)}</a></td>'
            f'<td class="date">{due}</td></tr>')


@register.simple_tag
def desk_rows(rows: Sequence[DeskRow]) -> SafeString:
    secret, urgent, overdue = escape(gettext("Độ mật")), escape(gettext("Khẩn")), escape(gettext("Quá hạn"))
    head = (f'<th scope="col">{escape(gettext("Việc cần làm"))}</th><th scope="col">{escape(gettext("Nội dung"))}</th>'
            f'<th scope="col" class="date">{escape(gettext("Hạn"))}</th>')
    body = "".join(_row(r, secret, urgent, overdue) for r in rows)
    return mark_safe(  # noqa: S308 - every text from the data went through escape()
        f'<div class="table-wrap"><table class="table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>")
