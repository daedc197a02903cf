"""Rebuilding a node's index: resumable after an interruption, readable while it runs, never blocking changes."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import give
from tests.search.helpers import find, titles
from vanphong.search import build, engine
from vanphong.search.documents import SCHEMA_VERSION
from vanphong.search.locks import Busy
from vanphong.search.registry import ordered


def many(office, n: int, word: str = "qmanyq") -> None:
    for i in range(n):
        give(office.leader, f"Việc số {i} {word}", assignee=office.thuong)


def records_in_database() -> int:
    return sum(spec.rows().count() for spec in ordered())


def stop_after_first_slice(monkeypatch, node: engine.Node) -> build.Outcome:
    """A rebuild interrupted early: it commits its first slice, then stops (as a crash right after would)."""
    monkeypatch.setattr(build, "COMMIT_EVERY", 20)
    outcome = build.run(node, budget=0.0, fresh=True)
    assert not outcome.finished and 0 < outcome.done < outcome.total
    return outcome


def test_an_interrupted_rebuild_goes_on_from_where_it_stopped(office, monkeypatch):
    many(office, 60)
    node = engine.node()
    node.ensure_ready()
    first = stop_after_first_slice(monkeypatch, node)
    resumed: list[tuple[int, int]] = []
    outcome = build.run(node, on_progress=lambda d, t: resumed.append((d, t)))
    assert outcome.finished
    # It went on from its place: the first progress report is already past what the first slice did.
    assert resumed[0][0] > first.done
    assert outcome.done == outcome.total == records_in_database()
    assert node.searcher().num_docs == records_in_database()
    assert node.check().repaired == 0
    assert find(office.thuong, "qmanyq").total == 60


def test_a_crash_between_a_commit_and_its_bookmark_leaves_no_duplicates(office, monkeypatch):
    many(office, 60)
    node = engine.node()
    node.ensure_ready()
    stop_after_first_slice(monkeypatch, node)
    path, state = build.unfinished(node.root)
    # The records were committed, but the bookmark saying so was not written: the resumed run indexes them again.
    state.finished_types, state.current, state.last_pk, state.done = [], "", 0, 0
    state.write(path)
    assert build.run(node).finished
    assert node.searcher().num_docs == records_in_database()
    assert node.check().repaired == 0


def test_an_unfinished_rebuild_of_another_schema_is_started_over(office, monkeypatch):
    node = engine.node()
    node.ensure_ready()
    stop_after_first_slice(monkeypatch, node)
    path, state = build.unfinished(node.root)
    state.schema = SCHEMA_VERSION - 1
    state.write(path)
    seen: list[tuple[int, int]] = []
    outcome = build.run(node, on_progress=lambda d, t: seen.append((d, t)))
    assert outcome.finished and outcome.done == records_in_database()
    assert seen[0][0] <= build.COMMIT_EVERY, "counted from the start, not from the other schema's place"


def test_reindex_says_it_resumes_and_fresh_starts_over(office, monkeypatch, capsys):
    node = engine.node()
    node.ensure_ready()
    first = stop_after_first_slice(monkeypatch, node)
    call_command("reindex")
    out = capsys.readouterr().out
    assert f"đã có {first.done}/" in out and "Đã dựng lại chỉ mục" in out
    stop_after_first_slice(monkeypatch, node)
    call_command("reindex", "--fresh")
    assert "Làm tiếp" not in capsys.readouterr().out
    assert build.unfinished(node.root) is None


def test_search_answers_from_what_is_ready_while_the_index_is_rebuilt(office, settings, monkeypatch):
    many(office, 80, "qpartialq")
    assert find(office.thuong, "qpartialq").total == 80
    shutil.rmtree(settings.VANPHONG_SEARCH_DIR)
    engine.forget(settings.VANPHONG_SEARCH_DIR)
    monkeypatch.setattr(build, "COMMIT_EVERY", 20)
    settings.VANPHONG_SEARCH_BUILD_BUDGET_MS = 0
    results = find(office.thuong, "van phong trung uong")
    assert results.message == ""
    assert any("đang được dựng lại" in note for note in results.notes)
    # Each search lends the rebuild a little; the node's periodic job finishes it.
    settings.VANPHONG_SEARCH_BUILD_BUDGET_MS = 1000
    from vanphong.search import upkeep

    while engine.node().live() is None:
        upkeep.follow()
    results = find(office.thuong, "qpartialq")
    assert results.total == 80 and results.notes == []


def test_a_search_during_someone_elses_rebuild_reads_its_finished_part(office, settings, monkeypatch):
    many(office, 40, "qotherq")
    node = engine.node()  # a node that has never had an index
    monkeypatch.setattr(build, "COMMIT_EVERY", 10)
    build.run(node, budget=0.0)
    held = threading.Event()
    release = threading.Event()

    def other_builder() -> None:
        with node.builder.hold():
            held.set()
            release.wait(10)

    t = threading.Thread(target=other_builder)
    t.start()
    try:
        held.wait(5)
        with pytest.raises(Busy):
            build.run(node, budget=1.0)
        results = find(office.thuong, "qotherq")
        done, total = build.unfinished(node.root)[1].done, build.unfinished(node.root)[1].total
        assert f"{done * 100 // total}%" in results.notes[0]
    finally:
        release.set()
        t.join()


def test_changes_keep_reaching_the_live_index_during_a_rebuild(office):
    node = engine.node()
    node.ensure_ready()
    held, release = threading.Event(), threading.Event()

    def builder() -> None:
        with node.builder.hold():
            held.set()
            release.wait(10)

    t = threading.Thread(target=builder)
    t.start()
    try:
        held.wait(5)
        give(office.leader, "Việc giao lúc đang dựng QDURINGQ", assignee=office.thuong)
        node.apply_pending()
        assert titles(find(office.thuong, "qduringq")) == ["Việc giao lúc đang dựng QDURINGQ"]
    finally:
        release.set()
        t.join()


def test_a_change_made_while_a_rebuild_runs_is_in_the_new_generation(office, monkeypatch):
    many(office, 30)
    node = engine.node()
    node.ensure_ready()
    stop_after_first_slice(monkeypatch, node)
    a = give(office.leader, "Việc sau khi bắt đầu dựng QAFTERSTARTQ", assignee=office.thuong)
    assert build.run(node).finished
    assert find(office.thuong, "qafterstartq").hits[0].id == a.pk
    assert node.check().repaired == 0


def test_a_broken_index_that_opens_but_fails_to_search_is_rebuilt(office, monkeypatch):
    assert find(office.thuong, "leakmark").total == 1
    node = engine.node()
    broken_gen = node.current_gen()
    calls = {"n": 0}
    real = engine.Node.reader

    def failing_once(self):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ValueError("segment file missing")
        return real(self)

    monkeypatch.setattr(engine.Node, "reader", failing_once)
    assert find(office.thuong, "leakmark").total == 1
    assert node.current_gen() != broken_gen
    assert Path(settings.VANPHONG_SEARCH_DIR, node.current_gen(), "state.json").exists()
