"""Vietnamese collation: a sort key string that orders text the way a Vietnamese dictionary does.

Order, level by level over the whole string:

1. letters a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z (f j w z in Latin
   order), case-insensitive; numbers before letters and compared by value ("Tổ 9" < "Tổ 10", leading zeros
   ignored); a run of spaces/punctuation is one separator that sorts before everything, so
   "An" < "An Bình" < "Anh"; punctuation at the ends is ignored; letters of other scripts sort between
   separators and numbers, by code point;
2. tones: ngang < huyền < hỏi < ngã < sắc < nặng, then foreign accents (ö, ç, …);
3. case: lower before upper.

The key uses only the characters 0-9 and a-z, so plain code-point (binary) comparison sorts it, and
so does any usual database collation (they all order digits before lower-case letters).

Length bound: with n = len(normalize(s)), the key is at most 3·n + 2 characters when s holds only
Latin letters, digits, spaces and punctuation (about 2·n for Vietnamese prose), and at most 6·n + 2
in general (a letter of another script costs 6).
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from vanphong.text.normalize import TONE_MARKS, normalize

__all__ = ["collation_key"]

_SYM = "0123456789abcdefghijklmnopqrstuvwxyz"  # ascending in every common collation
_LEVEL_SEP = "0"  # lowest symbol: ends a level, so a shorter level sorts first
_SPACE = "1"
_NUMBER_OR_OTHER = "2"
_OTHER = "1"  # after _NUMBER_OR_OTHER; numbers use a length symbol >= "2" there instead
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_SYM = {letter: _SYM[3 + k] for k, letter in enumerate(_ALPHABET)}
_FOREIGN_ACCENT = 6  # after the five tones
_MAX_DIGITS = len(_SYM) - 2  # a length symbol must stay in "2".."z"
_CASE_BITS = 5  # case flags packed per symbol: 2**5 values fit in "1".."w"

_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_SHAPES = {("a", _BREVE): "ă", ("a", _CIRCUMFLEX): "â", ("e", _CIRCUMFLEX): "ê",
           ("o", _CIRCUMFLEX): "ô", ("o", _HORN): "ơ", ("u", _HORN): "ư"}  # fmt: skip


class _Kind(Enum):
    LETTER = 1
    DIGIT = 2
    OTHER = 3
    SEPARATOR = 4


class _Char(NamedTuple):
    kind: _Kind
    primary: str = ""
    accent: int = 0
    upper: bool = False


def _base35(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 35)
        out.append(_SYM[1 + r])
    return "".join(reversed(out))


@lru_cache(maxsize=8192)
def _classify(ch: str) -> _Char:
    if ch in "0123456789":
        return _Char(_Kind.DIGIT)
    if ch in "đĐ":
        return _Char(_Kind.LETTER, _LETTER_SYM["đ"], 0, ch == "Đ")
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    if "a" <= base.lower() <= "z" and base.isascii():
        letter, accent = base.lower(), 0
        for mark in decomposed[1:]:
            if (letter, mark) in _SHAPES:
                letter = _SHAPES[(letter, mark)]
            elif mark in TONE_MARKS and accent == 0:
                accent = TONE_MARKS[mark]
            else:
                accent = _FOREIGN_ACCENT
        return _Char(_Kind.LETTER, _LETTER_SYM[letter], accent, base.isupper())
    if ch.isalnum():
        lowered = ch.lower()
        code = ord(lowered) if len(lowered) == 1 else ord(ch)
        return _Char(_Kind.OTHER, _NUMBER_OR_OTHER + _OTHER + _base35(code, 4))
    return _Char(_Kind.SEPARATOR)


def _number(digits: str) -> str:
    digits = digits.lstrip("0") or "0"
    out = []
    # Beyond _MAX_DIGITS digits numbers compare chunk by chunk; such runs are ids, not counts.
    for k in range(0, len(digits), _MAX_DIGITS):
        chunk = digits[k : k + _MAX_DIGITS]
        out.append(_NUMBER_OR_OTHER + _SYM[1 + len(chunk)] + "".join(_SYM[1 + int(d)] for d in chunk))
    return "".join(out)


def collation_key(s: str) -> str:
    """A string of 0-9a-z whose code-point order is Vietnamese dictionary order of `s` (see module doc)."""
    text = normalize(s)
    primary: list[str] = []
    accents: list[int] = []
    cases: list[bool] = []
    gap = False
    i = 0
    while i < len(text):
        c = _classify(text[i])
        if c.kind is _Kind.SEPARATOR:
            gap = bool(primary)
            i += 1
            continue
        if gap:
            primary.append(_SPACE)
            gap = False
        if c.kind is _Kind.DIGIT:
            j = i
            while j < len(text) and "0" <= text[j] <= "9":
                j += 1
            primary.append(_number(text[i:j]))
            i = j
            continue
        primary.append(c.primary)
        if c.kind is _Kind.LETTER:
            accents.append(c.accent)
            cases.append(c.upper)
        i += 1
    while accents and accents[-1] == 0:
        accents.pop()
    case_syms = []
    for k in range(0, len(cases), _CASE_BITS):
        bits = cases[k : k + _CASE_BITS]
        value = sum(1 << (_CASE_BITS - 1 - b) for b, up in enumerate(bits) if up)
        case_syms.append(_SYM[1 + value])
    while case_syms and case_syms[-1] == _SYM[1]:
        case_syms.pop()
    return (
        "".join(primary)
        + _LEVEL_SEP
        + "".join(_SYM[1 + a] for a in accents)
        + _LEVEL_SEP
        + "".join(case_syms)
    )
