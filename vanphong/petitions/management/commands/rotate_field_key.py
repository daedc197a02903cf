"""vanphong rotate_field_key: reseal the denouncers' identities, texts and scans under the current field key and
make the letters' match keys again (petitions.rotation). Resumable: run it again after an interruption."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vanphong.petitions import rotation
from vanphong.security.crypto import CryptoError


class Command(BaseCommand):
    help = ("Mã hóa lại thông tin người gửi đơn bằng khóa VANPHONG_FIELD_KEY hiện tại (khóa cũ đặt ở "
            "VANPHONG_FIELD_OLD_KEYS) và lập lại khóa đối chiếu đơn trùng; chạy lại được nếu bị dừng giữa chừng.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="tối đa bao nhiêu bản ghi mỗi loại lần này")
        parser.add_argument("--check", action="store_true", help="chỉ đếm số bản ghi còn phải làm")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self.stdout.write(f"Còn {rotation.pending()} bản ghi chưa theo khóa hiện tại.")
            return
        try:
            done = rotation.do_rotate(limit=options["limit"], progress=lambda m: self.stderr.write(m))
        except CryptoError as exc:
            raise SystemExit(f"Không mở được dữ liệu đã mã hóa: {exc} Hãy đặt khóa cũ vào VANPHONG_FIELD_OLD_KEYS."
                             ) from None
        self.stdout.write(f"Đã mã hóa lại {done.resealed} mục, lập lại khóa đối chiếu của {done.reindexed} đơn "
                          f"(khóa {done.key_id}); còn {done.left}.")
