"""Normalise Vietnamese text: NFC, one tone-mark placement, clean whitespace and quotes.

Tone placement (the rule `normalize` enforces, syllable by syllable):

1. The onsets "qu" and "gi" (when a vowel follows) belong to the consonant, so the vowel
   cluster of "quý" is "y" and of "giá" is "a" ("gì" keeps "i" as its vowel).
2. If the cluster holds a vowel with a shape mark (ă â ê ô ơ ư), the tone goes on it; with
   two such vowels (ươ) on the last one: "người", "thuyền", "Huế", "quốc".
3. Otherwise a single vowel carries the tone.
4. Otherwise, with a final consonant, the tone goes on the last vowel: "hoàng", "toán", "quỳnh", "huýt".
5. Otherwise (no final consonant) two vowels take it on the first, three on the middle one:
   "hòa", "khỏe", "thủy", "mùa", "tỏi"; "ngoài", "khuỷu", "ngoẹo".

Rule 5 is the placement of government text and of official place names ("Thanh Hóa", "Khánh Hòa",
"Thủy"), so "hoà" becomes "hòa", "khoẻ" "khỏe", "thuỷ" "thủy", "uỳ" "ùy".

A letter run is rewritten only if it parses as one Vietnamese syllable (onset, vowel cluster and
final from the Vietnamese inventories, at most one tone); anything else passes unchanged. A foreign
word that happens to parse as a syllable is treated as one ("Noé" becomes "Nóe").

Whitespace: line breaks of any kind become "\\n"; zero-width characters and soft hyphens are
removed (invisible, they only break words); other runs of horizontal space (tab, NBSP, …) become one
space; lines are stripped; three or more line breaks become two (a paragraph break); ends are stripped.

Quotes: typographic double quotes and guillemets (“ ” „ ‟ « ») become '"', single ones (‘ ’ ‚ ‛) become
"'": one form to search and compare, and the straight forms are never rewritten, so this is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["clean_space", "normalize", "split_tone", "with_tone"]

# Tone numbers: 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng (dictionary order).
TONE_MARKS: dict[str, int] = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_MARK_OF_TONE: dict[int, str] = {tone: mark for mark, tone in TONE_MARKS.items()}

VOWELS = "aăâeêioôơuưy"
_VOWEL_SET = frozenset(VOWELS)
SHAPED_VOWELS = "ăâêôơư"


def _build_tone_tables() -> tuple[dict[str, tuple[str, int]], dict[tuple[str, int], str]]:
    split: dict[str, tuple[str, int]] = {}
    join: dict[tuple[str, int], str] = {}
    for base in VOWELS + VOWELS.upper():
        for tone, mark in _MARK_OF_TONE.items():
            composed = unicodedata.normalize("NFC", base + mark)
            split[composed] = (base, tone)
            join[(base, tone)] = composed
        join[(base, 0)] = base
    return split, join


_SPLIT, _JOIN = _build_tone_tables()


def split_tone(ch: str) -> tuple[str, int]:
    """The toneless letter and the tone number of one NFC character (tone 0 if none)."""
    return _SPLIT.get(ch, (ch, 0))


def with_tone(base: str, tone: int) -> str:
    """The NFC character for a toneless vowel `base` carrying `tone`."""
    return _JOIN[(base, tone)]


_ONSETS = frozenset(
    ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
     "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
)  # fmt: skip
# "k" is for highland names such as "Đắk Lắk".
_FINALS = frozenset(["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"])
_NUCLEI = frozenset(
    [*VOWELS,
     "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo",
     "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
     "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu"]
)  # fmt: skip


@lru_cache(maxsize=65536)
def _tone_target(bare: str) -> int | None:
    """Index in the lower-case toneless syllable `bare` where the tone belongs; None if not Vietnamese."""
    i = 0
    while i < len(bare) and bare[i] not in _VOWEL_SET:
        i += 1
    onset = bare[:i]
    # "qu" and "gi" swallow their u / i when another vowel follows.
    if onset == "q" and bare[i : i + 1] == "u" and bare[i + 1 : i + 2] in _VOWEL_SET:
        i += 1
        onset = "qu"
    elif onset == "g" and bare[i : i + 1] == "i" and bare[i + 1 : i + 2] in _VOWEL_SET:
        i += 1
        onset = "gi"
    j = i
    while j < len(bare) and bare[j] in _VOWEL_SET:
        j += 1
    nucleus, final = bare[i:j], bare[j:]
    if onset not in _ONSETS or nucleus not in _NUCLEI or final not in _FINALS:
        return None
    shaped = [k for k, ch in enumerate(nucleus) if ch in SHAPED_VOWELS]
    if shaped:
        at = shaped[-1]
    elif len(nucleus) == 1:
        at = 0
    elif final:
        at = len(nucleus) - 1
    else:
        at = 0 if len(nucleus) == 2 else 1
    return i + at


@lru_cache(maxsize=65536)
def _fix_syllable(word: str) -> str:
    parts = [split_tone(ch) for ch in word]
    toned = [k for k, (_, tone) in enumerate(parts) if tone]
    if len(toned) != 1:
        return word
    src = toned[0]
    tone = parts[src][1]
    bare = "".join(base for base, _ in parts).lower()
    dst = _tone_target(bare)
    if dst is None or dst == src:
        return word
    letters = [base for base, _ in parts]
    letters[dst] = with_tone(letters[dst], tone)
    return "".join(letters)


_LETTER_RUN = re.compile(r"[^\W\d_]+")
# Only a run holding a toned vowel can be rewritten (`_fix_syllable` needs exactly one tone).
_TONED = re.compile("[" + "".join(_SPLIT) + "]")


def _fix_match(m: re.Match[str]) -> str:
    after = m.string[m.end() : m.end() + 1]
    # A combining mark after the run would compose with its last letter; leave such runs alone.
    if after and unicodedata.category(after).startswith("M"):
        return m.group()
    return _fix_syllable(m.group())


class _FixedTokens(dict[str, str]):
    """Space-separated tokens with their tone placement fixed, memoised so a hit is one C-level lookup.

    A letter run never spans a space, and the character after a run that ends a token is a space (or
    the end of the text), never a mark: a token can be fixed on its own. Bounded in count and length.
    """

    def __missing__(self, token: str) -> str:
        fixed = _LETTER_RUN.sub(_fix_match, token) if _TONED.search(token) else token
        if len(token) <= 64:  # words, not whole lines without a space
            if len(self) >= 65536:
                self.clear()
            self[token] = fixed
        return fixed


_FIXED_TOKENS = _FixedTokens()


def _fix_runs(s: str) -> str:
    """Fix the tone placement of every letter run of the NFC string `s` (see the module docstring)."""
    if not _TONED.search(s):
        return s
    tokens = s.split(" ")
    fixed = list(map(_FIXED_TOKENS.__getitem__, tokens))
    return s if fixed == tokens else " ".join(fixed)


_LINE_BREAKS: dict[str, str] = {
    "\r": "\n", "\v": "\n", "\f": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n", "\x85": "\n",
    "\u2028": "\n", "\u2029": "\n\n",
}  # fmt: skip
_INVISIBLE: dict[str, None] = dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
_QUOTES: dict[str, str] = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"
}  # fmt: skip
# The key sets are disjoint and no value is a key, so one table does the work of the three in turn.
_SPACE_TABLE = str.maketrans({**_LINE_BREAKS, **_INVISIBLE})
_QUOTE_SPACE_TABLE = str.maketrans({**_QUOTES, **_LINE_BREAKS, **_INVISIBLE})
_TRANSLATED = "".join([*_QUOTES, *_LINE_BREAKS, *_INVISIBLE])
# Whitespace other than " " and "\n" (all of it is in the BMP; a test checks).
_ODD_SPACE = "".join(c for c in map(chr, range(0x10000)) if c.isspace() and c not in " \n")
_HAS_TRANSLATED = re.compile(f"[{re.escape(_TRANSLATED)}]")
_HAS_ODD_SPACE = re.compile(f"[{re.escape(_ODD_SPACE)}]")
_HAS_EITHER = re.compile(f"[{re.escape(_TRANSLATED + _ODD_SPACE)}]")
_HSPACE = re.compile(r"[^\S\n]+")
_SPACE_AROUND_BREAK = re.compile(r" ?\n ?")
_MANY_BREAKS = re.compile(r"\n{3,}")


def _clean_space(s: str, table: dict[int, str | None]) -> str:
    # Each step runs only when it can change something: clean text passes with a few C-level scans.
    if "\r\n" in s:
        s = s.replace("\r\n", "\n")
    special = _HAS_EITHER.search(s) is not None
    if special and _HAS_TRANSLATED.search(s):
        s = s.translate(table)
    if "  " in s or (special and _HAS_ODD_SPACE.search(s)):  # else all horizontal space is lone " "
        s = _HSPACE.sub(" ", s)
    if " \n" in s or "\n " in s:
        s = _SPACE_AROUND_BREAK.sub("\n", s)
    if "\n\n\n" in s:
        s = _MANY_BREAKS.sub("\n\n", s)
    return s.strip(" \n")


def clean_space(s: str) -> str:
    """Whitespace cleanup only (see the module docstring); idempotent."""
    return _clean_space(s, _SPACE_TABLE)


def prepare(s: str) -> str:
    """`normalize` without the tone placement: quotes, whitespace, NFC."""
    # Cleanup before NFC: removing an invisible character can bring a mark next to its letter.
    return unicodedata.normalize("NFC", _clean_space(s, _QUOTE_SPACE_TABLE))


def normalize(s: str) -> str:
    """NFC, one tone placement, clean whitespace and quotes; idempotent."""
    return _fix_runs(prepare(s))
