"""Statistics of letters and cases for a reporting period (monthly, first quarter, 6, 9 months, year) by kind,
field, locality, status and timeliness, as a page, XLSX (with a native Excel chart) and PDF (charts drawn by
ReportLab, no network).

Periods: the Party's reporting calendar in DOMAIN.md §5 names the reports but not their days, so a period is
counted in calendar months from 1 January (a 6-month report: 1/1 to 30/6), as each report says on its face.
State reporting (Nghị định 09/2019/NĐ-CP) closes a period on the 14th of its last month and opens it on the 15th
of the month before; setting PETITIONS_REPORT_CLOSING_DAY (default 0: the last day of the month) or the page's
choice makes a report close on that day instead.

What is counted: the cases the reader may see (the access policy, in the query), received in the period, and
those received before it still open when it began ("kỳ trước chuyển sang"). Timeliness is as of the period's end
(or today, for a period not over): a case that left the office's open work (resolved, forwarded, not accepted)
on or before its deadline is on time, after it late; one still open then is overdue if its deadline had passed.
Only counts and labels leave this module: no summary, no name, nothing a denouncer could be known by.
"""

from __future__ import annotations

import calendar
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vanphong.core.errors import ServiceError
from vanphong.core.models import Place, User
from vanphong.petitions.models import Field, Kind, Petition, PetitionCase, ReceptionDay, ReceptionVisitor
from vanphong.security import policy
from vanphong.workflow.models import Step

KINDS = {"thang": "Báo cáo tháng", "quy1": "Báo cáo quý I", "6thang": "Báo cáo 6 tháng",
         "9thang": "Báo cáo 9 tháng", "nam": "Báo cáo năm"}
LAST_MONTH = {"quy1": 3, "6thang": 6, "9thang": 9, "nam": 12}


class T:
    """Timeliness buckets, in the order reports show them."""

    ON_TIME = "Giải quyết đúng hạn"
    LATE = "Giải quyết quá hạn"
    OVERDUE = "Quá hạn, chưa giải quyết"
    IN_TIME = "Đang giải quyết, trong hạn"
    NO_DEADLINE = "Chưa có hạn"
    ALL = (ON_TIME, LATE, OVERDUE, IN_TIME, NO_DEADLINE)


def default_closing_day() -> int:
    return int(getattr(settings, "PETITIONS_REPORT_CLOSING_DAY", 0) or 0)


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    month: int  # the month of a monthly report; the last month otherwise
    closing_day: int  # 0: the last day of the month
    start: date
    end: date

    @property
    def title(self) -> str:
        if self.kind == "thang":
            return f"{KINDS[self.kind]} {self.month}/{self.year}"
        return f"{KINDS[self.kind]} {self.year}"

    @property
    def basis(self) -> str:
        if self.closing_day:
            return (f"Kỳ báo cáo từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y} (chốt số liệu ngày "
                    f"{self.closing_day} tháng cuối kỳ, như kỳ báo cáo của cơ quan nhà nước).")
        return (f"Kỳ báo cáo từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y} (tính theo tháng dương lịch, "
                "từ ngày 01/01).")


def period(kind: str, year: int, month: int | None = None, closing_day: int | None = None) -> Period:
    if kind not in KINDS:
        raise ServiceError("Hãy chọn loại báo cáo: tháng, quý I, 6 tháng, 9 tháng hoặc năm.", field="ky")
    if not 2000 <= year <= 2100:
        raise ServiceError("Năm báo cáo không hợp lệ.", field="nam")
    closing = default_closing_day() if closing_day is None else closing_day
    if not 0 <= closing <= 28:
        raise ServiceError("Ngày chốt số liệu phải từ 1 đến 28 (hoặc 0: cuối tháng).", field="chot")
    if kind == "thang":
        if month is None or not 1 <= month <= 12:
            raise ServiceError("Hãy chọn tháng báo cáo (1–12).", field="thang")
        first, last = month, month
    else:
        first, last = 1, LAST_MONTH[kind]
    if closing:
        end = date(year, last, closing)
        py, pm = (year - 1, 12) if first == 1 else (year, first - 1)
        start = date(py, pm, closing) + timedelta(days=1)
    else:
        start = date(year, first, 1)
        end = date(year, last, calendar.monthrange(year, last)[1])
    return Period(kind, year, last, closing, start, end)


@dataclass(frozen=True)
class Line:
    label: str
    total: int
    new: int  # received in the period
    carried: int  # received before it, still open when it began


@dataclass
class Report:
    period: Period
    as_of: date
    letters: int = 0
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    cases_new: int = 0
    cases_carried: int = 0
    by_kind: list[Line] = field(default_factory=list)
    by_field: list[Line] = field(default_factory=list)
    by_locality: list[Line] = field(default_factory=list)
    by_status: list[Line] = field(default_factory=list)
    timeliness: list[tuple[str, int]] = field(default_factory=list)
    kind_timeliness: list[tuple[str, list[int]]] = field(default_factory=list)
    receptions: int = 0
    visitors: int = 0

    @property
    def cases(self) -> int:
        return self.cases_new + self.cases_carried

    def timeliness_of(self, bucket: str) -> int:
        return dict(self.timeliness).get(bucket, 0)

    def lines(self) -> list[tuple[str, list[Line]]]:
        return [("Theo loại đơn", self.by_kind), ("Theo lĩnh vực", self.by_field),
                ("Theo địa bàn", self.by_locality), ("Theo trạng thái (tại ngày lập báo cáo)", self.by_status)]


def _leaving_steps(since: datetime) -> QuerySet[Step]:
    """The steps by which cases left the office's open work (from an open state to another) since `since`."""
    return (Step.objects.filter(machine="petitions.case", at__gte=since, source__in=PetitionCase.OPEN)
            .exclude(target__in=PetitionCase.OPEN))


def bucket(deadline: date | None, left: date | None, as_of: date) -> str:
    if left is not None and left <= as_of:
        if deadline is None:
            return T.NO_DEADLINE
        return T.ON_TIME if left <= deadline else T.LATE
    if deadline is None:
        return T.NO_DEADLINE
    return T.OVERDUE if deadline < as_of else T.IN_TIME


def _lines(new: Counter[Any], carried: Counter[Any], labels: dict[Any, str], *, order: list[Any] | None = None
           ) -> list[Line]:
    keys = order if order is not None else sorted(set(new) | set(carried), key=lambda k: -(new[k] + carried[k]))
    return [Line(labels.get(k, str(k)), new[k] + carried[k], new[k], carried[k]) for k in keys
            if order is None or new[k] + carried[k] or k in labels]


def build(user: User, p: Period, today: date | None = None) -> Report:
    """The report of period `p` over what `user` may see."""
    today = today or timezone.localdate()
    as_of = min(p.end, today)
    report = Report(p, as_of)
    tz = timezone.get_current_timezone()
    start_at = datetime.combine(p.start, datetime.min.time(), tzinfo=tz)
    # When each case first left the open states, read once (a case never goes back to them): a dict, not a
    # correlated subquery per case, which PostgreSQL ran as a nested loop over every case.
    leaving = _leaving_steps(start_at)
    left_at: dict[int, datetime] = {}
    for record_id, moved in leaving.order_by().values_list("record_id", "at").iterator(chunk_size=5000):
        if record_id not in left_at or moved < left_at[record_id]:
            left_at[record_id] = moved
    # Received in the period, or before it and still open when it began (open now, or left since it began).
    cases = (policy.visible(user, PetitionCase.objects.filter(received_on__lte=p.end))
             .filter(Q(received_on__gte=p.start) | Q(status__in=PetitionCase.OPEN)
                     | Q(pk__in=leaving.values("record_id")))
             .values_list("pk", "received_on", "kind", "field", "locality_id", "status", "deadline"))
    new: dict[str, Counter[Any]] = {d: Counter() for d in ("kind", "field", "locality", "status")}
    carried: dict[str, Counter[Any]] = {d: Counter() for d in new}
    timely: Counter[str] = Counter()
    per_kind: dict[str, Counter[str]] = {}
    for pk, received, kind, fld, locality, status, deadline in cases.iterator(chunk_size=5000):
        at = left_at.get(pk)
        left = timezone.localdate(at, tz) if at is not None else None
        into = new if received >= p.start else carried
        into["kind"][kind] += 1
        into["field"][fld] += 1
        into["locality"][locality] += 1
        into["status"][status] += 1
        b = bucket(deadline, left, as_of)
        timely[b] += 1
        per_kind.setdefault(kind, Counter())[b] += 1
    report.cases_new = sum(new["kind"].values())
    report.cases_carried = sum(carried["kind"].values())
    kinds = {**dict(Kind.choices), "": "Chưa phân loại"}
    report.by_kind = _lines(new["kind"], carried["kind"], kinds, order=[*Kind.values, ""])
    report.by_field = _lines(new["field"], carried["field"], {**dict(Field.choices), "": "Chưa xác định"},
                             order=[*Field.values, ""])
    places = dict(Place.objects.filter(pk__in=[k for k in set(new["locality"]) | set(carried["locality"]) if k])
                  .values_list("pk", "short_name"))
    report.by_locality = _lines(new["locality"], carried["locality"], {**places, None: "Chưa xác định"})
    report.by_status = _lines(new["status"], carried["status"], dict(PetitionCase.Status.choices),
                              order=list(PetitionCase.Status.values))
    report.timeliness = [(b, timely[b]) for b in T.ALL]
    report.kind_timeliness = [(kinds[k], [per_kind.get(k, Counter())[b] for b in T.ALL])
                              for k in [*Kind.values, ""] if k in per_kind]
    letters = policy.visible_through(user, Petition.objects.filter(received_on__gte=p.start,
                                                                   received_on__lte=p.end), "case", PetitionCase)
    channels = dict(Petition.Channel.choices)
    by_channel = dict(letters.order_by().values_list("channel").annotate(n=Count("pk")))
    report.by_channel = [(channels[c], by_channel.get(c, 0)) for c in Petition.Channel.values]
    report.letters = sum(by_channel.values())
    days = policy.visible(user, ReceptionDay.objects.filter(day__gte=p.start, day__lte=p.end)).exclude(
        status=ReceptionDay.Status.CANCELLED)
    report.receptions = days.count()
    report.visitors = ReceptionVisitor.objects.filter(reception__in=days).count()
    return report


# --- files ----------------------------------------------------------------------------------------------------------
SCOPE = ("Số liệu gồm các vụ việc người lập báo cáo được xem theo phân quyền; báo cáo không ghi nội dung đơn, "
         "người gửi hay người tố cáo.")
TIMELINESS_NOTE = ("Đúng hạn, quá hạn tính đến ngày {as_of:%d/%m/%Y} theo hạn giải quyết lưu trên vụ việc; "
                   "“giải quyết” gồm cả chuyển đơn, không thụ lý.")


def filename(report: Report, ext: str) -> str:
    p = report.period
    tail = f"{p.year}-{p.month:02d}" if p.kind == "thang" else str(p.year)
    return f"bao-cao-don-thu-{p.kind}-{tail}.{ext}"


def to_xlsx(report: Report, reader: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    ws.column_dimensions["A"].width = 42
    for col in "BCDEFG":
        ws.column_dimensions[col].width = 16
    bold = Font(bold=True)
    ws.append([f"{report.period.title.upper()} VỀ TIẾP CÔNG DÂN, ĐƠN THƯ, KHIẾU NẠI, TỐ CÁO"])
    ws["A1"].font = Font(bold=True, size=13)
    for text in (report.period.basis, TIMELINESS_NOTE.format(as_of=report.as_of), SCOPE,
                 f"Người lập: {reader}" if reader else ""):
        if text:
            ws.append([text])
    ws.append([])
    ws.append(["Đơn thư tiếp nhận trong kỳ", report.letters])
    for label, n in report.by_channel:
        ws.append([f"  {label}", n])
    ws.append(["Vụ việc (tiếp nhận trong kỳ và kỳ trước chuyển sang)", report.cases])
    ws.append(["  Tiếp nhận trong kỳ", report.cases_new])
    ws.append(["  Kỳ trước chuyển sang", report.cases_carried])
    ws.append(["Buổi tiếp công dân", report.receptions])
    ws.append(["Lượt người được tiếp", report.visitors])
    ws.append([])
    ws.append(["Tiến độ giải quyết", "Số vụ việc"])
    ws.cell(ws.max_row, 1).font = bold
    first_t = ws.max_row + 1
    for label, n in report.timeliness:
        ws.append([label, n])
    last_t = ws.max_row
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Tiến độ giải quyết"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=first_t - 1, max_row=last_t), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_t, max_row=last_t))
    chart.height, chart.width = 7, 16
    ws.add_chart(chart, "E8")
    kind_rows: tuple[int, int] = (0, 0)
    for heading, lines in report.lines():
        ws.append([])
        ws.append([heading, "Tổng số", "Tiếp nhận trong kỳ", "Kỳ trước chuyển sang"])
        for c in ws[ws.max_row]:
            c.font = bold
            c.alignment = Alignment(wrap_text=True)
        top = ws.max_row + 1
        for row in lines:
            ws.append([row.label, row.total, row.new, row.carried])
        if heading == "Theo loại đơn":
            kind_rows = (top, ws.max_row)
    ws.append([])
    ws.append(["Loại đơn × tiến độ", *T.ALL])
    for c in ws[ws.max_row]:
        c.font = bold
        c.alignment = Alignment(wrap_text=True)
    for label, counts in report.kind_timeliness:
        ws.append([label, *counts])
    if kind_rows[0] and kind_rows[1] >= kind_rows[0]:
        bars = BarChart()
        bars.title = "Vụ việc theo loại đơn"
        bars.add_data(Reference(ws, min_col=3, max_col=4, min_row=kind_rows[0] - 1, max_row=kind_rows[1]),
                      titles_from_data=True)
        bars.set_categories(Reference(ws, min_col=1, min_row=kind_rows[0], max_row=kind_rows[1]))
        bars.grouping, bars.overlap = "stacked", 100
        bars.height, bars.width = 7, 16
        ws.add_chart(bars, "E24")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bar_chart(title: str, labels: list[str], series: list[list[int]], names: list[str], font: str,
               width: float, height: float = 170) -> Any:
    """A horizontal bar chart (stacked when several series) as a ReportLab drawing: vector, no network."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    palette = [colors.HexColor("#1f5f99"), colors.HexColor("#c0392b"), colors.HexColor("#e67e22"),
               colors.HexColor("#27ae60"), colors.HexColor("#7f8c8d")]
    rows = max(len(labels), 1)
    height = max(height, 28 + rows * 16)
    d = Drawing(width, height)
    d.add(String(0, height - 12, title, fontName=font, fontSize=10))
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 10
    chart.width, chart.height = width - 150 - (110 if len(series) > 1 else 20), height - 40
    # Top row first, as a table reads.
    chart.data = [list(reversed(s)) for s in series] or [[0]]
    chart.categoryAxis.categoryNames = list(reversed(labels)) or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([sum(col) for col in zip(*series, strict=True)] if series and series[0] else [0])
    chart.valueAxis.valueMax = max(top, 1) * 1.1
    chart.valueAxis.valueStep = max(1, round(max(top, 1) / 5))
    if len(series) > 1:
        chart.categoryAxis.style = "stacked"
    for n in range(len(series)):
        chart.bars[n].fillColor = palette[n % len(palette)]
        chart.bars[n].strokeColor = None
    chart.barLabels.fontName = font
    d.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 100, height - 30
        legend.fontName, legend.fontSize = font, 7
        legend.colorNamePairs = [(palette[n % len(palette)], names[n]) for n in range(len(series))]
        legend.alignment = "right"
        d.add(legend)
    return d


def to_pdf(report: Report, reader: str = "") -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from vanphong.documents.render.fonts import pdf_fonts

    names = pdf_fonts().names
    regular, bold = names["regular"], names["bold"]
    body = ParagraphStyle("b", fontName=regular, fontSize=10, leading=13)
    small = ParagraphStyle("s", fontName=regular, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444"))
    head = ParagraphStyle("h", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("t", fontName=bold, fontSize=13, leading=17, alignment=1, spaceAfter=6)
    cell = ParagraphStyle("c", fontName=regular, fontSize=9, leading=11)
    cellb = ParagraphStyle("cb", fontName=bold, fontSize=9, leading=11)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=report.period.title)
    width = A4[0] - 33 * mm

    def table(header: list[str], rows: list[list[Any]], weights: list[float]) -> Table:
        data = [[Paragraph(_esc(h), cellb) for h in header]]
        data += [[Paragraph(_esc(str(v)), cell) for v in r] for r in rows]
        t = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        return t

    story: list[Any] = [
        Paragraph(_esc(f"{report.period.title.upper()}<br/>VỀ TIẾP CÔNG DÂN, ĐƠN THƯ, KHIẾU NẠI, TỐ CÁO")
                  .replace("&lt;br/&gt;", "<br/>"), title),
        Paragraph(_esc(report.period.basis), body),
        Paragraph(_esc(TIMELINESS_NOTE.format(as_of=report.as_of)), small),
        Paragraph(_esc(SCOPE + (f" Người lập: {reader}." if reader else "")), small),
        Spacer(1, 6),
        Paragraph("1. Tổng hợp", head),
        table(["Chỉ tiêu", "Số lượng"], [
            ["Đơn thư tiếp nhận trong kỳ", report.letters],
            *[[f"— {label}", n] for label, n in report.by_channel],
            ["Vụ việc tiếp nhận trong kỳ", report.cases_new],
            ["Vụ việc kỳ trước chuyển sang", report.cases_carried],
            ["Buổi tiếp công dân", report.receptions],
            ["Lượt người được tiếp", report.visitors],
        ], [4, 1]),
        KeepTogether([Paragraph("2. Tiến độ giải quyết", head),
                      _bar_chart("Vụ việc theo tiến độ giải quyết", [b for b, _ in report.timeliness],
                                 [[n for _, n in report.timeliness]], ["Số vụ việc"], regular, width, 120)]),
        table(["Loại đơn", *T.ALL], [[label, *counts] for label, counts in report.kind_timeliness],
              [2.2, 1, 1, 1, 1, 1]),
    ]
    for n, (heading, lines) in enumerate(report.lines(), start=3):
        shown = [line for line in lines if line.total]
        what = heading[5:]  # "Theo loại đơn" → "loại đơn"
        # The heading kept with its chart: never alone at the foot of a page.
        block: list[Any] = [Paragraph(f"{n}. Vụ việc theo {_esc(what)}", head)]
        if not heading.startswith("Theo trạng thái") and shown:
            top = shown[:15]
            block.append(_bar_chart(
                f"Vụ việc theo {what}" + (" (15 nhóm nhiều nhất)" if len(shown) > 15 else ""),
                [line.label for line in top], [[line.new for line in top], [line.carried for line in top]],
                ["Trong kỳ", "Kỳ trước chuyển sang"], regular, width))
        story.append(KeepTogether(block))
        story.append(table([what[:1].upper() + what[1:], "Tổng số", "Trong kỳ", "Kỳ trước chuyển sang"],
                           [[line.label, line.total, line.new, line.carried] for line in shown] or [["—", 0, 0, 0]],
                           [3, 1, 1, 1.3]))
    doc.build(story)
    return out.getvalue()
