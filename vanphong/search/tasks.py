"""Background work of search: the daily pruning of the change log (a cluster job of `vanphong periodic`)."""

from __future__ import annotations

from django_tasks import task

from vanphong.search import upkeep


@task()
def prune_change_log() -> int:
    """Safe to run any number of times: it removes only rows every node has applied."""
    return upkeep.prune()
