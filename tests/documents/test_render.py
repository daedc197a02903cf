"""render_docx / render_pdf: each component's text and place, read back from the files (python-docx, pdfminer)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTCurve, LTPage, LTRect, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from vanphong.documents.render import (
    FontMissingError,
    GuidelineError,
    Heading,
    LayoutError,
    Paragraph,
    bookmark_name,
    bundled_guidelines,
    format_place_date,
    load_guidelines,
    render_docx,
    render_pdf,
)
from vanphong.documents.render import fonts as render_fonts
from vanphong.documents.render.guidelines import BUNDLED
from vanphong.documents.render.samples import party_conclusion, party_draft, party_letter, state_decision

MM = 72 / 25.4
VIETNAMESE = render_fonts.VIETNAMESE


# Reading a PDF back ---------------------------------------------------------------------------------------------
@dataclass
class Text:
    text: str
    x0: float
    x1: float
    top: float  # from the top edge of the page, in points
    bottom: float
    fonts: set[str]
    colors: set[tuple[float, ...]]

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Page:
    number: int
    width: float
    height: float
    texts: list[Text]
    rules: list[tuple[float, float, float]]  # x0, x1, top of each horizontal line
    boxes: list[tuple[float, float, float, float, tuple[float, ...]]]  # x0, x1, top, bottom, stroke colour

    def find(self, needle: str) -> Text:
        hits = [t for t in self.texts if needle in t.text]
        assert hits, f"“{needle}” not on page {self.number}: {[t.text for t in self.texts]}"
        return hits[0]

    def has(self, needle: str) -> bool:
        return any(needle in t.text for t in self.texts)


def _lines(item: object) -> list[LTTextLine]:
    if isinstance(item, LTTextLine):
        return [item]
    if isinstance(item, LTTextContainer):
        return [line for child in item for line in _lines(child)]
    return []


def _color(value: object) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in value) if isinstance(value, list | tuple) else (round(float(value), 3),)


@cache
def read_pdf(data: bytes) -> tuple[Page, ...]:
    pages = []
    for number, layout in enumerate(extract_pages(BytesIO(data), laparams=LAParams(char_margin=1.0)), start=1):
        assert isinstance(layout, LTPage)
        h = layout.height
        texts, rules, boxes = [], [], []
        for item in layout:
            for line in _lines(item):
                chars = [c for c in line if isinstance(c, LTChar)]
                texts.append(
                    Text(
                        line.get_text().strip(),
                        line.x0,
                        line.x1,
                        h - line.y1,
                        h - line.y0,
                        {c.fontname for c in chars},
                        {_color(c.graphicstate.ncolor) for c in chars},
                    )
                )
            if isinstance(item, LTRect) and item.height > 2:
                boxes.append((item.x0, item.x1, h - item.y1, h - item.y0, _color(item.stroking_color)))
            elif isinstance(item, LTCurve) and item.height < 1 and item.width > 5:
                rules.append((item.x0, item.x1, h - item.y1))
        pages.append(Page(number, layout.width, h, texts, rules, boxes))
    return tuple(pages)


def flowing_text(pages: tuple[Page, ...], margin_top: float = 20 * MM) -> str:
    """The text of every page below the top margin (so without page numbers), in reading order."""
    out = [t.text for p in pages for t in sorted(p.texts, key=lambda t: (t.top, t.x0)) if t.top >= margin_top - 2]
    return " ".join(" ".join(out).split())


def rule_under(page: Page, text: Text, within: float = 8.0) -> tuple[float, float, float]:
    rules = [r for r in page.rules if -4 <= r[2] - text.bottom <= within and r[0] < text.x1 and r[1] > text.x0]
    assert rules, f"no rule under “{text.text}”"
    return rules[0]


# Rendered once ------------------------------------------------------------------------------------------------
@cache
def party_pdf() -> tuple[Page, ...]:
    return read_pdf(render_pdf(party_conclusion()))


@cache
def state_pdf() -> tuple[Page, ...]:
    return read_pdf(render_pdf(state_decision()))


@cache
def party_docx() -> Document:
    return Document(BytesIO(render_docx(party_conclusion())))


def test_party_heading_is_top_right_with_a_rule_as_long_as_it() -> None:
    page = party_pdf()[0]
    heading = page.find("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert heading.x0 > page.width * 0.45 and heading.top < 35 * MM
    x0, x1, _ = rule_under(page, heading)
    assert abs((x1 - x0) - (heading.x1 - heading.x0)) < 3


def test_issuer_is_top_left_under_its_superior_with_the_asterisk_under_it() -> None:
    page = party_pdf()[0]
    superior, issuer, star = page.find("BAN CHẤP HÀNH TRUNG ƯƠNG"), page.find("BỘ CHÍNH TRỊ"), page.find("*")
    assert issuer.x1 < page.width / 2 + 10 and superior.top < issuer.top < star.top < 45 * MM
    assert abs(star.middle - issuer.middle) < 3 and any("Bold" in f for f in issuer.fonts)
    heading = page.find("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert abs(superior.top - heading.top) < 3


def test_number_sits_under_the_issuer_on_the_line_of_the_italic_place_and_date() -> None:
    page = party_pdf()[0]
    number, issuer, when = page.find("Số 21-KL/TW"), page.find("BỘ CHÍNH TRỊ"), page.find("Hà Nội, ngày")
    assert number.text == "Số 21-KL/TW" and number.top > page.find("*").top and abs(number.middle - issuer.middle) < 3
    assert when.text == "Hà Nội, ngày 03 tháng 4 năm 2026" and when.x0 > page.width / 2
    assert abs(when.top - number.top) < 2
    assert all("Italic" in f for f in when.fonts)


def test_type_name_is_centred_and_bold_with_the_summary_and_dashes_under_it() -> None:
    page = party_pdf()[0]
    centre = (30 * MM + page.width - 15 * MM) / 2
    kind, summary = page.find("KẾT LUẬN"), page.find("về tiếp tục đẩy mạnh")
    assert abs(kind.middle - centre) < 2 and all("Bold" in f for f in kind.fonts)
    assert kind.top > page.find("Số 21-KL/TW").top
    assert summary.text == "về tiếp tục đẩy mạnh chuyển đổi số trong các cơ quan đảng"
    assert summary.top > kind.top and abs(summary.middle - centre) < 2 and all("Bold" in f for f in summary.fonts)
    assert page.find("-----").top > summary.top


def test_body_flows_in_order_over_three_pages() -> None:
    pages = party_pdf()
    assert len(pages) == 3
    text, position = flowing_text(pages), 0
    for block in party_conclusion().body:
        words = " ".join(((block.label + " ") if isinstance(block, Heading) else "").split() + block.text.split())
        found = text.find(words, position)
        assert found >= position, f"“{words[:40]}…” missing or out of order"
        position = found + len(words)


def test_signer_block_is_at_the_right_and_recipients_at_the_bottom_left() -> None:
    page = party_pdf()[-1]
    authority, position, name = page.find("T/M BỘ CHÍNH TRỊ"), page.find("THƯỜNG TRỰC BAN BÍ THƯ"), page.find("Trần")
    label, last = page.find("Nơi nhận:"), page.find("- Lưu Văn phòng Trung ương Đảng.")
    assert authority.x0 > page.width / 2 - 20 and abs(authority.middle - name.middle) < 3
    assert authority.top < position.top < name.top and name.top - position.top > 20 * MM
    assert label.x0 < 32 * MM and abs(label.top - authority.top) < 2 and last.top > label.top
    assert rule_under(page, label, within=4)  # "Nơi nhận:" underlined under 36-HD
    assert page.find("NTH-150b").top > last.top


def test_secrecy_mark_is_red_in_a_red_box_and_urgency_bold_under_the_number() -> None:
    page = party_pdf()[0]
    number, secret, urgent = page.find("Số 21-KL/TW"), page.find("MẬT"), page.find("KHẨN")
    assert secret.colors == {(1.0, 0.0, 0.0)} and urgent.colors == {(0.0, 0.0, 0.0)}
    assert number.top < secret.top < urgent.top and abs(secret.middle - number.middle) < 3
    box = [b for b in page.boxes if b[0] < secret.x0 and b[1] > secret.x1 and b[2] < secret.top < b[3]]
    assert box and box[0][4] == (1.0, 0.0, 0.0)
    assert all("Bold" in f for f in urgent.fonts) and urgent.text == "KHẨN"


def test_a_draft_is_boxed_dự_thảo_with_a_blank_number_and_an_issued_document_is_not() -> None:
    page = read_pdf(render_pdf(party_draft()))[0]
    mark = page.find("DỰ THẢO LẦN 2")
    assert mark.x1 > page.width - 20 * MM and mark.top < page.find("ĐẢNG CỘNG SẢN VIỆT NAM").top
    assert any(b[0] < mark.x0 and b[1] > mark.x1 for b in page.boxes)
    assert re.fullmatch(r"Số\s+-KL/TW", page.find("-KL/TW").text)
    assert re.fullmatch(r"Hà Nội, ngày\s+tháng\s+năm", page.find("Hà Nội").text)
    assert not any("DỰ THẢO" in t.text for p in party_pdf() for t in p.texts)


def test_page_numbers_start_on_page_two_at_the_top_centre() -> None:
    pages = party_pdf()
    centre = (30 * MM + pages[0].width - 15 * MM) / 2
    assert not any(t.text.isdigit() and t.top < 20 * MM for t in pages[0].texts)
    for page in pages[1:]:
        number = page.find(str(page.number))
        assert number.text == str(page.number) and number.top < 12 * MM and abs(number.middle - centre) < 2


def test_fonts_are_embedded_truetype() -> None:
    document = PDFDocument(PDFParser(BytesIO(render_pdf(party_conclusion()))))
    fonts = {}
    for page in PDFPage.create_pages(document):
        for name, ref in resolve1(page.resources.get("Font", {})).items():
            fonts[name] = resolve1(ref)
    assert len(fonts) >= 3
    for font in fonts.values():
        assert "FontFile2" in resolve1(font["FontDescriptor"]), font.get("BaseFont")


def test_anchors_become_pdf_destinations_and_docx_bookmarks() -> None:
    from pypdf import PdfReader

    # Read back as names: "/" inside a PDF name must be escaped, or the dictionary falls apart.
    destinations = PdfReader(BytesIO(render_pdf(party_conclusion()))).named_destinations
    assert {"muc-II", "muc-II/diem-2"} <= {name.removeprefix("/") for name in destinations}
    names = {b.get(qn("w:name")) for b in party_docx().element.body.iter(qn("w:bookmarkStart"))}
    assert bookmark_name("muc-II/diem-2") == "muc_II_diem_2" and "muc_II_diem_2" in names
    assert len(bookmark_name("x" * 60)) == 40 and bookmark_name("2-a")[0].isalpha()


WORDS = " ".join(VIETNAMESE[i : i + 8] for i in range(0, len(VIETNAMESE), 8))  # every letter, in words


def test_every_vietnamese_letter_round_trips_as_nfc() -> None:
    # Given decomposed (NFD), as some keyboards and PDFs produce; the files hold the composed (NFC) letters.
    layout = replace(party_conclusion(), summary=unicodedata.normalize("NFD", WORDS),
                     body=(Paragraph(unicodedata.normalize("NFD", WORDS)), Paragraph(WORDS)))  # fmt: skip
    pages = read_pdf(render_pdf(layout))
    assert flowing_text(pages).count(WORDS) == 3
    assert pages[0].find(WORDS[:20]).text == f"về {WORDS}"[: len(pages[0].find(WORDS[:20]).text)]
    paragraphs = [p.text for p in Document(BytesIO(render_docx(layout))).paragraphs]
    assert paragraphs.count(WORDS) == 2 and f"về {WORDS}" in paragraphs


def test_state_heading_motto_rules_and_number_form() -> None:
    page = state_pdf()[0]
    nation, motto = page.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), page.find("Độc lập - Tự do - Hạnh phúc")
    assert nation.x0 > page.width * 0.35 and nation.top < motto.top < 35 * MM
    x0, x1, _ = rule_under(page, motto)
    assert abs((x1 - x0) - (motto.x1 - motto.x0)) < 3
    issuer = page.find("NHÀ NƯỚC")  # the issuer wraps; a short rule under its last line
    x0, x1, _ = rule_under(page, issuer)
    assert x1 - x0 < (page.width / 2) * 0.5
    number = page.find("Số: 30/QĐ-VTLTNN")
    assert number.text == "Số: 30/QĐ-VTLTNN" and number.x1 < page.width / 2
    assert page.find("Hà Nội, ngày 05 tháng 02 năm 2026").x0 > page.width / 2
    assert page.find("TỐI MẬT").colors == {(1.0, 0.0, 0.0)} and page.find("THƯỢNG KHẨN").colors == {(1.0, 0.0, 0.0)}
    assert page.find("KT. CỤC TRƯỞNG").x0 > page.width / 2 - 20
    assert all("BoldItalic" in f for f in page.find("Nơi nhận:").fonts)
    centre = (30 * MM + page.width - 15 * MM) / 2
    assert abs(page.find("QUYẾT ĐỊNH:").middle - centre) < 2


def test_a_công_văn_has_its_summary_under_the_number_and_kính_gửi() -> None:
    page = read_pdf(render_pdf(party_letter()))[0]
    number, summary = page.find("Số 1234-CV/VPTW"), page.find("V/v chuẩn bị")
    assert summary.top > number.top and abs(summary.middle - number.middle) < 3
    first, second = page.find("Kính gửi: - Các tỉnh ủy, thành ủy"), page.find("- Các ban đảng Trung ương")
    label = render_fonts.approx_width("Kính gửi: ", 14)
    assert second.top > first.top and abs(second.x0 - first.x0 - label) < 2  # aligned under the first addressee
    assert page.find("HỎA TỐC").top > number.top and not page.has("KẾT LUẬN")
    assert page.find("Không phổ biến").x0 > page.width / 2
    doc = Document(BytesIO(render_docx(party_letter())))
    under_number = [p.text for p in doc.tables[0].rows[1].cells[0].paragraphs]
    assert under_number == ["Số 1234-CV/VPTW", "V/v chuẩn bị báo cáo sơ kết chuyển đổi số", "HỎA TỐC"]
    texts = [p.text for p in doc.paragraphs]
    assert "Kính gửi: - Các tỉnh ủy, thành ủy" in texts and "- Các ban đảng Trung ương" in texts
    assert _border(doc.paragraphs[-1], "top") and doc.paragraphs[-1].text.startswith("Số 1A Hùng Vương")


# DOCX ---------------------------------------------------------------------------------------------------------
def _border(paragraph: object, side: str = "bottom") -> bool:
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    return (
        ppr is not None
        and ppr.find(qn("w:pBdr")) is not None
        and ppr.find(qn("w:pBdr")).find(qn(f"w:{side}")) is not None
    )


def test_docx_header_is_a_borderless_two_column_table() -> None:
    doc = party_docx()
    table = doc.tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["BAN CHẤP HÀNH TRUNG ƯƠNG", "BỘ CHÍNH TRỊ", "*"]
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM" and right.paragraphs[0].runs[0].bold
    rule = right.paragraphs[1]
    assert _border(rule) and rule.text == ""
    text_pt = render_fonts.approx_width("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    rule_pt = right.width.pt - rule.paragraph_format.left_indent.pt - rule.paragraph_format.right_indent.pt
    assert abs(rule_pt - text_pt) < 2
    number, secret, urgent = table.rows[1].cells[0].paragraphs
    assert (number.text, secret.text, urgent.text) == ("Số 21-KL/TW", "MẬT", "KHẨN")
    assert str(secret.runs[0].font.color.rgb) == "FF0000" and _border(secret, "left") and urgent.runs[0].bold
    when = table.rows[1].cells[1].paragraphs[0]
    assert when.text == "Hà Nội, ngày 03 tháng 4 năm 2026" and when.runs[0].italic


def test_docx_runs_name_the_font_for_every_script_and_the_page_is_set_up() -> None:
    doc = party_docx()
    for run in doc.element.body.iter(qn("w:r")):
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert margins == [20, 20, 30, 15]
    body = [p for p in doc.paragraphs if p.style.name == "Nội dung văn bản"]
    assert len(body) == sum(isinstance(b, Paragraph) for b in party_conclusion().body)
    assert body[0].style.paragraph_format.line_spacing.pt == 18 and body[0].style.paragraph_format.first_line_indent
    assert next(p.text for p in doc.paragraphs if p.style.name == "Heading 1") == "I. ĐÁNH GIÁ CHUNG"
    kind = next(p for p in doc.paragraphs if p.text == "KẾT LUẬN")
    assert kind.alignment == 1 and kind.runs[0].bold  # centred


def test_docx_page_numbers_from_page_two() -> None:
    section = party_docx().sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header._element
    assert " PAGE " in [i.text for i in header.iter(qn("w:instrText"))]


def test_docx_signer_recipients_and_draft_mark() -> None:
    doc = party_docx()
    left, right = doc.tables[-1].rows[0].cells
    assert [p.text for p in right.paragraphs if p.text] == [
        "T/M BỘ CHÍNH TRỊ",
        "THƯỜNG TRỰC BAN BÍ THƯ",
        "Trần Văn Hưởng",
    ]
    assert right.paragraphs[0].alignment == 1 and left.paragraphs[0].text == "Nơi nhận:"
    assert left.paragraphs[0].runs[0].underline and left.paragraphs[-1].text == "NTH-150b"
    assert not any("DỰ THẢO" in p.text for p in doc.paragraphs)
    draft = Document(BytesIO(render_docx(party_draft())))
    mark = draft.paragraphs[0]
    assert mark.text == "DỰ THẢO LẦN 2" and _border(mark, "top") and mark.alignment == 2  # right
    assert re.fullmatch(r"Số\s+-KL/TW", draft.tables[0].rows[1].cells[0].paragraphs[0].text)


def test_docx_state_format() -> None:
    doc = Document(BytesIO(render_docx(state_decision())))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in right.paragraphs[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert (
        _border(right.paragraphs[2]) and _border(left.paragraphs[-1]) and "*" not in [p.text for p in left.paragraphs]
    )
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 30/QĐ-VTLTNN"
    label = doc.tables[-1].rows[0].cells[0].paragraphs[0].runs[0]
    assert label.bold and label.italic
    decides = next(p for p in doc.paragraphs if p.text == "QUYẾT ĐỊNH:")
    assert decides.alignment == 1 and decides.paragraph_format.first_line_indent == 0  # a centred heading


# Layout, guidelines, fonts -------------------------------------------------------------------------------------
def test_it_rejects_a_layout_without_issuer_naming_the_part() -> None:
    with pytest.raises(LayoutError, match="cơ quan ban hành") as error:
        replace(party_conclusion(), issuer="  ")
    assert len(error.value.problems) == 1


def test_it_lists_every_problem_of_a_layout_at_once() -> None:
    with pytest.raises(LayoutError) as error:
        replace(party_conclusion(), number=None, recipients=(), symbol="21-KL/TW",
                body=(Paragraph("a", anchor="x"), Paragraph("b", anchor="x")))  # fmt: skip
    message = str(error.value)
    for part in ("số (number)", "nơi nhận", "ký hiệu", "bị trùng"):
        assert part in message


def test_place_and_date_take_leading_zeros_for_days_and_the_first_two_months() -> None:
    assert format_place_date("Hà Nội", date(2018, 4, 3)) == "Hà Nội, ngày 03 tháng 4 năm 2018"
    assert format_place_date("Hải Phòng", date(2026, 2, 15)) == "Hải Phòng, ngày 15 tháng 02 năm 2026"
    assert format_place_date("Huế", date(2025, 12, 1)) == "Huế, ngày 01 tháng 12 năm 2025"


def test_bundled_guidelines_and_defaults() -> None:
    bundled = bundled_guidelines()
    assert set(bundled.guidelines) == {"36-HD/VPTW", "05-HD/VPTW", "ND30/2020"}
    assert bundled.default("party").id == "36-HD/VPTW" and bundled.default("state").id == "ND30/2020"
    new = bundled.get("05-HD/VPTW")
    assert new.provisional and new.mirrored and new.style("type_name").size == 16 and new.unverified
    with pytest.raises(GuidelineError, match="không dùng được"):
        render_pdf(party_conclusion(), guideline="ND30/2020")


def test_an_office_switches_guideline_with_its_own_file(tmp_path) -> None:
    import json

    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    data["defaults"]["party"] = "05-HD/VPTW"
    office = load_guidelines(data)
    pages = read_pdf(render_pdf(party_conclusion(), guidelines=office))
    # Even pages mirror the margins: 15 mm inside on the left.
    assert min(t.x0 for t in pages[1].texts) == pytest.approx(15 * MM, abs=1)
    settings = Document(BytesIO(render_docx(party_conclusion(), guidelines=office))).settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None
    data["guidelines"][0]["margins"]["top_mm"] = "20"
    with pytest.raises(GuidelineError, match=r"margins\.top_mm"):
        load_guidelines(data)


def test_it_names_the_debian_package_when_no_vietnamese_serif_is_installed() -> None:
    with pytest.raises(FontMissingError, match="fonts-liberation2"):
        render_fonts.find_serif_fonts([("Nothing", {"regular": "/nonexistent.ttf"})], use_fontconfig=False)


@pytest.mark.skipif(not render_fonts.Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf").exists(),
                    reason="fonts-liberation 1 not installed")  # fmt: skip
def test_it_refuses_liberation_1_which_lacks_vietnamese_letters() -> None:
    old = "/usr/share/fonts/truetype/liberation/LiberationSerif-"
    faces = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    with pytest.raises(FontMissingError, match="thiếu chữ Việt"):
        render_fonts.find_serif_fonts([("Liberation Serif", {k: f"{old}{v}.ttf" for k, v in faces.items()})], False)
