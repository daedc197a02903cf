"""Fold text for accent-insensitive matching: lower case, no diacritics, đ → d."""

from __future__ import annotations

import re
import unicodedata

from vanphong.text.normalize import clean_space, prepare

__all__ = ["fold", "fold_chars"]

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


def _fold_char_table() -> dict[int, str]:
    """Every character of the Latin blocks Vietnamese uses, folded to one character (or kept, when its fold is
    not one character): a plain dict holding every one of them, so `str.translate` finds each in C without a
    miss; characters outside those blocks stay as they are."""
    table: dict[int, str] = {}
    for start, end in ((0x0, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070)):
        for code in range(start, end):
            c = chr(code)
            folded = fold(c) if c.isalpha() else c
            table[code] = folded if len(folded) == 1 else c
    return table


FOLD_CHAR_TABLE = _fold_char_table()


def fold_chars(s: str) -> str:
    """Fold `s` character by character, keeping its length, so a position in the result is a position in `s`.

    For finding where folded words occur in normalised (NFC) text: fold_chars("Đà Nẵng") == "da nang". Unlike
    `fold`, it neither normalises nor tidies spaces, and leaves letters outside the Latin script as they are.
    """
    return s.translate(FOLD_CHAR_TABLE)
