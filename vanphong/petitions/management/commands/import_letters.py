"""vanphong import_letters PATH…: put e-mailed letters in the queue waiting to be registered (petitions.inbox).
Each PATH is a Maildir (its new messages are read and marked seen) or an .eml file. Safe to run again: a message
already taken in is recognised and skipped."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vanphong.core.errors import ServiceError
from vanphong.petitions import inbox


class Command(BaseCommand):
    help = ("Nhập thư điện tử gửi đơn vào hàng chờ vào sổ: mỗi đường dẫn là một hộp thư Maildir (đọc các thư mới, "
            "đánh dấu đã đọc) hoặc một tệp .eml. Chạy lại được: thư đã nhập được nhận ra và bỏ qua.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="hộp thư Maildir hoặc tệp .eml")

    def handle(self, *args: Any, **options: Any) -> None:
        imported = skipped = 0
        refused: list[str] = []
        for raw in options["paths"]:
            path = Path(raw)
            if path.is_dir():
                try:
                    run = inbox.import_mailbox(path)
                except mailbox.NoSuchMailboxError:
                    raise CommandError(f"{path} không phải hộp thư Maildir (cần có các thư mục new, cur, "
                                       "tmp).") from None
                imported += run.imported
                skipped += run.duplicates
                refused += run.refused
            elif path.is_file():
                try:
                    inbox.check_import_email(None, path.read_bytes(), path.name)
                except inbox.AlreadyTaken:
                    skipped += 1
                except ServiceError as exc:
                    refused.append(f"{path}: {exc.message}")
                else:
                    imported += 1
            else:
                raise CommandError(f"Không có tệp hay thư mục {path}.")
        for line in refused:
            self.stderr.write(line)
        self.stdout.write(f"Đã nhập {imported} thư; bỏ qua {skipped} thư đã nhập trước; {len(refused)} thư không "
                          "nhận được.")
        if refused:
            raise SystemExit(1)
