"""`vanphong search WORDS --user NAME [--type T] [--json]` searches as a person; `vanphong search check` repairs."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.core.models import User
from vanphong.search import engine
from vanphong.search.query import Filters, query
from vanphong.search.registry import SPECS


class Command(BaseCommand):
    help = (
        "Tìm như một người dùng: vanphong search \"từ khóa\" --user TÊN [--type LOẠI] [--json]. "
        "`vanphong search check` (không kèm --user) so chỉ mục với cơ sở dữ liệu và sửa chỗ khác nhau."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("words", nargs="*", help="từ khóa; hoặc đúng một chữ `check` để kiểm tra chỉ mục")
        parser.add_argument("--user", help="tên đăng nhập của người tìm (chỉ thấy những gì người đó được xem)")
        parser.add_argument("--type", action="append", default=[], help="chỉ tìm loại này (lặp lại được)")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="in danh sách JSON")
        parser.add_argument("--no-repair", action="store_true", help="với check: chỉ báo, không sửa")

    def handle(self, *args: Any, **options: Any) -> None:
        words: list[str] = options["words"]
        # "check" alone, without a person, is the maintenance action; with --user it is an ordinary word.
        if words == ["check"] and not options["user"]:
            self._check(repair=not options["no_repair"])
            return
        if not options["user"]:
            raise CommandError("Cần --user TÊN: kết quả tìm kiếm tùy người được xem gì.")
        user = User.objects.filter(username=options["user"]).select_related("person").first()
        if user is None or not user.is_active:
            raise CommandError(f"Không có tài khoản đang hoạt động tên '{options['user']}'.")
        unknown = [t for t in options["type"] if t not in SPECS]
        if unknown:
            raise CommandError(f"Loại không có: {', '.join(unknown)}. Dùng một trong: {', '.join(sorted(SPECS))}.")
        results = query(" ".join(words), user, Filters(types=tuple(options["type"])), page=options["page"])
        if options["json"]:
            rows = [
                {"type": h.type, "id": h.id, "title": h.title, "classification": h.classification_name,
                 "score": h.score, "snippet": str(h.snippet)}
                for h in results.hits
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if results.message:
            raise CommandError(results.message)
        for note in results.notes:
            self.stderr.write(note)
        self.stdout.write(f"{results.total} kết quả (trang {results.page}/{results.pages}).")
        for h in results.hits:
            mark = "" if h.classification == 0 else f" [{h.classification_label}]"
            self.stdout.write(f"{h.score:8.3f}  {h.type}:{h.id}{mark}  {h.title}")

    def _check(self, repair: bool) -> None:
        report = engine.node().check(repair=repair)
        what = "đã sửa" if repair else "cần sửa"
        self.stdout.write(
            f"Đã so {report.checked} hồ sơ: thiếu {report.missing}, lệch {report.stale}, thừa {report.extra} "
            f"({what} {report.repaired})."
        )
