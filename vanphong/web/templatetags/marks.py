"""`{% marks record %}`: the red secrecy and urgency marks, as on stamped paper.

A tag rather than an included template: it is drawn on every row of every register, where includes cost.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def marks(record: Any) -> SafeString:
    stamps = []
    if getattr(record, "classification", 0):
        stamps.append(("mark mark-secret", "Độ mật", record.get_classification_display()))
    if getattr(record, "urgency", 0):
        stamps.append(("mark mark-urgent", "Độ khẩn", record.get_urgency_display()))
    return format_html_join(" ", '<span class="{}" title="{}">{}</span>', stamps) if stamps else mark_safe("")
