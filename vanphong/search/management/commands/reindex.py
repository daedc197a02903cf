"""`vanphong reindex`: rebuild this node's search index from the database while search keeps answering."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand

from vanphong.search import engine


class Command(BaseCommand):
    help = "Dựng lại chỉ mục tìm kiếm của máy này từ cơ sở dữ liệu; trong lúc dựng, tìm kiếm vẫn dùng chỉ mục cũ."

    def handle(self, *args: Any, **options: Any) -> None:
        show_bar = sys.stderr.isatty()
        started = time.monotonic()

        def bar(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

        done = engine.node().rebuild(on_progress=bar if show_bar else None)
        if show_bar:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(
            f"Đã dựng lại chỉ mục: {done} hồ sơ trong {time.monotonic() - started:.1f} giây."
        ))
