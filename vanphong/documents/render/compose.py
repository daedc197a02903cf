"""Compose a Layout under a guideline into a Sheet: every line's final text and style, in the place it goes.

Both writers draw the same Sheet, so a DOCX and a PDF of one document say exactly the same thing in the same
places; they differ only in how a line, a rule or a box is made in each format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from vanphong.documents.render.fonts import approx_width
from vanphong.documents.render.guidelines import Guideline, GuidelineError, TextStyle
from vanphong.documents.render.layout import CLASSIFICATIONS, URGENCIES, Block, Heading, Layout

__all__ = ["BodyLine", "Line", "Sheet", "compose", "format_place_date"]

NBSP = "\u00a0"
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    style: TextStyle
    indent_mm: float = 0.0  # left indent, for the lines after "Kính gửi:" when there are several addressees


@dataclass(frozen=True, slots=True)
class BodyLine:
    text: str
    style: TextStyle
    anchor: str | None
    level: int  # 0 for a paragraph, 1–3 for headings

    @property
    def indented(self) -> bool:
        """Justified lines start with the first-line indent; a centred heading does not."""
        return self.style.align != "center"


@dataclass(frozen=True, slots=True)
class Sheet:
    guideline: Guideline
    title: str  # for the file's metadata
    above_header_left: tuple[Line, ...]
    above_header_right: tuple[Line, ...]
    issuer: tuple[Line, ...]  # the superior body (if any), then the issuing body
    issuer_mark: Line | None  # the Party asterisk; None when a rule goes under the issuer instead
    heading: tuple[Line, ...]  # "ĐẢNG CỘNG SẢN VIỆT NAM", or the national name and motto; a rule under the last
    under_number: tuple[Line, ...]  # the number and symbol first, then a công văn's summary and marks placed here
    under_date: tuple[Line, ...]  # place and date first, then marks placed here
    above_title: tuple[Line, ...]
    type_name: Line | None  # None for a công văn
    summary: Line | None  # None for a công văn (its summary is under the number)
    summary_dashes: Line | None  # the Party "-----" under the summary
    summary_rule: bool  # the State short rule under the summary
    addressees: tuple[Line, ...]
    body: tuple[BodyLine, ...]
    signer: tuple[Line, ...]  # authority line (if any) and position
    signer_name: Line
    signature_image: bytes | None
    recipients: tuple[Line, ...]  # "Nơi nhận:" first
    typist: Line | None
    contact: Line | None
    marks: dict[str, Line] = field(default_factory=dict)  # mark name → its line, wherever it was placed


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _line(text: str, style: TextStyle, indent_mm: float = 0.0) -> Line:
    text = nfc(text)
    return Line(text.upper() if style.upper else text, style, indent_mm)


def _keep_spaces(text: str) -> str:
    # Blanks a clerk fills by hand must survive renderers that collapse runs of spaces.
    return _SPACES.sub(lambda m: NBSP * len(m.group()), text)


def format_date(day: date) -> str:
    """ "ngày 03 tháng 4 năm 2018": a leading zero for days below 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_place_date(place: str, day: date | None, blank: str = "ngày      tháng      năm") -> str:
    return f"{nfc(place)}, {format_date(day) if day else _keep_spaces(blank)}"


def number_text(layout: Layout, g: Guideline) -> str:
    # Numbers below 10 carry a leading zero ("Số 05-HD/VPTW"), as the canonical symbol writes them.
    number = f"{layout.number:02d}" if layout.number is not None else NBSP * g.number_blank_width
    return f"{g.number_label} {number}{g.number_separator}{nfc(layout.symbol)}"


def _prefixed(text: str, prefix: str) -> str:
    text = nfc(text)
    word = prefix.strip().casefold()
    if not word or text.casefold().startswith(word + " "):
        return text
    return prefix + text


def _dash(text: str) -> str:
    text = nfc(text)
    return text if text[:1] in "-–—+" else f"- {text}"


def compose(layout: Layout, g: Guideline) -> Sheet:
    st = g.style
    slots: dict[str, list[Line]] = {"under_number": [], "under_date": [], "above_title": [],
                                    "above_header_left": [], "above_header_right": []}  # fmt: skip
    slots["under_number"].append(_line(number_text(layout, g), st("number")))
    if layout.is_letter:
        prefix = g.letter_summary_prefix if layout.summary_prefix is None else layout.summary_prefix
        slots["under_number"].append(_line(_prefixed(layout.summary, prefix), st("letter_summary")))
    slots["under_date"].append(
        _line(format_place_date(layout.place, layout.date, g.labels["date_blank"]), st("place_date"))
    )
    marks: dict[str, Line] = {}
    m = layout.marks
    if m.classification:
        marks["secrecy"] = _line(CLASSIFICATIONS[m.classification], st("secrecy"))
    if m.declassified:
        marks["declassified"] = _line(g.labels["declassified"], st("declassified"))
    if m.urgency:
        marks["urgency"] = _line(URGENCIES[m.urgency], st("urgency"))
    if m.circulation.strip():
        marks["circulation"] = _line(m.circulation, st("circulation"))
    if layout.draft:
        text = g.labels["draft_version"].format(n=layout.draft_version) if layout.draft_version else g.labels["draft"]
        marks["draft"] = _line(text, st("draft"))
    for name, line in marks.items():
        slots[g.placement[name]].append(line)

    summary = dashes = None
    type_name = None
    if not layout.is_letter:
        type_name = _line(layout.type_name, st("type_name"))
        prefix = g.summary_prefix if layout.summary_prefix is None else layout.summary_prefix
        summary = _line(_prefixed(layout.summary, prefix), st("summary"))
        if g.summary_rule == "dashes" and g.summary_dashes:
            dashes = _line(g.summary_dashes, st("summary_rule"))

    signer = layout.signer
    signer_lines: list[Line] = []
    if signer.authority:
        authority = g.authority.get(signer.authority)
        if authority is None:
            raise GuidelineError(f"Hướng dẫn {g.id} không có quyền hạn ký “{signer.authority}” (signer.authority).")
        signer_lines.append(_line(f"{authority} {nfc(signer.on_behalf_of)}", st("signer_authority")))
    signer_lines.append(_line(signer.position, st("signer_position")))

    title = nfc(layout.summary) if layout.is_letter else f"{nfc(layout.type_name)} {nfc(layout.summary)}"
    return Sheet(
        guideline=g,
        title=title,
        above_header_left=tuple(slots["above_header_left"]),
        above_header_right=tuple(slots["above_header_right"]),
        issuer=tuple(
            [_line(layout.superior, st("superior"))] * bool(layout.superior.strip())
            + [_line(layout.issuer, st("issuer"))]
        ),
        issuer_mark=_line("*", st("issuer_mark")) if g.issuer_mark == "asterisk" else None,
        heading=tuple(_line(h.text, h.style) for h in g.heading_lines),
        under_number=tuple(slots["under_number"]),
        under_date=tuple(slots["under_date"]),
        above_title=tuple(slots["above_title"]),
        type_name=type_name,
        summary=summary,
        summary_dashes=dashes,
        summary_rule=g.summary_rule == "rule" and not layout.is_letter,
        addressees=_addressees(layout, g),
        body=tuple(_body_line(block, g) for block in layout.body),
        signer=tuple(signer_lines),
        signer_name=_line(signer.name, st("signer_name")),
        signature_image=signer.signature_image,
        recipients=(
            _line(g.labels["recipients"], st("recipients_label")),
            *(_line(_dash(r), st("recipients")) for r in layout.recipients),
        ),
        typist=_typist(layout, g),
        contact=_line(layout.contact, st("contact")) if layout.contact.strip() else None,
        marks=marks,
    )


def _body_line(block: Block, g: Guideline) -> BodyLine:
    if isinstance(block, Heading):
        text = f"{nfc(block.label)} {nfc(block.text)}" if block.label.strip() else nfc(block.text)
        style = g.style(f"heading{block.level}")
        if block.centred:
            style = replace(style, align="center")
        return BodyLine(text.upper() if style.upper else text, style, block.anchor, block.level)
    style = g.style("body")
    return BodyLine(nfc(block.text), style, block.anchor, 0)


def _addressees(layout: Layout, g: Guideline) -> tuple[Line, ...]:
    if not layout.addressees:
        return ()
    style = g.style("addressee")
    label = g.labels["addressee"]
    if len(layout.addressees) == 1:
        return (_line(f"{label} {nfc(layout.addressees[0])}", style),)
    # Several addressees: a dashed list whose first line follows the label, the others aligned under it.
    left = replace(style, align="left")
    items = [_dash(a) for a in layout.addressees]
    label_mm = approx_width(label + " ", style.size, style.bold, style.italic) / 72 * 25.4
    widest = max(approx_width(item, style.size, style.bold, style.italic) for item in items) / 72 * 25.4
    start = max(0.0, (g.text_width_mm - label_mm - widest) / 2)
    lines = [_line(f"{label} {items[0]}", left, start)]
    lines += [_line(item, left, start + label_mm) for item in items[1:]]
    return tuple(lines)


def _typist(layout: Layout, g: Guideline) -> Line | None:
    initials = nfc(layout.typist)
    if initials and layout.copies:
        text = g.typist["both"].format(initials=initials, copies=layout.copies)
    elif initials:
        text = g.typist["initials"].format(initials=initials, copies="")
    elif layout.copies:
        text = g.typist["copies"].format(initials="", copies=layout.copies)
    else:
        return None
    return _line(text, g.style("typist"))
