"""Split Vietnamese text into syllables and into words (multi-syllable units such as "Hà Nội")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from vanphong.text.normalize import normalize

__all__ = ["syllables", "words", "words_segmenter_available"]

_SYLLABLE = re.compile(r"[^\W_]+")


def syllables(s: str) -> list[str]:
    """The letter-and-digit runs of `normalize(s)`: "COVID-19 tại Huế" -> ["COVID", "19", "tại", "Huế"]."""
    return _SYLLABLE.findall(normalize(s))


@cache
def _segmenter() -> Callable[[str], list[str]] | None:
    # underthesea is optional: its CRF model ships inside the wheel, so it runs offline; import lazily
    # because importing it costs about half a second.
    try:
        from underthesea import word_tokenize  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None

    def segment(text: str) -> list[str]:
        return list(word_tokenize(text))

    return segment


def words_segmenter_available() -> bool:
    """Whether `words` segments with underthesea (True) or falls back to single syllables (False)."""
    return _segmenter() is not None


def words(s: str) -> list[str]:
    """Words of `s`, each its syllables joined by one space: "Bộ Chính trị họp" -> ["Bộ Chính trị", "họp"].

    Always " ".join(words(s)).split() == syllables(s). Without underthesea every syllable is a word.
    """
    sylls = syllables(s)
    segment = _segmenter()
    if segment is None or not sylls:
        return sylls
    # The segmenter only decides the grouping; syllable text comes from our own normalisation,
    # since underthesea rewrites some tokens its own way.
    counts = [n for n in (len(_SYLLABLE.findall(token)) for token in segment(normalize(s))) if n]
    if sum(counts) != len(sylls):
        return sylls
    out: list[str] = []
    k = 0
    for n in counts:
        out.append(" ".join(sylls[k : k + n]))
        k += n
    return out
