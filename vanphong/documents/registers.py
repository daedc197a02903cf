"""The registers as Nghị định 30/2020/NĐ-CP draws them: the same columns on the page, in XLSX and in PDF.

Incoming (sổ đăng ký văn bản đến): ngày đến, số đến, tác giả, số ký hiệu, ngày văn bản, tên loại và trích yếu,
đơn vị hoặc người nhận, ngày chuyển, ký nhận, ghi chú. Outgoing (sổ đăng ký văn bản đi): số ký hiệu, ngày, tên
loại và trích yếu, người ký, nơi nhận, đơn vị/người nhận bản lưu, số lượng bản, ngày chuyển, ký nhận, ghi chú.
A Tuyệt mật document's summary is not written in the register (Nghị định 63/2026, draft): "(Tuyệt mật)" instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from vanphong.core.ids import id_url
from vanphong.documents.models import Document, IncomingEntry
from vanphong.security.classification import Classification, Urgency

EXPORT_LIMIT = 20_000

INCOMING_COLUMNS = ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày văn bản", "Tên loại và trích yếu nội dung",
                    "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú")
OUTGOING_COLUMNS = ("Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
                    "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận",
                    "Ghi chú")


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d/%m/%Y")


def summary_for_register(doc: Document) -> str:
    if doc.classification >= Classification.TUYET_MAT:
        return f"{doc.doc_type.name} (Tuyệt mật)"
    return doc.type_and_summary


def _marks(doc: Document) -> str:
    parts = [str(Classification(doc.classification).label)] if doc.classification else []
    if doc.urgency:
        parts.append(str(Urgency(doc.urgency).label))
    return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    record: Any
    url: str = ""


def incoming_rows(entries: Iterable[IncomingEntry]) -> list[Row]:
    url = id_url("documents:incoming")
    out = []
    for e in entries:
        doc = e.document
        to = e.handler.display_name if e.handler_id and e.handler else ""
        unit = e.lead_unit or e.receiving_unit
        receiver = ", ".join(p for p in (unit.short_name or unit.name if unit else "", to) if p)
        signed = e.confirmed_by.display_name if e.confirmed_by_id and e.confirmed_by else ""
        note = "; ".join(p for p in (_marks(doc), e.note) if p)
        out.append(Row((_day(e.received_at), str(e.number or ""), doc.issuer_name, doc.symbol, _day(doc.issued_on),
                        summary_for_register(doc), receiver, _day(e.handed_at), signed, note), e, url(e.pk)))
    return out


def outgoing_rows(docs: Iterable[Document]) -> list[Row]:
    url = id_url("documents:detail")
    out = []
    for d in docs:
        internal = ", ".join(u.short_name or u.name for u in d.internal_recipients.all())
        recipients = "; ".join(p for p in (" ".join(d.recipient_lines()).replace("- ", ""), internal) if p)
        filed = d.filed_unit.name if d.filed_unit_id and d.filed_unit else "Văn thư"
        out.append(Row((d.symbol, _day(d.issued_on), summary_for_register(d), d.signer_name, recipients, filed,
                        str(d.copies or ""), _day(d.released_at), "", "; ".join(p for p in (_marks(d), d.note) if p)),
                       d, url(d.pk)))
    return out


def to_xlsx(title: str, columns: tuple[str, ...], rows: list[Row]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    widths = (12, 9, 28, 16, 12, 60, 24, 12, 16, 20)
    for n, width in enumerate(widths[: len(columns)]):
        ws.column_dimensions[chr(ord("A") + n)].width = width
    from openpyxl.cell import WriteOnlyCell

    heading = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        heading.append(cell)
    ws.append(heading)
    for row in rows:
        ws.append(list(row.cells))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_pdf(title: str, columns: tuple[str, ...], rows: list[Row]) -> bytes:
    """The register on landscape A4 pages, the heading row repeated on each, in the documents' own font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from vanphong.documents.render.fonts import pdf_fonts

    names = pdf_fonts().names
    regular, bold = names["regular"], names["bold"]
    cell = ParagraphStyle("o", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("h", fontName=bold, fontSize=8, leading=10)
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=10 * mm, rightMargin=10 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=title)
    data = [[Paragraph(c, head) for c in columns]]
    data += [[Paragraph(_escape(v), cell) for v in r.cells] for r in rows]
    weights = (8, 6, 16, 11, 8, 36, 15, 8, 10, 12)[: len(columns)]
    usable = page[0] - 20 * mm
    table = Table(data, colWidths=[usable * w / sum(weights) for w in weights], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ]))
    heading = ParagraphStyle("t", fontName=bold, fontSize=13, leading=16, alignment=1, spaceAfter=6)
    doc.build([Paragraph(_escape(title.upper()), heading), table])
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
