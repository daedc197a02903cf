"""Find, check and register the PDF's serif font; measure text for the geometry both writers share.

Offices write in Times New Roman, which Debian does not ship. The PDF embeds a metric-compatible serif with every
Vietnamese letter instead: Liberation Serif 2 (fonts-liberation2) or Tinos (fonts-croscore). Version 1 of
Liberation (fonts-liberation) has the same name but lacks most Vietnamese letters, so every face found is checked
for coverage, not only for its name. Registration happens once per process.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

__all__ = ["FontMissingError", "PdfFonts", "approx_width", "find_serif_fonts", "pdf_fonts"]

FACES = ("regular", "bold", "italic", "bold_italic")
_FACE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}
_FC_STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "Bold Italic"}
_LIB2 = "/usr/share/fonts/truetype/liberation2/LiberationSerif-"
_CROS = "/usr/share/fonts/truetype/croscore/Tinos-"
CANDIDATES: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("Liberation Serif", {"regular": _LIB2 + "Regular.ttf", "bold": _LIB2 + "Bold.ttf",
                          "italic": _LIB2 + "Italic.ttf", "bold_italic": _LIB2 + "BoldItalic.ttf"}),
    ("Tinos", {"regular": _CROS + "Regular.ttf", "bold": _CROS + "Bold.ttf",
               "italic": _CROS + "Italic.ttf", "bold_italic": _CROS + "BoldItalic.ttf"}),
)  # fmt: skip
PACKAGES = "fonts-liberation2 (hoặc fonts-croscore)"
# Every letter Vietnamese adds to ASCII, both cases.
VIETNAMESE = "".join(ch + ch.upper() for ch in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


class FontMissingError(RuntimeError):
    """No installed serif covers Vietnamese; the message names the Debian package to install."""


@dataclass(frozen=True, slots=True)
class PdfFonts:
    """The registered faces: ReportLab font names, and the files they came from."""

    family: str
    names: Mapping[str, str]  # face → registered name
    files: Mapping[str, str]  # face → path

    def face(self, bold: bool = False, italic: bool = False) -> str:
        return self.names[_FACE_KEYS[(bold, italic)]]


def _fontconfig(family: str) -> dict[str, str]:
    if shutil.which("fc-match") is None:
        return {}
    found: dict[str, str] = {}
    for face, style in _FC_STYLES.items():
        try:
            out = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
                ["fc-match", "--format=%{family}\n%{file}", f"{family}:style={style}:lang=vi"],  # noqa: S607
                capture_output=True, text=True, timeout=5, check=False,
            ).stdout.splitlines()  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return {}
        # fc-match always answers with something; only the family asked for will do.
        if len(out) == 2 and family in out[0].split(","):
            found[face] = out[1]
    return found


def _covers(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(ch) in glyphs for ch in VIETNAMESE)


def find_serif_fonts(
    candidates: Iterable[tuple[str, Mapping[str, str]]] = CANDIDATES, use_fontconfig: bool = True
) -> tuple[str, dict[str, TTFont], dict[str, str]]:
    """The first family with all four faces present and covering Vietnamese: (family, faces, files)."""
    tried: list[str] = []
    for family, known in candidates:
        sources = [dict(known)] + ([_fontconfig(family)] if use_fontconfig else [])
        for files in sources:
            if set(files) != set(FACES) or not all(Path(p).is_file() for p in files.values()):
                continue
            try:
                faces = {face: TTFont(f"VP {family} {face}", files[face]) for face in FACES}
            except (TTFError, OSError) as exc:
                tried.append(f"{family}: {exc}")
                continue
            if all(_covers(font) for font in faces.values()):
                return family, faces, files
            tried.append(f"{family} ({files['regular']}) thiếu chữ Việt")
    detail = f" Đã thử: {'; '.join(tried)}." if tried else ""
    raise FontMissingError(
        "Không tìm thấy phông chữ có đủ chữ tiếng Việt, tương thích Times New Roman, để xuất PDF "
        "(Liberation Serif bản 2 hoặc Tinos, đủ bốn kiểu thường, đậm, nghiêng, đậm nghiêng). "
        f"Cài gói Debian {PACKAGES}: apt-get install fonts-liberation2. "
        f"Gói fonts-liberation bản 1 không có đủ chữ Việt.{detail}"
    )


@lru_cache(maxsize=1)
def pdf_fonts() -> PdfFonts:
    """Find and register the faces once; later renders reuse them (ReportLab keeps registered fonts)."""
    family, faces, files = find_serif_fonts()
    for font in faces.values():
        pdfmetrics.registerFont(font)
    names = {face: font.fontName for face, font in faces.items()}
    pdfmetrics.registerFontFamily(
        names["regular"], normal=names["regular"], bold=names["bold"],
        italic=names["italic"], boldItalic=names["bold_italic"],
    )  # fmt: skip
    return PdfFonts(family, names, files)


_AFM = {(False, False): "Times-Roman", (True, False): "Times-Bold",
        (False, True): "Times-Italic", (True, True): "Times-BoldItalic"}  # fmt: skip


@lru_cache(maxsize=4096)
def _base_letters(text: str) -> str:
    # A Vietnamese letter is as wide as its base letter in Times (within 1–2 %, a little more for ơ and ư).
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def approx_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of `text` in Times New Roman, from the Times metrics every ReportLab install has."""
    return float(pdfmetrics.stringWidth(_base_letters(text), _AFM[(bold, italic)], size))
