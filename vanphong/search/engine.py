"""One node's index: a Tantivy folder that follows the database change log, with a single writer per node.

Layout of VANPHONG_SEARCH_DIR: `CURRENT` names the live generation folder (`gen-000001`, …); each generation
holds the Tantivy files and `state.json` (the id of the last change-log row applied, plus ids seen missing that
may still commit). A rebuild (search.build) fills a new generation, resumably, while searches keep reading the
live one, then swaps `CURRENT`. Two locks: `writer.lock` makes one process the writer of the live generation at
a time; `build.lock` one the builder of the next, so applying changes never waits for a long rebuild.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tantivy
from django.conf import settings
from django.db.models import Max, Q

from vanphong.search.documents import SCHEMA_VERSION, key, make_document
from vanphong.search.locks import NodeLock
from vanphong.search.models import SearchChange, SearchLog
from vanphong.search.registry import SPECS

if TYPE_CHECKING:
    from vanphong.search.check import CheckReport

log = logging.getLogger(__name__)

BATCH = 1000
WRITER_HEAP = 50_000_000
# A missing id may belong to a transaction that has not committed yet (PostgreSQL hands out ids before commit);
# it is looked for again until it is this old, then taken for a rollback.
GAP_SECONDS = 300
MAX_GAPS = 10_000

Progress = Callable[[int, int], None]
# How often a search asks the database for change-log rows nobody has applied (a query each time).
CHECK_SECONDS = 0.5
# Changes this process has logged (search.changes counts them): a search after one always looks at the log.
changes_logged = 0


def hit_count(result: tantivy.SearchResult) -> int:
    # `count` is there when the search asked for it; the type stubs leave it out.
    return int(getattr(result, "count", 0) or 0)


def change_log() -> SearchLog:
    """This database's change-log identity (made on first use) and how far it has been pruned."""
    row, _ = SearchLog.objects.get_or_create(id=1, defaults={"token": os.urandom(16).hex()})
    return row


def log_token() -> str:
    return change_log().token


def last_change_id() -> int:
    return int(SearchChange.objects.aggregate(m=Max("id"))["m"] or 0)


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
        write_json(path / "state.json", {"cursor": self.cursor, "gaps": self.gaps, "schema": self.schema,
                                         "log": self.log})


def write_json(target: Path, data: object) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(data))
    os.replace(tmp, target)


def trusted(cursor: int, schema: int, token: str, log_row: SearchLog) -> str | None:
    """Why an index (or an unfinished build) at `cursor` cannot follow this database's log; None if it can."""
    if schema != SCHEMA_VERSION:
        return "schema version"
    if token != log_row.token or cursor > last_change_id():
        # Built from another database, or from this one before it was replaced or restored: its cursor and
        # contents mean nothing here.
        return "the index follows another change log"
    if cursor < log_row.pruned_through:
        return "the change log was pruned past this index"
    return None


@dataclass
class Reader:
    """What a search reads: the live index, or while none is ready, a rebuild's finished part."""

    searcher: tantivy.Searcher
    # (records indexed, records in all) while answering from an unfinished rebuild.
    building: tuple[int, int] | None = None


class Node:
    """The index of this node (one folder), opened once per process and shared by its threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.writer = NodeLock(self.root / "writer.lock")
        self.builder = NodeLock(self.root / "build.lock")
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._gen: str | None = None
        self._seen_cursor = -1
        self.beat_at = 0.0
        self._checked_at = 0.0
        self._logged_seen = -1

    # --- the live generation ---------------------------------------------------------------------------------
    def current_gen(self) -> str | None:
        try:
            gen = (self.root / "CURRENT").read_text().strip()
        except OSError:
            return None
        return gen if gen.startswith("gen-") and "/" not in gen else None

    def _open(self) -> None:
        gen = self.current_gen()
        if gen is None:
            raise IndexUnavailable("CURRENT")
        path = self.root / gen
        state = State.read(path)
        why = trusted(state.cursor, state.schema, state.log, change_log())
        if why:
            raise IndexUnavailable(why)
        try:
            index = tantivy.Index.open(str(path))
        except (ValueError, OSError) as exc:
            raise IndexUnavailable(str(exc)) from None
        self._index, self._gen, self._seen_cursor = index, gen, state.cursor

    def _usable(self) -> bool:
        gen = self.current_gen()
        return (self._index is not None and gen is not None and gen == self._gen
                and (self.root / gen / "meta.json").exists() and (self.root / gen / "state.json").exists())

    def live(self) -> tantivy.Index | None:
        """The live generation, opened if need be; None if there is none this database can trust."""
        if self._usable():
            return self._index
        with self._lock:
            try:
                self._open()
            except IndexUnavailable as exc:
                if self.current_gen() is not None:
                    log.warning("Chỉ mục tìm kiếm tại %s không dùng được (%s): dựng lại từ CSDL.", self.root, exc)
                self._index = self._gen = None
                return None
            return self._index

    def condemn(self) -> None:
        """The live generation failed while being read: stop using it, so the next read rebuilds."""
        with self.writer.hold(), self._lock:
            if self.current_gen() == self._gen or self._index is None:
                (self.root / "CURRENT").unlink(missing_ok=True)
            self._index = self._gen = None

    def adopt(self, index: tantivy.Index, gen: str, cursor: int) -> None:
        """Take a freshly built generation as the live one (the builder has just swapped CURRENT)."""
        with self._lock:
            self._index, self._gen, self._seen_cursor = index, gen, cursor
            # The builder has just applied the whole log: that is as good as a check.
            self._logged_seen, self._checked_at = changes_logged, time.monotonic()

    def ensure_ready(self, on_progress: Progress | None = None) -> tantivy.Index:
        """The live generation; if there is none to trust, rebuild it now (waiting for a rebuild under way)."""
        index = self.live()
        if index is not None:
            return index
        from vanphong.search import build

        build.run(self, on_progress=on_progress)
        index = self.live()
        if index is None:
            raise IndexUnavailable("the rebuild left no usable generation")
        return index

    # --- reading ---------------------------------------------------------------------------------------------
    def searcher(self) -> tantivy.Searcher:
        """A searcher that sees every change committed to the database so far (read-your-writes)."""
        self.ensure_ready()
        self.apply_pending()
        assert self._index is not None
        return self._index.searcher()

    def reader(self) -> Reader:
        """For a person's search: the live index up to date, or, while it is being rebuilt, what is ready."""
        if self.live() is not None:
            self.apply_pending()
            assert self._index is not None
            return Reader(self._index.searcher())
        from vanphong.search import build

        return build.read_while_building(self)

    # --- following the change log ----------------------------------------------------------------------------
    def apply_pending(self) -> int:
        """Apply change-log rows after this node's cursor; returns how many rows were read."""
        index = self.live()
        if index is None:
            return 0
        assert self._gen is not None
        state = State.read(self.root / self._gen)
        if state.cursor != self._seen_cursor:
            # Another process of this node applied changes: see its commit now, not after the reader's delay.
            index.reload()
            self._seen_cursor = state.cursor
        if not state.gaps and not self._may_have_news():
            return 0
        if not state.gaps and not SearchChange.objects.filter(id__gt=state.cursor).exists():
            self.heartbeat(state.cursor)
            return 0
        with self.writer.hold():
            if self.live() is None:
                return 0
            assert self._index is not None and self._gen is not None
            path = self.root / self._gen
            state = State.read(path)
            total = apply_log(self._index, path, state)
            self._seen_cursor = state.cursor
        self.heartbeat(state.cursor)
        return total

    def _may_have_news(self) -> bool:
        """Whether the log may hold rows nobody applied: always after this process logged a change; otherwise
        at most every CHECK_SECONDS (another process applies its own changes right after commit, and this one
        sees them through state.json; what a crash left behind is also caught by the periodic follow job)."""
        now = time.monotonic()
        if self._logged_seen != changes_logged or now - self._checked_at >= CHECK_SECONDS:
            self._logged_seen, self._checked_at = changes_logged, now
            return True
        return False

    def heartbeat(self, cursor: int, force: bool = False) -> None:
        """Tell the database how far this node has applied the log (so pruning leaves it what it still needs)."""
        from vanphong.search import upkeep

        now = time.monotonic()
        if force or now - self.beat_at >= upkeep.BEAT_SECONDS:
            self.beat_at = now
            upkeep.beat(self.root, cursor)

    # --- rebuilding and checking -----------------------------------------------------------------------------
    def rebuild(self, on_progress: Progress | None = None, fresh: bool = False) -> int:
        """Build a new generation from the database while searches read the old one; returns documents.

        `fresh=False` resumes an unfinished rebuild where it stopped instead of starting over."""
        from vanphong.search import build

        return build.run(self, on_progress=on_progress, fresh=fresh).done

    def check(self, repair: bool = True) -> CheckReport:
        from vanphong.search import check

        return check.check(self, repair=repair)

    def count(self) -> int:
        return int(self.searcher().num_docs)


def writer_for(index: tantivy.Index) -> tantivy.IndexWriter:
    return index.writer(heap_size=WRITER_HEAP, num_threads=1)


def apply_log(index: tantivy.Index, path: Path, state: State) -> int:
    """Apply the change-log rows after `state.cursor` (and the gaps) to `index`, saving the state as it goes."""
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
        write_records(index, latest)
        state.write(path)
        total += len(rows)
        if len(rows) < BATCH:
            break
    state.write(path)
    index.reload()
    return total


def write_records(index: tantivy.Index, latest: dict[tuple[str, int], str]) -> None:
    writer = writer_for(index)
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
