"""Fields (lĩnh vực) by weighted keyword rules, and the notable flag by incident and risk vocabulary.

Both rule sets are data (infocenter/data/fields.json, notable.json), in the manner of the Europe Media Monitor's
category definitions. Phrases are matched on the lower-cased normalised text with diacritics kept: folding
would make "bão" (storm) match "báo" (newspaper).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vanphong.text import normalize

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    name: str


@dataclass(slots=True)
class _Rules:
    fields: list[Field]
    weights: dict[str, list[tuple[int, float]]]  # phrase -> [(field index, weight)]
    pattern: re.Pattern[str]
    threshold: float
    relative: float
    max_fields: int
    title_weight: float


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


@cache
def field_rules() -> _Rules:
    data = json.loads((DATA / "fields.json").read_text(encoding="utf-8"))
    fields: list[Field] = []
    weights: dict[str, list[tuple[int, float]]] = {}
    for k, row in enumerate(data["fields"]):
        fields.append(Field(row["key"], row["name"]))
        for phrase, weight in row["rules"].items():
            weights.setdefault(normalize(phrase).lower(), []).append((k, float(weight)))
    return _Rules(fields, weights, _alternation(list(weights)), float(data["threshold"]), float(data["relative"]),
                  int(data["max_fields"]), float(data["title_weight"]))


def _counts(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(pattern.findall(text.lower()))


def classify(title: str, text: str) -> list[str]:
    """The names of the fields `title` and `text` (normalised) belong to, best first."""
    r = field_rules()
    scores = [0.0] * len(r.fields)
    for counts, factor in ((_counts(r.pattern, text), 1.0), (_counts(r.pattern, title), r.title_weight)):
        for phrase, count in counts.items():
            for k, weight in r.weights[phrase]:
                scores[k] += weight * count * factor
    best = max(scores, default=0.0)
    if best < r.threshold:
        return []
    ranked = sorted(range(len(scores)), key=lambda k: -scores[k])
    chosen = [k for k in ranked if scores[k] >= r.threshold and scores[k] >= r.relative * best]
    return [r.fields[k].name for k in chosen[: r.max_fields]]


@dataclass(slots=True)
class _Notable:
    weights: dict[str, float]
    pattern: re.Pattern[str]
    threshold: float
    repeat_weight: float


@cache
def notable_rules() -> _Notable:
    data = json.loads((DATA / "notable.json").read_text(encoding="utf-8"))
    weights = {normalize(p).lower(): float(w) for p, w in data["terms"].items()}
    return _Notable(weights, _alternation(list(weights)), float(data["threshold"]), float(data["repeat_weight"]))


def notable_score(title: str, text: str) -> float:
    r = notable_rules()
    counts = _counts(r.pattern, f"{title}\n{text}")
    return sum(r.weights[p] * (1 + r.repeat_weight * (c - 1)) for p, c in counts.items())


def is_notable(title: str, text: str) -> bool:
    return notable_score(title, text) >= notable_rules().threshold
