"""`vanphong periodic [--loop]`: run the periodic jobs that are due (once, or every second until stopped)."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from vanphong.core.periodic import JOBS, Runner


class Command(BaseCommand):
    help = "Chạy các việc định kỳ đến hạn (đồng bộ chỉ mục tìm kiếm, dọn nhật ký thay đổi, nhắc việc…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="chạy mãi, mỗi giây xem một lần, đến khi bị dừng")
        parser.add_argument("--interval", type=float, default=1.0, help="số giây giữa hai lần xem (với --loop)")

    def handle(self, *args: Any, **options: Any) -> None:
        runner = Runner()
        if not options["loop"]:
            ran = runner.tick()
            self.stdout.write(f"Đã chạy: {', '.join(ran) or 'không việc nào đến hạn'} (trong {len(JOBS)} việc).")
            return
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                close_old_connections()
                runner.tick()
                time.sleep(max(0.05, options["interval"]))
        except KeyboardInterrupt:
            pass
