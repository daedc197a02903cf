"""Vietnamese text core: normalise, fold, collate, tokenise and parse dates. Pure Python, no Django."""

from __future__ import annotations

from vanphong.text.collate import collation_key
from vanphong.text.dates import FoundDate, ParsedDate, find_vn_dates, parse_vn_date
from vanphong.text.fold import fold, fold_chars
from vanphong.text.normalize import normalize
from vanphong.text.tokenize import syllables, words, words_segmenter_available

__all__ = [
    "FoundDate",
    "ParsedDate",
    "collation_key",
    "find_vn_dates",
    "fold",
    "fold_chars",
    "normalize",
    "parse_vn_date",
    "syllables",
    "words",
    "words_segmenter_available",
]
