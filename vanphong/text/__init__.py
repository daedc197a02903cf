"""Vietnamese text core: normalise, fold, collate, tokenise and parse dates. Pure Python, no Django."""

from __future__ import annotations

from vanphong.text.collate import collation_key
from vanphong.text.fold import fold
from vanphong.text.normalize import normalize

__all__ = ["collation_key", "fold", "normalize"]
