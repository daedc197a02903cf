"""The desk and the bare view as a browser meets them: over HTTP, through gunicorn on loopback.

In-process timings (bench/web.py) leave out the server and the socket, which every real request pays; both
figures are printed so the ratio can be read either way.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.test import Client

from bench.stats import emit, p50, p95, say
from bench.urls import BARE_URL
from vanphong.core.models import User

ROOT = Path(__file__).resolve().parents[1]
PERSON = "demo-mat"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("bench: gunicorn did not start")


def _get(port: int, path: str, cookie: str) -> float:
    start = time.perf_counter_ns()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"bench: GET {path} over HTTP answered {response.status}")
    return (time.perf_counter_ns() - start) / 1e6


def run(requests: int, warmup: int) -> float:
    """Emit web.http.* figures; returns desk p95 / bare p95 over HTTP."""
    client = Client()
    client.force_login(User.objects.get(username=PERSON))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "vanphong.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        _wait(port)
        for path in ("/", BARE_URL) * warmup:
            _get(port, path, cookie)
        order = ["/"] * requests + [BARE_URL] * requests
        random.Random(7).shuffle(order)
        samples: dict[str, list[float]] = {"/": [], BARE_URL: []}
        for path in order:
            samples[path].append(_get(port, path, cookie))
    finally:
        server.terminate()
        server.wait(timeout=10)
    desk, bare = samples["/"], samples[BARE_URL]
    ratio = p95(desk) / p95(bare)
    emit("web.http.bare_p50_ms", p50(bare), "ms")
    emit("web.http.bare_p95_ms", p95(bare), "ms")
    emit("web.http.desk_p50_ms", p50(desk), "ms")
    emit("web.http.desk_p95_ms", p95(desk), "ms")
    emit("web.http.desk_over_bare", ratio, "ratio", target="<= 5")
    say(f"bench: over HTTP (gunicorn, 1 worker) the desk is {ratio:.1f}× the bare view at p95")
    return ratio
