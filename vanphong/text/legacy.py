"""Decode Vietnamese text of unknown encoding: UTF-8 (or UTF-16 with a BOM), Windows-1258 and legacy TCVN3.

Files and pages from provincial offices still come in the 8-bit encodings of the 1990s: Windows-1258 (letters
plus combining tone marks) and TCVN3 (TCVN 5712:1993 "ABC", one byte per toned letter, the .VnTime fonts). Both
decode without error as Latin-1, so the choice is made by reading the result: the candidate whose words parse
as Vietnamese syllables wins. TCVN3 text also arrives already wrongly decoded ("Hµ Néi" for "Hà Nội"), copied
out of an old document as if it were Latin-1; `decode_vietnamese` repairs that too. The TCVN3 table is data
(data/tcvn3.json).
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vanphong.text.normalize import _tone_target, split_tone

__all__ = ["Decoded", "decode_vietnamese", "is_vietnamese_syllable", "tcvn3_to_unicode", "vietnamese_score"]

_DATA = Path(__file__).parent / "data" / "tcvn3.json"
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_LETTERS = frozenset("abcdeghiklmnopqrstuvxyđăâêôơư")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text and the name of the encoding it was read as ("utf-8", "windows-1258", "tcvn3", …)."""

    text: str
    encoding: str


@cache
def _tcvn3_table() -> dict[int, str]:
    rows = json.loads(_DATA.read_text(encoding="utf-8"))["table"]
    return {int(code, 16): letter for code, letter in rows.items()}


def tcvn3_to_unicode(s: str) -> str:
    """Rewrite TCVN3 bytes read as Latin-1 characters ("Hµ Néi") as Unicode ("Hà Nội"), NFC."""
    return unicodedata.normalize("NFC", s.translate(_tcvn3_table()))


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (letters only) is one Vietnamese syllable: onset, vowel cluster, final, at most one tone."""
    parts = [split_tone(ch) for ch in unicodedata.normalize("NFC", word.lower())]
    if sum(1 for _, tone in parts if tone) > 1:
        return False
    bare = "".join(base for base, _ in parts)
    if not bare or any(ch not in _VIETNAMESE_LETTERS for ch in bare):
        return False
    return _tone_target(bare.replace("đ", "d")) is not None or _tone_target(bare) is not None


def vietnamese_score(s: str, sample: int = 20000) -> int:
    """Words with a non-ASCII letter that are Vietnamese syllables minus those that are not (in the first
    `sample` characters): high for well-decoded Vietnamese, negative for mojibake."""
    score = 0
    for word in _WORD.findall(unicodedata.normalize("NFC", s[:sample])):
        if word.isascii():
            continue
        score += 1 if is_vietnamese_syllable(word) else -1
    return score


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    low = name.strip().lower()
    if low in {"tcvn3", "tcvn", "tcvn-5712", "tcvn5712", "vn3", "abc"}:
        return "tcvn3"
    try:
        return codecs.lookup(low).name
    except LookupError:
        return None


def _as(data: bytes, encoding: str) -> str | None:
    try:
        if encoding == "tcvn3":
            return tcvn3_to_unicode(data.decode("latin-1"))
        return unicodedata.normalize("NFC", data.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return None


def _repair_tcvn3(text: str) -> Decoded | None:
    """TCVN3 bytes that went through a Latin-1 reading already: every character fits in one byte."""
    if not any("\u0080" <= ch <= "\u00ff" for ch in text[:20000]):
        return None
    if any(ord(ch) > 0xFF for ch in text[:20000]):
        return None  # real Unicode Vietnamese has letters beyond Latin-1
    repaired = tcvn3_to_unicode(text)
    return Decoded(repaired, "tcvn3") if vietnamese_score(repaired) > max(vietnamese_score(text), 0) else None


def decode_vietnamese(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`: a BOM wins, then strict UTF-8 (repairing TCVN3 read as Latin-1), then the `declared`
    encoding (an HTML or XML charset) when it decodes, then whichever of Windows-1258 and TCVN3 reads as
    more Vietnamese. Never raises: bytes nothing decodes come back from Windows-1258 with replacement marks."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _as(data, name)
            if text is not None:
                return Decoded(text, "utf-8" if name == "utf-8-sig" else name)
    text = _as(data, "utf-8")
    if text is not None:
        return _repair_tcvn3(text) or Decoded(text, "utf-8")
    chosen = _codec(declared)
    if chosen and chosen not in {"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"}:
        text = _as(data, chosen)
        if text is not None:
            return Decoded(text, "windows-1258" if chosen == "cp1258" else chosen)
    candidates = [(name, _as(data, name)) for name in ("cp1258", "tcvn3")]
    scored = [(vietnamese_score(t), -k, name, t) for k, (name, t) in enumerate(candidates) if t is not None]
    if scored:
        _, _, name, best = max(scored)
        return Decoded(best, "windows-1258" if name == "cp1258" else name)
    return Decoded(unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "windows-1258")
