"""Văn thư benchmark (issue 4): numbers taken by 20 concurrent issuers, the incoming register at a million
documents against a bare view, and the DOCX/PDF renderers. JSON lines on stdout, progress on stderr.

    BENCH_DOCS_SIZE=100000 .venv/bin/python bench/documents.py [--seconds 5] [--requests 100] [--check]

Numbering: `--issuers` processes (default 20) take numbers of one sequence for `--seconds`, each number through
numbering.take in a transaction that also writes the issued document row, as the sign step does. Processes,
not threads: each app server (gunicorn worker) is a process of its own, and threads would spend their time
waiting for the GIL between database calls instead of for the sequence's lock, which is what is measured. On
the embedded SQLite (a fresh database in <data dir>/numbering), then on PostgreSQL when it answers at
BENCH_DATABASE_URL or TEST_DATABASE_URL: the server only; a throwaway database is created there and dropped
after. numbering.duplicates and numbering.gaps count what the issuers committed (and numbers the unique
constraint refused), checked against the rows.

Register: GET /van-ban/den/ over HTTP (gunicorn, one worker, as bench/http.py meets the desk) as a clerk cleared
for Mật (no right to every classified record, so the access policy's per-record rules run), with BENCH_DOCS_SIZE
received documents (default 1,000,000) over ten years, and the bare view over the same stack and session:
the default (this year), words of the summary, an urgency, page 2, interleaved; then a letter's symbol (few
rows match it, so the year is read to its start), on its own. The corpus lives in a
throwaway data directory (BENCH_DOCS_DATA_DIR, default <tmp>/vanphong-bench-docs) and is reused while its
size, generator, migrations and year are unchanged (`--fresh` reloads it); bench/documents_corpus.py makes it.
Then bench/render.py.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(HERE)]
sys.path.insert(0, str(ROOT))

from bench.documents_corpus import CLERK, SEED, check_rows, corpus_stamp, load  # noqa: E402
from bench.stats import emit, judge, p50, p95, say  # noqa: E402

TARGETS = {  # name: (target, "max" or "min")
    "numbering.per_s": (200.0, "min"),
    "numbering.duplicates": (0.0, "max"),
    "numbering.gaps": (0.0, "max"),
    "numbering.per_s.postgresql": (200.0, "min"),
    "numbering.duplicates.postgresql": (0.0, "max"),
    "numbering.gaps.postgresql": (0.0, "max"),
    "docs.register_p95_ms": (150.0, "max"),
    "docs.register_over_bare": (5.0, "max"),
    "docs.register_p95_ms.symbol": (150.0, "max"),
}
REGISTER = "/van-ban/den/"


# --- environment ---------------------------------------------------------------------------------------------
def configure_environment(data_dir: Path, database_url: str = "") -> None:
    """Before Django loads: our own data directory and database, the shipped settings, no inherited overrides."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update({
        "VANPHONG_DATA_DIR": str(data_dir), "VANPHONG_SEARCH_DIR": str(data_dir / "search"),
        "DJANGO_SETTINGS_MODULE": "vanphong.settings", "VANPHONG_PROFILE": "development",
        "DJANGO_DEBUG": "false", "VANPHONG_TASK_BACKEND": "immediate",
    })
    for name in ("DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "VANPHONG_MAX_CLASSIFICATION",
                 "VANPHONG_SECRET_INCOMING_OWN_REGISTER"):
        os.environ.pop(name, None)  # never the developer's own database, cache, files or policy
    if database_url:
        os.environ["DATABASE_URL"] = database_url


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        value = int(raw.replace("_", "")) if raw else default
    except ValueError:
        raise SystemExit(f"{name}={raw!r}: expected a whole number") from None
    if value < 1:
        raise SystemExit(f"{name}={raw!r}: expected a positive number")
    return value


def postgres_server() -> str:
    """The PostgreSQL server to measure on (its maintenance database), or "" when none is named or answers."""
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or ""
    if not url.startswith(("postgres://", "postgresql://")):
        return ""
    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        import psycopg

        with psycopg.connect(server, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # psycopg missing or the server silent: the figure is skipped, and says why
        say(f"bench: PostgreSQL does not answer at {server} ({type(exc).__name__}): numbering there skipped")
        return ""
    return server


# --- numbering -----------------------------------------------------------------------------------------------
def _issuer(index: int, seconds: float, barrier: Any, results: Any) -> None:
    """One issuer process: numbers of the bench sequence, one transaction each, until the time is up."""
    import django

    django.setup()
    from django.db import DatabaseError, IntegrityError, connection, transaction
    from django.utils import timezone

    from vanphong.core.models import User
    from vanphong.documents import numbering
    from vanphong.documents.models import Document, DocumentType, Issuer

    doc_type = DocumentType.objects.filter(system="party", code="KL").order_by("-valid_from").first()
    issuer = Issuer.objects.get(system="party", code="TW")
    signer = User.objects.get(username=CLERK)
    today = timezone.localdate()
    connection.close()  # each issuer opens its connection at its first transaction, as a request would
    numbers: list[int] = []
    took: list[float] = []
    errors: Counter[str] = Counter()
    refused = 0
    barrier.wait()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        try:
            with transaction.atomic():
                doc = Document(direction=Document.Direction.OUTGOING, status=Document.Status.ISSUED,
                               doc_type=doc_type, issuer=issuer, issuer_name=issuer.name, issued_on=today,
                               summary=f"về việc thử cấp số, người cấp {index + 1}", created_by=signer)
                sequence = numbering.outgoing_sequence(doc, today)
                doc.number, doc.sequence_key = numbering.take(sequence), sequence.key
                doc.symbol = f"{doc.number:02d}-KL/TW"
                doc.save()
        except IntegrityError:
            refused += 1  # a number another issuer holds, refused by the unique constraint: a duplicate taken
            continue
        except DatabaseError as exc:  # "database is locked"
            errors[f"{type(exc).__name__}: {exc}"] += 1
            continue
        numbers.append(doc.number)
        took.append((time.perf_counter() - start) * 1000)
    connection.close()
    results.put({"numbers": numbers, "took": took, "errors": dict(errors), "refused": refused})


def numbering_child(target: str, issuers: int, seconds: float, data_dir: Path) -> int:
    """`--numbering-on sqlite|<postgres server>`: a fresh database, migrated, measured, and (PostgreSQL) dropped."""
    suffix = "" if target == "sqlite" else ".postgresql"
    database = ""
    url = ""
    if target == "sqlite":
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        import psycopg

        database = f"vanphong_bench_numbering_{os.getpid()}"
        url = target.rsplit("/", 1)[0] + "/" + database
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
    try:
        configure_environment(data_dir, url)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from vanphong.core.models import User
        from vanphong.documents.models import Document, NumberSequence

        say(f"bench: numbering on {connection.vendor}: migrating a fresh database")
        call_command("migrate", verbosity=0)
        User.objects.create_user(CLERK, password=None)
        connection.close()
        ctx = multiprocessing.get_context("spawn")  # a clean interpreter each, as separate app servers
        barrier, results = ctx.Barrier(issuers), ctx.Queue()
        procs = [ctx.Process(target=_issuer, args=(i, seconds, barrier, results)) for i in range(issuers)]
        for p in procs:
            p.start()
        say(f"bench: {issuers} issuer processes taking numbers of one sequence for {seconds:g} s")
        outcomes = [results.get(timeout=seconds + 300) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        numbers = [n for o in outcomes for n in o["numbers"]]
        errors: Counter[str] = Counter()
        for o in outcomes:
            errors.update(o["errors"])
        sequence = NumberSequence.objects.filter(key__startswith="out:").first()
        last = sequence.last if sequence else 0
        carried = list(Document.objects.filter(direction=Document.Direction.OUTGOING).values_list("number", flat=True))
        # A duplicate: a number handed out twice, whether both committed or the unique constraint refused one.
        # A gap: a number up to the sequence's last that no document carries (or one committed that none kept).
        duplicates = len(numbers) - len(set(numbers)) + len(carried) - len(set(carried)) + sum(
            o["refused"] for o in outcomes)
        gaps = len(set(range(1, last + 1)) - set(carried)) + len(set(numbers) ^ set(carried))
        took = [t for o in outcomes for t in o["took"]]
        spread = sorted(len(o["numbers"]) for o in outcomes)
        emit(f"numbering.per_s{suffix}", len(numbers) / seconds, "numbers/s", issuers=issuers,
             database=connection.vendor, processes=True)
        emit(f"numbering.duplicates{suffix}", duplicates, "numbers")
        emit(f"numbering.gaps{suffix}", gaps, "numbers")
        emit(f"numbering.errors{suffix}", sum(errors.values()), "transactions")
        if took:
            emit(f"numbering.issue_p50_ms{suffix}", p50(took), "ms")
            emit(f"numbering.issue_p95_ms{suffix}", p95(took), "ms")
            emit(f"numbering.issue_max_ms{suffix}", max(took), "ms")
        # How evenly the lock went round: SQLite's waiters poll for it, so one issuer may take most numbers.
        emit(f"numbering.fewest_per_issuer{suffix}", spread[0], "numbers", most=spread[-1])
        say(f"bench: {len(numbers)} numbers, last {last}, {len(carried)} document rows; per issuer "
            f"{spread[0]}–{spread[-1]}; errors: {dict(errors) or 'none'}")
        connection.close()
    finally:
        if database:
            import psycopg

            with psycopg.connect(target, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return 0


def run_child(args: list[str], figures: dict[str, float]) -> None:
    """Run this file (or render.py) in a process of its own, passing its JSON lines on and keeping the figures."""
    done = subprocess.run([sys.executable, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    for line in done.stdout.splitlines():
        print(line, flush=True)
        try:
            item = json.loads(line)
            figures[item["name"]] = float(item["value"])
        except (ValueError, KeyError, TypeError):
            continue
    if done.returncode:
        say(f"bench: {' '.join(args)} stopped with exit code {done.returncode}")


# What the clerk types into the register's filter (accented or not, as people do): words of summaries, each
# in about one summary of thirty, so a page fills after some hundreds of rows.
TEXT_QUERIES = ("chuyển đổi số", "cán bộ", "tham nhũng", "kiem tra giam sat", "nông thôn mới", "dai hoi",
                "đối ngoại", "thi đua khen thưởng", "bi mat nha nuoc", "sắp xếp đơn vị")
# And the symbol of one letter, which a handful of rows match: the year is read to its first day to fill the
# page. The worst case of the quick filter, measured on its own beside the four filters of the headline.
SYMBOL_QUERIES = ("1234-CV", "125/UBND", "87-BC/TU", "2001-TB")


# --- the incoming register over HTTP -------------------------------------------------------------------------
def register_paths() -> dict[str, list[str]]:
    """Per filter, the addresses asked for: varied words and urgencies, so no answer is only ever one query."""
    from urllib.parse import urlencode

    return {
        "default": [REGISTER],
        "text": [f"{REGISTER}?{urlencode({'q': q})}" for q in TEXT_QUERIES],
        "urgency": [f"{REGISTER}?khan={k}" for k in (1, 2, 3)],
        "page2": [f"{REGISTER}?trang=2"],
        "symbol": [f"{REGISTER}?{urlencode({'q': q})}" for q in SYMBOL_QUERIES],
    }


HEADLINE = ("default", "text", "urgency", "page2")


def measure_register(requests: int, warmup: int) -> dict[str, list[float]]:
    from django.test import Client

    from bench.http import _free_port, _get, _wait
    from bench.urls import BARE_URL
    from vanphong.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=CLERK))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    rng = random.Random(SEED)
    paths = register_paths()
    order = [("bare", BARE_URL)] * requests * len(HEADLINE)
    order += [(name, rng.choice(paths[name])) for name in HEADLINE for _ in range(requests)]
    rng.shuffle(order)  # interleaved: drift and noise on the shared machine fall on every target alike
    # Afterwards, so the long reads of the year (and the garbage they leave) do not fall on the baseline.
    order += [(name, rng.choice(options)) for name, options in paths.items() if name not in HEADLINE
              for _ in range(requests)]
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "vanphong.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"], cwd=ROOT, env=env)
    samples: dict[str, list[float]] = {name: [] for name in ("bare", *paths)}
    try:
        _wait(port)
        for _ in range(warmup):
            _get(port, BARE_URL, cookie)
            for options in paths.values():
                for path in options:
                    _get(port, path, cookie)
        say(f"bench: the register ({', '.join(HEADLINE)}) and the bare view, {requests} requests per filter, "
            f"{requests * len(HEADLINE)} bare, interleaved, over HTTP; then {', '.join(set(paths) - set(HEADLINE))}")
        for name, path in order:
            samples[name].append(_get(port, path, cookie))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return samples


def report_profile() -> None:
    """To stderr: each filter's queries in process, slowest first, and the plan of a slow request's longest.

    SQLite does most of a query's work while its rows are fetched, after execute returns: that time is counted
    in "the rest", not in "SQL"."""
    from django.db import connection
    from django.test import Client

    from bench.web import Breakdown, instrumented
    from vanphong.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=CLERK))
    for name, options in register_paths().items():
        client.get(options[0])  # unmeasured: the first request of a process fills caches
        breakdown = Breakdown()
        with instrumented(breakdown) as take:
            start = time.perf_counter()
            client.get(options[0])
            total = (time.perf_counter() - start) * 1000
            sql_ms, template_ms = take()
        say(f"  {name} ({options[0]}): {total:.1f} ms = SQL {sql_ms:.1f} ms + templates {template_ms:.1f} ms + "
            f"the rest; {len(breakdown.queries)} queries")
        slowest = sorted(breakdown.queries, key=lambda item: -item[0])
        for ms, sql, _ in slowest[:3]:
            say(f"  {ms:7.2f} ms  {sql[:300]}{'…' if len(sql) > 300 else ''}")
        if slowest and total >= 20 and connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("EXPLAIN QUERY PLAN " + slowest[0][1], slowest[0][2])
                for row in cur.fetchall():
                    say(f"      {row[-1]}")


def register_main(args: argparse.Namespace, size: int, figures: dict[str, float]) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ROOT_URLCONF = "bench.urls"  # the bare view beside the application's routes, in process too
    data_dir = Path(settings.DATA_DIR)
    stamp = corpus_stamp(size)
    try:
        reuse = not args.fresh and json.loads((data_dir / "corpus.json").read_text()) == stamp
    except (OSError, ValueError):
        reuse = False
    if reuse:
        say(f"bench: reusing the {size:,} documents loaded earlier in {data_dir}")
    else:
        from django.db import connection

        connection.close()
        for path in data_dir.glob("vanphong.sqlite3*"):
            path.unlink()
        (data_dir / "corpus.json").unlink(missing_ok=True)
        say(f"bench: loading {size:,} received documents into {data_dir}")
        call_command("migrate", verbosity=0)
        load_s = load(size)
        emit("docs.load_s", load_s, "s", documents=size)
        (data_dir / "corpus.json").write_text(json.dumps(stamp))
    check_rows()
    emit("docs.corpus_documents", size, "documents")
    samples = measure_register(args.requests, args.warmup)
    bare = samples.pop("bare")
    register = [ms for name in HEADLINE for ms in samples[name]]
    figures["docs.register_p95_ms"] = p95(register)
    figures["docs.register_over_bare"] = p95(register) / p95(bare)
    emit("docs.bare_p50_ms", p50(bare), "ms")
    emit("docs.bare_p95_ms", p95(bare), "ms")
    emit("docs.register_p50_ms", p50(register), "ms")
    emit("docs.register_p95_ms", figures["docs.register_p95_ms"], "ms", filters=list(HEADLINE))
    for name, values in samples.items():
        figures[f"docs.register_p95_ms.{name}"] = p95(values)
        emit(f"docs.register_p95_ms.{name}", p95(values), "ms")
    emit("docs.register_over_bare", figures["docs.register_over_bare"], "ratio", target="<= 5")
    if args.profile or figures["docs.register_p95_ms"] > TARGETS["docs.register_p95_ms"][0] or \
            figures["docs.register_over_bare"] > TARGETS["docs.register_over_bare"][0]:
        say("bench: the register's requests, in process:")
        report_profile()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="how long the issuers take numbers")
    parser.add_argument("--issuers", type=int, default=20, help="concurrent issuer processes")
    parser.add_argument("--requests", type=int, default=100, help="measured register requests per filter")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured rounds of every register address first")
    parser.add_argument("--only", choices=("numbering", "register", "render"), help="run one part")
    parser.add_argument("--fresh", action="store_true", help="reload the corpus even if a current one exists")
    parser.add_argument("--profile", action="store_true", help="print the register's queries even when on target")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--numbering-on", help=argparse.SUPPRESS)  # the child process of one database
    args = parser.parse_args(argv)
    base = Path(os.environ.get("BENCH_DOCS_DATA_DIR") or Path(tempfile.gettempdir()) / "vanphong-bench-docs")
    base = base.resolve()
    if args.numbering_on:
        return numbering_child(args.numbering_on, args.issuers, args.seconds, base / "numbering")
    begun = time.monotonic()
    figures: dict[str, float] = {}
    if args.only in (None, "numbering"):
        common = ["--seconds", str(args.seconds), "--issuers", str(args.issuers)]
        run_child([__file__, "--numbering-on", "sqlite", *common], figures)
        server = postgres_server()
        if server:
            run_child([__file__, "--numbering-on", server, *common], figures)
    if args.only in (None, "register"):
        configure_environment(base)
        register_main(args, _env_int("BENCH_DOCS_SIZE", 1_000_000), figures)
    if args.only in (None, "render"):
        run_child([str(ROOT / "bench" / "render.py")], figures)
    parts = {"numbering": ("numbering.",), "register": ("docs.",), "render": ()}
    missed = judge(figures, TARGETS, parts[args.only] if args.only else ("numbering.", "docs."))
    say(f"bench: documents done in {time.monotonic() - begun:.0f} s")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
