"""cycle.programme_p95_ms and cycle.programme_over_bare: the page of a year's work programme with 500 items,
through the Django test client (the full middleware stack, the templates), and its ratio to a bare Django view
measured in the same run. Target ≤ 150 ms.

    .venv/bin/python bench/cycle_programme.py [--requests 200] [--warmup 20] [--check]

Builds its own SQLite database in a throwaway folder (BENCH_CYCLE_PROGRAMME_DATA_DIR, default
<tmp>/vanphong-bench-programme), rebuilt every run (BENCH_CYCLE_PROGRAMME_DATABASE_URL measures on an empty
PostgreSQL database instead): migrations, 60 extra lead bodies, the Politburo's approved programme for this year
with 500 items spread over the four quarters (a third classified, shared with the reader's unit; two co-operating
bodies each) and 40 adjustments. The reader is a Tối mật specialist of that unit, so the access list of the policy
is on the path; the page is the one a specialist opens (no forms: the forms cost little, the rows are the work).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ITEMS = 500
ADJUSTMENTS = 40
BODIES = 60
TARGETS = {"cycle.programme_p95_ms": (150.0, "max")}


def configure() -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.environment import throwaway

    return throwaway("vanphong-bench-programme", "CYCLE_PROGRAMME")


def seed() -> tuple[object, str]:
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from vanphong.core.models import Body, Person, Term, Unit, User
    from vanphong.core.roles import Role
    from vanphong.programs.models.programme import Kind, ProgramAdjustment, ProgramItem, WorkProgram
    from vanphong.text import fold

    rng = random.Random(7)
    year = timezone.localdate().year
    with transaction.atomic():
        unit = Unit.objects.create(name="Vụ Tổng hợp thử nghiệm", short_name="Vụ TH", code="vu-th-bench")
        person = Person.objects.create(full_name="Nguyễn Văn Đọc", unit=unit)
        user = User.objects.create_user(username="bench-ct", password="Bench-programme-2026", person=person,
                                        clearance=2)
        user.groups.add(Group.objects.get(name=Role.SPECIALIST.value))
        leader = User.objects.create_user(username="bench-lanhdao", password="Bench-programme-2026", clearance=3)
        leader.groups.add(Group.objects.get(name=Role.OFFICE_LEADER.value))
        for n in range(BODIES):
            Body.objects.create(name=f"Ban thử nghiệm số {n + 1}", kind=Body.Kind.CENTRAL_PARTY, order=500 + n)
        bodies = list(Body.objects.exclude(kind=Body.Kind.LEADERSHIP))
        bct = Body.objects.get(short_name="BCT", kind=Body.Kind.LEADERSHIP)
        term = Term.objects.order_by("-start").first()
        assert term is not None
        program = WorkProgram.objects.create(
            body=bct, term=term, period=WorkProgram.Period.YEAR, year=year, number=0, start=date(year, 1, 1),
            end=date(year, 12, 31), title=f"Chương trình công tác năm {year} của Bộ Chính trị", created_by=leader,
            status=WorkProgram.Status.APPROVED, approved_at=timezone.now())
        rows = []
        for i in range(ITEMS):
            end = date(year, 1, 1) + timedelta(days=rng.randint(20, 364))
            title = f"Đề án {i + 1} về {rng.choice(['kinh tế', 'xây dựng Đảng', 'đối ngoại', 'quốc phòng'])}"
            rows.append(ProgramItem(
                program=program, order=i, kind=rng.choice(Kind.values), title=title, title_key=fold(title),
                lead_body=rng.choice(bodies), office_unit=unit if rng.random() < 0.5 else None,
                planned_start=max(date(year, 1, 1), end - timedelta(days=90)), planned_end=end,
                status=rng.choice(ProgramItem.Status.values[:5]), classification=rng.choice([0, 0, 1, 2, 3]),
                created_by=leader))
        items = ProgramItem.objects.bulk_create(rows, batch_size=500)
        co = ProgramItem.co_bodies.through
        co.objects.bulk_create([co(programitem_id=it.pk, body_id=b.pk) for it in items
                                for b in rng.sample(bodies, 2)], batch_size=2000)
        shared = ProgramItem.shared_with_units.through
        shared.objects.bulk_create([shared(programitem_id=it.pk, unit_id=unit.pk) for it in items
                                    if it.classification and rng.random() < 0.8], batch_size=2000)
        ProgramAdjustment.objects.bulk_create([ProgramAdjustment(
            program=program, item=it, kind=ProgramAdjustment.Kind.MOVED, reason="Cơ quan chủ trì đề nghị lùi",
            decided_by="Thường trực Ban Bí thư", recorded_by=leader,
            old={"planned_end": it.planned_end.isoformat(), "status": it.status},
            new={"planned_end": (it.planned_end + timedelta(days=30)).isoformat(), "status": it.status})
            for it in rng.sample(items, ADJUSTMENTS)])
    return user, program.get_absolute_url()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--profile", action="store_true", help="print the page's queries and a profile to stderr")
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

    settings.ALLOWED_HOSTS = ["*"]
    say("bench: programme: migrating a fresh database…")
    call_command("migrate", verbosity=0)
    user, url = seed()
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    for path in (url, BARE_URL):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    statements: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(f"{(time.perf_counter() - started) * 1000:7.1f} ms  {sql}")

    with connection.execute_wrapper(count):
        client.get(url)
    if args.profile:
        import cProfile
        import pstats

        for sql in statements:
            say(f"  {sql[:300]}")
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(5):
            client.get(url)
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(30)
    for _ in range(args.warmup):
        client.get(url)
        client.get(BARE_URL)
    page: list[float] = []
    bare: list[float] = []
    for _ in range(args.requests):
        page.append(timed(lambda: client.get(url)))
        bare.append(timed(lambda: client.get(BARE_URL)))
    figures = {"cycle.programme_p95_ms": p95(page), "cycle.programme_over_bare": p95(page) / max(p95(bare), 1e-6)}
    emit("cycle.programme_p95_ms", figures["cycle.programme_p95_ms"], "ms", items=ITEMS, requests=args.requests,
         p50_ms=round(p50(page), 3), queries=len(statements))
    emit("cycle.programme_over_bare", figures["cycle.programme_over_bare"], "ratio", bare_p95_ms=round(p95(bare), 3))
    missed = judge(figures, TARGETS)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
