"""Hypothesis strategies for Vietnamese text, shared by the tests of vanphong.text."""

from __future__ import annotations

import unicodedata

from hypothesis import settings
from hypothesis import strategies as st

# No example database: it would write a .hypothesis folder into the repository.
SETTINGS = settings(max_examples=100, deadline=None, database=None)

TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang huyền hỏi ngã sắc nặng
ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
VIETNAMESE_ALPHABET = [ch for ch in ALPHABET if ch not in "fjwz"]
VOWELS = "aăâeêioôơuưy"

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
          "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
# Rhymes as (vowel cluster, possible finals); enough to cover every tone-placement case.
RHYMES = [
    ("a", ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]), ("ă", ["c", "m", "n", "ng", "p", "t"]),
    ("â", ["c", "m", "n", "ng", "p", "t"]), ("e", ["", "c", "m", "n", "ng", "p", "t"]),
    ("ê", ["", "ch", "m", "n", "nh", "p", "t"]), ("i", ["", "ch", "m", "n", "nh", "p", "t"]),
    ("o", ["", "c", "m", "n", "ng", "p", "t"]), ("ô", ["", "c", "m", "n", "ng", "p", "t"]),
    ("ơ", ["", "m", "n", "p", "t"]), ("u", ["", "c", "m", "n", "ng", "p", "t"]),
    ("ư", ["", "c", "ng", "t"]), ("y", [""]),
    ("ai", [""]), ("ao", [""]), ("au", [""]), ("ay", [""]), ("âu", [""]), ("ây", [""]), ("eo", [""]),
    ("êu", [""]), ("ia", [""]), ("iê", ["c", "m", "n", "ng", "p", "t", "u"]), ("iu", [""]),
    ("oa", ["", "c", "ch", "i", "m", "n", "ng", "nh", "p", "t", "y"]), ("oă", ["c", "m", "n", "ng", "t"]),
    ("oe", ["", "n", "t", "o"]), ("oi", [""]), ("ôi", [""]), ("ơi", [""]), ("ua", [""]),
    ("uâ", ["n", "ng", "t", "y"]), ("uê", ["", "ch", "nh"]), ("ui", [""]),
    ("uô", ["c", "i", "m", "n", "ng", "t"]), ("uơ", [""]), ("uy", ["", "ch", "n", "nh", "t", "u", "a"]),
    ("uyê", ["n", "t"]), ("ưa", [""]), ("ưi", [""]),
    ("ươ", ["c", "i", "m", "n", "ng", "p", "t", "u"]), ("ưu", [""]), ("yê", ["m", "n", "ng", "t", "u"]),
]  # fmt: skip
# Entering/stop finals (c ch p t) only take sắc or nặng.
STOPS = ("c", "ch", "p", "t")


@st.composite
def bare_syllables(draw: st.DrawFn) -> tuple[str, str, str]:
    """A toneless syllable as (onset, vowel cluster, final); the glide of "oai" counts as its final."""
    onset = draw(st.sampled_from(ONSETS))
    nucleus, finals = draw(st.sampled_from(RHYMES))
    final = draw(st.sampled_from(finals))
    # "qu"/"gi" followed by u/i would read differently; keep the drawn syllable unambiguous.
    if onset in ("qu", "gi") and nucleus[0] in "uưiy":
        onset = "h"
    return onset, nucleus, final


def _cased(word: str, style: str) -> str:
    return {"lower": word, "upper": word.upper(), "title": word[:1].upper() + word[1:]}[style]


@st.composite
def toned_syllables(draw: st.DrawFn) -> tuple[str, int]:
    """(syllable with its tone mark on any vowel, tone number); NFC, random case style."""
    onset, nucleus, final = draw(bare_syllables())
    tone = draw(st.integers(1, 5))
    if final in STOPS:
        tone = draw(st.sampled_from([4, 5]))
    word = onset + nucleus + final
    vowel_positions = [k for k, ch in enumerate(word) if ch in VOWELS and k >= len(onset)]
    at = draw(st.sampled_from(vowel_positions))
    word = unicodedata.normalize("NFC", word[: at + 1] + TONE_MARKS[tone] + word[at + 1 :])
    return _cased(word, draw(st.sampled_from(["lower", "upper", "title"]))), tone


def vietnamese_letters() -> st.SearchStrategy[str]:
    """One letter of the Vietnamese alphabet (or f j w z) with any tone, in either case."""
    base = st.sampled_from(ALPHABET)
    tone = st.sampled_from(TONE_MARKS)
    letter = st.builds(
        lambda b, t: unicodedata.normalize("NFC", b + t) if b in VOWELS else b,
        base,
        tone,
    )
    return st.tuples(letter, st.booleans()).map(lambda p: p[0].upper() if p[1] else p[0])


def vietnamese_phrases() -> st.SearchStrategy[str]:
    """Words of Vietnamese letters separated by single spaces (no tone rewriting needed to compare)."""
    word = st.lists(vietnamese_letters(), min_size=1, max_size=6).map("".join)
    return st.lists(word, min_size=0, max_size=4).map(" ".join)


FILLERS = [" ", "  ", "\t", "\u00a0", "\u200b", "\n", "\n\n\n", ", ", ". ", "“", "”", "‘", "’",
           "«", "»", "-", "/", "(", ")", "0", "19", "2025"]  # fmt: skip


def vietnamese_text() -> st.SearchStrategy[str]:
    """Prose-like text: real syllables, stray letters, punctuation, digits and odd whitespace."""
    syllable = toned_syllables().map(lambda p: p[0])
    piece = st.one_of(
        syllable,
        syllable,
        vietnamese_letters(),
        st.sampled_from(FILLERS),
    )
    return st.lists(piece, max_size=20).map("".join)


def any_text() -> st.SearchStrategy[str]:
    """Vietnamese-like text or arbitrary Unicode."""
    return st.one_of(vietnamese_text(), st.text(max_size=40))
