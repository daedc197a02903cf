"""Periodic jobs: node jobs run on every server at their interval, cluster jobs once per interval in all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vanphong.core import periodic


@pytest.fixture
def jobs(monkeypatch):
    monkeypatch.setattr(periodic, "JOBS", {})
    calls: list[str] = []
    periodic.register("node-job", timedelta(seconds=5), lambda: calls.append("node"), scope="node")
    periodic.register("cluster-job", timedelta(hours=1), lambda: calls.append("cluster"))
    return calls


def test_a_node_job_runs_at_its_interval_on_every_server(db, jobs):
    one, two = periodic.Runner(), periodic.Runner()
    now = timezone.now()
    one.tick(now)
    two.tick(now)
    assert jobs.count("node") == 2
    one.tick(now + timedelta(seconds=1))
    assert jobs.count("node") == 2
    one.tick(now + timedelta(seconds=6))
    assert jobs.count("node") == 3


def test_a_cluster_job_runs_once_per_interval_whichever_server_asks(db, jobs):
    one, two = periodic.Runner(), periodic.Runner()
    now = timezone.now()
    assert "cluster-job" in one.tick(now)
    assert "cluster-job" not in two.tick(now + timedelta(minutes=1))
    assert jobs.count("cluster") == 1
    assert "cluster-job" in two.tick(now + timedelta(hours=1, seconds=1))
    assert jobs.count("cluster") == 2


def test_a_failing_job_does_not_stop_the_others(db, jobs, monkeypatch):
    def broken() -> None:
        raise RuntimeError("hỏng")

    periodic.register("broken", timedelta(seconds=1), broken, scope="node")
    ran = periodic.Runner().tick()
    assert "broken" not in ran and {"node-job", "cluster-job"} <= set(ran)


def test_the_command_runs_what_is_due_once(db, jobs, capsys):
    call_command("periodic")
    assert "cluster-job" in capsys.readouterr().out
    assert sorted(jobs) == ["cluster", "node"]


def test_search_registers_its_follow_and_prune_jobs():
    assert periodic.JOBS["search.follow"].scope == "node"
    assert periodic.JOBS["search.prune"].scope == "cluster"
