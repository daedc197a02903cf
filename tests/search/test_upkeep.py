"""Upkeep of the index nodes: following the log without traffic, and pruning it without losing a change."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tests.factories import give
from tests.search.helpers import find
from vanphong.search import engine, upkeep
from vanphong.search.models import SearchChange, SearchLog, SearchNode


def age_log(days: int) -> None:
    SearchChange.objects.update(created_at=timezone.now() - timedelta(days=days))


def cursor_of(root: Path) -> int:
    return engine.State.read(root / (root / "CURRENT").read_text().strip()).cursor


def test_follow_applies_new_changes_with_nobody_searching(office):
    node = engine.node()
    node.ensure_ready()
    give(office.leader, "Việc chưa ai tìm QFOLLOWQ", assignee=office.thuong)  # no commit in a test: not applied
    before = cursor_of(node.root)
    assert upkeep.follow() > 0
    assert cursor_of(node.root) > before
    # Reported at most once a minute, never ahead of what the node really applied.
    assert SearchNode.objects.get(name=upkeep.node_name(node.root)).cursor <= cursor_of(node.root)


def test_follow_builds_a_missing_index(office):
    node = engine.node()
    assert node.live() is None
    upkeep.follow()
    assert node.live() is not None
    assert find(office.thuong, "leakmark").total == 1


def test_prune_drops_only_rows_every_node_has_applied_and_older_than_a_week(office, tmp_path, settings):
    first = tmp_path / "node-a"
    settings.VANPHONG_SEARCH_DIR = first
    engine.node().ensure_ready()
    engine.node().heartbeat(cursor_of(first), force=True)
    lagging = SearchNode.objects.create(name="may-cham", cursor=cursor_of(first) - 3, seen_at=timezone.now())
    age_log(days=8)
    give(office.leader, "Việc mới hôm nay QRECENTQ", assignee=office.thuong)
    engine.node().apply_pending()
    engine.node().heartbeat(cursor_of(first), force=True)
    newest = SearchChange.objects.latest("id").id
    removed = upkeep.prune()
    assert removed > 0
    # The lagging node still needs its last three rows; today's rows stay whatever the nodes applied.
    assert SearchChange.objects.filter(id__gt=lagging.cursor).count() >= 3
    assert SearchChange.objects.filter(id=newest).exists()
    assert SearchLog.objects.get().pruned_through == lagging.cursor
    assert not SearchChange.objects.filter(id__lte=lagging.cursor).exists()
    engine.forget(first)


def test_nothing_is_pruned_while_no_node_has_reported(office):
    age_log(days=30)
    SearchNode.objects.all().delete()
    assert upkeep.prune() == 0
    assert SearchChange.objects.exists()


def test_a_node_away_longer_than_the_log_is_kept_rebuilds_instead_of_missing_changes(office, tmp_path, settings):
    away, here = tmp_path / "node-away", tmp_path / "node-here"
    settings.VANPHONG_SEARCH_DIR = away
    assert find(office.thuong, "qawayq").total == 0
    engine.forget(away)  # the server goes down
    settings.VANPHONG_SEARCH_DIR = here
    a = give(office.leader, "Việc giao khi máy kia tắt QAWAYQ", assignee=office.thuong)
    assert find(office.thuong, "qawayq").total == 1
    engine.node().heartbeat(cursor_of(here), force=True)
    age_log(days=8)
    SearchNode.objects.exclude(name=upkeep.node_name(here)).update(seen_at=timezone.now() - timedelta(days=10))
    assert upkeep.prune() > 0
    assert not SearchChange.objects.filter(record_type="assignment", record_id=a.pk).exists()
    # The returning node's cursor is below what was pruned: it must not trust its index, which lacks the change.
    settings.VANPHONG_SEARCH_DIR = away
    assert find(office.thuong, "qawayq").total == 1
    for root in (away, here):
        engine.forget(root)


def test_the_prune_task_is_safe_to_run_again(office):
    engine.node().ensure_ready()
    engine.node().heartbeat(cursor_of(Path(settings.VANPHONG_SEARCH_DIR)), force=True)
    age_log(days=8)
    from vanphong.search.tasks import prune_change_log

    assert prune_change_log.call() > 0
    assert prune_change_log.call() == 0
