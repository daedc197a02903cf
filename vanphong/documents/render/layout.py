"""What a document shows, whatever it is drawn into: the Layout that render_docx and render_pdf turn into pages.

A Layout knows nothing of models, registers or guidelines: the documents app fills one from its records, and a
guideline (guidelines.py) decides sizes and places. Every Layout is checked when it is made, so a renderer never
meets a document without an issuer or a signer; the error lists every problem at once, in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "AUTHORITIES",
    "CLASSIFICATIONS",
    "URGENCIES",
    "Block",
    "Heading",
    "Layout",
    "LayoutError",
    "Marks",
    "Paragraph",
    "Signer",
]

System = Literal["party", "state"]
Classification = Literal["MAT", "TOI_MAT", "TUYET_MAT"]
Urgency = Literal["KHAN", "THUONG_KHAN", "HOA_TOC"]
# Thay mặt (a collective body), ký thay (a deputy), thừa lệnh, thừa ủy quyền; "" when the head signs in person.
Authority = Literal["", "TM", "KT", "TL", "TUQ"]

SYSTEMS = ("party", "state")
CLASSIFICATIONS: dict[str, str] = {"MAT": "MẬT", "TOI_MAT": "TỐI MẬT", "TUYET_MAT": "TUYỆT MẬT"}
URGENCIES: dict[str, str] = {"KHAN": "KHẨN", "THUONG_KHAN": "THƯỢNG KHẨN", "HOA_TOC": "HỎA TỐC"}
AUTHORITIES = ("", "TM", "KT", "TL", "TUQ")

# Anchors are cited by later work (follow-up assignments point at "muc-II/diem-2"), so they stay plain ASCII.
ANCHOR_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,99}")
# A Party symbol never starts with the number: "21-KL/TW" belongs in number=21, symbol="KL/TW".
PARTY_SYMBOL_WITH_NUMBER_RE = re.compile(r"\d+\s*-")


class LayoutError(ValueError):
    """A Layout that cannot be rendered; `problems` names each missing or wrong part."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("Văn bản chưa đủ thành phần thể thức để trình bày: " + "; ".join(problems) + ".")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading in the body: label "I.", "2." or "a)", level 1 to 3; `centred` for the State "QUYẾT ĐỊNH:"."""

    label: str
    text: str
    level: int = 1
    anchor: str | None = None
    centred: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the body."""

    text: str
    anchor: str | None = None


Block = Heading | Paragraph


@dataclass(frozen=True, slots=True)
class Signer:
    """Authority, position and name of the person who signs, with an optional image of signature and seal.

    Party: Signer("TỔNG BÍ THƯ", "Nguyễn Văn A", authority="TM", on_behalf_of="BỘ CHÍNH TRỊ") prints
    "T/M BỘ CHÍNH TRỊ / TỔNG BÍ THƯ"; the guideline gives the prefix ("T/M" or "TM.").
    """

    position: str
    name: str
    authority: Authority = ""
    on_behalf_of: str = ""
    signature_image: bytes | None = None  # PNG or JPEG drawn in the signature space


@dataclass(frozen=True, slots=True)
class Marks:
    """Optional marks: secrecy (red), the declassified stamp, urgency, circulation scope."""

    classification: Classification | None = None
    declassified: bool = False
    urgency: Urgency | None = None
    circulation: str = ""  # e.g. "Không phổ biến trên phương tiện thông tin đại chúng"


@dataclass(frozen=True, slots=True)
class Layout:
    """Every component of one document, as text; a renderer and a guideline decide how it looks.

    `number` and `symbol` are kept apart so a draft can print "Số    -KL/TW": Party symbol "KL/TW", State symbol
    "2020/NĐ-CP" or "QĐ-UBND"; the guideline joins them ("21-KL/TW", "30/2020/NĐ-CP"). An empty `type_name`
    makes the document a công văn: its summary goes under the number ("V/v …") and `addressees` follow the header.
    """

    system: System
    issuer: str
    symbol: str
    place: str
    summary: str
    body: tuple[Block, ...]
    signer: Signer
    recipients: tuple[str, ...]
    superior: str = ""
    number: int | None = None
    date: date | None = None
    type_name: str = ""
    addressees: tuple[str, ...] = ()
    marks: Marks = Marks()
    draft: bool = False
    draft_version: int | None = None
    typist: str = ""  # initials of the typist
    copies: int | None = None  # number of copies released
    contact: str = ""  # address, telephone, e-mail of the issuer
    summary_prefix: str | None = None  # None: the guideline's ("về ", "V/v "); "" prints the summary as given

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise LayoutError(problems)

    @property
    def is_letter(self) -> bool:
        """A công văn: no type name, the summary under the number."""
        return not self.type_name.strip()


def _blank(value: str) -> bool:
    return not value or not value.strip()


def _problems(layout: Layout) -> list[str]:
    problems: list[str] = []
    if layout.system not in SYSTEMS:
        problems.append(
            f"hệ thống văn bản (system) phải là “party” (Đảng) hoặc “state” (Nhà nước), không phải “{layout.system}”"
        )
    if _blank(layout.issuer):
        problems.append("thiếu tên cơ quan ban hành (issuer), ví dụ “BỘ CHÍNH TRỊ”")
    if _blank(layout.symbol):
        problems.append("thiếu ký hiệu văn bản (symbol), ví dụ “KL/TW”")
    elif layout.system == "party" and PARTY_SYMBOL_WITH_NUMBER_RE.match(layout.symbol):
        problems.append(
            f"ký hiệu (symbol) “{layout.symbol}” có cả số văn bản: ghi số vào number, ký hiệu chỉ gồm phần sau dấu “-”"
        )
    if _blank(layout.place):
        problems.append("thiếu địa danh (place), ví dụ “Hà Nội”")
    if _blank(layout.summary):
        problems.append("thiếu trích yếu nội dung (summary)")
    if layout.number is not None and layout.number < 1:
        problems.append(f"số văn bản (number) phải từ 1 trở lên, không phải {layout.number}")
    if not layout.draft:
        if layout.number is None:
            problems.append("văn bản ban hành phải có số (number); chỉ dự thảo (draft=True) mới để trống số")
        if layout.date is None:
            problems.append("văn bản ban hành phải có ngày ban hành (date); chỉ dự thảo mới để trống ngày")
    if layout.draft_version is not None and (not layout.draft or layout.draft_version < 1):
        problems.append("lần dự thảo (draft_version) chỉ dùng cho dự thảo (draft=True) và phải từ 1 trở lên")
    if layout.copies is not None and layout.copies < 1:
        problems.append(f"số bản phát hành (copies) phải từ 1 trở lên, không phải {layout.copies}")
    problems += _body_problems(layout.body)
    problems += _signer_problems(layout.signer)
    if not layout.recipients or any(_blank(r) for r in layout.recipients):
        problems.append("thiếu nơi nhận (recipients) hoặc có dòng nơi nhận trống")
    if any(_blank(a) for a in layout.addressees):
        problems.append("có dòng “Kính gửi” (addressees) trống")
    marks = layout.marks
    if marks.classification is not None and marks.classification not in CLASSIFICATIONS:
        problems.append(
            f"độ mật (marks.classification) “{marks.classification}” không có; dùng MAT, TOI_MAT, TUYET_MAT"
        )
    if marks.urgency is not None and marks.urgency not in URGENCIES:
        problems.append(f"độ khẩn (marks.urgency) “{marks.urgency}” không có; dùng KHAN, THUONG_KHAN, HOA_TOC")
    return problems


def _body_problems(body: tuple[Block, ...]) -> list[str]:
    if not body:
        return ["thiếu nội dung văn bản (body)"]
    problems: list[str] = []
    seen: set[str] = set()
    for index, block in enumerate(body, start=1):
        if not isinstance(block, Heading | Paragraph):
            problems.append(f"khối nội dung thứ {index} không phải Heading hay Paragraph")
            continue
        if _blank(block.text):
            problems.append(f"khối nội dung thứ {index} (body) trống")
        if isinstance(block, Heading) and block.level not in (1, 2, 3):
            problems.append(f"đề mục thứ {index} có cấp {block.level}; chỉ có cấp 1 (I.), 2 (1.) và 3 (a))")
        if block.anchor is None:
            continue
        if not ANCHOR_RE.fullmatch(block.anchor):
            problems.append(
                f"mã neo (anchor) “{block.anchor}” của khối thứ {index} chỉ được gồm chữ không dấu, số và . _ - /"
            )
        elif block.anchor in seen:
            problems.append(f"mã neo (anchor) “{block.anchor}” bị trùng ở khối thứ {index}")
        seen.add(block.anchor)
    return problems


def _signer_problems(signer: Signer) -> list[str]:
    problems: list[str] = []
    if _blank(signer.position):
        problems.append("thiếu chức vụ người ký (signer.position), ví dụ “TỔNG BÍ THƯ”")
    if _blank(signer.name):
        problems.append("thiếu họ tên người ký (signer.name)")
    if signer.authority not in AUTHORITIES:
        problems.append(
            f"quyền hạn ký (signer.authority) “{signer.authority}” không có; dùng TM, KT, TL, TUQ hoặc để trống"
        )
    elif signer.authority and _blank(signer.on_behalf_of):
        problems.append(
            "ký thay mặt, ký thay hay thừa lệnh thì phải ghi tập thể hoặc người đứng đầu (signer.on_behalf_of)"
        )
    return problems
