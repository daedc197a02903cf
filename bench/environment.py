"""The throwaway environment a benchmark with its own data runs in, set before Django loads."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent


def throwaway(folder: str, env: str, *, top_ceiling: bool = True) -> Path:
    """A fresh data folder (`$BENCH_<env>_DATA_DIR`, default <tmp>/`folder`, emptied first), the benchmark settings,
    none of the developer's overrides (database, cache, task backend, files); `$BENCH_<env>_DATABASE_URL` measures
    on a PostgreSQL database the benchmark then owns. `top_ceiling` lets the installation hold every level.

    Run as a script, Python puts bench/ itself first on the path, where data.py or web.py could shadow a
    library's module of the same name: the repository root (for `bench.*` and `vanphong.*`) goes there instead."""
    data_dir = Path(os.environ.get(f"BENCH_{env}_DATA_DIR") or Path(tempfile.gettempdir()) / folder)
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    os.environ["VANPHONG_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["VANPHONG_PROFILE"] = "development"
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG would record every query
    if top_ceiling:
        os.environ["VANPHONG_MAX_CLASSIFICATION"] = "TUYET_MAT"
    for name in ("DATABASE_URL", "REDIS_URL", "VANPHONG_TASK_BACKEND", "STATIC_ROOT", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    if os.environ.get(f"BENCH_{env}_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ[f"BENCH_{env}_DATABASE_URL"]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return data_dir
