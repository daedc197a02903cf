"""Render a Layout to DOCX with python-docx, as a clerk would build it in Word, so it stays editable.

Real Word structures: borderless two-column tables for the header and the signature block, rules as bottom
borders of short paragraphs, marks as bordered paragraphs, body headings in Heading 1–3 (restyled), the body in
its own paragraph style, a PAGE field in the header from page 2 (different first page), bookmarks for anchors.
Every run names the font in all four slots (ascii, hAnsi, eastAsia, cs) so Word uses it for every letter.
"""

from __future__ import annotations

import hashlib
import re
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from vanphong.documents.render.compose import Line, Sheet, compose
from vanphong.documents.render.fonts import approx_width
from vanphong.documents.render.guidelines import Guideline, GuidelineSet, TextStyle, bundled_guidelines
from vanphong.documents.render.layout import Layout

__all__ = ["BODY_STYLE", "bookmark_name", "render_docx"]

BODY_STYLE = "Nội dung văn bản"
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip
# Children of w:pPr that come after w:pBdr (the schema fixes the order; Word refuses files that break it).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_BOOKMARK_BAD = re.compile(r"[^A-Za-z0-9_]")
PAD_PT = 3.0  # between a mark's text and its box


def render_docx(
    layout: Layout, guideline: Guideline | str | None = None, guidelines: GuidelineSet | None = None
) -> bytes:
    """The document as DOCX bytes, under `guideline` (an id, a Guideline, or the system's default)."""
    g = (guidelines or bundled_guidelines()).resolve(layout.system, guideline)
    return _DocxWriter(compose(layout, g)).build()


def bookmark_name(anchor: str) -> str:
    """The Word bookmark for an anchor: letters, digits and "_", starting with a letter, at most 40 characters."""
    name = _BOOKMARK_BAD.sub("_", anchor)
    if not name[:1].isalpha():
        name = "n" + name
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode(), usedforsecurity=False).hexdigest()[:8]
    return name


def _el(tag: str, **attrs: str) -> _Element:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _rpr(rpr: _Element, style: TextStyle, font: str) -> None:
    """Rebuild a run's (or style's) properties from scratch, in schema order."""
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(_el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font))
    if style.bold:
        rpr.extend([_el("w:b"), _el("w:bCs")])
    if style.italic:
        rpr.extend([_el("w:i"), _el("w:iCs")])
    rpr.append(_el("w:color", val=style.color))
    half_points = str(round(style.size * 2))
    rpr.extend([_el("w:sz", val=half_points), _el("w:szCs", val=half_points)])
    if style.underline:
        rpr.append(_el("w:u", val="single"))
    rpr.append(_el("w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA"))


def _border(p: DocxParagraph, sides: tuple[str, ...], color: str = "000000", size: int = 6, space: int = 1) -> None:
    pbdr = _el("w:pBdr")
    for side in sides:
        pbdr.append(_el(f"w:{side}", val="single", sz=str(size), space=str(space), color=color))
    p._p.get_or_add_pPr().insert_element_before(pbdr, *_AFTER_PBDR)


class _DocxWriter:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet, self.g = sheet, sheet.guideline
        self.font = self.g.font
        self.width = Mm(self.g.text_width_mm)
        self.doc: DocxDocument = Document()
        self._bookmarks: set[str] = set()

    # Paragraphs -----------------------------------------------------------------------------------------------
    def run(self, p: DocxParagraph, text: str, style: TextStyle) -> None:
        _rpr(p.add_run(text)._r.get_or_add_rPr(), style, self.font)

    def para(self, where: DocxDocument | _Cell, line: Line, width: int, align: str | None = None,
             first: bool = False) -> DocxParagraph:  # fmt: skip
        """One line of text in `where` (whose text width is `width` EMU); boxed styles get a bordered box."""
        p = where.paragraphs[0] if first and where.paragraphs else where.add_paragraph()
        style = line.style
        pf = p.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.alignment = _ALIGN[align or style.align]
        if line.indent_mm:
            pf.left_indent = Mm(line.indent_mm)
        if style.boxed:
            box = Pt(approx_width(line.text, style.size, style.bold, style.italic) + 2 * PAD_PT + 2)
            spare = max(0, width - box)
            where_ = align or style.align
            pf.left_indent = Emu(spare if where_ == "right" else 0 if where_ == "left" else spare // 2)
            pf.right_indent = Emu(0 if where_ == "right" else spare if where_ == "left" else spare // 2)
            pf.space_before = pf.space_after = Pt(2)
            _border(p, ("top", "left", "bottom", "right"), style.color, size=8, space=round(PAD_PT))
        self.run(p, line.text, style)
        return p

    def rule(self, where: DocxDocument | _Cell, rule_pt: float, width: int, gap_pt: float = 2.0) -> None:
        """A centred rule `rule_pt` long: the bottom border of an empty paragraph one point high."""
        p = where.add_paragraph()
        pf = p.paragraph_format
        spare = max(0, width - Pt(rule_pt))
        pf.left_indent = pf.right_indent = Emu(spare // 2)
        pf.space_before, pf.space_after = Pt(0), Pt(gap_pt)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(1)
        _border(p, ("bottom",))
        mark = _el("w:rPr")  # the paragraph mark: a tiny font, so the empty line is no taller than its border
        _rpr(mark, TextStyle(size=1), self.font)
        p._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")

    def width_pt(self, line: Line, limit: int) -> float:
        s = line.style
        return min(Emu(limit).pt, approx_width(line.text, s.size, s.bold, s.italic))

    def table(self, rows: int, widths: list[int]) -> Table:
        """A borderless layout table with fixed column widths and no cell margins."""
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        tblpr = table._tbl.tblPr
        tblw = tblpr.find(qn("w:tblW"))
        if tblw is not None:  # the whole text width, in twentieths of a point
            tblw.set(qn("w:type"), "dxa")
            tblw.set(qn("w:w"), str(round(Emu(sum(widths)).pt * 20)))
        borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_el(f"w:{side}", val="nil"))
        tblpr.insert_element_before(borders, *_AFTER_TBLBORDERS)
        margins = _el("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            margins.append(_el(f"w:{side}", w="0", type="dxa"))
        tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
        for index, width in enumerate(widths):
            table.columns[index].width = Emu(width)
            for cell in table.columns[index].cells:
                cell.width = Emu(width)
        return table

    # Parts ----------------------------------------------------------------------------------------------------
    def header(self) -> None:
        sh, g, doc = self.sheet, self.g, self.doc
        for line in sh.above_header_left:
            self.para(doc, line, self.width, align="left")
        for line in sh.above_header_right:
            self.para(doc, line, self.width, align="right")
        left_w = int(self.width * g.header_left_ratio)
        right_w = self.width - left_w
        table = self.table(2, [left_w, right_w])
        top_left, top_right = table.rows[0].cells
        bottom_left, bottom_right = table.rows[1].cells
        for index, line in enumerate(sh.issuer):
            self.para(top_left, line, left_w, first=index == 0)
        if sh.issuer_mark is not None:
            self.para(top_left, sh.issuer_mark, left_w)
        else:
            self.rule(top_left, self.width_pt(sh.issuer[-1], left_w) * g.issuer_rule_ratio, left_w)
        for index, line in enumerate(sh.heading):
            self.para(top_right, line, right_w, first=index == 0)
        self.rule(top_right, self.width_pt(sh.heading[-1], right_w) * g.heading_rule_ratio, right_w)
        for cell, lines, width in ((bottom_left, sh.under_number, left_w), (bottom_right, sh.under_date, right_w)):
            for index, line in enumerate(lines):
                p = self.para(cell, line, width, first=index == 0)
                if index == 0:
                    p.paragraph_format.space_before = Pt(g.header_gap_pt)

    def title(self) -> None:
        sh, g, doc = self.sheet, self.g, self.doc
        first = True
        lines = [*sh.above_title, *([sh.type_name] if sh.type_name else []), *([sh.summary] if sh.summary else [])]
        for line in lines:
            p = self.para(doc, line, self.width)
            if first:
                p.paragraph_format.space_before = Pt(g.space_before_title_pt)
                first = False
        if sh.summary_dashes is not None:
            self.para(doc, sh.summary_dashes, self.width)
        elif sh.summary_rule and sh.summary is not None:
            self.rule(doc, self.width_pt(sh.summary, self.width) * g.summary_rule_ratio, self.width)
        for index, line in enumerate(sh.addressees):
            p = self.para(doc, line, self.width)
            if index == 0:
                p.paragraph_format.space_before = Pt(g.space_after_pt if lines else g.space_before_title_pt)

    def body(self) -> None:
        g = self.g
        for index, item in enumerate(self.sheet.body):
            style_name = f"Heading {item.level}" if item.level else BODY_STYLE
            p = self.doc.add_paragraph(style=style_name)
            if index == 0:
                p.paragraph_format.space_before = Pt(g.space_before_title_pt)
            if not item.indented:  # a centred heading: no indent, centred, whatever its style says
                p.paragraph_format.first_line_indent = Pt(0)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ident = self.bookmark(p, item.anchor) if item.anchor else None
            self.run(p, item.text, item.style)
            if ident is not None:
                p._p.append(_el("w:bookmarkEnd", id=ident))

    def bookmark(self, p: DocxParagraph, anchor: str) -> str:
        """Open a bookmark named after the anchor; returns its id, for the bookmarkEnd after the text."""
        name = bookmark_name(anchor)
        while name in self._bookmarks:  # two anchors that differ only in punctuation
            name = name[:36] + f"_{len(self._bookmarks) % 1000:03d}"
        self._bookmarks.add(name)
        ident = str(len(self._bookmarks))
        p._p.append(_el("w:bookmarkStart", id=ident, name=name))
        return ident

    def footer(self) -> None:
        sh, g = self.sheet, self.g
        left_w = int(self.width * g.footer_left_ratio)
        right_w = self.width - left_w
        table = self.table(1, [left_w, right_w])
        left, right = table.rows[0].cells
        self.para(left, sh.recipients[0], left_w, first=True).paragraph_format.space_before = Pt(g.footer_gap_pt)
        items = g.style("recipients")
        hang = approx_width("- ", items.size, items.bold, items.italic)  # a wrapped recipient continues under its text
        for line in sh.recipients[1:]:
            pf = self.para(left, line, left_w).paragraph_format
            pf.left_indent, pf.first_line_indent = Pt(hang), Pt(-hang)
        if sh.typist is not None:
            self.para(left, sh.typist, left_w).paragraph_format.space_before = Pt(6)
        for index, line in enumerate(sh.signer):
            p = self.para(right, line, right_w, first=index == 0)
            if index == 0:
                p.paragraph_format.space_before = Pt(g.footer_gap_pt)
        space = right.add_paragraph()
        space.alignment = WD_ALIGN_PARAGRAPH.CENTER
        space.paragraph_format.space_after = Pt(0)
        if sh.signature_image:
            space.add_run().add_picture(BytesIO(sh.signature_image), height=Mm(g.signature_space_mm))
        else:
            space.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            space.paragraph_format.line_spacing = Mm(g.signature_space_mm)
        self.para(right, sh.signer_name, right_w)
        if sh.contact is not None:
            p = self.para(self.doc, sh.contact, self.width)
            p.paragraph_format.space_before = Pt(g.footer_gap_pt)
            _border(p, ("top",), space=3)

    # Document -------------------------------------------------------------------------------------------------
    def styles(self) -> None:
        g, styles = self.g, self.doc.styles
        body = g.style("body")
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
        if rpr is not None:
            _rpr(rpr, body, self.font)
        _rpr(styles["Normal"].element.get_or_add_rPr(), body, self.font)
        normal = styles["Normal"].paragraph_format
        normal.space_before = normal.space_after = Pt(0)
        text = styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.quick_style = True
        for style, level in [(text, 0), *((styles[f"Heading {n}"], n) for n in (1, 2, 3))]:
            looks = g.style(f"heading{level}") if level else body
            _rpr(style.element.get_or_add_rPr(), looks, self.font)
            pf = style.paragraph_format
            pf.alignment = _ALIGN[looks.align]
            pf.first_line_indent = Mm(g.first_line_indent_mm)
            pf.space_before, pf.space_after = Pt(0), Pt(g.space_after_pt)
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(g.line_spacing_pt)
            pf.keep_with_next = bool(level)

    def page(self) -> None:
        g, section = self.g, self.doc.sections[0]
        section.page_width, section.page_height = Mm(g.page_width_mm), Mm(g.page_height_mm)
        section.top_margin, section.bottom_margin = Mm(g.margin_top_mm), Mm(g.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(g.margin_left_mm), Mm(g.margin_right_mm)
        style = g.style("page_number")
        # Word places the header's top at header_distance; the PDF places the number's baseline at the offset.
        ascent_mm = style.size * 0.9 * 25.4 / 72
        section.header_distance = Mm(max(3.0, g.page_numbers_offset_mm - ascent_mm))
        section.footer_distance = Mm(max(3.0, g.page_numbers_offset_mm - style.size * 0.2 * 25.4 / 72))
        if g.page_numbers_from > 1:
            section.different_first_page_header_footer = True
            first = section.first_page_header
            first.is_linked_to_previous = False
            first.paragraphs[0].text = ""
        part = section.header if g.page_numbers_position == "top" else section.footer
        part.is_linked_to_previous = False
        p = part.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
            r = p.add_run()
            _rpr(r._r.get_or_add_rPr(), style, self.font)
            if kind:
                r._r.append(_el("w:fldChar", fldCharType=kind))
            elif text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                r._r.append(instr)
            else:
                r.text = text
        if g.mirrored:
            settings = self.doc.settings.element
            settings.insert_element_before(_el("w:mirrorMargins"), *_AFTER_MIRROR)

    def build(self) -> bytes:
        self.styles()
        self.page()
        self.header()
        self.title()
        self.body()
        self.footer()
        props = self.doc.core_properties
        props.title, props.author, props.language = self.sheet.title, self.sheet.issuer[-1].text, "vi-VN"
        props.subject = self.g.title
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()


# Children of w:settings after w:mirrorMargins, in schema order.
_AFTER_MIRROR = ("w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter",
                 "w:gutterAtTop", "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
                 "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
                 "w:stylePaneSortMethod", "w:documentType", "w:mailMerge", "w:revisionView", "w:trackRevisions",
                 "w:doNotTrackMoves", "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
                 "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop")  # fmt: skip
