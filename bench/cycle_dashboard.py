"""cycle.dashboard_p95_ms and cycle.dashboard_over_bare: the overdue dashboard of the follow-up over 10,000
decision tasks across the 34 provincial committees and 200 bodies, through the Django test client, and its ratio
to a bare Django view measured in the same run. Targets ≤ 200 ms and ≤ 6.

    .venv/bin/python bench/cycle_dashboard.py [--requests 200] [--warmup 20] [--profile] [--check]

Builds its own SQLite database in a throwaway folder (BENCH_CYCLE_DATA_DIR, default <tmp>/vanphong-bench-cycle),
rebuilt every run: migrations, 166 extra ministries and Party bodies beside the 34 committees, one issued
conclusion per month of a year, 10,000 tasks written in bulk (a third overdue, most shared with one unit). The
person measured is a Tối mật specialist of that unit, so the access list of the policy is on the path.
BENCH_CYCLE_DATABASE_URL=postgres://…/<db> measures on PostgreSQL instead: the benchmark owns that database and
empties it first.

The three tabs (by body, by province, by decision) and the bare view are requested in a shuffled order each
round, so drift and noise fall on both alike, each from collected young generations (outside the timing).
Beside the two headline figures it prints where one dashboard request's time goes (median over the tabs):
queries, SQL, templates; with --profile, or when a target is missed, the queries of each tab go to stderr.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TASKS = 10_000
BODIES = 200
TARGETS = {"cycle.dashboard_p95_ms": (200.0, "max"), "cycle.dashboard_over_bare": (6.0, "max")}


def configure() -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.environment import throwaway

    return throwaway("vanphong-bench-cycle", "CYCLE")


def seed() -> object:
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from vanphong.core.models import Body, Person, Unit, User
    from vanphong.core.roles import Role
    from vanphong.documents.models import Document, DocumentType, Issuer
    from vanphong.followup.models import Assignment
    from vanphong.text import fold

    rng = random.Random(5)
    today = timezone.localdate()
    with transaction.atomic():
        unit = Unit.objects.create(name="Vụ Theo dõi thi hành", short_name="Vụ TD", code="vu-td")
        person = Person.objects.create(full_name="Nguyễn Văn Đo", unit=unit)
        user = User.objects.create_user(username="bench-td", password="Bench-cycle-2026", person=person,
                                        clearance=2)
        user.groups.add(Group.objects.get(name=Role.SPECIALIST.value))
        # The tasks are given by someone else: the person sees them through the unit's access list.
        giver = User.objects.create_user(username="bench-giver", password="Bench-cycle-2026", clearance=3)
        have = Body.objects.exclude(kind=Body.Kind.LEADERSHIP).count()
        for n in range(max(0, BODIES - have)):
            Body.objects.create(name=f"Cơ quan thử nghiệm số {n + 1}", kind=Body.Kind.MINISTRY, order=500 + n)
        bodies = list(Body.objects.exclude(kind=Body.Kind.LEADERSHIP).values_list("pk", flat=True))
        kl = DocumentType.objects.filter(system="party", code="KL").first()
        assert kl is not None
        tw = Issuer.objects.get(system="party", code="TW")
        docs = [Document.objects.create(
            direction=Document.Direction.OUTGOING, status=Document.Status.ISSUED, doc_type=kl, issuer=tw,
            issuer_name="Bộ Chính trị", number=100 + m, symbol=f"{100 + m}-KL/TW",
            issued_on=today - timedelta(days=400 - 30 * m), summary=f"về nhiệm vụ tháng {m + 1}",
            body="I. Nhiệm vụ\n1. Thực hiện", created_by=giver) for m in range(12)]
        rows = []
        for i in range(TASKS):
            title = f"Thực hiện điểm 1, mục I, nhiệm vụ {i}"
            late = rng.random() < 0.35
            rows.append(Assignment(
                title=title, title_key=fold(title), classification=rng.choice([0, 0, 0, 1, 2, 3]),
                created_by=giver, unit=unit, body_id=rng.choice(bodies),
                decision=rng.choice(docs), anchor="muc-I/diem-1",
                deadline=today + timedelta(days=-rng.randint(1, 200) if late else rng.randint(0, 200)),
                status=rng.choice([Assignment.Status.NEW, Assignment.Status.IN_PROGRESS, Assignment.Status.DONE]),
                percent=rng.choice([0, 30, 80]),
            ))
        made = Assignment.objects.bulk_create(rows, batch_size=2000)
        through = Assignment.shared_with_units.through
        through.objects.bulk_create([through(assignment_id=a.pk, unit_id=unit.pk) for a in made
                                     if rng.random() < 0.8], batch_size=5000)
    return user


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="print each tab's queries even when on target")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    args = parser.parse_args(argv)
    configure()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.stats import emit, judge, p50, p95, say, timed
    from bench.urls import BARE_URL
    from bench.web import Breakdown, instrumented

    settings.ALLOWED_HOSTS = ["*"]
    say("bench: cycle: migrating a fresh database…")
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)  # reference data comes back after a flush
    user = seed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    tabs = ["/viec/qua-han/?theo=co-quan", "/viec/qua-han/?theo=tinh", "/viec/qua-han/?theo=van-ban"]
    for path in (*tabs, BARE_URL):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    rng = random.Random(2026)
    order = [*tabs, BARE_URL]
    dash: list[float] = []
    bare: list[float] = []
    # As bench/search.py: the young generations are collected before each request, outside the timing, so the
    # bare view never pays for the garbage a dashboard request left (nor the other way round).
    gc.freeze()  # Django and the seeded objects are long-lived: keep them out of every collection
    for i in range(args.warmup + args.requests):
        rng.shuffle(order)
        for path in order:
            gc.collect(1)
            ms = timed(lambda: client.get(path))  # noqa: B023 - called at once
            if i >= args.warmup:
                (bare if path == BARE_URL else dash).append(ms)
    gc.unfreeze()
    # The bare view was asked a third as often as the tabs: its p95 from as many samples as one tab's.
    figures = {"cycle.dashboard_p95_ms": p95(dash), "cycle.dashboard_over_bare": p95(dash) / max(p95(bare), 1e-6)}
    emit("cycle.dashboard_p95_ms", figures["cycle.dashboard_p95_ms"], "ms", tasks=TASKS, requests=len(dash))
    emit("cycle.dashboard_over_bare", figures["cycle.dashboard_over_bare"], "ratio", bare_p95_ms=round(p95(bare), 3))
    emit("cycle.dashboard_p50_ms", p50(dash), "ms")
    emit("cycle.bare_p50_ms", p50(bare), "ms")
    breakdown = Breakdown()
    with instrumented(breakdown) as take:
        for i in range(max(30, args.requests // 5)):
            breakdown.queries.clear()
            breakdown.total.append(timed(lambda: client.get(tabs[i % 3])))  # noqa: B023 - called at once
            sql, template = take()
            breakdown.sql.append(sql)
            breakdown.template.append(template)
    emit("cycle.dashboard_queries", len(breakdown.queries), "queries")
    emit("cycle.dashboard_sql_ms", p50(breakdown.sql), "ms")
    emit("cycle.dashboard_template_ms", p50(breakdown.template), "ms")
    missed = judge(figures, TARGETS)
    if missed or args.profile:
        for path in tabs:
            with instrumented(breakdown) as take:
                breakdown.queries.clear()
                client.get(path)
            say(f"  {path}: {len(breakdown.queries)} queries, slowest first:")
            for ms, text, _params in sorted(breakdown.queries, key=lambda q: -q[0]):
                say(f"  {ms:7.2f} ms  {text[:160]}{'…' if len(text) > 160 else ''}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
