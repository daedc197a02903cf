"""Snippets: a window of the stored text around the first match, escaped, with the matched words in <mark>.

Matching is done on the stored text as it is, by one regular expression in which each letter of the query's
folded words stands for every letter that folds to it ("dang" is [dDđĐ][aAàÀáÁ…][nN][gG]), so a 3 KB body is
scanned at C speed and every variant of a word is marked, as every variant matched (Đảng, đang, dạng).
"""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from vanphong.search.parse import ParsedQuery
from vanphong.text import fold_chars
from vanphong.text.fold import FOLD_CHAR_TABLE

# A word is a run of letters and digits, as `syllables` splits it.
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


def _variants() -> dict[str, str]:
    """Each folded letter and the character class of every letter that folds to it."""
    by_fold: dict[str, set[str]] = {}
    for code, folded in FOLD_CHAR_TABLE.items():
        if folded.isalnum():
            by_fold.setdefault(folded, {folded}).add(chr(code))
    return {f: "[" + "".join(sorted(re.escape(c) for c in chars)) + "]" for f, chars in by_fold.items()}


_VARIANTS = _variants()


def _any_variant(folded: str) -> str:
    return "".join(_VARIANTS.get(c, re.escape(c)) for c in folded)


class Matcher:
    def __init__(self, parsed: ParsedQuery) -> None:
        words = sorted({t.folded for t in parsed.all_terms() if t.folded}, key=len, reverse=True)
        parts = [_any_variant(w) for w in words]
        if parsed.prefix is not None and parsed.prefix.folded:
            parts.insert(0, _any_variant(parsed.prefix.folded) + r"[^\W_]*")
        self.pattern = re.compile(f"{_BEFORE}(?:{'|'.join(parts)}){_AFTER}") if parts else None

    def matches(self, word: str) -> bool:
        return self.pattern is not None and self.pattern.fullmatch(fold_chars(word)) is not None


def highlight(text: str, matcher: Matcher, max_chars: int = 0) -> SafeString:
    """`text` (or a window of `max_chars` around its first match) as HTML: everything escaped, matches marked."""
    if not text:
        return SafeString("")
    start, end = 0, len(text)
    pattern = matcher.pattern
    if max_chars and len(text) > max_chars:
        first = pattern.search(text) if pattern is not None else None
        start = max(0, (first.start() if first else 0) - max_chars // 4)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 20 else start
        end = min(len(text), start + max_chars)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    out: list[str] = ["…" if start else ""]
    pos = start
    if pattern is not None:
        for m in pattern.finditer(text, start, end):
            a, b = m.span()
            out.append(escape(text[pos:a]))
            out.append(f"<mark>{escape(text[a:b])}</mark>")
            pos = b
    out.append(escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    # html.escape(quote=True) escapes exactly what django.utils.html.escape does, without its lazy-string wrapper
    # (a page of hits calls it hundreds of times).
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
