"""The index schema and how a registered record becomes one Tantivy document (with its access-list terms)."""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from typing import Any

import tantivy

from vanphong.search.registry import RecordSpec
from vanphong.text import fold, normalize, syllables

# Raised whenever the schema or the document recipe changes: an index of another version is rebuilt.
SCHEMA_VERSION = 3
PUBLIC = "pub"
# A title word's beginnings from this length are indexed, so the word a person is still typing is one term.
MIN_PREFIX = 2
MAX_PREFIX = 20


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", tokenizer_name="raw")
    sb.add_text_field("type", stored=True, tokenizer_name="raw")
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    # Original text (normalised; the default tokenizer lowercases it), for exact-diacritic ranking and display.
    sb.add_text_field("title", stored=True)
    sb.add_text_field("body", stored=True)
    # Folded text (no diacritics, đ → d): `all_f`, title and body, is what a word must match (one posting list
    # per word, so a query intersects few lists); `title_f` ranks title matches higher; `title_p` holds the
    # beginnings of title words, so the word still being typed matches as one term instead of an expansion.
    sb.add_text_field("all_f")
    sb.add_text_field("title_f")
    sb.add_text_field("title_p")
    # Each pair of neighbouring title words ("hoi nghi" → "hoi_nghi"), one term each: a query's compound words
    # rank titles holding them as written together without reading positions.
    sb.add_text_field("title_2", tokenizer_name="raw")
    sb.add_integer_field("cls", stored=True, indexed=True, fast=True)
    sb.add_text_field("acl", tokenizer_name="raw")
    sb.add_integer_field("day", indexed=True, fast=True)
    sb.add_integer_field("unit", indexed=True)
    sb.add_integer_field("org", indexed=True)
    sb.add_integer_field("place", indexed=True)
    # A digest of everything above, so `search check` finds documents that differ from the database.
    sb.add_integer_field("h", fast=True)
    return sb.build()


SCHEMA = build_schema()


def key(record_type: str, record_id: int) -> str:
    return f"{record_type}:{record_id}"


def access_terms(spec: RecordSpec, obj: Any) -> tuple[int, list[str]]:
    """The classification and access-list terms the engine filters on, mirroring security.policy."""
    if not spec.classified or obj.classification == 0:
        return (obj.classification if spec.classified else 0), [PUBLIC]
    terms = {f"c:{obj.created_by_id}"}
    terms.update(f"u:{u.pk}" for u in obj.shared_with_users.all())
    terms.update(f"n:{n.pk}" for n in obj.shared_with_units.all())
    return obj.classification, sorted(terms)


def make_document(spec: RecordSpec, obj: Any) -> tuple[tantivy.Document, int]:
    d = spec.document(obj)
    title, body = normalize(d.title), normalize(d.body)
    cls, acl = access_terms(spec, obj)
    day = int(d.day.strftime("%Y%m%d")) if d.day else None
    digest = digest_of([spec.type, obj.pk, title, body, cls, acl, day, d.units, d.bodies, d.places])
    doc = tantivy.Document()
    doc.add_text("key", key(spec.type, obj.pk))
    doc.add_text("type", spec.type)
    doc.add_integer("id", int(obj.pk))
    add_text(doc, title, body, fold(title), fold(body))
    doc.add_integer("cls", int(cls))
    for term in acl:
        doc.add_text("acl", term)
    if day is not None:
        doc.add_integer("day", day)
    for name, values in (("unit", d.units), ("org", d.bodies), ("place", d.places)):
        for v in sorted({v for v in values if v is not None}):
            doc.add_integer(name, int(v))
    doc.add_integer("h", digest)
    return doc, digest


def add_text(doc: tantivy.Document, title: str, body: str, title_f: str, body_f: str) -> None:
    """The text fields of a document, from its normalised and folded title and body (the bulk loader of the
    benchmark folds its own and calls this too, so both build the same documents)."""
    doc.add_text("title", title)
    doc.add_text("body", body)
    doc.add_text("all_f", title_f)
    doc.add_text("all_f", body_f)
    doc.add_text("title_f", title_f)
    doc.add_text("title_p", " ".join(prefixes(title_f)))
    for pair in pairs(syllables(title_f)):
        doc.add_text("title_2", pair)


def pairs(words: list[str]) -> list[str]:
    """Neighbouring words, joined: ["hoi", "nghi", "tw"] -> ["hoi_nghi", "nghi_tw"]."""
    return sorted({f"{a}_{b}" for a, b in pairwise(words)})


def prefixes(folded: str) -> list[str]:
    """The beginnings of each word of folded text, from MIN_PREFIX letters: "hoi nghi" -> ho hoi ng ngh nghi."""
    out: set[str] = set()
    for word in syllables(folded):
        out.update(word[:n] for n in range(MIN_PREFIX, min(len(word), MAX_PREFIX) + 1))
    return sorted(out)


def digest_of(parts: list[Any]) -> int:
    raw = hashlib.blake2b(json.dumps(parts, default=str).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
