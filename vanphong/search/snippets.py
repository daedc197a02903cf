"""Snippets: a window of the stored text around the first match, escaped, with the matched words in <mark>."""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vanphong.search.parse import ParsedQuery
from vanphong.text import fold

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold(word)


class Matcher:
    def __init__(self, parsed: ParsedQuery) -> None:
        terms = parsed.all_terms()
        # Every variant of a word is marked, as every variant matched ("dang" matched Đảng and đang).
        self.exact = {t.exact for t in terms}
        self.loose = {t.folded for t in terms}
        self.prefix = parsed.prefix.folded if parsed.prefix else None
        self._seen: dict[str, bool] = {}

    def matches(self, word: str) -> bool:
        # Bodies repeat their words: each distinct word is judged once per query.
        known = self._seen.get(word)
        if known is None:
            lower = word.lower()
            f = _folded(lower)
            known = lower in self.exact or f in self.loose or (self.prefix is not None and f.startswith(self.prefix))
            self._seen[word] = known
        return known


def highlight(text: str, matcher: Matcher, max_chars: int = 0) -> SafeString:
    """`text` (or a window of `max_chars` around its first match) as HTML: everything escaped, matches marked."""
    if not text:
        return SafeString("")
    start, end = 0, len(text)
    windowed = bool(max_chars and len(text) > max_chars)
    if windowed:
        # Only the window is shown: find the first match, then mark words inside the window alone.
        first = next((m.start() for m in _WORD.finditer(text) if matcher.matches(m.group())), 0)
        start = max(0, first - max_chars // 4)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 20 else start
        end = min(len(text), start + max_chars)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    spans = [m.span() for m in _WORD.finditer(text, start, end) if matcher.matches(m.group())]
    out: list[str] = ["…" if start else ""]
    pos = start
    for a, b in spans:
        if a < start or b > end:
            continue
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
