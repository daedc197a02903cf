"""`{% overdue_chart rows %}` and `{% overdue_table rows heading %}`: the overdue page's bars as SVG drawn on the
server, and the same figures as a table (for screen readers, and for those who want the numbers).

Tags rather than template loops: forty bars of a few elements each, and their table rows, cost the template
engine more than the grouped query behind them (about three quarters of the page's time on the benchmark).
Every text that comes from the data is escaped here; the numbers are integers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vanphong.followup.queries import OverdueBar

register = template.Library()

BAR_HEIGHT = 22
LABEL_WIDTH = 260
CHART_WIDTH = 720
# Room on the right of the longest bar for its "overdue/open" figure.
SPAN = CHART_WIDTH - LABEL_WIDTH - 60
LABEL_CHARS = 36

_BAR = ('<g><text x="{lx}" y="{ty}" text-anchor="end" font-size="13" fill="#1f2933">{label}</text>'
        '<rect x="{x}" y="{ry}" width="{open_w}" height="16" fill="#d3d8df"></rect>'
        '<rect x="{x}" y="{ry}" width="{late_w}" height="16" fill="#b3261e"></rect>'
        '<text x="{nx}" y="{ty}" font-size="13" fill="#1f2933">{late}/{open}</text></g>')
_ROW = '<tr><td>{label}</td><td class="num">{late}</td><td class="num">{open}</td></tr>'


def _short(label: str) -> str:
    # Labels are normalised (NFC) when saved, so a plain cut never splits a letter from its tone mark.
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _width(value: int, top: int) -> int:
    return max(1, round(SPAN * value / top))


@register.simple_tag
def overdue_chart(rows: Sequence[OverdueBar]) -> SafeString:
    """Grey bar: open tasks; red bar over it: the overdue ones; scaled to the group with the most open tasks."""
    top = max((r.open for r in rows), default=0) or 1
    bars = []
    for i, r in enumerate(rows):
        y = i * BAR_HEIGHT
        open_w = _width(r.open, top)
        bars.append(_BAR.format(
            lx=LABEL_WIDTH - 8, ty=y + 15, label=escape(_short(r.label)), x=LABEL_WIDTH,
            ry=y + 3, open_w=open_w, late_w=_width(r.overdue, top), nx=LABEL_WIDTH + open_w + 6,
            late=int(r.overdue), open=int(r.open),
        ))
    height = max(1, len(rows)) * BAR_HEIGHT
    return mark_safe(  # noqa: S308 - every data text above went through escape()
        f'<svg role="img" aria-labelledby="bieu-do" viewBox="0 0 {CHART_WIDTH} {height}" width="100%"'
        ' preserveAspectRatio="xMinYMin meet">'
        '<title id="bieu-do">Số nhiệm vụ quá hạn (đỏ) trên số chưa hoàn thành (xám)</title>'
        + "".join(bars) + "</svg>")


@register.simple_tag
def overdue_table(rows: Sequence[OverdueBar], heading: str) -> SafeString:
    body = "".join(_ROW.format(label=escape(r.label), late=int(r.overdue), open=int(r.open)) for r in rows)
    return mark_safe(  # noqa: S308 - the heading and the labels went through escape()
        f'<div class="table-wrap"><table class="table"><thead><tr><th scope="col">{escape(heading)}</th>'
        '<th scope="col" class="num">Quá hạn</th><th scope="col" class="num">Chưa hoàn thành</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>")
