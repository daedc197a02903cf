"""The desk ("Bàn làm việc", `/`) against a bare Django view, both through the full middleware stack, for people
signed in to the large demo office. In-process with Django's test client, warmed up and interleaved."""

from __future__ import annotations

import cProfile
import io
import pstats
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import connection
from django.template.backends.django import Template
from django.test import Client

from bench.stats import emit, p50, p95, say, timed
from bench.urls import BARE_URL
from vanphong.core.models import User
from vanphong.followup.models import Assignment

DESK = "/"
# The headline desk: a specialist cleared for Mật, so the access policy's per-record checks do run.
HEADLINE = "demo-mat"
# For comparison: no classified work at all, and a leader who sees every classified record (no per-record check).
OTHERS = ("demo-thuong", "demo-lanhdao")
TARGET_RATIO = 5.0


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"bench: GET {url} answered {response.status_code}")


@dataclass
class Breakdown:
    """Where one desk request's time goes: SQL, template rendering, and everything else (Python)."""

    total: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    template: list[float] = field(default_factory=list)
    queries: list[tuple[float, str, Any]] = field(default_factory=list)


@contextmanager
def instrumented(into: Breakdown) -> Iterator[Callable[[], tuple[float, float]]]:
    """Count SQL time (a connection execute wrapper) and template time (a wrapper around the Django template
    backend's render) while the block runs; yields a function that takes and resets the running totals."""
    spent = {"sql": 0.0, "template": 0.0}

    def on_execute(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter_ns()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter_ns() - start) / 1e6
            spent["sql"] += ms
            into.queries.append((ms, sql, params))

    original = Template.render

    def render(self: Template, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter_ns()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent["template"] += (time.perf_counter_ns() - start) / 1e6

    def take() -> tuple[float, float]:
        sql, template = spent["sql"], spent["template"]
        spent["sql"] = spent["template"] = 0.0
        return sql, template

    Template.render = render  # type: ignore[method-assign,assignment]
    try:
        with connection.execute_wrapper(on_execute):
            yield take
    finally:
        Template.render = original  # type: ignore[method-assign]


def run(requests: int, warmup: int, *, profile: bool) -> float:
    """Measure and emit the desk figures; returns desk p95 / bare p95 for the headline person."""
    emit("data.assignments", Assignment.objects.count(), "rows")
    emit("data.accounts", User.objects.count(), "rows")
    clients = {name: signed_in(name) for name in (HEADLINE, *OTHERS)}
    # The baseline uses the headline person's session, so both sides pay the same session and user loading.
    targets: list[tuple[str, Client, str]] = [("bare", clients[HEADLINE], BARE_URL)]
    targets += [(name, client, DESK) for name, client in clients.items()]
    samples: dict[str, list[float]] = {label: [] for label, _, _ in targets}
    rng = random.Random(2026)
    say(f"bench: desk and bare view, {warmup} warm-up + {requests} requests each, interleaved")
    for i in range(warmup + requests):
        rng.shuffle(targets)  # interleaved in a varying order: drift and noise fall on every target alike
        for label, client, url in targets:
            ms = timed(partial(get, client, url))
            if i >= warmup:
                samples[label].append(ms)

    bare, desk = samples["bare"], samples[HEADLINE]
    ratio = p95(desk) / p95(bare)
    emit("web.bare_p50_ms", p50(bare), "ms")
    emit("web.bare_p95_ms", p95(bare), "ms")
    emit("web.desk_p50_ms", p50(desk), "ms")
    emit("web.desk_p95_ms", p95(desk), "ms")
    emit("web.desk_over_bare", ratio, "ratio", target=f"<= {TARGET_RATIO:g}")
    for name in OTHERS:
        emit(f"web.desk_p95_ms.{name}", p95(samples[name]), "ms")
        emit(f"web.desk_over_bare.{name}", p95(samples[name]) / p95(bare), "ratio")

    breakdown = measure_breakdown(clients[HEADLINE], max(20, requests // 5))
    emit("web.desk_queries", len(breakdown.queries), "queries")
    emit("web.desk_sql_ms", p50(breakdown.sql), "ms")
    emit("web.desk_template_ms", p50(breakdown.template), "ms")
    emit("web.desk_python_ms", p50([t - s - r for t, s, r in
                                    zip(breakdown.total, breakdown.sql, breakdown.template, strict=True)]), "ms")
    if ratio > TARGET_RATIO or profile:
        if ratio > TARGET_RATIO:
            say(f"bench: the desk takes {ratio:.1f}× the bare view at p95 (target ≤ {TARGET_RATIO:g}); profile:")
        report_profile(clients[HEADLINE], breakdown)
    return ratio


def measure_breakdown(client: Client, requests: int) -> Breakdown:
    breakdown = Breakdown()
    with instrumented(breakdown) as take:
        for _ in range(requests):
            breakdown.queries.clear()  # keep the last request's queries only
            total = timed(partial(get, client, DESK))
            sql, template = take()
            breakdown.total.append(total)
            breakdown.sql.append(sql)
            breakdown.template.append(template)
    return breakdown


def report_profile(client: Client, breakdown: Breakdown) -> None:
    """To stderr: the desk's queries, slowest first with their plans, then the hottest functions."""
    say(f"  desk request p50: {p50(breakdown.total):.1f} ms = SQL {p50(breakdown.sql):.1f} ms"
        f" + templates {p50(breakdown.template):.1f} ms + the rest")
    say(f"  {len(breakdown.queries)} queries in the last request, slowest first:")
    for ms, sql, _params in sorted(breakdown.queries, key=lambda q: -q[0]):
        say(f"  {ms:7.2f} ms  {sql[:160]}{'…' if len(sql) > 160 else ''}")
    for ms, sql, params in sorted(breakdown.queries, key=lambda q: -q[0])[:3]:
        if ms < 1.0:
            break
        with connection.cursor() as cursor:
            cursor.execute(connection.ops.explain_query_prefix() + " " + sql, params)
            plan = "\n".join("      " + " ".join(str(c) for c in row) for row in cursor.fetchall())
        say(f"  plan of the {ms:.2f} ms query:\n{plan}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(30):
        get(client, DESK)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"vanphong/|template/(base|loader_tags)\.py|sql/compiler\.py:.*execute_sql", 25)
    say("  cProfile, 30 desk requests, cumulative (only the app, template rendering and query execution):")
    for line in out.getvalue().splitlines():
        if line.strip() and not line.startswith(("   Ordered", "   List reduced")):
            say("  " + line)
