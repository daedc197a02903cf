"""The Vietnamese clutter filter: what trafilatura leaves of related-news lists, widgets, captions and credits.

Rules (data in infocenter/data/clutter.json), line by line on the folded text:
1. exact forms: a line made only of widget words ("Chia sẻ | In bài | Zalo"), a line pattern (timestamps, "Theo
   dõi … trên Google News", "Quét mã QR…", "Từ khóa: …"), a link line ("Xem thêm: …", ">> …"), a caption
   ("Ảnh: …", "… (Ảnh: TTXVN)");
2. a heading of other articles ("Tin liên quan", "Đọc nhiều") and the headlines and teasers under it;
3. a run of two or more headline-like lines (no closing punctuation), or a headline followed by a teaser
   (a short paragraph ending in "…"): lists of other articles without a heading;
4. from the end, credits and headline-like lines after the last paragraph.
A body paragraph is never dropped by rules 2–4: a line with closing punctuation that is not a teaser, a list item
("- …", "1. …") and a line ending in ":" or ";" are body. Intertitles (a lone headline-like line between
paragraphs) are kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from vanphong.text import fold

DATA = Path(__file__).resolve().parents[1] / "data" / "clutter.json"

_END_PUNCT = frozenset('.!?:;…"\')”')
_TEASER_END = ("...", "…")
_LIST_ITEM = re.compile(r"^\s*([-+•*–]|\d{1,2}[.)]|[a-zđ][)])\s")
_WORD = re.compile(r"[^\W_]+(?:[+\-][^\W_]*)?|[|/\-+]", re.UNICODE)
_NAME_WORD = re.compile(r"^[A-ZÀ-Ỹ][^\s]*$")


@dataclass(slots=True)
class Rules:
    headings: frozenset[str]
    inline_prefixes: tuple[str, ...]
    widgets: frozenset[str]
    max_widget_words: int
    patterns: list[re.Pattern[str]]
    caption_start: re.Pattern[str]
    caption_end: re.Pattern[str]
    credit_start: re.Pattern[str]
    agencies: frozenset[str]


@cache
def rules() -> Rules:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    captions = "|".join(sorted((re.escape(w) for w in data["caption_words"]), key=len, reverse=True))
    credits = "|".join(sorted((re.escape(w) for w in data["credit_words"]), key=len, reverse=True))
    widgets = frozenset(data["widgets"])
    return Rules(
        headings=frozenset(data["headings"]),
        inline_prefixes=tuple(data["inline_prefixes"]),
        widgets=widgets,
        max_widget_words=max(len(w.split()) for w in widgets),
        patterns=[re.compile(p) for p in data["line_patterns"]],
        caption_start=re.compile(rf"^\(?\s*({captions})\s*[:\-–]\s*\S"),
        caption_end=re.compile(rf"[.!?]?\s*\(?\s*({captions})\s*:\s*[^.:()]{{1,60}}\)?\s*\.?$"),
        credit_start=re.compile(rf"^\(?\s*({credits})\b\s*[:\-–]?\s*[^.]{{0,80}}\)?$"),
        agencies=frozenset(data["agencies"]),
    )


@dataclass(slots=True)
class Filtered:
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    credit: str = ""  # the author or source named in a credit line, if any


def _is_widgets(folded: str, r: Rules) -> bool:
    words = _WORD.findall(folded)
    if not words:
        return True
    i = 0
    while i < len(words):
        for size in range(min(r.max_widget_words, len(words) - i), 0, -1):
            if " ".join(words[i : i + size]) in r.widgets:
                i += size
                break
        else:
            return False
    return True


def _exact(line: str, folded: str, r: Rules) -> bool:
    if len(folded) <= 120 and _is_widgets(folded, r):
        return True
    bare = folded.strip(" :.-–>»")
    prefixed = any(folded.startswith(p) and (len(p) <= 2 or folded[len(p) : len(p) + 1] in {":", " "})
                   for p in r.inline_prefixes)  # fmt: skip
    if prefixed:
        # "Xem thêm: <headline>" is a link; "Xem thêm các quy định…" as a sentence is not.
        rest = folded.split(":", 1)[1] if ":" in folded[:20] else folded
        if ":" in folded[:20] or folded.startswith((">", "»", "=>")) or not rest.rstrip().endswith("."):
            return bool(bare)
    if len(folded) <= 300 and any(p.search(folded) for p in r.patterns):
        return True
    words = len(folded.split())
    if words <= 25 and r.caption_start.search(folded):
        return True
    return words <= 60 and r.caption_end.search(folded) is not None


_TRAILING_STAMP = re.compile(
    r"\s*[(\[]?\s*\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2})?\s*[)\]]?$")


def _headline_like(line: str) -> bool:
    # A headline in a list often carries its time: "Hà Nội khánh thành cầu mới (05/11/2025)".
    s = _TRAILING_STAMP.sub("", line.rstrip())
    if not s or _LIST_ITEM.match(s):
        return False
    words = len(s.split())
    return 2 <= words <= 30 and s[-1] not in _END_PUNCT


def _teaser(line: str) -> bool:
    # Teasers are cut short by the site: a few sentences ending in "…". A paragraph ending so is only a teaser
    # next to a headline or under a heading (rules 2 and 3); alone it is body.
    s = line.rstrip()
    return s.endswith(_TEASER_END) and len(s) <= 320


def _credit(line: str, folded: str, r: Rules) -> str | None:
    """The name a trailing credit gives ("Bài và ảnh: Minh Anh" → "Minh Anh", "TTXVN" → "TTXVN"), or None."""
    s = line.strip().strip("()")
    words = s.split()
    if not words or len(words) > 10:
        return None
    if r.credit_start.match(folded):
        name = re.split(r"[:\-–]", s, maxsplit=1)[-1].strip()
        if name == s:  # "Theo TTXVN"
            name = " ".join(words[1:])
        return name or s
    if folded.strip(" .-–") in r.agencies:
        return s.strip(" .-–")
    if len(words) <= 5 and all(_NAME_WORD.match(w.strip(",-–")) or w in {"-", "–", "và"} for w in words):
        if s[-1] not in ".!?:;":
            return s
    return None


def filter_lines(lines: list[str]) -> Filtered:
    r = rules()
    n = len(lines)
    folded = [fold(x) for x in lines]
    drop = [False] * n
    body_like = [False] * n
    exact = [False] * n
    for i, line in enumerate(lines):
        if _exact(line, folded[i], r):
            drop[i] = exact[i] = True
        else:
            s = line.rstrip()
            body_like[i] = bool(s) and (s[-1] in _END_PUNCT or bool(_LIST_ITEM.match(s)))
    # 2. headings and the lists under them.
    i = 0
    while i < n:
        if folded[i].strip(" :.-–>»") in r.headings:
            drop[i] = True
            j = i + 1
            while j < n and (drop[j] or _headline_like(lines[j]) or _teaser(lines[j])):
                drop[j] = True
                j += 1
            i = j
        else:
            i += 1
    # 3. runs of headlines, and headline + teaser pairs.
    i = 0
    while i < n:
        if drop[i] or not _headline_like(lines[i]):
            i += 1
            continue
        j = i
        while j < n and not drop[j] and (_headline_like(lines[j]) or (_teaser(lines[j]) and j > i)):
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                drop[k] = True
        i = max(j, i + 1)
    # 4. trailing credits and headlines after the last paragraph (what rules 2 and 3 dropped is not body).
    body_like = [b and not d for b, d in zip(body_like, drop, strict=True)]
    out = Filtered()
    k = n - 1
    while k >= 0 and (drop[k] or not body_like[k] or r.credit_start.match(folded[k])):
        if not out.credit and not exact[k]:
            out.credit = _credit(lines[k], folded[k], r) or ""
        drop[k] = True
        k -= 1
    for i, line in enumerate(lines):
        (out.removed if drop[i] else out.kept).append(line)
    return out
