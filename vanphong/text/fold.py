"""Fold text for accent-insensitive matching: lower case, no diacritics, đ → d."""

from __future__ import annotations

import re
import unicodedata

from vanphong.text.normalize import clean_space, prepare

__all__ = ["fold"]

# Anything but ASCII and the combining diacritical marks U+0300–U+036F (all of category Mn).
_NOT_ASCII_OR_BASIC_MARK = re.compile("[^\x00-\x7f\u0300-\u036f]")
_MARK_CATEGORIES = ("Mn", "Me")


class _DropMarks(dict[int, int | None]):
    """A `str.translate` table deleting every Mn/Me character, filled in as characters are met; bounded."""

    def __missing__(self, code: int) -> int | None:
        mapped = None if unicodedata.category(chr(code)) in _MARK_CATEGORIES else code
        if len(self) < 65536:
            self[code] = mapped
        return mapped


_DROP_MARKS = _DropMarks(dict.fromkeys(range(0x300, 0x370)))


def fold(s: str) -> str:
    """`normalize`, then lower case, drop every combining mark and map đ/Đ to d; idempotent.

    fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam".
    """
    # Tone placement only moves marks that are dropped here, so `prepare` (normalize without it) is enough.
    # đ has no decomposition, so stripping marks alone would keep it (SQLite FTS5 has the same gap); lower()
    # has already made Đ đ.
    decomposed = unicodedata.normalize("NFD", prepare(s).lower().replace("đ", "d"))
    if _NOT_ASCII_OR_BASIC_MARK.search(decomposed) is None:
        # Only ASCII and marks: dropping the marks leaves ASCII, which NFC leaves alone.
        bare = decomposed.encode("ascii", "ignore").decode("ascii")
    else:
        bare = unicodedata.normalize("NFC", decomposed.translate(_DROP_MARKS))
    # Dropping marks can leave spaces side by side, so clean again.
    return clean_space(bare)
