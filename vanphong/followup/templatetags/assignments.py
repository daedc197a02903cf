"""`{% status_chip assignment %}`: one chip per status, red only for overdue."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from vanphong.followup.models import Assignment

register = template.Library()

CHIPS: dict[str, str] = {
    Assignment.Status.DONE: "chip-ok",
    Assignment.Status.IN_PROGRESS: "chip-info",
    Assignment.Status.NEW: "chip-muted",
}


@register.simple_tag
def status_chip(a: Assignment) -> SafeString:
    if a.is_overdue():
        return format_html('<span class="chip chip-overdue">{}</span>', "Quá hạn")
    return format_html('<span class="chip {}">{}</span>', CHIPS.get(a.status, "chip-muted"), a.get_status_display())
