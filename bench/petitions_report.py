"""petitions.report_year_s: the yearly report of letters (petitions.reports: the figures through the access policy,
then the XLSX with its chart and the PDF with its charts) over a realistic year, and its ratio to a baseline
measured in the same run. Target ≤ 2 s.

    .venv/bin/python bench/petitions_report.py [--letters 20000] [--runs 5] [--check] [--profile]

Builds its own SQLite database in a throwaway folder (BENCH_PETITIONS_DATA_DIR, default
<tmp>/vanphong-bench-petitions), rebuilt every run (BENCH_PETITIONS_DATABASE_URL measures on an empty PostgreSQL
database instead): migrations, then last year's 20,000 letters written in bulk, about one in six a repeat that
joined an earlier case of the year (so some 17,000 cases), every kind, field, province and status, 15 % Mật shared
with the reader's unit, the steps out of the open states dated as they happened (for timeliness), 800 cases
carried over from the year before, and 2,000 letters of the year after (outside the period, still read past by the
query). The reader is a Mật petitions officer of that unit, so the policy's access-list lookups are on the path.

Baseline (`petitions.report_over_count`): one `COUNT(*)` of the year's cases the reader may see, through the same
policy: the least any report must do is read the year's rows once.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"petitions.report_year_s": (2.0, "max")}


def configure() -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.environment import throwaway

    return throwaway("vanphong-bench-petitions", "PETITIONS")


def seed(letters: int, year: int) -> object:
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from vanphong.core.models import Person, Place, Unit, User
    from vanphong.core.roles import Role
    from vanphong.petitions.models import Field, Kind, Petition, PetitionCase
    from vanphong.workflow.models import Step

    rng = random.Random(7)
    S = PetitionCase.Status
    tz = timezone.get_current_timezone()
    places = list(Place.objects.filter(valid_to__isnull=True).values_list("pk", flat=True))
    with transaction.atomic():
        unit = Unit.objects.create(name="Vụ Xử lý đơn thư thử nghiệm", short_name="Vụ XLĐT", code="vu-xldt-bench")
        person = Person.objects.create(full_name="Nguyễn Văn Báo Cáo", unit=unit)
        reader = User.objects.create_user(username="bench-don-thu", password="Bench-petitions-2026", person=person,
                                          clearance=1)
        reader.groups.add(Group.objects.get(name=Role.PETITIONS_OFFICER.value))
        clerk = User.objects.create_user(username="bench-vao-so", password="Bench-petitions-2026", clearance=3)

        def spread(n: int, first: date, last: date) -> list[date]:
            span = (last - first).days
            return sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(n))

        plan = ([(d, "carried") for d in spread(800, date(year - 1, 6, 1), date(year - 1, 12, 31))]
                + [(d, "year") for d in spread(letters, date(year, 1, 1), date(year, 12, 31))]
                + [(d, "after") for d in spread(2000, date(year + 1, 1, 1), date(year + 1, 3, 31))])
        cases: list[PetitionCase] = []
        joins: list[int] = []  # for each letter: the index of its case
        for received, part in plan:
            if cases and part == "year" and rng.random() < 0.16:
                joins.append(rng.randrange(max(0, len(cases) - 3000), len(cases)))
                continue
            kind = rng.choice([*Kind.values, Kind.COMPLAINT, Kind.FEEDBACK, ""])
            age = (date(year + 1, 1, 1) - received).days
            deadline = received + timedelta(days=rng.choice([10, 30, 45, 60]))
            if part == "carried":
                status = rng.choice([S.RESOLVED, S.CLOSED, S.ACCEPTED, S.EXTENDED, S.FORWARDED])
            elif age < 20:
                status = rng.choice([S.RECEIVED, S.CLASSIFYING, S.ACCEPTED])
            else:
                status = rng.choice([S.RESOLVED, S.ANSWERED, S.CLOSED, S.FORWARDED, S.NOT_ACCEPTED, S.ACCEPTED,
                                     S.EXTENDED, S.RESOLVED])
            cases.append(PetitionCase(
                title="Vụ việc thử nghiệm", kind=kind, field=rng.choice(Field.values) if kind else "",
                locality_id=rng.choice(places), status=status, received_on=received, deadline=deadline,
                classification=1 if rng.random() < 0.15 else 0, created_by=clerk, unit=unit))
            joins.append(len(cases) - 1)
        PetitionCase.objects.bulk_create(cases, batch_size=2000)
        shared = PetitionCase.shared_with_units.through
        shared.objects.bulk_create([shared(petitioncase_id=c.pk, unit_id=unit.pk) for c in cases
                                    if c.classification and rng.random() < 0.8], batch_size=5000)
        numbers: dict[int, int] = {}
        rows = []
        for (received, _), index in zip(plan, joins, strict=True):
            numbers[received.year] = numbers.get(received.year, 0) + 1
            rows.append(Petition(case_id=cases[index].pk, channel=rng.choice(Petition.Channel.values),
                                 received_on=received, year=received.year, number=numbers[received.year],
                                 sequence_key=f"petitions:{received.year}", content="Nội dung đơn thử nghiệm.",
                                 created_by=clerk))
        Petition.objects.bulk_create(rows, batch_size=2000)
        # Steps dated as they happened: auto_now_add is lifted for the bulk load only.
        at_field = Step._meta.get_field("at")
        at_field.auto_now_add = False
        try:
            steps = []
            for c in cases:
                if c.status in PetitionCase.OPEN:
                    continue
                left = c.received_on + timedelta(days=rng.randint(3, 70))
                steps.append(Step(machine="petitions.case", record_id=c.pk, transition="resolve", source="thu_ly",
                                  target=c.status, actor=clerk, at=datetime.combine(left, time(9), tzinfo=tz)))
            Step.objects.bulk_create(steps, batch_size=5000)
        finally:
            at_field.auto_now_add = True
    return reader


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--profile", action="store_true", help="print a profile of one report to stderr")
    args = parser.parse_args(argv)
    configure()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.stats import emit, judge, say, timed
    from vanphong.petitions import reports
    from vanphong.petitions.models import PetitionCase
    from vanphong.security import policy

    say("bench: petitions report: migrating a fresh database…")
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)  # a database the benchmark owns: emptied first
    year = timezone.localdate().year - 1
    say(f"bench: petitions report: writing {args.letters} letters of {year}…")
    reader = seed(args.letters, year)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    period = reports.period("nam", year, closing_day=0)
    sizes: dict[str, int] = {}

    def whole() -> None:
        report = reports.build(reader, period)  # type: ignore[arg-type]
        sizes["xlsx"] = len(reports.to_xlsx(report, "Người lập thử"))
        sizes["pdf"] = len(reports.to_pdf(report, "Người lập thử"))
        sizes["cases"] = report.cases

    def baseline() -> None:
        policy.visible(reader, PetitionCase.objects.filter(received_on__gte=period.start,
                                                           received_on__lte=period.end)).count()

    whole()  # warm: fonts registered, imports done
    baseline()
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        whole()
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    runs, counts = [], []
    for _ in range(args.runs):
        runs.append(timed(whole) / 1000)
        counts.append(timed(baseline) / 1000)
    value, base = statistics.median(runs), statistics.median(counts)
    figures = {"petitions.report_year_s": value, "petitions.report_over_count": value / max(base, 1e-9)}
    emit("petitions.report_year_s", value, "s", letters=args.letters, cases=sizes["cases"], runs=args.runs,
         xlsx_bytes=sizes["xlsx"], pdf_bytes=sizes["pdf"], database=connection.vendor)
    emit("petitions.report_over_count", figures["petitions.report_over_count"], "ratio",
         count_s=round(base, 4))
    missed = judge(figures, TARGETS)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
