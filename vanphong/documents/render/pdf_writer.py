"""Render a Layout to PDF with ReportLab: header table, rules and boxed marks drawn, body flowing across pages.

The embedded serif (fonts.py) has Times New Roman's metrics, so lines break where Word's would. Page numbers
start on the guideline's page (2), centred over the text area; with mirrored margins even pages swap left and right.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFDictionary
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from vanphong.documents.render.compose import Line, Sheet, compose
from vanphong.documents.render.fonts import PdfFonts, pdf_fonts
from vanphong.documents.render.guidelines import Guideline, GuidelineSet, TextStyle, bundled_guidelines
from vanphong.documents.render.layout import Layout

__all__ = ["render_pdf"]

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
RULE_PT = 0.6  # stroke of the rules under headings, as Word's ½-pt border prints
LEADING = 1.2  # header and signature lines: single spacing of the font


def render_pdf(
    layout: Layout, guideline: Guideline | str | None = None, guidelines: GuidelineSet | None = None
) -> bytes:
    """The document as PDF bytes, under `guideline` (an id, a Guideline, or the system's default)."""
    g = (guidelines or bundled_guidelines()).resolve(layout.system, guideline)
    return _PdfWriter(compose(layout, g), pdf_fonts()).build()


class Rule(Flowable):
    """A horizontal rule of a given width, centred in the space it is given, drawn just under the line above."""

    def __init__(self, width: float, gap: float = 4.0, after: float = 2.0) -> None:
        super().__init__()
        self.rule_width, self.gap, self.after = width, gap, after
        self.avail = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.gap + self.after

    def draw(self) -> None:
        x = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(RULE_PT)
        self.canv.line(x, self.after, x + self.rule_width, self.after)


class BoxedText(Flowable):
    """A mark in a single-line rectangle (secrecy, urgency, draft), in the mark's colour."""

    def __init__(self, text: str, font: str, size: float, color: str, align: str, pad: float = 3.0) -> None:
        super().__init__()
        self.text, self.font, self.size, self.color, self.align, self.pad = text, font, size, color, align, pad
        self.text_width = stringWidth(text, font, size)
        self.avail = self.text_width + 2 * pad

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size * LEADING + 2 * self.pad + 2

    def draw(self) -> None:
        box_w = self.text_width + 2 * self.pad
        x = {"left": 0.0, "right": self.avail - box_w}.get(self.align, (self.avail - box_w) / 2)
        c = self.canv
        c.setStrokeColor(HexColor("#" + self.color))
        c.setFillColor(HexColor("#" + self.color))
        c.setLineWidth(0.8)
        c.rect(x, 1, box_w, self.size * LEADING + 2 * self.pad, stroke=1, fill=0)
        c.setFont(self.font, self.size)
        c.drawString(x + self.pad, 1 + self.pad + self.size * 0.28, self.text)


class _Destinations(PDFDictionary):
    """The named destinations, their names escaped as PDF requires.

    ReportLab's names leave "/" bare, so "/muc-II/diem-2" would read as two names and the dictionary (and any
    signature added to the file later) would break; here "/" is written #2F, as every other special character.
    """

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:
        lines = [_pdf_name(k).encode("ascii") + b" " + pdf_format(v, document) for k, v in sorted(self.dict.items())]
        return b"<<\n" + IND.join(lines) + b"\n>>"


def _pdf_name(name: str) -> str:
    return "/" + "".join(c if "!" <= c <= "~" and c not in "%()<>{}[]#/" else f"#{ord(c):02X}" for c in name)


class _AnchoredCanvas(Canvas):
    """A canvas that writes every anchor as a named destination, cited or not.

    ReportLab only writes the destinations that a link or an outline entry uses; anchors are cited from outside
    the file (follow-up tasks open "…#muc-II/diem-2"), so all of them go into the catalogue's /Dests.
    """

    def save(self) -> None:
        if self._destinations:
            self._doc.Catalog.Dests = _Destinations(dict(self._destinations))
        super().save()


class _PdfWriter:
    def __init__(self, sheet: Sheet, fonts: PdfFonts) -> None:
        self.sheet, self.fonts, self.g = sheet, fonts, sheet.guideline
        self.width = self.g.text_width_mm * mm
        self._styles: dict[tuple[Any, ...], ParagraphStyle] = {}

    # Text -----------------------------------------------------------------------------------------------------
    def pstyle(
        self, style: TextStyle, leading: float | None = None, align: str | None = None, **extra: Any
    ) -> ParagraphStyle:
        key = (style, leading, align, tuple(sorted(extra.items())))
        if key not in self._styles:
            self._styles[key] = ParagraphStyle(
                f"vp{len(self._styles)}",
                fontName=self.fonts.face(style.bold, style.italic),
                fontSize=style.size,
                leading=leading or style.size * LEADING,
                alignment=_ALIGN[align or style.align],
                textColor=HexColor("#" + style.color),
                **extra,
            )
        return self._styles[key]

    def para(self, line: Line, align: str | None = None, anchor: str | None = None, **extra: Any) -> Flowable:
        style = line.style
        if style.boxed:
            return BoxedText(line.text, self.fonts.face(style.bold, style.italic), style.size, style.color,
                             align or style.align)  # fmt: skip
        text = escape(line.text)
        if style.underline:
            text = f"<u>{text}</u>"
        if anchor:
            text = f'<a name="{escape(anchor)}"/>{text}'
        if line.indent_mm:
            extra["leftIndent"] = line.indent_mm * mm
        return RLParagraph(text, self.pstyle(style, align=align, **extra))

    def width_of(self, line: Line, limit: float) -> float:
        s = line.style
        return min(limit, stringWidth(line.text, self.fonts.face(s.bold, s.italic), s.size))

    # Parts ----------------------------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        sh, g = self.sheet, self.g
        left_w = self.width * g.header_left_ratio
        right_w = self.width - left_w
        left: list[Flowable] = [self.para(line) for line in sh.issuer]
        if sh.issuer_mark is not None:
            left.append(self.para(sh.issuer_mark))
        else:
            left.append(Rule(self.width_of(sh.issuer[-1], left_w) * g.issuer_rule_ratio))
        right: list[Flowable] = [self.para(line) for line in sh.heading]
        right.append(Rule(self.width_of(sh.heading[-1], right_w) * g.heading_rule_ratio))
        table = Table(
            [[left, right], [[self.para(x) for x in sh.under_number], [self.para(x) for x in sh.under_date]]],
            colWidths=[left_w, right_w],
        )
        table.setStyle(_bare_table(self.fonts.face(), extra=[("TOPPADDING", (0, 1), (-1, 1), g.header_gap_pt)]))
        out: list[Flowable] = [self.para(x, align="left") for x in sh.above_header_left]
        out += [self.para(x, align="right") for x in sh.above_header_right]
        if out:
            # A boxed mark (DỰ THẢO) must not touch the heading under it.
            out.append(Spacer(1, g.header_gap_pt))
        return [*out, table]

    def title(self) -> list[Flowable]:
        sh, g = self.sheet, self.g
        out: list[Flowable] = [Spacer(1, g.space_before_title_pt)]
        out += [self.para(x) for x in sh.above_title]
        if sh.type_name is not None:
            out.append(self.para(sh.type_name))
        if sh.summary is not None:
            out.append(self.para(sh.summary))
            if sh.summary_dashes is not None:
                out.append(self.para(sh.summary_dashes))
            elif sh.summary_rule:
                out.append(Rule(self.width_of(sh.summary, self.width) * g.summary_rule_ratio))
        if sh.addressees:
            out.append(Spacer(1, g.space_after_pt))
            out += [self.para(x) for x in sh.addressees]
        out.append(Spacer(1, g.space_before_title_pt))
        return out

    def body(self) -> list[Flowable]:
        g = self.g
        out: list[Flowable] = []
        for item in self.sheet.body:
            style = self.pstyle(
                item.style, leading=g.line_spacing_pt, firstLineIndent=g.first_line_indent_mm * mm * item.indented,
                spaceAfter=g.space_after_pt, keepWithNext=1 if item.level else 0,
            )  # fmt: skip
            text = escape(item.text)
            if item.anchor:
                text = f'<a name="{escape(item.anchor)}"/>{text}'
            out.append(RLParagraph(text, style))
        return out

    def footer(self) -> list[Flowable]:
        sh, g = self.sheet, self.g
        left_w = self.width * g.footer_left_ratio
        right_w = self.width - left_w
        left: list[Flowable] = [self.para(sh.recipients[0])]
        # A recipient that wraps continues under its text, not under its dash.
        items = g.style("recipients")
        hang = stringWidth("- ", self.fonts.face(items.bold, items.italic), items.size)
        left += [self.para(x, leftIndent=hang, firstLineIndent=-hang) for x in sh.recipients[1:]]
        if sh.typist is not None:
            left.append(self.para(sh.typist, spaceBefore=6))
        right: list[Flowable] = [self.para(x) for x in sh.signer]
        right.append(self.signature(right_w))
        right.append(self.para(sh.signer_name))
        table = Table([[left, right]], colWidths=[left_w, right_w])
        table.setStyle(_bare_table(self.fonts.face()))
        out: list[Flowable] = [Spacer(1, g.footer_gap_pt), table]
        if sh.contact is not None:
            out += [Spacer(1, g.footer_gap_pt), Rule(self.width, gap=0, after=3), self.para(sh.contact)]
        return out

    def signature(self, width: float) -> Flowable:
        height = self.g.signature_space_mm * mm
        data = self.sheet.signature_image
        if not data:
            return Spacer(1, height)
        img_w, img_h = ImageReader(BytesIO(data)).getSize()
        scale = min(height / img_h, width / img_w)
        return Image(BytesIO(data), width=img_w * scale, height=img_h * scale)

    # Pages ----------------------------------------------------------------------------------------------------
    def build(self) -> bytes:
        g = self.g
        page = (g.page_width_mm * mm, g.page_height_mm * mm)
        height = (g.page_height_mm - g.margin_top_mm - g.margin_bottom_mm) * mm

        def frame(left_mm: float) -> Frame:
            return Frame(left_mm * mm, g.margin_bottom_mm * mm, self.width, height,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip

        if g.mirrored:
            templates = [
                PageTemplate("odd", [frame(g.margin_left_mm)], onPage=self.number, autoNextPageTemplate="even"),
                PageTemplate("even", [frame(g.margin_right_mm)], onPage=self.number, autoNextPageTemplate="odd"),
            ]
        else:
            templates = [PageTemplate("page", [frame(g.margin_left_mm)], onPage=self.number)]
        out = BytesIO()
        doc = BaseDocTemplate(
            out, pagesize=page, pageTemplates=templates, title=self.sheet.title, author=self.sheet.issuer[-1].text,
            creator="VănPhòng", subject=g.title, lang="vi-VN", invariant=1,
            initialFontName=self.fonts.face(), initialFontSize=g.style("body").size,
        )  # fmt: skip
        doc.build([*self.header(), *self.title(), *self.body(), *self.footer()], canvasmaker=_AnchoredCanvas)
        return out.getvalue()

    def number(self, canvas: Any, doc: Any) -> None:
        g = self.g
        page = canvas.getPageNumber()
        if page < g.page_numbers_from:
            return
        style = g.style("page_number")
        left = g.margin_right_mm if g.mirrored and page % 2 == 0 else g.margin_left_mm
        y = (
            g.page_height_mm - g.page_numbers_offset_mm
            if g.page_numbers_position == "top"
            else g.page_numbers_offset_mm
        )
        canvas.saveState()
        canvas.setFont(self.fonts.face(style.bold, style.italic), style.size)
        canvas.setFillColor(HexColor("#" + style.color))
        canvas.drawCentredString((left + g.text_width_mm / 2) * mm, y * mm, str(page))
        canvas.restoreState()


def _bare_table(font: str, extra: list[tuple[Any, ...]] | None = None) -> TableStyle:
    # Layout tables: no borders, no padding, each column's content from the top; the cell font is set only so
    # ReportLab does not pull in (unembedded) Helvetica for cells that hold no text of their own.
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        *(extra or []),
    ])  # fmt: skip
