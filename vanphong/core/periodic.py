"""Periodic jobs: what runs every few seconds on each node, and what runs once per interval for the whole office.

`vanphong periodic --loop` (started by `vanphong serve`, one per app server in a larger installation) runs them.
A node job runs in that process on every server (it keeps the server's own things, like its search index, up to
date). A cluster job is claimed through its `PeriodicRun` row with one conditional UPDATE, so only one server
runs it per interval; it then goes on the task queue like any background work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from django.db.models import Q
from django.utils import timezone

from vanphong.core.models import PeriodicRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], Any]
    scope: Literal["node", "cluster"] = "cluster"


JOBS: dict[str, Job] = {}


def register(name: str, every: timedelta, run: Callable[[], Any], scope: Literal["node", "cluster"] = "cluster"
             ) -> None:
    """`run` is called directly for a node job; for a cluster job it is usually a task's `enqueue`."""
    JOBS[name] = Job(name, every, run, scope)


def claim(job: Job, now: datetime) -> bool:
    """Take this interval's turn of a cluster job; False if another server already took it."""
    PeriodicRun.objects.get_or_create(name=job.name)
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - job.every)
    return PeriodicRun.objects.filter(due, name=job.name).update(last_run_at=now) == 1


class Runner:
    """Runs the registered jobs when due; `tick()` is one pass, called by the loop about once a second."""

    def __init__(self) -> None:
        self.last_node_run: dict[str, datetime] = {}

    def tick(self, now: datetime | None = None) -> list[str]:
        now = now or timezone.now()
        ran = []
        for job in list(JOBS.values()):
            if job.scope == "node":
                last = self.last_node_run.get(job.name)
                if last is not None and now - last < job.every:
                    continue
                self.last_node_run[job.name] = now
            elif not claim(job, now):
                continue
            try:
                job.run()
                ran.append(job.name)
            except Exception:
                # One failing job must not stop the others; it is tried again at its next turn.
                log.exception("Việc định kỳ %s lỗi.", job.name)
        return ran
