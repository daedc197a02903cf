"""`search check`: compare every indexed document with the database by a digest of its content, and repair.

The comparison reads a snapshot of the index without holding the writer lock (changes keep being applied
meanwhile); only the repair takes it, and it rewrites each differing record from the database as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from vanphong.search import engine
from vanphong.search.documents import SCHEMA, key, make_document
from vanphong.search.registry import SPECS, ordered

CHUNK = 500


@dataclass
class CheckReport:
    missing: int = 0
    stale: int = 0
    extra: int = 0
    checked: int = 0

    @property
    def repaired(self) -> int:
        return self.missing + self.stale + self.extra


def check(node: engine.Node, repair: bool = True) -> CheckReport:
    report = CheckReport()
    node.ensure_ready()
    node.apply_pending()
    index = node.ensure_ready()
    searcher = index.searcher()
    fix: dict[tuple[str, int], str] = {}  # what to rewrite: "u" from the database, "d" removed
    for spec in ordered():
        indexed = _indexed(searcher, spec.type)
        for obj in spec.rows().order_by("pk").iterator(chunk_size=CHUNK):
            report.checked += 1
            _, digest = make_document(spec, obj)
            have = indexed.pop(int(obj.pk), None)
            if have == digest:
                continue
            if have is None:
                report.missing += 1
            else:
                report.stale += 1
            fix[(spec.type, int(obj.pk))] = "u"
        report.extra += len(indexed)
        fix.update({(spec.type, record_id): "d" for record_id in indexed})
    unknown = [t for t in _types(searcher) if t not in SPECS]
    for t in unknown:
        report.extra += engine.hit_count(searcher.search(tantivy.Query.term_query(SCHEMA, "type", t), limit=1,
                                                         count=True))
    if repair and (fix or unknown):
        with node.writer.hold():
            index = node.ensure_ready()
            writer = engine.writer_for(index)
            for t in unknown:
                writer.delete_documents_by_term("type", t)
            for (record_type, record_id), _ in fix.items():
                writer.delete_documents_by_term("key", key(record_type, record_id))
            by_type: dict[str, list[int]] = {}
            for (record_type, record_id), op in fix.items():
                if op == "u":
                    by_type.setdefault(record_type, []).append(record_id)
            for record_type, ids in by_type.items():
                spec = SPECS[record_type]
                for start in range(0, len(ids), CHUNK):
                    for obj in spec.rows().filter(pk__in=ids[start:start + CHUNK]):
                        writer.add_document(make_document(spec, obj)[0])
            writer.commit()
            writer.wait_merging_threads()
            index.reload()
    return report


def _indexed(searcher: tantivy.Searcher, record_type: str) -> dict[int, int]:
    n = searcher.num_docs
    if n == 0:
        return {}
    hits = searcher.search(tantivy.Query.term_query(SCHEMA, "type", record_type), limit=n, count=False).hits
    addresses = [address for _, address in hits]
    ids = searcher.fast_field_values("id", addresses)
    digests = searcher.fast_field_values("h", addresses)
    return {int(i): int(h) for i, h in zip(ids, digests, strict=True) if i is not None and h is not None}


def _types(searcher: tantivy.Searcher) -> list[str]:
    return [t for t, _ in searcher.terms_with_prefix("type", "")]
