"""The labelled set's quality figures, shared by tests/infocenter/test_quality.py and bench/info.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from vanphong.infocenter.pipeline.analyze import Analysis, analyze_one, analyze_raw
from vanphong.infocenter.pipeline.gazetteer import canonical
from vanphong.infocenter.pipeline.items import Item, RawItem
from vanphong.infocenter.pipeline.sources import read_path
from vanphong.text import fold, normalize

CORPUS = Path(__file__).resolve().parent / "corpus"


def gold() -> dict[str, Any]:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["items"]


def corpus_paths() -> list[Path]:
    return sorted((CORPUS / "items").iterdir())


def read_corpus() -> list[RawItem]:
    raws: list[RawItem] = []
    for path in corpus_paths():
        raws.extend(read_path(path))
    return raws


def key_of(source: str) -> str:
    """The gold key of a source: the file name, or the feed entry's link."""
    return source if source.startswith("http") else Path(source).name


def f1(tp: int, predicted: int, expected: int) -> float:
    precision = tp / predicted if predicted else 1.0
    recall = tp / expected if expected else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Figures:
    people_f1: float
    people_precision: float
    people_recall: float
    event_pairwise_f1: float
    clutter_removed: float
    body_kept: float
    published_right: float
    mistakes: list[str]


def _person_key(name: str, titles: list[str]) -> tuple[str, frozenset[str]]:
    return fold(name), frozenset(canonical(t) for t in titles)


def people_scores(analysis: Analysis, labels: dict[str, Any], mistakes: list[str]) -> tuple[int, int, int]:
    holder: dict[str, Item] = {}
    for item in analysis.items:
        for source in [item.source, *item.copies]:
            holder[key_of(source)] = item
    tp = predicted = expected = 0
    for key, label in labels.items():
        item = holder.get(key)
        want = {_person_key(p["name"], p["titles"]) for p in label["people"]}
        got = {_person_key(p.name, p.titles) for p in item.people} if item else set()
        expected += len(want)
        predicted += len(got)
        tp += len(want & got)
        for miss in want - got:
            mistakes.append(f"{key}: missed {miss}")
        for extra in got - want:
            mistakes.append(f"{key}: extra {extra}")
    return tp, predicted, expected


def event_f1(analysis: Analysis, labels: dict[str, Any], mistakes: list[str]) -> float:
    predicted_event = {key_of(s): e.id for e in analysis.events for s in e.items}
    keys = sorted(k for k in labels if k in predicted_event)
    gold_pairs = {(a, b) for a, b in combinations(keys, 2) if labels[a]["event"] == labels[b]["event"]}
    got_pairs = {(a, b) for a, b in combinations(keys, 2) if predicted_event[a] == predicted_event[b]}
    for a, b in sorted(gold_pairs - got_pairs):
        mistakes.append(f"event: {a} and {b} should be together")
    for a, b in sorted(got_pairs - gold_pairs):
        mistakes.append(f"event: {a} and {b} should be apart")
    missing = [k for k in labels if k not in predicted_event]
    mistakes.extend(f"event: {k} not analysed" for k in missing)
    return f1(len(gold_pairs & got_pairs), len(got_pairs), len(gold_pairs))


def _present(line: str, kept: list[str]) -> bool:
    target = normalize(line)
    return any(target == k or target in k for k in kept)


def cleaning_scores(raws: list[RawItem], labels: dict[str, Any], mistakes: list[str]) -> tuple[float, float, float]:
    clutter_total = clutter_gone = body_total = body_there = dated = dated_right = 0
    for raw in raws:
        key = key_of(raw.source)
        label = labels[key]
        item = analyze_one(raw)
        kept = item.paragraphs
        for line in label["clutter"]:
            clutter_total += 1
            if _present(line, kept):
                mistakes.append(f"{key}: clutter kept: {line!r}")
            else:
                clutter_gone += 1
        for para in label["body"]:
            body_total += 1
            if _present(para, kept):
                body_there += 1
            else:
                mistakes.append(f"{key}: body dropped: {para[:60]!r}")
        if not label.get("copy_of"):
            dated += 1
            want = label["published"]
            got = item.published.isoformat() if item.published else None
            if want == got:
                dated_right += 1
            else:
                mistakes.append(f"{key}: published {got}, expected {want}")
    return clutter_gone / clutter_total, body_there / body_total, dated_right / dated


def measure() -> Figures:
    labels = gold()
    raws = read_corpus()
    analysis = analyze_raw(raws)
    mistakes: list[str] = [f"error: {s}: {m}" for s, m in analysis.errors]
    tp, predicted, expected = people_scores(analysis, labels, mistakes)
    events = event_f1(analysis, labels, mistakes)
    clutter, body, published = cleaning_scores(raws, labels, mistakes)
    return Figures(
        people_f1=f1(tp, predicted, expected),
        people_precision=tp / predicted if predicted else 1.0,
        people_recall=tp / expected if expected else 1.0,
        event_pairwise_f1=events,
        clutter_removed=clutter,
        body_kept=body,
        published_right=published,
        mistakes=mistakes,
    )


if __name__ == "__main__":
    figures = measure()
    for line in figures.mistakes:
        print(line)
    print({k: round(v, 3) for k, v in vars(figures).items() if k != "mistakes"})
