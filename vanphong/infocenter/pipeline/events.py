"""Events: different articles about the same happening, grouped.

Each article (one per group of copies) becomes a vector of folded syllables and syllable pairs, weighted by
where they stand (title, lead, body) and by inverse document frequency over the batch. Articles are taken in
date order and each joins the event it is most similar to (cosine with the event's centroid, plus a bonus for
people, organisations and places they share) when that reaches JOIN and the article's day lies within WINDOW
days of the event's, less DAY_PENALTY for each day it lies outside the event's days so far; otherwise it starts a
new event. So an event grows as new items arrive, and sharing a leader or a province alone never merges two
happenings: the terms must agree too (MIN_COSINE). The constants were chosen on the labelled set, where a broad
range of them gives the same grouping (tests/infocenter/test_quality.py).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from vanphong.text import fold

DATA = Path(__file__).resolve().parents[1] / "data" / "stopwords.json"

WINDOW = dt.timedelta(days=3)
JOIN = 0.30
MIN_COSINE = 0.16
DAY_PENALTY = 0.04
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_PARAGRAPHS = 8
TOP_TERMS = 25


@cache
def stopwords() -> frozenset[str]:
    return frozenset(json.loads(DATA.read_text(encoding="utf-8"))["stopwords"])


@dataclass(slots=True)
class Doc:
    """What event grouping needs of one article."""

    title: str
    lead: str
    body: str
    day: dt.date | None
    people: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()


_WORD = re.compile(r"[^\W_]+")


def _terms(text: str) -> list[str]:
    stop = stopwords()
    out: list[str] = []
    prev = ""
    for w in _WORD.findall(fold(text)):
        if w.isdigit():
            prev = ""
            continue
        if w not in stop:
            out.append(w)
        if prev:
            out.append(f"{prev}_{w}")
        prev = w
    return out


def _raw_vector(doc: Doc) -> dict[str, float]:
    counts: dict[str, float] = {}
    for text, weight in ((doc.title, TITLE_WEIGHT), (doc.lead, LEAD_WEIGHT), (doc.body, 1.0)):
        for term in _terms(text):
            counts[term] = counts.get(term, 0.0) + weight
    return counts


def _normalised(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass(slots=True)
class _Event:
    members: list[int] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    people: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, k: int, vec: dict[str, float], doc: Doc) -> None:
        self.members.append(k)
        for t, v in vec.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + v
        self.people |= doc.people
        self.organizations |= doc.organizations
        self.places |= doc.places
        if doc.day is not None:
            self.first = doc.day if self.first is None else min(self.first, doc.day)
            self.last = doc.day if self.last is None else max(self.last, doc.day)

    def within(self, day: dt.date | None) -> bool:
        if day is None or self.first is None or self.last is None:
            return True
        return self.first - WINDOW <= day <= self.last + WINDOW


def _bonus(doc: Doc, event: _Event) -> float:
    shared = (0.04 * min(3, len(doc.people & event.people))
              + 0.02 * min(3, len(doc.organizations & event.organizations))
              + 0.015 * min(2, len(doc.places & event.places)))  # fmt: skip
    if doc.day is not None and event.first is not None and event.last is not None:
        shared -= DAY_PENALTY * max(0, (event.first - doc.day).days, (doc.day - event.last).days)
    return shared


def group(docs: list[Doc]) -> list[tuple[list[int], list[float]]]:
    """Events as lists of indexes into `docs`, each in the order its articles joined, with how close each member
    is to the event's centre (for choosing the event's title)."""
    raw = [_raw_vector(d) for d in docs]
    df: Counter[str] = Counter()
    for vec in raw:
        df.update(vec.keys())
    n = len(docs)
    vectors = [_normalised({t: w * (math.log((n + 1) / (df[t] + 1)) + 1.0) for t, w in vec.items()}) for vec in raw]
    order = sorted(range(n), key=lambda k: (docs[k].day or dt.date.max, k))
    events: list[_Event] = []
    index: dict[str, set[int]] = {}  # term -> events holding it
    for k in order:
        vec, doc = vectors[k], docs[k]
        top = sorted(vec, key=vec.__getitem__, reverse=True)[:TOP_TERMS]
        candidates = set().union(*(index.get(t, set()) for t in top)) if top else set()
        best, best_score = -1, 0.0
        for e in candidates:
            event = events[e]
            if not event.within(doc.day):
                continue
            cos = _cosine(vec, _normalised(event.centroid))
            if cos < MIN_COSINE:
                continue
            score = cos + _bonus(doc, event)
            if score > best_score:
                best, best_score = e, score
        if best < 0 or best_score < JOIN:
            events.append(_Event())
            best = len(events) - 1
        events[best].add(k, vec, doc)
        for t in top:
            index.setdefault(t, set()).add(best)
    out = []
    for grown in events:
        centre = _normalised(grown.centroid)
        out.append((grown.members, [_cosine(vectors[k], centre) for k in grown.members]))
    return out
