"""Background catch-up: apply change-log rows this node has not applied yet (after a crash or a failed apply)."""

from __future__ import annotations

from django_tasks import task

from vanphong.search import engine


@task()
def catch_up() -> int:
    """Safe to run any number of times: the node's cursor says what is already applied."""
    return engine.node().apply_pending()
