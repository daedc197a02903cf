"""Fold text for accent-insensitive matching: lower case, no diacritics, đ → d."""

from __future__ import annotations

import unicodedata

from vanphong.text.normalize import clean_space, normalize

__all__ = ["fold"]

# đ has no decomposition, so stripping marks alone would keep it (SQLite FTS5 has the same gap).
_STROKES = str.maketrans({"đ": "d", "Đ": "d"})


def fold(s: str) -> str:
    """`normalize`, then lower case, drop every combining mark and map đ/Đ to d; idempotent.

    fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam".
    """
    decomposed = unicodedata.normalize("NFD", normalize(s).lower().translate(_STROKES))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Me"))
    # Dropping marks can leave spaces side by side, so clean again.
    return clean_space(unicodedata.normalize("NFC", bare))
