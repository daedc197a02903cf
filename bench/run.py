"""`make bench`: the benchmarks, each printing JSON lines {"name", "value", "unit"} on stdout (progress and
profiles on stderr).

    .venv/bin/python bench/run.py [--requests 200] [--logins 30] [--fresh] [--profile] [--check]

Runs against a throwaway data directory (BENCH_DATA_DIR, default <tmp>/vanphong-bench) holding a SQLite
database with the large demo office, built once and reused while its sources are unchanged. BENCH_DATABASE_URL
points it at an empty PostgreSQL database instead (it is then owned by the benchmark: rebuilt when out of date).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def configure_environment() -> Path:
    """Before Django loads: our own data directory and database, the shipped settings, no inherited overrides."""
    data_dir = Path(os.environ.get("BENCH_DATA_DIR") or Path(tempfile.gettempdir()) / "vanphong-bench").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["VANPHONG_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vanphong.settings"
    os.environ["VANPHONG_PROFILE"] = "development"
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG would record every query and slow the desk down
    for name in ("DATABASE_URL", "REDIS_URL", "VANPHONG_TASK_BACKEND", "STATIC_ROOT", "MEDIA_ROOT"):
        os.environ.pop(name, None)  # never the developer's own database, cache or files
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    # Run as a script, Python puts bench/ itself first on the path, where data.py or web.py could shadow a
    # library's module of the same name; the repository root (for `bench.*` and `vanphong.*`) goes there instead.
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(here)]
    sys.path.insert(0, str(ROOT))
    return data_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="measured desk and bare requests (each)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first (each)")
    parser.add_argument("--logins", type=int, default=30, help="measured sign-ins")
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo office even if a current one exists")
    parser.add_argument("--profile", action="store_true", help="print the desk profile even when on target")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    args = parser.parse_args(argv)
    data_dir = configure_environment()

    import django

    django.setup()
    from django.conf import settings

    from bench import auth, data, web
    from bench import http as http_bench
    from bench.stats import say

    # The application's routes plus the bare baseline view; the settings object is read per request.
    settings.ROOT_URLCONF = "bench.urls"
    started = time.monotonic()
    say(f"bench: data directory {data_dir}")
    data.prepare(fresh=args.fresh)
    ratio = web.run(args.requests, args.warmup, profile=args.profile)
    http_bench.run(args.requests, args.warmup)
    auth.run(args.logins, warmup=3)
    say(f"bench: done in {time.monotonic() - started:.0f} s")
    if args.check and ratio > web.TARGET_RATIO:
        say(f"bench: web.desk_over_bare {ratio:.1f} is above its target {web.TARGET_RATIO:g}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
