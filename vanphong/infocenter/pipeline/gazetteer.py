"""The gazetteer as phrase tries over tokens: positions, bodies, places (34 current, 63 former), name parts.

Loaded once from infocenter/data/gazetteer.json, core/data/bodies.json and the vietnamadminunits package.
Text is matched token by token on the lower-cased normalised form, so "Bí thư Tỉnh ủy" and "Bí thư tỉnh ủy"
reach the same entry; capitalisation is checked by the callers, where it carries meaning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vanphong.text import fold, normalize

DATA = Path(__file__).resolve().parents[1] / "data"
CORE_BODIES = Path(__file__).resolve().parents[2] / "core" / "data" / "bodies.json"

# A word (letters and digits) or one punctuation mark.
TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_END = ""

Trie = dict[str, Any]


@dataclass(slots=True)
class Tokens:
    """The tokens of one normalised text, as parallel lists (faster to walk than objects)."""

    text: str
    words: list[str]
    lows: list[str]
    caps: list[bool]  # starts with a capital letter
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j - 1]]


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in TOKEN.finditer(text):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    lows = [w.lower() for w in words]
    caps = [w[:1].isupper() for w in words]
    return Tokens(text, words, lows, caps, starts, ends)


def phrase_tokens(phrase: str) -> list[str]:
    return [w.lower() for w in TOKEN.findall(normalize(phrase))]


def add(trie: Trie, phrase: str, value: Any) -> None:
    node = trie
    for low in phrase_tokens(phrase):
        node = node.setdefault(low, {})
    node.setdefault(_END, value)


def match(trie: Trie, lows: list[str], i: int) -> tuple[int, Any] | None:
    """The longest phrase of `trie` starting at token i: (end index, value), or None."""
    node = trie
    best = None
    n = len(lows)
    j = i
    while j < n:
        nxt = node.get(lows[j])
        if nxt is None:
            break
        node = nxt
        j += 1
        if _END in node:
            best = (j, node[_END])
    return best


@dataclass(frozen=True, slots=True)
class Body:
    name: str
    org: bool = True  # worth listing among the organisations of an item
    local: bool = False  # a kind of body that needs a place to name one ("Tỉnh ủy", "UBND")


@dataclass(slots=True)
class Gazetteer:
    heads: Trie = field(default_factory=dict)  # value: needs a body after it (bool)
    ranks: Trie = field(default_factory=dict)
    prefixes: Trie = field(default_factory=dict)  # title prefixes: "nguyên"
    bodies: Trie = field(default_factory=dict)  # value: Body
    containers: Trie = field(default_factory=dict)
    body_words: Trie = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()
    stop_words: Trie = field(default_factory=dict)  # lower-case words that end a body's name ("cho biết", "đã")
    place_prefixes: Trie = field(default_factory=dict)
    places: Trie = field(default_factory=dict)  # value: (current province, needs a prefix)
    not_places: Trie = field(default_factory=dict)
    countries: Trie = field(default_factory=dict)
    honorifics: Trie = field(default_factory=dict)
    plural_honorifics: Trie = field(default_factory=dict)
    surnames: frozenset[str] = frozenset()
    not_people: frozenset[str] = frozenset()  # folded
    abbreviations: dict[str, str] = field(default_factory=dict)  # folded abbreviation -> folded expansion
    current_provinces: tuple[str, ...] = ()


def provinces() -> tuple[list[str], dict[str, str]]:
    """(the 34 current provinces' short names, every name current or former → its current province)."""
    from vanphong.core.reference import gazetteer as admin_units

    current, former, mapping = admin_units()
    short_of = {row["provinceKey"]: normalize(row["provinceShort"]) for row in [*current, *former]}
    successor: dict[str, str] = {}
    for new_key, old_keys in mapping.items():
        for old in old_keys:
            successor[short_of[old]] = short_of[new_key]
    names = [normalize(row["provinceShort"]) for row in current]
    every = {name: name for name in names}
    for row in former:
        old = normalize(row["provinceShort"])
        every.setdefault(old, successor.get(old, old))
    return names, every


@cache
def load() -> Gazetteer:
    data = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    g = Gazetteer()
    needing = {normalize(h) for h in data["heads_needing_body"]}
    for head in data["heads"]:
        add(g.heads, head, normalize(head) in needing)
    for rank in data["ranks"]:
        add(g.ranks, rank, True)
    for prefix in data["title_prefixes"]:
        add(g.prefixes, prefix, True)
    for row in data["bodies"]:
        add(g.bodies, row["name"], Body(normalize(row["name"]), row.get("org", True), row.get("local", False)))
    core = json.loads(CORE_BODIES.read_text(encoding="utf-8"))
    for row in core["bodies"]:
        add(g.bodies, row["name"], Body(normalize(row["name"])))
    for word in data["containers"]:
        add(g.containers, word, True)
    for word in data["body_words"]:
        add(g.body_words, word, True)
    g.connectors = frozenset(data["connectors"])
    for phrase in data["stop_words"]:
        add(g.stop_words, phrase, True)
    for prefix in data["place_prefixes"]:
        add(g.place_prefixes, prefix, True)
    names, every = provinces()
    g.current_provinces = tuple(names)
    needs_prefix = {normalize(p) for p in data["places_needing_prefix"]}
    for name, current in every.items():
        add(g.places, name, (current, name in needs_prefix))
    for alias, target in data["place_aliases"].items():
        add(g.places, alias, (every.get(normalize(target), normalize(target)), False))
    for country in data["countries"]:
        add(g.countries, country, True)
    for phrase in data["not_places"]:
        add(g.not_places, phrase, True)
    for word in data["honorifics"]:
        add(g.honorifics, word, True)
    for word in data["plural_honorifics"]:
        add(g.plural_honorifics, word, True)
    g.surnames = frozenset(normalize(s).lower() for s in data["surnames"])
    g.not_people = frozenset(fold(s) for s in data["not_people"])
    g.abbreviations = {fold(k).rstrip("."): fold(v) for k, v in data["abbreviations"].items()}
    return g


def canonical(phrase: str) -> str:
    """A key under which spellings of one title or body meet: folded, abbreviations written out, no punctuation
    ("UBND tỉnh" and "Ủy ban nhân dân tỉnh" give the same key)."""
    abbreviations = load().abbreviations
    words = [abbreviations.get(w, w) for w in TOKEN.findall(fold(phrase)) if w.isalnum()]
    return " ".join(words)
