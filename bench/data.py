"""The benchmark database: migrated, filled with the large demo office once, and reused while nothing it was
built from has changed (a version key stored in the database itself)."""

from __future__ import annotations

import hashlib
import io
import time
from datetime import date, timedelta
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench.stats import say

ROOT = Path(__file__).resolve().parents[1]
MARKER_TABLE = "vanphong_bench_marker"
# Demo dates are relative to the day it was built; a week-old office has drifted enough to rebuild.
MAX_AGE = timedelta(days=7)
SIZE = "large"


def version_key() -> str:
    """Changes whenever the schema, the demo builder or its data, or the settings it depends on change."""
    digest = hashlib.sha256()
    sources = sorted(ROOT.glob("vanphong/*/migrations/*.py")) + sorted(ROOT.glob("vanphong/*/data/*.json"))
    # Every app's demo part (core's builder, the documents' year of văn thư, and any added later).
    sources += sorted(ROOT.glob("vanphong/*/demo.py")) + sorted(ROOT.glob("vanphong/*/demo/*.py"))
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for part in (SIZE, django.get_version(), settings.VANPHONG_MAX_CLASSIFICATION, settings.VANPHONG_DEMO_PASSWORD,
                 connection.vendor):
        digest.update(str(part).encode())
    return digest.hexdigest()


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _stored_key() -> tuple[str, date] | None:
    if MARKER_TABLE not in _tables():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, built FROM {MARKER_TABLE}")  # noqa: S608 - a constant table name
        row = cursor.fetchone()
    return (row[0], date.fromisoformat(row[1])) if row else None


def _wipe() -> None:
    """Empty the benchmark database. Only ever called on a database this module built (or an empty one)."""
    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        raise SystemExit(f"bench: no way to empty a {connection.vendor} database")


def prepare(*, fresh: bool = False) -> None:
    """Make sure the database holds the current large demo office; build it when it does not."""
    key = version_key()
    stored = _stored_key()
    if not fresh and stored is not None and stored[0] == key and date.today() - stored[1] <= MAX_AGE:
        say(f"bench: reusing the large demo built on {stored[1].isoformat()} ({connection.vendor})")
        return
    tables = _tables()
    if tables and stored is None and connection.vendor != "sqlite":
        raise SystemExit("bench: the database is not empty and was not built by bench; give it an empty one")
    if tables:
        say("bench: the benchmark database is out of date; rebuilding it")
        _wipe()
    started = time.monotonic()
    with connection.cursor() as cursor:
        # Claimed before anything else, so a build that stops half-way is still known to be ours next time.
        cursor.execute(f"CREATE TABLE {MARKER_TABLE} (key varchar(64) NOT NULL, built varchar(10) NOT NULL)")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (key, built) VALUES ('', '1970-01-01')")  # noqa: S608
    say("bench: migrating")
    call_command("migrate", interactive=False, verbosity=0)
    say(f"bench: building the {SIZE} demo office (vanphong demo --size {SIZE})")
    out = io.StringIO()
    call_command("demo", size=SIZE, stdout=out, verbosity=1)
    for line in out.getvalue().splitlines()[:25]:
        say(f"  | {line}")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MARKER_TABLE} SET key = %s, built = %s",  # noqa: S608
                       [key, date.today().isoformat()])
        if connection.vendor == "sqlite":
            # One self-contained file to reuse next time.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            # Autovacuum would gather statistics within a minute of the bulk load; do it now, as in steady state.
            cursor.execute("ANALYZE")
    say(f"bench: demo office ready in {time.monotonic() - started:.0f} s")
