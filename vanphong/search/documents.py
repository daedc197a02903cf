"""The index schema and how a registered record becomes one Tantivy document (with its access-list terms)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import tantivy

from vanphong.search.registry import RecordSpec
from vanphong.text import fold, normalize

# Raised whenever the schema or the document recipe changes: an index of another version is rebuilt.
SCHEMA_VERSION = 1
PUBLIC = "pub"


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", tokenizer_name="raw")
    sb.add_text_field("type", stored=True, tokenizer_name="raw")
    sb.add_integer_field("id", stored=True, indexed=True, fast=True)
    # Original text (normalised; the default tokenizer lowercases it) and folded text (no diacritics, đ → d).
    sb.add_text_field("title", stored=True)
    sb.add_text_field("body", stored=True)
    sb.add_text_field("title_f")
    sb.add_text_field("body_f")
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
    doc.add_text("title", title)
    doc.add_text("body", body)
    doc.add_text("title_f", fold(title))
    doc.add_text("body_f", fold(body))
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


def digest_of(parts: list[Any]) -> int:
    raw = hashlib.blake2b(json.dumps(parts, default=str).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
