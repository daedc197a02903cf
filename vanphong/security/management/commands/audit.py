"""`vanphong audit verify`: walk the hash chain and name the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.security.audit import AuditEvent, verify_chain


class Command(BaseCommand):
    help = "Kiểm tra nhật ký kiểm tra (audit). `verify`: xác minh chuỗi băm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: xác minh toàn bộ chuỗi")

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEvent.objects.count()
        for broken in verify_chain():
            raise CommandError(
                f"Chuỗi nhật ký bị phá vỡ tại sự kiện #{broken.seq}"
                + (f" (id {broken.event_id})" if broken.event_id else "")
                + f": {broken.reason}."
            )
        self.stdout.write(self.style.SUCCESS(f"Chuỗi nhật ký nguyên vẹn: {total} sự kiện."))
