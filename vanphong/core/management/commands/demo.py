"""`vanphong demo`: build the fictional demo office on an empty database, then print its accounts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.core.demo import SIZES, DemoExists, DemoRefused, DemoReport, build_demo, existing_office, number
from vanphong.search import build, engine
from vanphong.security.classification import Classification


class Command(BaseCommand):
    help = (
        "Tạo văn phòng trình diễn (mọi đơn vị, con người, việc được giao đều hư cấu) trên cơ sở dữ liệu "
        "trống. `--size large` tạo thêm khối lượng lớn để đo hiệu năng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size", choices=sorted(SIZES), default="normal",
            help="normal: khoảng 200 cán bộ, 150 việc; large: khoảng 2.000 cán bộ, 50.000 việc",
        )
        parser.add_argument(
            "--if-empty", action="store_true",
            help="dùng khi khởi động (make run): nếu đã có dữ liệu thì lặng lẽ bỏ qua, không in thông báo",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbose = options["verbosity"] >= 1
        started = time.monotonic()
        reason = existing_office()
        if reason:
            # Never an error: building twice must not duplicate, and `make run` calls this on every start.
            if not options["if_empty"]:
                self.stdout.write(reason)
            return
        try:
            report = build_demo(SIZES[options["size"]], progress=self.stdout.write if verbose else None)
        except DemoExists as exc:  # another run finished first
            self.stdout.write(str(exc))
            return
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        # Bulk demo rows bypass the change log the index follows; without this the first searches would answer
        # from a rebuild under way (partial results) until the node's upkeep caught up.
        outcome = build.run(engine.node(), fresh=True)
        if verbose:
            self.stdout.write(f"Đã dựng chỉ mục tìm kiếm: {number(outcome.done)} hồ sơ.")
        if verbose:
            self._summary(report, time.monotonic() - started)

    def _summary(self, report: DemoReport, seconds: float) -> None:
        above = [c for c in Classification if c > report.ceiling]
        if above:
            self.stdout.write(self.style.WARNING(
                f"Hệ thống này chỉ được lưu đến độ {report.ceiling.label} (VANPHONG_MAX_CLASSIFICATION): "
                f"không tạo việc độ {', '.join(c.label for c in above)}. "
                "Tài khoản vẫn có thể được cấp độ mật cao hơn."
            ))
        if report.bulk_assignments:
            self.stdout.write(
                f"Khối lượng lớn: {number(report.bulk_assignments)} việc, ghi nhật ký bằng một sự kiện "
                "demo.bulk_created."
            )
        self.stdout.write(self.style.SUCCESS(f"Xong sau {seconds:.1f} giây.".replace(".", ",", 1)))
        self.stdout.write("")
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {report.password}):")
        rows = [("Tên đăng nhập", "Vai trò", "Độ mật", "Họ và tên", "Chức danh")]
        rows += [(a.username, a.role, a.clearance, a.full_name, a.title) for a in report.named]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
            self.stdout.write("  " + "  ".join([*cells, row[-1]]))
        self.stdout.write(
            f"Mọi cán bộ khác ({number(report.accounts - len(report.named))} người) cũng có tài khoản, "
            "tên đăng nhập theo kiểu thư điện tử (Nguyễn Văn An → annv), cùng mật khẩu."
        )
