"""Formatting guidelines as versioned data: page, margins, sizes, spacing and where each mark goes, per guideline.

The bundled set (data/guidelines.json) holds 36-HD/VPTW, the provisional 05-HD/VPTW and Nghị định 30/2020; an
office switches guideline, or corrects a figure, by loading its own JSON file of the same shape
(`load_guidelines(path)`), without a release. A guideline may `extend` another and override only what differs.
What in the data was not checked against the instrument's text is listed in each guideline's `unverified`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from vanphong.documents.render.layout import System

__all__ = ["Guideline", "GuidelineError", "GuidelineSet", "TextStyle", "bundled_guidelines", "load_guidelines"]

Align = Literal["left", "center", "right", "justify"]
BUNDLED = Path(__file__).with_name("data") / "guidelines.json"
STYLE_NAMES = (
    "superior", "issuer", "issuer_mark", "number", "letter_summary", "place_date", "type_name", "summary",
    "summary_rule", "addressee", "body", "heading1", "heading2", "heading3", "signer_authority", "signer_position",
    "signer_name", "recipients_label", "recipients", "typist", "contact", "page_number", "secrecy", "declassified",
    "urgency", "circulation", "draft",
)  # fmt: skip
LABELS = ("addressee", "recipients", "draft", "draft_version", "declassified", "date_blank")
MARKS = ("secrecy", "declassified", "urgency", "circulation", "draft")
SLOTS = ("under_number", "under_date", "above_header_left", "above_header_right", "above_title")


class GuidelineError(ValueError):
    """Guideline data that cannot be used; the message says which guideline and which field."""


@dataclass(frozen=True, slots=True)
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    upper: bool = False  # printed in capitals whatever the input's case
    color: str = "000000"  # RRGGBB; red marks are "FF0000"
    boxed: bool = False  # inside a single-line rectangle (secrecy, urgency, draft marks)
    align: Align = "center"


@dataclass(frozen=True, slots=True)
class HeadingLine:
    text: str
    style: TextStyle


@dataclass(frozen=True, slots=True)
class Guideline:
    id: str
    title: str
    system: System
    valid_from: date
    valid_to: date | None
    provisional: bool
    unverified: tuple[str, ...]
    page_width_mm: float
    page_height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float  # the inner margin when mirrored (duplex)
    margin_right_mm: float
    mirrored: bool
    font: str  # the font named in DOCX files; PDF uses a metric-compatible installed font
    header_left_ratio: float  # share of the text width for the issuer column
    heading_lines: tuple[HeadingLine, ...]  # "ĐẢNG CỘNG SẢN VIỆT NAM" or the national name and motto
    heading_rule_ratio: float  # rule under the last heading line, as a share of that line's width
    issuer_mark: Literal["asterisk", "rule"]
    issuer_rule_ratio: float
    header_gap_pt: float  # space between the two header rows
    number_label: str  # "Số" (Party) or "Số:" (State)
    number_separator: str  # between number and symbol: "-" or "/"
    number_blank_width: int  # non-breaking spaces left for a draft's number
    summary_prefix: str
    letter_summary_prefix: str
    summary_rule: Literal["dashes", "rule", "none"]
    summary_rule_ratio: float
    summary_dashes: str
    labels: Mapping[str, str]
    authority: Mapping[str, str]  # "TM" → "T/M" or "TM."
    typist: Mapping[str, str]  # formats: both, initials, copies
    line_spacing_pt: float  # exact line spacing of the body
    first_line_indent_mm: float
    space_after_pt: float
    space_before_title_pt: float
    footer_left_ratio: float  # share of the text width for "Nơi nhận"
    signature_space_mm: float
    footer_gap_pt: float
    page_numbers_from: int
    page_numbers_position: Literal["top", "bottom"]
    page_numbers_offset_mm: float  # from the page edge to the number's baseline
    placement: Mapping[str, str]  # mark → slot
    styles: Mapping[str, TextStyle]

    def style(self, name: str) -> TextStyle:
        return self.styles[name]

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm


@dataclass(frozen=True, slots=True)
class GuidelineSet:
    guidelines: Mapping[str, Guideline]
    defaults: Mapping[str, str]  # system → guideline id

    def get(self, guideline_id: str) -> Guideline:
        try:
            return self.guidelines[guideline_id]
        except KeyError:
            known = ", ".join(sorted(self.guidelines))
            raise GuidelineError(
                f"Không có hướng dẫn thể thức “{guideline_id}”; các hướng dẫn hiện có: {known}."
            ) from None

    def default(self, system: str) -> Guideline:
        if system not in self.defaults:
            raise GuidelineError(f"Chưa chọn hướng dẫn thể thức mặc định cho hệ thống “{system}” (defaults).")
        return self.get(self.defaults[system])

    def resolve(self, system: str, guideline: Guideline | str | None) -> Guideline:
        """The guideline to render a document of `system` with: given, named, or the default; systems must agree."""
        chosen = self.default(system) if guideline is None else guideline
        if isinstance(chosen, str):
            chosen = self.get(chosen)
        if chosen.system != system:
            raise GuidelineError(
                f"Hướng dẫn {chosen.id} dành cho văn bản {_SYSTEM_NAMES.get(chosen.system, chosen.system)}, "
                f"không dùng được cho văn bản {_SYSTEM_NAMES.get(system, system)}."
            )
        return chosen


_SYSTEM_NAMES = {"party": "của Đảng", "state": "nhà nước"}


@lru_cache(maxsize=1)
def bundled_guidelines() -> GuidelineSet:
    return load_guidelines(BUNDLED)


def load_guidelines(source: Path | str | Mapping[str, Any]) -> GuidelineSet:
    """Read a guideline set from a JSON file (or its parsed content); every error names the guideline and field."""
    if isinstance(source, Mapping):
        data: Any = source
    else:
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GuidelineError(f"Không đọc được tệp hướng dẫn thể thức {source}: {exc}") from exc
    if not isinstance(data, Mapping) or data.get("format") != 1:
        raise GuidelineError("Tệp hướng dẫn thể thức phải là JSON có “format”: 1.")
    raw = {str(item.get("id")): item for item in data.get("guidelines", []) if isinstance(item, Mapping)}
    guidelines = {gid: _parse(gid, _flatten(gid, raw, ())) for gid in raw}
    defaults = dict(data.get("defaults", {}))
    for system, gid in defaults.items():
        if gid not in guidelines:
            raise GuidelineError(f"Hướng dẫn mặc định “{gid}” của hệ thống “{system}” không có trong tệp.")
    return GuidelineSet(guidelines, defaults)


def _flatten(gid: str, raw: Mapping[str, Mapping[str, Any]], seen: tuple[str, ...]) -> dict[str, Any]:
    item = raw[gid]
    parent_id = item.get("extends")
    if parent_id is None:
        return dict(item)
    if parent_id not in raw or parent_id in seen:
        raise GuidelineError(f"Hướng dẫn {gid}: “extends” chỉ tới “{parent_id}” không có hoặc vòng lặp.")
    merged = _merge(_flatten(str(parent_id), raw, (*seen, gid)), item)
    merged.pop("extends", None)
    return merged


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            out[key] = _merge(base[key], value)
        else:
            out[key] = value
    return out


class _Reader:
    """Typed access to one guideline's JSON, with messages that say where the bad value is."""

    def __init__(self, gid: str, data: Mapping[str, Any]) -> None:
        self.gid, self.data = gid, data

    def get(self, path: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if default is not ...:
                    return default
                raise GuidelineError(f"Hướng dẫn {self.gid}: thiếu trường “{path}”.")
            node = node[part]
        if kind is float and isinstance(node, int) and not isinstance(node, bool):
            node = float(node)
        if not isinstance(node, kind) or (kind is float and isinstance(node, bool)):
            raise GuidelineError(f"Hướng dẫn {self.gid}: trường “{path}” có giá trị sai kiểu: {node!r}.")
        return node

    def number(self, path: str, low: float, high: float) -> float:
        value = float(self.get(path, float))
        if not low <= value <= high:
            raise GuidelineError(f"Hướng dẫn {self.gid}: “{path}” = {value:g} nằm ngoài khoảng {low:g}–{high:g}.")
        return value

    def choice(self, path: str, choices: tuple[str, ...]) -> Any:
        value = self.get(path, str)
        if value not in choices:
            raise GuidelineError(f"Hướng dẫn {self.gid}: “{path}” phải là một trong {', '.join(choices)}.")
        return value

    def day(self, path: str) -> date | None:
        value = self.get(path, (str, type(None)))
        try:
            return None if value is None else date.fromisoformat(value)
        except ValueError:
            raise GuidelineError(f"Hướng dẫn {self.gid}: “{path}” phải là ngày dạng YYYY-MM-DD.") from None

    def strings(self, path: str, names: tuple[str, ...] = ()) -> dict[str, str]:
        value = self.get(path, Mapping)
        out = {str(k): str(v) for k, v in value.items()}
        missing = [name for name in names if name not in out]
        if missing:
            raise GuidelineError(f"Hướng dẫn {self.gid}: “{path}” thiếu {', '.join(missing)}.")
        return out

    def style(self, path: str) -> TextStyle:
        value = self.get(path, Mapping)
        sub = _Reader(f"{self.gid} ({path})", value)
        return TextStyle(
            size=sub.number("size", 6, 40),
            bold=sub.get("bold", bool, False),
            italic=sub.get("italic", bool, False),
            underline=sub.get("underline", bool, False),
            upper=sub.get("upper", bool, False),
            color=sub.get("color", str, "000000"),
            boxed=sub.get("boxed", bool, False),
            align=sub.choice("align", _ALIGNS) if "align" in value else "center",
        )


_ALIGNS = ("left", "center", "right", "justify")


def _parse(gid: str, data: Mapping[str, Any]) -> Guideline:
    r = _Reader(gid, data)
    lines = r.get("header.lines", list)
    if not lines:
        raise GuidelineError(f"Hướng dẫn {gid}: “header.lines” trống.")
    heading = tuple(
        HeadingLine(_Reader(gid, line).get("text", str), _Reader(gid, line).style("style")) for line in lines
    )
    placement = r.strings("placement", MARKS)
    for mark, slot in placement.items():
        if slot not in SLOTS:
            raise GuidelineError(f"Hướng dẫn {gid}: vị trí “{slot}” của “{mark}” không có; dùng {', '.join(SLOTS)}.")
    return Guideline(
        id=gid,
        title=r.get("title", str),
        system=r.choice("system", ("party", "state")),
        valid_from=r.day("valid_from") or date.min,
        valid_to=r.day("valid_to"),
        provisional=r.get("provisional", bool, False),
        unverified=tuple(str(x) for x in r.get("unverified", list, [])),
        page_width_mm=r.number("page.width_mm", 100, 500),
        page_height_mm=r.number("page.height_mm", 100, 500),
        margin_top_mm=r.number("margins.top_mm", 5, 60),
        margin_bottom_mm=r.number("margins.bottom_mm", 5, 60),
        margin_left_mm=r.number("margins.left_mm", 5, 60),
        margin_right_mm=r.number("margins.right_mm", 5, 60),
        mirrored=r.get("margins.mirrored", bool, False),
        font=r.get("font", str),
        header_left_ratio=r.number("header.left_ratio", 0.2, 0.8),
        heading_lines=heading,
        heading_rule_ratio=r.number("header.rule_ratio", 0, 1),
        issuer_mark=r.choice("header.issuer_mark", ("asterisk", "rule")),
        issuer_rule_ratio=r.number("header.issuer_rule_ratio", 0, 1),
        header_gap_pt=r.number("header.gap_pt", 0, 72),
        number_label=r.get("number.label", str),
        number_separator=r.get("number.separator", str),
        number_blank_width=int(r.number("number.blank_width", 0, 20)),
        summary_prefix=r.get("summary.prefix", str),
        letter_summary_prefix=r.get("summary.letter_prefix", str),
        summary_rule=r.choice("summary.rule", ("dashes", "rule", "none")),
        summary_rule_ratio=r.number("summary.rule_ratio", 0, 1),
        summary_dashes=r.get("summary.dashes", str, ""),
        labels=r.strings("labels", LABELS),
        authority=r.strings("authority"),
        typist=r.strings("typist", ("both", "initials", "copies")),
        line_spacing_pt=r.number("body.line_spacing_pt", 10, 40),
        first_line_indent_mm=r.number("body.first_line_indent_mm", 0, 30),
        space_after_pt=r.number("body.space_after_pt", 0, 30),
        space_before_title_pt=r.number("body.space_before_title_pt", 0, 72),
        footer_left_ratio=r.number("footer.left_ratio", 0.2, 0.8),
        signature_space_mm=r.number("footer.signature_space_mm", 0, 80),
        footer_gap_pt=r.number("footer.gap_pt", 0, 72),
        page_numbers_from=int(r.number("page_numbers.from_page", 1, 1000)),
        page_numbers_position=r.choice("page_numbers.position", ("top", "bottom")),
        page_numbers_offset_mm=r.number("page_numbers.offset_mm", 3, 30),
        placement=placement,
        styles={name: r.style(f"styles.{name}") for name in STYLE_NAMES},
    )
