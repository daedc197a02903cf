"""Rebuilding a node's index from the database: resumable, in the background, readable while it runs.

A rebuild fills a new generation folder in (type, id) order and commits every few thousand records, writing
`build.json` (where it got to) after each commit; stopped by a crash, a deploy or Ctrl-C, the next run goes on
from there. Changes committed meanwhile are in the change log after the cursor the build started from, and are
applied before the new generation replaces the live one. While no live generation exists, searches read the
part already built; the node's upkeep loop (`vanphong periodic`) carries the rebuild on, and a person's search
lends it a moment of its own (`VANPHONG_SEARCH_BUILD_BUDGET_MS`) before answering, so a small office never
notices and a large one answers at once from what is ready.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings

from vanphong.search import engine
from vanphong.search.documents import SCHEMA, SCHEMA_VERSION, make_document
from vanphong.search.locks import Busy
from vanphong.search.registry import RecordSpec, ordered

log = logging.getLogger(__name__)

BUILD_FILE = "build.json"
CHUNK = 500
COMMIT_EVERY = 5000
COMMIT_SECONDS = 5.0


@dataclass
class BuildState:
    cursor: int
    log: str
    schema: int = SCHEMA_VERSION
    total: int = 0
    done: int = 0
    finished_types: list[str] = field(default_factory=list)
    current: str = ""
    last_pk: int = 0

    @classmethod
    def read(cls, path: Path) -> BuildState | None:
        try:
            raw = json.loads((path / BUILD_FILE).read_text())
            return cls(**{k: raw[k] for k in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        engine.write_json(path / BUILD_FILE, asdict(self))


@dataclass
class Outcome:
    finished: bool
    done: int
    total: int


def _generations(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("gen-*") if p.is_dir())


def unfinished(root: Path) -> tuple[Path, BuildState] | None:
    """The newest generation a rebuild left unfinished, with where it got to."""
    for gen in reversed(_generations(root)):
        path = root / gen
        if (path / "state.json").exists():
            return None
        state = BuildState.read(path)
        if state is not None:
            return path, state
    return None


def _start(node: engine.Node) -> tuple[Path, BuildState, tantivy.Index]:
    gens = _generations(node.root)
    number = int(gens[-1].removeprefix("gen-")) + 1 if gens else 1
    path = node.root / f"gen-{number:06d}"
    path.mkdir(parents=True)
    # The cursor is read before the rows: a change committed meanwhile is applied again afterwards.
    state = BuildState(cursor=engine.last_change_id(), log=engine.log_token(),
                       total=sum(spec.rows().count() for spec in ordered()))
    index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
    state.write(path)
    return path, state, index


def _resume(path: Path, state: BuildState) -> tantivy.Index | None:
    """Open an unfinished build and drop whatever it committed past its recorded place; None if unusable."""
    if engine.trusted(state.cursor, state.schema, state.log, engine.change_log()):
        return None
    try:
        index = tantivy.Index.open(str(path))
    except (ValueError, OSError):
        return None
    writer = engine.writer_for(index)
    # A crash between a commit and the build.json that follows it leaves records indexed past `last_pk`.
    for spec in ordered():
        if spec.type in state.finished_types:
            continue
        if spec.type == state.current:
            writer.delete_documents_by_query(tantivy.Query.boolean_query([
                (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "type", spec.type)),
                (tantivy.Occur.Must, tantivy.Query.range_query(SCHEMA, "id", tantivy.FieldType.Integer,
                                                               state.last_pk + 1, 2**63 - 1)),
            ]))
        else:
            writer.delete_documents_by_term("type", spec.type)
    writer.commit()
    writer.wait_merging_threads()
    return index


def run(node: engine.Node, *, budget: float | None = None, on_progress: engine.Progress | None = None,
        fresh: bool = False) -> Outcome:
    """Build (or go on building) the next generation; with a `budget` in seconds, stop when it is spent.

    Waits for another builder of this node unless a budget is given (then `Busy` is raised at once).
    """
    with node.builder.hold(wait=budget is None):
        found = unfinished(node.root)
        index = None
        if found is not None and not fresh:
            path, state = found
            index = _resume(path, state)
            if index is not None and state.done:
                log.info("Tiếp tục dựng chỉ mục tìm kiếm từ %d/%d hồ sơ.", state.done, state.total)
        if index is None:
            if found is not None:
                shutil.rmtree(found[0], ignore_errors=True)
            path, state, index = _start(node)
        finished = _fill(index, path, state, budget, on_progress)
        if finished:
            _finish(node, index, path, state)
        if on_progress is not None:
            on_progress(state.done, state.total)
        return Outcome(finished, state.done, state.total)


def _fill(index: tantivy.Index, path: Path, state: BuildState, budget: float | None,
          on_progress: engine.Progress | None) -> bool:
    started = last_commit = time.monotonic()
    writer = engine.writer_for(index)
    pending = 0

    def commit() -> None:
        nonlocal writer, pending, last_commit
        writer.commit()
        writer.wait_merging_threads()
        state.write(path)
        writer, pending, last_commit = engine.writer_for(index), 0, time.monotonic()
        if on_progress is not None:
            on_progress(state.done, state.total)

    for spec in ordered():
        if spec.type in state.finished_types:
            continue
        if state.current != spec.type:
            state.current, state.last_pk = spec.type, 0
        for obj in _rows(spec, state.last_pk):
            writer.add_document(make_document(spec, obj)[0])
            state.done += 1
            state.last_pk = int(obj.pk)
            pending += 1
            if pending >= COMMIT_EVERY or (pending % 100 == 0 and time.monotonic() - last_commit >= COMMIT_SECONDS):
                commit()
            if budget is not None and state.done % 50 == 0 and time.monotonic() - started >= budget:
                commit()
                return False
        state.finished_types.append(spec.type)
        state.current, state.last_pk = "", 0
    commit()
    return True


def _rows(spec: RecordSpec, after: int) -> Iterator[Any]:
    return spec.rows().filter(pk__gt=after).order_by("pk").iterator(chunk_size=CHUNK)


def _finish(node: engine.Node, index: tantivy.Index, path: Path, state: BuildState) -> None:
    """Catch the new generation up with the log, then make it the live one."""
    with node.writer.hold():
        live = engine.State(cursor=state.cursor, log=state.log)
        engine.apply_log(index, path, live)
        live.write(path)
        (path / BUILD_FILE).unlink(missing_ok=True)
        (node.root / "CURRENT.tmp").write_text(path.name)
        (node.root / "CURRENT.tmp").replace(node.root / "CURRENT")
        node.adopt(index, path.name, live.cursor)
        # Keep the previous generation for readers of other processes still on it; older ones go.
        gens = [g for g in _generations(node.root) if g != path.name]
        for old in gens[:-1]:
            shutil.rmtree(node.root / old, ignore_errors=True)
    node.heartbeat(live.cursor, force=True)


def read_while_building(node: engine.Node) -> engine.Reader:
    """No live generation: lend the rebuild this search's budget, then answer from what is built."""
    try:
        outcome = run(node, budget=settings.VANPHONG_SEARCH_BUILD_BUDGET_MS / 1000)
    except Busy:
        outcome = None  # another thread or process is building: read what it has committed
    if outcome is not None and outcome.finished:
        return engine.Reader(node.ensure_ready().searcher())
    found = unfinished(node.root)
    if found is None:
        # The builder has only just begun (or just finished): nothing to read yet but an empty index.
        index = node.live()
        if index is not None:
            return engine.Reader(index.searcher())
        return engine.Reader(tantivy.Index(SCHEMA).searcher(), (0, 0))
    path, state = found
    try:
        partial = tantivy.Index.open(str(path))
    except (ValueError, OSError):
        return engine.Reader(tantivy.Index(SCHEMA).searcher(), (0, state.total))
    return engine.Reader(partial.searcher(), (state.done, state.total))

