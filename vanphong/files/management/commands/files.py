"""`vanphong files verify` rereads every stored file and names the missing or altered ones; `vanphong files
extract` extracts the text still pending (after a queue outage) or, with --retry-failed, that failed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.files.extract import extract_now
from vanphong.files.models import StoredFile


class Command(BaseCommand):
    help = "Kho tệp: `verify` kiểm tra tính toàn vẹn của mọi tệp; `extract` trích xuất chữ còn chờ."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,extract}")
        actions.add_parser("verify", help="đọc lại mọi tệp, tính lại SHA-256 và kích thước, báo tệp thiếu hoặc bị sửa")
        extract = actions.add_parser("extract", help="trích xuất chữ của các tệp còn chờ")
        extract.add_argument("--retry-failed", action="store_true", help="làm lại cả các tệp đã trích xuất lỗi")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "verify":
            self._verify()
        else:
            self._extract(retry_failed=options["retry_failed"])

    def _bar(self, total: int) -> Callable[[int], None] | None:
        if not (sys.stderr.isatty() and total > 0):
            return None

        def show(done: int) -> None:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")
            sys.stderr.flush()

        return show

    def _verify(self) -> None:
        rows = StoredFile.objects.order_by("id").only("id", "sha256", "size", "original_name")
        total = rows.count()
        bar = self._bar(total)
        missing = altered = 0
        for done, stored in enumerate(rows.iterator(chunk_size=500), start=1):
            problem = stored.fixity_problem()
            if problem is not None:
                what, description = problem
                if what == "missing":
                    missing += 1
                else:
                    altered += 1
                if bar is not None:
                    sys.stderr.write("\r")
                self.stdout.write(f"{stored.sha256}  {stored.original_name}: {description}.")
            if bar is not None:
                bar(done)
        if missing or altered:
            raise CommandError(
                f"Đã kiểm tra {total} tệp: {missing} tệp bị mất, {altered} tệp bị thay đổi. Hãy khôi phục các "
                "tệp này từ bản sao lưu (hoặc tải lên lại bản gốc: tệp mất được ghi lại vào kho)."
            )
        self.stdout.write(self.style.SUCCESS(f"Đã kiểm tra {total} tệp: tất cả nguyên vẹn."))

    def _extract(self, *, retry_failed: bool) -> None:
        statuses = [StoredFile.TextStatus.PENDING]
        if retry_failed:
            statuses.append(StoredFile.TextStatus.FAILED)
        rows = StoredFile.objects.filter(text_status__in=statuses).order_by("id")
        total = rows.count()
        bar = self._bar(total)
        results: dict[str, int] = {}
        for done, stored in enumerate(rows.iterator(chunk_size=100), start=1):
            status = str(extract_now(stored, force=stored.text_status == StoredFile.TextStatus.FAILED).text_status)
            results[status] = results.get(status, 0) + 1
            if bar is not None:
                bar(done)
        failed = results.get(StoredFile.TextStatus.FAILED, 0)
        self.stdout.write(
            f"Đã xử lý {total} tệp: {results.get(StoredFile.TextStatus.DONE, 0)} trích xuất được, {failed} lỗi."
        )
        if failed:
            raise CommandError(f"{failed} tệp trích xuất không thành công; xem lý do ở từng tệp (text_error).")
