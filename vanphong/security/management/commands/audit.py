"""`vanphong audit verify`: walk the hash chain and name the first broken event."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.security.audit import AuditEvent, verify_chain


class Command(BaseCommand):
    help = "Kiểm tra nhật ký kiểm tra (audit). `verify`: xác minh chuỗi băm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: xác minh toàn bộ chuỗi")

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEvent.objects.count()
        show_bar = sys.stderr.isatty() and total > 0

        def bar(done: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

        broken = next(verify_chain(on_progress=bar if show_bar else None, every=max(total // 100, 1)), None)
        if show_bar:
            sys.stderr.write("\n")
        if broken is not None:
            raise CommandError(
                f"Chuỗi nhật ký bị phá vỡ tại sự kiện #{broken.seq}"
                + (f" (id {broken.event_id})" if broken.event_id else "")
                + f": {broken.reason}."
            )
        self.stdout.write(self.style.SUCCESS(f"Chuỗi nhật ký nguyên vẹn: {total} sự kiện."))
