"""A document's body as the clerk types it, read into headings and paragraphs with stable anchors.

Lines starting "I.", "II." … are sections (mục), "1.", "2." … points (điểm), "a)", "b)" … sub-points; every
other line is a paragraph. Each heading gets an anchor from its place ("muc-II", "muc-II/diem-2",
"muc-II/diem-2/a"), so follow-up work can cite "điểm 2, mục II" and find it again in every rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanphong.documents.render import Heading, Paragraph

_ROMAN = re.compile(r"^(?P<label>[IVXLC]+)\.\s+(?P<text>\S.*)$")
_POINT = re.compile(r"^(?P<label>\d{1,2})\.\s+(?P<text>\S.*)$")
_SUB = re.compile(r"^(?P<label>[a-zđ])\)\s+(?P<text>\S.*)$")


@dataclass(frozen=True)
class Anchor:
    anchor: str
    label: str  # "điểm 2, mục II"


def blocks(text: str) -> tuple[Heading | Paragraph, ...]:
    out: list[Heading | Paragraph] = []
    section = point = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if m := _ROMAN.match(line):
            section, point = m["label"], ""
            out.append(Heading(f"{section}.", m["text"], level=1, anchor=f"muc-{section}"))
        elif m := _POINT.match(line):
            point = m["label"]
            prefix = f"muc-{section}/" if section else ""
            out.append(Heading(f"{point}.", m["text"], level=2, anchor=f"{prefix}diem-{point}"))
        elif m := _SUB.match(line):
            parts = [f"muc-{section}" if section else "", f"diem-{point}" if point else "", m["label"]]
            out.append(Heading(f"{m['label']})", m["text"], level=3, anchor="/".join(p for p in parts if p)))
        else:
            out.append(Paragraph(line))
    return tuple(out)


def anchors(text: str) -> list[Anchor]:
    """Every citable place of the body, with the words an assignment uses to cite it."""
    found = []
    for block in blocks(text):
        if isinstance(block, Heading) and block.anchor:
            found.append(Anchor(block.anchor, describe(block.anchor)))
    return found


def describe(anchor: str) -> str:
    """"muc-II/diem-2/a" -> "tiết a, điểm 2, mục II"."""
    names = {"muc": "mục", "diem": "điểm"}
    parts = []
    for piece in reversed(anchor.split("/")):
        kind, _, value = piece.partition("-")
        parts.append(f"{names[kind]} {value}" if value and kind in names else f"tiết {piece}")
    return ", ".join(parts)
