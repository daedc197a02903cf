"""The optional statistical model: fields learnt from the office's own labelled items (fields_confirmed).

A multinomial naive Bayes per field (in the field, or not), over folded syllables without stop words, title
words counted twice, Laplace smoothing. Pure Python: a few hundred labelled items train in milliseconds, and
nothing beyond the standard library is needed. It is used only once at least MIN_LABELLED items are confirmed,
and for a field only when it has MIN_PER_SIDE examples in it and out of it. It adds to the keyword rules and
never removes what they found: a field the rules missed is added when the model is at least ADD_AT sure.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max

from vanphong.infocenter.models import InfoItem
from vanphong.infocenter.pipeline.events import stopwords
from vanphong.text import fold

MIN_LABELLED = 30
MIN_PER_SIDE = 5
ADD_AT = 0.9
TITLE_REPEAT = 2
_WORD = re.compile(r"[^\W\d_]+")


def tokens(title: str, text: str) -> Counter[str]:
    stop = stopwords()
    counts: Counter[str] = Counter()
    for part, repeat in ((title, TITLE_REPEAT), (text, 1)):
        for w in _WORD.findall(fold(part)):
            if w not in stop and len(w) > 1:
                counts[w] += repeat
    return counts


@dataclass
class _Side:
    counts: Counter[str] = field(default_factory=Counter)
    total: int = 0
    docs: int = 0


@dataclass
class Model:
    """One two-sided naive Bayes per field."""

    vocabulary: set[str] = field(default_factory=set)
    fields: dict[str, tuple[_Side, _Side]] = field(default_factory=dict)  # name -> (in, out)
    labelled: int = 0

    def probability(self, name: str, doc: Counter[str]) -> float:
        inside, outside = self.fields[name]
        v = len(self.vocabulary) or 1
        n = inside.docs + outside.docs
        log_odds = math.log(inside.docs / n) - math.log(outside.docs / n)
        for w, c in doc.items():
            if w not in self.vocabulary:
                continue
            log_odds += c * (math.log((inside.counts[w] + 1) / (inside.total + v))
                             - math.log((outside.counts[w] + 1) / (outside.total + v)))
        log_odds = max(-60.0, min(60.0, log_odds))
        return 1.0 / (1.0 + math.exp(-log_odds))

    def predict(self, title: str, text: str) -> dict[str, float]:
        doc = tokens(title, text)
        return {name: self.probability(name, doc) for name in self.fields}


def train(examples: list[tuple[str, str, list[str]]]) -> Model | None:
    """`examples` are (title, text, fields). None when there are too few to learn from."""
    if len(examples) < MIN_LABELLED:
        return None
    docs = [(tokens(t, x), set(f)) for t, x, f in examples]
    names = sorted({name for _, fs in docs for name in fs})
    model = Model(labelled=len(examples))
    for doc, _ in docs:
        model.vocabulary.update(doc)
    for name in names:
        inside, outside = _Side(), _Side()
        for doc, fs in docs:
            side = inside if name in fs else outside
            side.counts.update(doc)
            side.total += sum(doc.values())
            side.docs += 1
        if inside.docs >= MIN_PER_SIDE and outside.docs >= MIN_PER_SIDE:
            model.fields[name] = (inside, outside)
    return model if model.fields else None


def combine(rule_fields: list[str], model: Model | None, title: str, text: str, max_fields: int = 3) -> list[str]:
    """The rules' fields, then what the model is sure of that they missed, at most `max_fields` in all."""
    if model is None:
        return rule_fields
    chosen = list(rule_fields)
    for name, p in sorted(model.predict(title, text).items(), key=lambda kv: -kv[1]):
        if len(chosen) >= max_fields:
            break
        if p >= ADD_AT and name not in chosen:
            chosen.append(name)
    return chosen


_lock = threading.Lock()
_cached: dict[str, Any] = {"key": None, "model": None}


def current_model() -> Model | None:
    """The model trained on the confirmed items now in the database (rebuilt when they change), or None."""
    labelled = InfoItem.objects.filter(fields_confirmed=True, copy_of__isnull=True)
    agg = labelled.aggregate(n=Count("pk"), last=Max("updated_at"))
    key = (agg["n"], agg["last"])
    with _lock:
        if _cached["key"] == key:
            return _cached["model"]
    model = None
    if agg["n"] >= MIN_LABELLED:
        model = train([(t, x, list(f)) for t, x, f in labelled.values_list("title", "text", "fields")])
    with _lock:
        _cached.update(key=key, model=model)
    return model
