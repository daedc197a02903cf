"""Extractive summaries of an event for a bulletin: the lead sentence, then the most central other sentences.

Pure Python, no Django. Sentences of all the event's items are put in one graph whose edges are the cosine of
their folded-term vectors (tf·idf over the sentences); LexRank's power iteration gives each sentence its
centrality, and the best are taken in turn, skipping any too close to one already taken (syndicated copies repeat
whole sentences), until the budget in sentences or characters is spent. The lead (the first sentence of the
first item, which Vietnamese news writes as the summary of the whole) always comes first.

Splitting sentences knows Vietnamese abbreviations ("TP. Hồ Chí Minh", "PGS.TS. Nguyễn Văn A", "Q. Ba Đình"),
and never breaks inside a number ("1.000", "3,5") or a date ("5/11", "05.11.2026"): a sentence ends at ".", "!",
"?" or "…" followed by a space and a capital letter (or an opening quote), or at the end of a paragraph.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from vanphong.infocenter.pipeline.events import stopwords
from vanphong.text import fold, normalize

__all__ = ["Summary", "split_sentences", "summarize"]

# Folded (lower case, no diacritics) words that end in "." without ending a sentence.
ABBREVIATIONS = frozenset({
    "tp", "tx", "tt", "q", "p", "h", "x", "tr", "gs", "pgs", "ts", "ths", "tskh", "bs", "ds", "ks", "cn", "ls",
    "nxb", "ubnd", "hdnd", "dc", "d", "ng", "st", "mr", "mrs", "ms", "dr", "no", "vs", "v.v", "vv", "tw", "k",
    "sdt", "dt",
})
_END = re.compile(r"(?<=[.!?…])([\"”’»)]*)\s+[\"“‘«(]?(\S)")
_WORD = re.compile(r"[^\W_]+")
_LAST_TOKEN = re.compile(r"(\S+)$")

# LexRank: damping as PageRank's; an edge below MIN_EDGE is noise (two sentences sharing one common word).
DAMPING = 0.85
MIN_EDGE = 0.08
ITERATIONS = 100
TOLERANCE = 1e-6
# A sentence this close (cosine) to one already taken says the same thing again.
REDUNDANT = 0.5
MIN_WORDS = 6


def _ends_sentence(before: str) -> bool:
    """Whether the text up to a candidate break really ends a sentence (not "TP." nor "PGS.TS." nor "A.")."""
    m = _LAST_TOKEN.search(before)
    if m is None:
        return True
    token = m.group(1)
    if not token.endswith("."):
        return True  # "!", "?", "…" always end one
    word = token.rstrip(".")
    last = fold(word.split(".")[-1]) if word else ""
    if last in ABBREVIATIONS or fold(word) in ABBREVIATIONS:
        return False
    # A single capital letter is an initial ("Hồ Chí M. Minh" is rare, "Nguyễn V. A." is not).
    return not (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` in order, each normalised; paragraphs (lines) always end a sentence."""
    out: list[str] = []
    for paragraph in normalize(text).splitlines():
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        start = 0
        for m in _END.finditer(paragraph):
            cut = m.start() + len(m.group(1))
            # The next sentence starts with a capital or a number; "v.v. và" goes on.
            if (m.group(2).isupper() or m.group(2).isdigit()) and _ends_sentence(paragraph[start:m.start()]):
                sentence = paragraph[start:cut].strip()
                if sentence:
                    out.append(sentence)
                start = m.start(2) - (1 if paragraph[m.start(2) - 1] in "\"“‘«(" else 0)
        rest = paragraph[start:].strip()
        if rest:
            out.append(rest)
    return out


def _terms(sentence: str) -> list[str]:
    stop = stopwords()
    words = [w for w in _WORD.findall(fold(sentence)) if not w.isdigit()]
    out = [w for w in words if w not in stop]
    # Two-syllable words ("kinh te", "dai hoi") carry most of the meaning of Vietnamese text.
    out += [f"{a}_{b}" for a, b in pairwise(words) if a not in stop or b not in stop]
    return out


def _vectors(sentences: list[str]) -> list[dict[str, float]]:
    counts = [Counter(_terms(s)) for s in sentences]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(sentences)
    vectors = []
    for c in counts:
        vec = {t: (1 + math.log(k)) * math.log((1 + n) / (1 + df[t]) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def centrality(sentences: list[str]) -> list[float]:
    """LexRank scores (summing to 1) of `sentences`: the stationary distribution of a walk on their graph."""
    n = len(sentences)
    if n == 0:
        return []
    vectors = _vectors(sentences)
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            w = _cosine(vectors[i], vectors[j])
            if w >= MIN_EDGE:
                weights[i][j] = weights[j][i] = w
    rows = [sum(r) for r in weights]
    scores = [1.0 / n] * n
    for _ in range(ITERATIONS):
        new = [(1 - DAMPING) / n] * n
        for i in range(n):
            if rows[i] == 0:
                share = DAMPING * scores[i] / n  # a sentence alone spreads its weight evenly
                for j in range(n):
                    new[j] += share
                continue
            for j in range(n):
                if weights[i][j]:
                    new[j] += DAMPING * scores[i] * weights[i][j] / rows[i]
        delta = sum(abs(a - b) for a, b in zip(new, scores, strict=True))
        scores = new
        if delta < TOLERANCE:
            break
    return scores


@dataclass(frozen=True)
class Summary:
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def summarize(texts: list[str], *, max_sentences: int = 3, max_chars: int = 700) -> Summary:
    """A summary of one event from its items' texts (the first text first: the best item's), within the budget.

    The lead is the first sentence of the first non-empty text and is always kept, even when longer than
    `max_chars` alone; the other sentences are the most central ones not redundant with those already kept,
    printed in the order they appear."""
    seen: set[str] = set()
    sentences: list[str] = []
    for text in texts:
        for s in split_sentences(text or ""):
            key = " ".join(_WORD.findall(fold(s)))
            if key and key not in seen:  # an exact copy of a sentence adds nothing but weight
                seen.add(key)
                sentences.append(s)
    if not sentences:
        return Summary(())
    scores = centrality(sentences)
    vectors = _vectors(sentences)
    chosen = [0]
    used = len(sentences[0])
    ranked = sorted(range(1, len(sentences)), key=lambda i: (-scores[i], i))
    for i in ranked:
        if len(chosen) >= max_sentences:
            break
        s = sentences[i]
        if len(_WORD.findall(s)) < MIN_WORDS or used + 1 + len(s) > max_chars:
            continue
        if any(_cosine(vectors[i], vectors[j]) >= REDUNDANT for j in chosen):
            continue
        chosen.append(i)
        used += 1 + len(s)
    return Summary(tuple(sentences[i] for i in [0, *sorted(chosen[1:])]))
