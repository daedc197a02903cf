"""Keeping every node's index current without traffic, and the change log from growing for ever.

Each node reports how far it has applied the log (`beat`); the periodic `follow` job applies new changes (or
carries on an interrupted rebuild) on every node every few seconds; the daily `prune` deletes log rows that
every node seen lately has applied and that are older than a week. A node away longer than that finds its cursor
below the pruned mark and rebuilds from the database instead of missing changes.
"""

from __future__ import annotations

import hashlib
import logging
import socket
from datetime import datetime, timedelta
from pathlib import Path

from django.db.models import Max, Min
from django.utils import timezone

from vanphong.search import build, engine
from vanphong.search.locks import Busy
from vanphong.search.models import SearchChange, SearchLog, SearchNode

log = logging.getLogger(__name__)

BEAT_SECONDS = 60
KEEP = timedelta(days=7)
# A node not heard of for this long no longer holds the log back; if it returns it rebuilds.
NODE_GONE = timedelta(days=7)
PRUNE_BATCH = 10_000
BUILD_SLICE = 10.0


def node_name(root: Path) -> str:
    digest = hashlib.blake2b(str(root.resolve()).encode(), digest_size=4).hexdigest()
    return f"{socket.gethostname()[:150]}:{root.name[:30]}:{digest}"


def beat(root: Path, cursor: int) -> None:
    SearchNode.objects.update_or_create(name=node_name(root), defaults={"cursor": cursor, "seen_at": timezone.now()})


def follow() -> int:
    """The node job: apply what is new, or go on with a rebuild if the node has no live index."""
    node = engine.node()
    if node.live() is None:
        # In slices, so the node's other periodic jobs keep their turns during a long rebuild.
        try:
            return build.run(node, budget=BUILD_SLICE).done
        except Busy:
            return 0  # a search or `vanphong reindex` of this node is building it
    applied = node.apply_pending()
    gen = node.current_gen()
    if gen is not None:
        node.heartbeat(engine.State.read(node.root / gen).cursor)
    return applied


def prune(now: datetime | None = None) -> int:
    """Delete the change-log rows no node needs any more; returns how many went."""
    now = now or timezone.now()
    floor = SearchNode.objects.filter(seen_at__gte=now - NODE_GONE).aggregate(m=Min("cursor"))["m"]
    if floor is None:
        return 0  # no node has reported: nobody can say what is safe to drop
    old_enough = SearchChange.objects.filter(created_at__lt=now - KEEP).aggregate(m=Max("id"))["m"]
    if old_enough is None:
        return 0
    limit = min(int(floor), int(old_enough))
    row = engine.change_log()
    if limit <= row.pruned_through:
        return 0
    # The mark moves first: a node that reads it then never trusts an index that might miss pruned rows.
    SearchLog.objects.filter(pk=row.pk, pruned_through__lt=limit).update(pruned_through=limit)
    removed = 0
    while True:
        ids = list(SearchChange.objects.filter(id__lte=limit).order_by("id").values_list("id", flat=True)
                   [:PRUNE_BATCH])
        if not ids:
            break
        removed += SearchChange.objects.filter(id__in=ids).delete()[0]
    SearchNode.objects.filter(seen_at__lt=now - NODE_GONE * 4).delete()
    if removed:
        log.info("Đã dọn %d dòng nhật ký thay đổi tìm kiếm (đến số %d).", removed, limit)
    return removed
