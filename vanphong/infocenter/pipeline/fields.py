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
from typing import Any

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
def shipped_fields() -> dict[str, Any]:
    """data/fields.json as shipped: the seed of the analysts' rules, and the settings (threshold…) they use."""
    return json.loads((DATA / "fields.json").read_text(encoding="utf-8"))


def build_rules(data: dict[str, Any]) -> _Rules:
    """Compile rules in the shape of fields.json (the analysts' rules from the database come in it too)."""
    fields: list[Field] = []
    weights: dict[str, list[tuple[int, float]]] = {}
    for k, row in enumerate(data["fields"]):
        fields.append(Field(row["key"], row["name"]))
        for phrase, weight in row["rules"].items():
            key = normalize(phrase).lower().strip()
            if key:
                weights.setdefault(key, []).append((k, float(weight)))
    # No phrase at all: a pattern that never matches (an empty alternation would match everywhere).
    pattern = _alternation(list(weights)) if weights else re.compile(r"(?!x)x")
    return _Rules(fields, weights, pattern, float(data["threshold"]), float(data["relative"]),
                  int(data["max_fields"]), float(data["title_weight"]))


@cache
def field_rules() -> _Rules:
    return build_rules(shipped_fields())


def field_scores(title: str, text: str, rules: _Rules | None = None) -> dict[str, float]:
    """Each field's score (by name), for combining with the statistical model."""
    r = rules or field_rules()
    scores = [0.0] * len(r.fields)
    for counts, factor in ((_counts(r.pattern, text), 1.0), (_counts(r.pattern, title), r.title_weight)):
        for phrase, count in counts.items():
            for k, weight in r.weights.get(phrase, ()):
                scores[k] += weight * count * factor
    return {f.name: scores[k] for k, f in enumerate(r.fields)}


@dataclass(slots=True)
class PlaceRules:
    """Phrases that place an item in a province (analysts' locality rules): phrase -> [(province, weight)]."""

    weights: dict[str, list[tuple[str, float]]]
    pattern: re.Pattern[str]
    threshold: float = 1.0


def build_place_rules(rows: list[tuple[str, str, float]]) -> PlaceRules:
    """`rows` are (phrase, province, weight); a province is added when its weights reach 1."""
    weights: dict[str, list[tuple[str, float]]] = {}
    for phrase, province, weight in rows:
        key = normalize(phrase).lower().strip()
        if key:
            weights.setdefault(key, []).append((province, float(weight)))
    return PlaceRules(weights, _alternation(list(weights)) if weights else re.compile(r"(?!x)x"))


def places_by_rules(title: str, text: str, rules: PlaceRules) -> list[str]:
    scores: dict[str, float] = {}
    for phrase, count in _counts(rules.pattern, f"{title}\n{text}").items():
        for province, weight in rules.weights.get(phrase, ()):
            scores[province] = scores.get(province, 0.0) + weight * count
    return [p for p, s in sorted(scores.items(), key=lambda kv: -kv[1]) if s >= rules.threshold]


def _counts(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(pattern.findall(text.lower()))


def classify(title: str, text: str, rules: _Rules | None = None) -> list[str]:
    """The names of the fields `title` and `text` (normalised) belong to, best first; by the shipped rules, or by
    `rules` (the analysts' current ones)."""
    r = rules or field_rules()
    by_name = field_scores(title, text, r)
    scores = [by_name[f.name] for f in r.fields]
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
