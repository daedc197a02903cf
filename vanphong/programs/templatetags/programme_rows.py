"""`{% item_rows group prefix suffix %}`: the rows of a programme's table, drawn in one pass.

A year's programme has hundreds of rows; drawn by template nodes (a variable, an `if` for the chip's colour, the
link in three pieces) they cost the page more than all its queries, so they are drawn here. Every value is
escaped with the standard library's `html.escape` (quotes too, as Django's `escape` does), without the lazy-text
wrapper Django's own escaping pays on each call.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from vanphong.programs.queries import ItemGroup

register = template.Library()

# One meaning per colour (web/static/web/css): ok = done, muted = not started or no longer in the plan.
CHIPS = {"da_cho_y_kien": "chip-ok", "du_kien": "chip-muted", "rut_khoi": "chip-muted", "chuyen_ky": "chip-muted"}
ROW = ('<tr><td>{mark}<a href="{url}">{title}</a>{carried}</td><td>{kind}</td><td>{lead}</td><td>{co}</td>'
       '<td><span class="chip {chip}">{status}</span></td><td class="date">{end}</td></tr>')
CARRIED = ' <span class="muted">(từ chương trình cấp trên)</span>'


@register.simple_tag
def item_rows(group: ItemGroup, prefix: str, suffix: str) -> SafeString:
    prefix, suffix = escape(str(prefix)), escape(str(suffix))
    out = []
    for i in group.items:
        out.append(ROW.format(
            mark=f'<span class="mark mark-secret" title="Độ mật">{escape(i.mark)}</span> ' if i.mark else "",
            url=f"{prefix}{int(i.pk)}{suffix}", title=escape(i.title), carried=CARRIED if i.carried else "",
            kind=escape(i.kind), lead=escape(i.lead_body), co=escape(i.co_bodies),
            chip=CHIPS.get(i.status_code, "chip-info"), status=escape(i.status), end=escape(i.planned_end_text)))
    return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped
