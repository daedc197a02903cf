"""The visible stamp of a signature: its Vietnamese text and a font from an installed package that has every
letter of it (pyHanko draws the stamp with it)."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pyhanko.pdf_utils.font.api import FontEngine, FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from vanphong.core.errors import ServiceError
from vanphong.documents import pki

VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
# Fonts from Debian packages (fonts-liberation2, fonts-dejavu-core); the first that has every letter is used.
# fonts-liberation 1.x lacks precomposed Vietnamese letters, hence the coverage check rather than a fixed path.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)




def vn_date(moment: dt.datetime) -> str:
    """"14:05 ngày 03/4/2026": a time and a date as the office writes them."""
    # Party document dates: a leading zero for days under 10 and for months 1 and 2 (DOMAIN.md §2).
    month = f"{moment.month:02d}" if moment.month <= 2 else str(moment.month)
    return f"{moment:%H:%M} ngày {moment.day:02d}/{month}/{moment.year}"


def stamp_text(identity: pki.Identity, role: pki.Role, signed_at: dt.datetime) -> str:
    """The text of a visible signature, in Vietnamese."""
    when = vn_date(signed_at.astimezone(VN_TIME))
    if role == "organisation":
        lines = [f"Cơ quan: {identity.organisation or identity.common_name}", "Chữ ký số của cơ quan, tổ chức"]
    else:
        lines = [f"Người ký: {identity.common_name}", f"Cơ quan: {identity.organisation}"]
    return unicodedata.normalize("NFC", "\n".join([*lines, f"Thời gian ký: {when}"]))


def font_for(text: str, candidates: Iterable[str] = FONT_CANDIDATES) -> str:
    """The first installed font that has every letter of `text`."""
    needed = {ord(ch) for ch in text if not ch.isspace()}
    for path in candidates:
        if Path(path).is_file() and needed <= font_program(path)[1]:
            return path
    raise ServiceError(
        "Máy chủ chưa có phông chữ tiếng Việt để hiện hình chữ ký. Hãy nhờ quản trị cài gói fonts-liberation2 "
        "hoặc fonts-dejavu-core, hoặc ký không hiện hình chữ ký."
    )


@functools.cache
def font_program(path: str) -> tuple[bytes, frozenset[int]]:
    # pyHanko writes glyph widths in font units, which PDF reads as thousandths of an em: a font drawn on 2048
    # units per em (Liberation, DejaVu) would come out spaced twice too wide. Rescaled to 1000, it measures right.
    from fontTools.ttLib import TTFont  # only visible signatures need fontTools
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if "FFTM" in font:
        del font["FFTM"]  # FontForge's timestamp: useless in a PDF, and fontTools warns it cannot subset it
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = BytesIO()
    font.save(out)
    return out.getvalue(), frozenset(font.getBestCmap())


class StampFont(FontEngineFactory):
    def __init__(self, path: str, size: int) -> None:
        self.path, self.size = path, size

    def create_font_engine(self, writer: BasePdfFileWriter, obj_stream: Any = None) -> FontEngine:
        program = BytesIO(font_program(self.path)[0])
        return GlyphAccumulator(writer=writer, font_handle=program, font_size=self.size, obj_stream=obj_stream)


