"""`vanphong reindex`: rebuild this node's search index from the database while search keeps answering."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vanphong.search import build, engine


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm kiếm của máy này từ cơ sở dữ liệu; trong lúc dựng, tìm kiếm vẫn dùng chỉ mục cũ. "
        "Bị ngắt giữa chừng thì chạy lại lệnh để làm tiếp từ chỗ đã dừng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fresh", action="store_true", help="bỏ phần đã dựng dở, dựng lại từ đầu")

    def handle(self, *args: Any, **options: Any) -> None:
        node = engine.node()
        found = build.unfinished(node.root)
        if found is not None and not options["fresh"] and found[1].done:
            self.stdout.write(f"Làm tiếp lần dựng dở: đã có {found[1].done}/{found[1].total} hồ sơ.")
        show_bar = sys.stderr.isatty()
        started = time.monotonic()

        def bar(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

        outcome = build.run(node, on_progress=bar if show_bar else None, fresh=options["fresh"])
        if show_bar:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(
            f"Đã dựng lại chỉ mục: {outcome.done} hồ sơ trong {time.monotonic() - started:.1f} giây."
        ))
