"""`vanphong serve`: the web server (gunicorn), the background task worker and the periodic jobs together;
Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ web và tiến trình xử lý tác vụ nền cùng lúc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--no-worker", action="store_true", help="không chạy tiến trình tác vụ nền và việc định kỳ")

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        web = [
            python, "-m", "gunicorn", "vanphong.wsgi:application",
            "--bind", f"{options['host']}:{options['port']}",
            "--workers", str(options["workers"]),
            "--access-logfile", "-", "--graceful-timeout", "5",
        ]
        procs = [subprocess.Popen(web)]  # noqa: S603 - our own interpreter and fixed arguments
        if not options["no_worker"] and settings.TASK_BACKEND == "database":
            worker = [python, "-m", "vanphong.cli", "db_worker", "--queue-name", "*"]
            procs.append(subprocess.Popen(worker))  # noqa: S603
        if not options["no_worker"]:
            # This server's own upkeep (its search index follows the log) and the office's periodic jobs.
            procs.append(subprocess.Popen([python, "-m", "vanphong.cli", "periodic", "--loop"]))  # noqa: S603

        def stop(signum: int = signal.SIGTERM, frame: Any = None) -> None:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"VănPhòng đang chạy tại http://{options['host']}:{options['port']}/ — Ctrl-C để dừng.")
        try:
            while all(proc.poll() is None for proc in procs):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for proc in procs:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        codes = [proc.returncode for proc in procs]
        if any(code not in (0, -signal.SIGTERM, -signal.SIGINT) for code in codes):
            sys.exit(1)
