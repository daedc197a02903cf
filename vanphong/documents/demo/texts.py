"""The words of the demo's documents: summaries, bodies, directions and notes from data/demo_documents.json.

Every text is a template filled from a topic (subject, phrase, reporting body) and the document's own facts
(dates, sender, symbol); bodies are written as the clerk types them (body.py reads "I.", "1." as headings).
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "demo_documents.json"
ROMAN = ("I", "II", "III", "IV", "V", "VI")


@cache
def data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return loaded


def long_date(day: date) -> str:
    """"03 tháng 4 năm 2026" (after "ngày"): a leading zero for days under 10 and months 1 and 2 (DOMAIN §2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def quarter(day: date) -> str:
    return f"quý {ROMAN[(day.month - 1) // 3]} năm {day.year}"


def period(day: date) -> str:
    """The reporting period a report written on `day` usually covers."""
    m, y = day.month, day.year
    if m <= 2:
        return f"năm {y - 1}"
    if m in (6, 7):
        return f"6 tháng đầu năm {y}"
    if m == 10:
        return f"9 tháng năm {y}"
    if m == 12:
        return f"năm {y}"
    return f"quý {ROMAN[(m - 1) // 3 - 1]} năm {y}" if m > 3 else f"quý IV năm {y - 1}"


def term_name(day: date) -> str:
    return "khóa XIV" if day >= date(2026, 1, 24) else "khóa XIII"


class Texts:
    """Fills the templates of the data file; one generator, so the same seed writes the same documents."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.data = data()
        self.topics: list[dict[str, Any]] = self.data["topics"]
        self.by_key = {t["key"]: t for t in self.topics}

    def topic_for(self, issuer: str, secret: bool = False) -> dict[str, Any]:
        pool = [t for t in self.topics if issuer in t["issuers"]]
        leaning = [t for t in pool if t.get("secret")]
        if secret and leaning and self.rng.random() < 0.7:
            pool = leaning
        return self.rng.choice(pool)

    def policy_topic(self, keys: list[str] | None = None, secret: bool = False) -> dict[str, Any]:
        """A topic bodies outside the office write about (the office's own topics are VPTW-only)."""
        if keys:
            return self.by_key[self.rng.choice(keys)]
        return self.topic_for("TW", secret)

    def values(self, topic: Mapping[str, Any], day: date, **extra: Any) -> dict[str, Any]:
        later = date(day.year + (day.month + 5) // 12, (day.month + 5) % 12 + 1, 1)
        return {
            "subject": topic["subject"], "phrase": topic["phrase"], "reporter": topic["reporter"],
            "nam": day.year, "nam_sau": day.year + 1, "ky": period(day), "han": quarter(later),
            "giai_doan": f"{day.year}–2030" if day.year < 2030 else f"{day.year}–{day.year + 5}",
            "khoa": term_name(day), "ngay_hop": long_date(day), **extra,
        }

    def fill(self, template: str, values: Mapping[str, Any]) -> str:
        return template.format_map(values)

    def pick(self, templates: list[str], values: Mapping[str, Any]) -> str:
        return self.fill(self.rng.choice(templates), values)

    def body(self, compose: str, topic: Mapping[str, Any], values: Mapping[str, Any]) -> str:
        """The body of an outgoing document of one kind, as lines ("I. …", "1. …", paragraphs)."""
        c = self.data["compose"][compose]
        f = lambda s: self.fill(s, values)  # noqa: E731 - a short local filler reads best here
        results, limits, tasks = topic["results"], topic["limits"], topic["tasks"]
        lines: list[str] = []
        if compose == "conclusion":
            lines = [f(c["opening"]), f"I. {c['sections'][0]}", *results, *limits, f"II. {c['sections'][1]}"]
            lines += [x for n, (head, text) in enumerate(tasks, 1) for x in (f"{n}. {head}", text)]
            lines += [f"III. {c['sections'][2]}", *map(f, c["closing"])]
        elif compose == "resolution":
            lines = [f"I. {c['sections'][0]}", *results, *limits, f"II. {c['sections'][1]}", f(c["viewpoint"]),
                     topic["goal"], f"III. {c['sections'][2]}"]
            lines += [x for n, (head, text) in enumerate(tasks, 1) for x in (f"{n}. {head}", text)]
            lines += [f"IV. {c['sections'][3]}", *map(f, c["closing"])]
        elif compose == "directive":
            lines = [results[0], limits[0], f(c["opening"])]
            lines += [x for n, (head, text) in enumerate(tasks, 1) for x in (f"{n}. {head}", text)]
            lines += [f"{len(tasks) + 1}. {c['closing_heading']}", *map(f, c["closing"])]
        elif compose == "decision":
            lines = list(map(f, c["lines"]))
        elif compose == "notice":
            points = c["points"]
            lines = [f(c["opening"]), f"1. {points[0]}", results[0], f"2. {points[1]}", *(t for _, t in tasks),
                     f"3. {points[2]}", f(c["closing"])]
        elif compose == "letter":
            lines = [f(c["opening"]), *(t for _, t in tasks[:2]), f(c["closing"])]
        elif compose in ("guide", "plan"):
            lines = [f"I. {c['sections'][0]}", topic["goal"], f"II. {c['sections'][1]}"]
            lines += [x for n, (head, text) in enumerate(tasks, 1) for x in (f"{n}. {head}", text)]
            lines += [f"III. {c['sections'][2]}", f(c["closing"])]
        elif compose == "report":
            lines = [f(c["opening"]), f"I. {c['sections'][0]}", *results, f"II. {c['sections'][1]}", *limits,
                     f"III. {c['sections'][2]}"]
            lines += [x for n, (head, text) in enumerate(tasks, 1) for x in (f"{n}. {head}", text)]
            lines.append(f(c["closing"]))
        else:
            raise ValueError(f"unknown composition {compose}")
        return "\n".join(lines)

    def answer_body(self, kind: str, values: Mapping[str, Any]) -> str:
        return "\n".join(self.fill(line, values) for line in self.data["answers"][kind]["body"])

    def incoming_body(self, code: str, topic: Mapping[str, Any], values: Mapping[str, Any]) -> list[str]:
        """The text of a received document, for the file a sender sent (only the few registered today)."""
        lines = self.data["incoming"]["body"].get(code, self.data["incoming"]["body"]["CV"])
        extra = {**values, "result": topic["results"][0], "limit": topic["limits"][0], "goal": topic["goal"],
                 "task": topic["tasks"][0][1]}
        return [self.fill(line, extra) for line in lines]

    def lines(self, template: list[str], values: Mapping[str, Any]) -> str:
        return "\n".join(f"- {self.fill(line, values)}" for line in template)
