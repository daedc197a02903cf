"""One node's index: a Tantivy folder that follows the database change log, with a single writer per node.

Layout of VANPHONG_SEARCH_DIR: `CURRENT` names the live generation folder (`gen-000001`, …); each generation
holds the Tantivy files and `state.json` (the id of the last change-log row applied, plus ids seen missing that
may still commit). A rebuild fills a new generation while searches keep reading the live one, then swaps
`CURRENT`. `writer.lock` (an flock) makes this process the node's only writer while it holds it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.conf import settings
from django.db.models import Max, Q

from vanphong.search.documents import SCHEMA, SCHEMA_VERSION, key, make_document
from vanphong.search.models import SearchChange, SearchLog
from vanphong.search.registry import SPECS, ordered

log = logging.getLogger(__name__)

BATCH = 1000
CHUNK = 500
WRITER_HEAP = 50_000_000
# A missing id may belong to a transaction that has not committed yet (PostgreSQL hands out ids before commit);
# it is looked for again until it is this old, then taken for a rollback.
GAP_SECONDS = 300
MAX_GAPS = 10_000

Progress = Callable[[int, int], None]


def hit_count(result: tantivy.SearchResult) -> int:
    # `count` is there when the search asked for it; the type stubs leave it out.
    return int(getattr(result, "count", 0) or 0)


def log_token() -> str:
    """This database's change-log identity, made on first use."""
    log_row, _ = SearchLog.objects.get_or_create(id=1, defaults={"token": uuid.uuid4().hex})
    return log_row.token


class IndexUnavailable(Exception):
    """The index folder is missing or unreadable; callers rebuild it."""


@dataclass
class State:
    cursor: int = 0
    gaps: dict[int, float] = field(default_factory=dict)
    schema: int = SCHEMA_VERSION
    log: str = ""

    @classmethod
    def read(cls, path: Path) -> State:
        try:
            raw = json.loads((path / "state.json").read_text())
            return cls(int(raw["cursor"]), {int(k): float(v) for k, v in raw.get("gaps", {}).items()},
                       int(raw["schema"]), str(raw.get("log", "")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexUnavailable(f"state.json: {exc}") from None

    def write(self, path: Path) -> None:
        tmp = path / "state.json.tmp"
        tmp.write_text(json.dumps({"cursor": self.cursor, "gaps": self.gaps, "schema": self.schema,
                                   "log": self.log}))
        os.replace(tmp, path / "state.json")


@dataclass
class CheckReport:
    missing: int = 0
    stale: int = 0
    extra: int = 0
    checked: int = 0

    @property
    def repaired(self) -> int:
        return self.missing + self.stale + self.extra


class Node:
    """The index of this node (one folder), opened once per process and shared by its threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._thread_lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._gen: str | None = None
        self._seen_cursor = -1
        self._lock_depth = 0

    # --- opening ---------------------------------------------------------------------------------------------
    def _current_gen(self) -> str | None:
        try:
            gen = (self.root / "CURRENT").read_text().strip()
        except OSError:
            return None
        return gen if gen.startswith("gen-") and "/" not in gen else None

    def _open(self) -> None:
        gen = self._current_gen()
        if gen is None:
            raise IndexUnavailable("CURRENT")
        path = self.root / gen
        state = State.read(path)
        if state.schema != SCHEMA_VERSION:
            raise IndexUnavailable("schema version")
        if state.log != log_token() or state.cursor > (SearchChange.objects.aggregate(m=Max("id"))["m"] or 0):
            # Built from another database, or from this one before it was replaced or restored: its cursor
            # and contents mean nothing here.
            raise IndexUnavailable("the index follows another change log")
        try:
            index = tantivy.Index.open(str(path))
        except (ValueError, OSError) as exc:
            raise IndexUnavailable(str(exc)) from None
        self._index, self._gen, self._seen_cursor = index, gen, state.cursor

    def _usable(self) -> bool:
        gen = self._current_gen()
        return (self._index is not None and gen is not None and gen == self._gen
                and (self.root / gen / "meta.json").exists() and (self.root / gen / "state.json").exists())

    def ensure_ready(self, on_progress: Progress | None = None) -> tantivy.Index:
        """Open the live generation; if it is missing, unreadable or of an old schema, rebuild it first."""
        if self._usable():
            assert self._index is not None
            return self._index
        with self._thread_lock:
            try:
                self._open()
            except IndexUnavailable as exc:
                with self.writer_lock():
                    try:
                        self._open()  # another process may have rebuilt it while we waited
                    except IndexUnavailable:
                        # A node's first start is routine; a folder that was there and broke is worth a warning.
                        level = logging.WARNING if (self.root / "CURRENT").exists() else logging.INFO
                        log.log(level, "Chỉ mục tìm kiếm tại %s không dùng được (%s): dựng lại từ CSDL.",
                                self.root, exc)
                        self._rebuild_locked(on_progress)
            assert self._index is not None
            return self._index

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """The node's single writer: threads of this process, then other processes, take turns."""
        with self._thread_lock:
            if self._lock_depth:
                # Re-entered by the same thread: flock would wait for ourselves.
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            self.root.mkdir(parents=True, exist_ok=True)
            with open(self.root / "writer.lock", "a+") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                self._lock_depth = 1
                try:
                    yield
                finally:
                    self._lock_depth = 0
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def _writer(self, index: tantivy.Index) -> tantivy.IndexWriter:
        return index.writer(heap_size=WRITER_HEAP, num_threads=1)

    # --- reading ---------------------------------------------------------------------------------------------
    def searcher(self) -> tantivy.Searcher:
        """A searcher that sees every change committed to the database so far (read-your-writes)."""
        self.ensure_ready()
        self.apply_pending()
        assert self._index is not None
        return self._index.searcher()

    # --- following the change log ----------------------------------------------------------------------------
    def apply_pending(self) -> int:
        """Apply change-log rows after this node's cursor; returns how many rows were read."""
        index = self.ensure_ready()
        assert self._gen is not None
        state = State.read(self.root / self._gen)
        if state.cursor != self._seen_cursor:
            # Another process of this node applied changes: see its commit now, not after the reader's delay.
            index.reload()
            self._seen_cursor = state.cursor
        if not state.gaps and not SearchChange.objects.filter(id__gt=state.cursor).exists():
            return 0
        with self.writer_lock():
            return self._apply_locked()

    def _apply_locked(self) -> int:
        self.ensure_ready()
        assert self._index is not None and self._gen is not None
        path = self.root / self._gen
        state = State.read(path)
        total = 0
        now = time.time()
        state.gaps = {g: t for g, t in state.gaps.items() if now - t < GAP_SECONDS}
        while True:
            rows = list(
                SearchChange.objects.filter(Q(id__gt=state.cursor) | Q(id__in=list(state.gaps)))
                .order_by("id").values_list("id", "record_type", "record_id", "op")[:BATCH]
            )
            if not rows:
                break
            expected = state.cursor + 1
            for row_id, *_ in rows:
                state.gaps.pop(row_id, None)
                if row_id > state.cursor:
                    if row_id > expected and row_id - expected + len(state.gaps) <= MAX_GAPS:
                        state.gaps.update(dict.fromkeys(range(expected, row_id), now))
                    expected = row_id + 1
                    state.cursor = row_id
            latest: dict[tuple[str, int], str] = {}
            for _, record_type, record_id, op in rows:
                latest[(record_type, record_id)] = op
            self._write_records(self._index, latest)
            state.write(path)
            total += len(rows)
            if len(rows) < BATCH:
                break
        state.write(path)
        self._index.reload()
        self._seen_cursor = state.cursor
        return total

    def _write_records(self, index: tantivy.Index, latest: dict[tuple[str, int], str]) -> None:
        writer = self._writer(index)
        by_type: dict[str, list[int]] = {}
        for (record_type, record_id), op in latest.items():
            writer.delete_documents_by_term("key", key(record_type, record_id))
            if op == SearchChange.Op.UPSERT and record_type in SPECS:
                by_type.setdefault(record_type, []).append(record_id)
        for record_type, ids in by_type.items():
            spec = SPECS[record_type]
            for obj in spec.rows().filter(pk__in=ids):
                writer.add_document(make_document(spec, obj)[0])
        writer.commit()
        writer.wait_merging_threads()

    # --- rebuilding and checking -----------------------------------------------------------------------------
    def rebuild(self, on_progress: Progress | None = None) -> int:
        """Build a new generation from the database while searches read the old one; returns documents."""
        with self.writer_lock():
            return self._rebuild_locked(on_progress)

    def _rebuild_locked(self, on_progress: Progress | None) -> int:
        gens = sorted(p.name for p in self.root.glob("gen-*") if p.is_dir())
        number = int(gens[-1].removeprefix("gen-")) + 1 if gens else 1
        gen = f"gen-{number:06d}"
        path = self.root / gen
        path.mkdir(parents=True)
        # The cursor is read before the rows: a change committed meanwhile is applied again afterwards.
        cursor = SearchChange.objects.aggregate(m=Max("id"))["m"] or 0
        index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
        writer = self._writer(index)
        total = sum(spec.rows().count() for spec in ordered())
        done = 0
        for spec in ordered():
            for obj in spec.rows().order_by("pk").iterator(chunk_size=CHUNK):
                writer.add_document(make_document(spec, obj)[0])
                done += 1
                if on_progress is not None and done % CHUNK == 0:
                    on_progress(done, total)
        writer.commit()
        writer.wait_merging_threads()
        State(cursor=cursor, log=log_token()).write(path)
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(gen)
        os.replace(tmp, self.root / "CURRENT")
        if on_progress is not None:
            on_progress(done, total)
        index.reload()
        self._index, self._gen, self._seen_cursor = index, gen, cursor
        # Keep the previous generation for readers of other processes still on it; older ones go.
        for old in gens[:-1]:
            shutil.rmtree(self.root / old, ignore_errors=True)
        self._apply_locked()
        return done

    def check(self, repair: bool = True) -> CheckReport:
        """Compare every indexed document with the database (by a digest of its content); repair differences."""
        report = CheckReport()
        self.apply_pending()
        with self.writer_lock():
            index = self.ensure_ready()
            searcher = index.searcher()
            writer = self._writer(index) if repair else None
            for spec in ordered():
                indexed = self._indexed(searcher, spec.type)
                for obj in spec.rows().order_by("pk").iterator(chunk_size=CHUNK):
                    report.checked += 1
                    doc, digest = make_document(spec, obj)
                    have = indexed.pop(int(obj.pk), None)
                    if have == digest:
                        continue
                    if have is None:
                        report.missing += 1
                    else:
                        report.stale += 1
                    if writer is not None:
                        writer.delete_documents_by_term("key", key(spec.type, obj.pk))
                        writer.add_document(doc)
                report.extra += len(indexed)
                if writer is not None:
                    for record_id in indexed:
                        writer.delete_documents_by_term("key", key(spec.type, record_id))
            for t in self._types(searcher):
                if t not in SPECS:
                    report.extra += hit_count(searcher.search(tantivy.Query.term_query(SCHEMA, "type", t), limit=1))
                    if writer is not None:
                        writer.delete_documents_by_term("type", t)
            if writer is not None:
                writer.commit()
                writer.wait_merging_threads()
                index.reload()
        return report

    def _indexed(self, searcher: tantivy.Searcher, record_type: str) -> dict[int, int]:
        n = searcher.num_docs
        if n == 0:
            return {}
        hits = searcher.search(tantivy.Query.term_query(SCHEMA, "type", record_type), limit=n, count=False).hits
        addresses = [address for _, address in hits]
        ids = searcher.fast_field_values("id", addresses)
        digests = searcher.fast_field_values("h", addresses)
        return {int(i): int(h) for i, h in zip(ids, digests, strict=True) if i is not None and h is not None}

    def _types(self, searcher: tantivy.Searcher) -> list[str]:
        return [t for t, _ in searcher.terms_with_prefix("type", "")]

    def count(self) -> int:
        return int(self.searcher().num_docs)


_nodes: dict[Path, Node] = {}
_nodes_lock = threading.Lock()


def node(root: Path | str | None = None) -> Node:
    """This process's handle on the node's index (VANPHONG_SEARCH_DIR unless another folder is named)."""
    path = Path(root if root is not None else settings.VANPHONG_SEARCH_DIR).resolve()
    with _nodes_lock:
        found = _nodes.get(path)
        if found is None:
            found = _nodes[path] = Node(path)
        return found


def forget(root: Path | str) -> None:
    """Drop this process's handle (tests use it to act as a freshly started process)."""
    with _nodes_lock:
        _nodes.pop(Path(root).resolve(), None)
